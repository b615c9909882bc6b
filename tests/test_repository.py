"""The real curriculum: it passes the checker and builds both editions with no warnings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from conftest import REPO
from heard.curriculum import Curriculum
from heard.rules import Context, run_rules

TRAINER_BLOCK = re.compile(r"^(`{3,})\{(trainer-notes|suggested-answers|trainer-only)\}[^\n]*\n"
                           r"(.*?)^\1\s*$", re.S | re.M)

PLAIN_SPAN = re.compile(r"[A-Za-z][A-Za-z ]{38}[A-Za-z]")


def test_the_curriculum_passes_every_rule():
    problems = run_rules(Curriculum.load(REPO), Context(today=dt.date.today()))
    assert problems == [], "\n".join(p.as_text() for p in problems)


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("site")
    built = {}
    for edition in ("learner", "trainer"):
        args = ["-W", "-n", "-q", "-b", "html", str(REPO), str(out / edition)]
        if edition == "trainer":
            args[:0] = ["-t", "trainer"]
        assert build_main(args) == 0, f"the {edition} edition has warnings"
        built[edition] = out / edition
    return built


def trainer_sentences() -> list[str]:
    """A distinctive line from every trainer-only block in the curriculum's sources."""
    found = []
    for path in [*REPO.glob("modules/*.md"), *REPO.glob("case_stories/*.md")]:
        for match in TRAINER_BLOCK.finditer(path.read_text(encoding="utf-8")):
            # letters and spaces only: Sphinx's smart quotes change punctuation
            spans = [m.group(0) for line in match.group(3).splitlines()
                     if not line.lstrip().startswith((":", "`", "|"))
                     for m in PLAIN_SPAN.finditer(line)]
            if spans:
                found.append(spans[0])
    return found


@pytest.mark.site
def test_learner_edition_holds_no_trainer_text_in_any_file(editions):
    sentences = trainer_sentences()
    assert len(sentences) >= 5
    files = [p for p in editions["learner"].rglob("*") if p.is_file()]
    leaks = [(s, str(p)) for p in files for s in sentences
             if s.encode() in p.read_bytes()]
    assert leaks == []
    trainer_text = "".join(p.read_text(errors="ignore") for p in editions["trainer"].rglob("*.html"))
    assert all(s in trainer_text for s in sentences[:3])  # the probe itself can find text


@pytest.mark.site
def test_both_editions_have_the_generated_pages(editions):
    for edition in ("learner", "trainer"):
        coverage = (editions[edition] / "modules/coverage.html").read_text()
        assert "Every quality item is taught by at least one module." in coverage
    assert (editions["trainer"] / "trainer_kit/index.html").is_file()
    assert not (editions["learner"] / "trainer_kit").exists()

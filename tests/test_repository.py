"""The real curriculum: it passes the checker and builds both editions with no warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import REPO, trainer_only_lines
from heard.curriculum import Curriculum
from heard.rules import Context, run_rules


def test_the_curriculum_passes_every_rule():
    problems = run_rules(Curriculum.load(REPO), Context(today=dt.date.today()))
    assert problems == [], "\n".join(p.as_text() for p in problems)


# `editions` (both editions of the real curriculum, built once) is in conftest.py.


@pytest.mark.site
def test_learner_edition_holds_no_trainer_text_in_any_file(editions):
    sentences = trainer_only_lines(REPO)
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


# Facts each source document gives, which a learner must be able to find on the site.
SOURCE_FACTS = {
    "coventry-2024": ["735", "647", "ten children", "fathers", "high support",
                      "families have the answers", "timekeeping", "abbreviations"],
    "bromley-young-people": ["heard properly", "job description", "interview panel",
                             "phone", "small things"],
    "social-work-forum-2016": ["monthly", "without managers", "caseload", "supervision",
                               "better for ourselves"],
    "suffolk-2020": ["Kirsty", "seminars", "six pillars", "train the trainer",
                     "interview questions"],
    "gscc-roles-tasks": ["empower", "balance of power", "anti-oppressive", "jargon",
                         "return", "social justice", "multi-agency"],
}


@pytest.mark.site
@pytest.mark.parametrize("source", sorted(SOURCE_FACTS))
def test_each_source_facts_are_on_the_learner_site(editions, source):
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in
                    editions["learner"].rglob("*.html")
                    if p.name not in ("search.html", "genindex.html")).lower()
    missing = [fact for fact in SOURCE_FACTS[source] if fact.lower() not in text]
    assert missing == []

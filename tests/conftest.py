"""Shared fixtures: Sphinx's test app, and a fresh copy of a small valid curriculum."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Any test that needs the real editions is a `site` test, marked or not, so the fast
    tier (`pytest -m "not site"`) never builds the real curriculum."""
    for item in items:
        if "editions" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A writable copy of tests/roots/test-curriculum, which passes every rule."""
    target = tmp_path / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", target)
    return target


# A trainer-only block in a source file, and a run of plain letters (Sphinx's smart quotes
# change punctuation, so leak probes match letters and spaces only).
TRAINER_BLOCK = re.compile(r"^(`{3,})\{(trainer-notes|suggested-answers|trainer-only)\}[^\n]*\n"
                           r"(.*?)^\1\s*$", re.S | re.M)
PLAIN_SPAN = re.compile(r"[A-Za-z][A-Za-z ]{38}[A-Za-z]")


def trainer_only_lines(root: Path) -> list[str]:
    """A distinctive line from every trainer-only block in the modules, stories and kit."""
    found = []
    for folder in ("modules", "case_stories", "trainer_kit"):
        for path in sorted((root / folder).rglob("*.md")):
            for match in TRAINER_BLOCK.finditer(path.read_text(encoding="utf-8")):
                spans = [m.group(0) for line in match.group(3).splitlines()
                         if not line.lstrip().startswith((":", "`", "|"))
                         for m in PLAIN_SPAN.finditer(line)]
                if spans:
                    found.append(spans[0])
    return found


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a fixture file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> dict[str, Path]:
    """The real curriculum built once per test session, both editions, as `heard build
    --strict` builds it: warnings are errors and references are nitpicky (-W -n)."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("site")
    built = {}
    for edition in ("learner", "trainer"):
        args = ["-W", "-n", "-q", "-b", "html", str(REPO), str(out / edition)]
        if edition == "trainer":
            args[:0] = ["-t", "trainer"]
        assert build_main(args) == 0, f"the {edition} edition has warnings"
        built[edition] = out / edition
    return built


@pytest.fixture(scope="session")
def kit(editions, tmp_path_factory) -> Path:
    """The real curriculum's delivery kit, both editions, from the session's HTML builds'
    doctrees (so nothing is read twice): out/kit/EDITION and its zip."""
    from heard.printing.kitbuild import build_kit

    out = tmp_path_factory.mktemp("kit")
    build_kit(REPO, out, strict=True, site=False,
              doctrees={name: path / ".doctrees" for name, path in editions.items()})
    return out / "kit"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; closed at the end of the session."""
    from playwright.sync_api import sync_playwright

    from webcheck import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def small_cc(tmp_path_factory) -> Path:
    """The test curriculum plus the assessment fixture, built once per session as `make cc`
    builds it (`heard build --format cc --strict`); the output folder (learner, trainer,
    .doctrees and cc inside)."""
    from assessment_fixture import add_assessment
    from heard.cli import main

    base = tmp_path_factory.mktemp("small-cc")
    root = add_assessment(shutil.copytree(ROOTS / "test-curriculum", base / "curriculum"))
    assert main(["build", "--format", "cc", "--strict", "--root", str(root), "--out",
                 str(base / "out")]) == 0
    return base / "out"

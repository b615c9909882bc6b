"""Shared fixtures: Sphinx's test app, and a fresh copy of a small valid curriculum."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A writable copy of tests/roots/test-curriculum, which passes every rule."""
    target = tmp_path / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", target)
    return target


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
def browser():
    """Debian's Chromium, headless, driven by Playwright; closed at the end of the session."""
    from playwright.sync_api import sync_playwright

    from webcheck import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()

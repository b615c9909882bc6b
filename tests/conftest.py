"""Shared fixtures: Sphinx's test app, and a fresh copy of a small valid curriculum."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


# Session fixtures that build something several test files share. Under pytest-xdist
# (`make test` runs `pytest -n auto`) every test that uses one runs on the same worker, so
# each is still built once per session; every other test runs with the rest of its file,
# so module fixtures are built once too.
SHARED_BUILDS = ("editions", "small_cc")
GROUPS = "HEARD_TEST_GROUPS"  # a folder where each worker writes {test id: group}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Any test that needs the real editions is a `site` test, marked or not, so the fast
    tier (`pytest -m "not site"`) never builds the real curriculum. Under xdist, each
    worker also writes every test's group for the scheduler (pytest_xdist_make_scheduler)."""
    groups = {}
    for item in items:
        used = getattr(item, "fixturenames", ())
        if "editions" in used:
            item.add_marker(pytest.mark.site)
        shared = next((name for name in SHARED_BUILDS if name in used), None)
        groups[item.nodeid] = shared or item.path.name
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker and os.environ.get(GROUPS):
        (Path(os.environ[GROUPS]) / f"{worker}.json").write_text(json.dumps(groups))


def pytest_configure(config) -> None:
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput") \
            and config.getoption("numprocesses", None):
        # Workers start after this and inherit the environment.
        os.environ[GROUPS] = tempfile.mkdtemp(prefix="heard-test-groups-")


def pytest_unconfigure(config) -> None:
    if not hasattr(config, "workerinput") and os.environ.get(GROUPS):
        shutil.rmtree(os.environ.pop(GROUPS), ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Send each group of tests (see pytest_collection_modifyitems) to one worker as a
    whole. (xdist's own `--dist loadgroup` cannot mark tests from fixtures under pytest 9,
    whose test ids it can no longer rewrite.)"""
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        @functools.cached_property
        def groups(self) -> dict[str, str]:
            found = sorted(Path(os.environ[GROUPS]).glob("*.json"))
            return json.loads(found[0].read_text()) if found else {}

        def _split_scope(self, nodeid: str) -> str:
            return self.groups.get(nodeid) or super()._split_scope(nodeid)

    return SharedBuildScheduling(config, log)


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

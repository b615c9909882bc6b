"""Shared fixtures: Sphinx's test app, and a fresh copy of a small valid curriculum."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pytest

# jsonschema's "iri" format check loads rfc3987-syntax (installed by `jupyter`), which builds
# a grammar at import: about a second in every test process. No schema the tests use has an
# iri format (the citation schema's addresses are "uri", checked by rfc3986-validator), and
# conf.py leaves it unloaded in builds the same way.
sys.modules.setdefault("rfc3987_syntax", None)

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


# Session fixtures that build something several test files share. Under pytest-xdist
# (`pytest -n 2`) every test that uses small_cc runs on the same worker, so it is still built
# once per session; every other test runs with the rest of its file, so module fixtures are
# built once too. The real editions are shared between workers on disk instead (see
# `editions`): each is built once, by whichever worker needs it first.
SHARED_BUILDS = ("small_cc",)
GROUPS = "HEARD_TEST_GROUPS"  # a folder where each worker writes {test id: group}
SHARED_SITE = "HEARD_TEST_SITE"  # under xdist: the folder where the editions are built once
SITE_WEIGHT = 50  # a test that builds or opens a browser, against 1 for any other


# The longest work in the suite, in groups of its own so that it can run on either worker:
# a file's tests for each value of the parameter named here form a group. The browser gates
# share each edition's audit; each withdrawal test builds the curriculum on its own.
SPLIT_BY_PARAMETER = {"test_accessibility.py": "edition", "test_withdrawal.py": "story"}


def parameter_group(item) -> str | None:
    callspec = getattr(item, "callspec", None)
    name = SPLIT_BY_PARAMETER.get(item.path.name)
    if callspec and name in callspec.params:
        return f"{item.path.name}[{callspec.params[name]}]"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Any test that needs the real editions or a browser is a `site` test, marked or not,
    so the fast tier (`pytest -m "not site"`) never builds the real curriculum or starts
    Chromium. Under xdist, each
    worker also writes every test's group for the scheduler (pytest_xdist_make_scheduler)."""
    groups: dict[str, str] = {}
    weights: dict[str, int] = {}
    for item in items:
        used = getattr(item, "fixturenames", ())
        if "editions" in used or "browser" in used:
            item.add_marker(pytest.mark.site)
        shared = next((name for name in SHARED_BUILDS if name in used), None)
        group = groups[item.nodeid] = shared or parameter_group(item) or item.path.name
        # A rough cost, so the slow groups start first and the workers finish together:
        # a test that builds or opens a browser outweighs many that do not.
        weights[group] = weights.get(group, 0) + (
            SITE_WEIGHT if item.get_closest_marker("site") else 1)
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker and os.environ.get(GROUPS):
        (Path(os.environ[GROUPS]) / f"{worker}.json").write_text(
            json.dumps({"groups": groups, "weights": weights}))


def pytest_configure(config) -> None:
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput") \
            and config.getoption("numprocesses", None):
        # Workers start after this and inherit the environment. A HEARD_TEST_SITE already
        # set names a folder to keep the editions in between runs (for work on site tests:
        # delete it when the curriculum changes); otherwise they last one session.
        os.environ[GROUPS] = tempfile.mkdtemp(prefix="heard-test-groups-")
        if not os.environ.get(SHARED_SITE):
            os.environ[SHARED_SITE] = tempfile.mkdtemp(prefix="heard-test-site-")
            config._heard_made_site = True


def pytest_unconfigure(config) -> None:
    if not hasattr(config, "workerinput"):
        made = (GROUPS, SHARED_SITE) if getattr(config, "_heard_made_site", False) else (GROUPS,)
        for name in made:
            if os.environ.get(name):
                shutil.rmtree(os.environ.pop(name), ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Send each group of tests (see pytest_collection_modifyitems) to one worker as a
    whole. (xdist's own `--dist loadgroup` cannot mark tests from fixtures under pytest 9,
    whose test ids it can no longer rewrite.)"""
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        @functools.cached_property
        def recorded(self) -> dict[str, dict]:
            found = sorted(Path(os.environ[GROUPS]).glob("*.json"))
            return json.loads(found[0].read_text()) if found else {}

        def _split_scope(self, nodeid: str) -> str:
            return self.recorded.get("groups", {}).get(nodeid) or super()._split_scope(nodeid)

        def _assign_work_unit(self, node) -> None:
            # Heaviest group first (xdist's own order is by number of tests); but while one
            # worker builds the real editions, the others take work that needs no build.
            weights = self.recorded.get("weights", {})
            ordered = sorted(self.workqueue.items(), key=lambda kv: -weights.get(kv[0], 0))
            building = self.site_handed_out and not (
                Path(os.environ.get(SHARED_SITE, "")) / "trainer.done").exists()
            if building:
                ordered.sort(key=lambda kv: weights.get(kv[0], 0) >= SITE_WEIGHT)
            self.workqueue.clear()
            self.workqueue.update(ordered)
            if self.workqueue and weights.get(next(iter(self.workqueue)), 0) >= SITE_WEIGHT:
                self.site_handed_out = True
            super()._assign_work_unit(node)

        site_handed_out = False

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


def build_edition(edition: str, out: Path) -> None:
    """One edition of the real curriculum, as `heard build --strict` builds it: warnings are
    errors and references are nitpicky (-W -n)."""
    from sphinx.cmd.build import build_main

    args = ["-W", "-n", "-q", "-b", "html", str(REPO), str(out)]
    if edition == "trainer":
        args[:0] = ["-t", "trainer"]
    assert build_main(args) == 0, f"the {edition} edition has warnings"


class SharedEditions(Mapping):
    """The real curriculum's two editions, each built on first use, once per test session.

    Under xdist the workers share one folder: an edition is built under a file lock by the
    first worker to want it, and the other worker finds it done. The learner edition always
    comes first, because its build runs the notebooks and keeps their outputs for the
    trainer build (heard/sphinxext/notebooks.py), so each notebook runs once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __getitem__(self, edition: str) -> Path:
        import fcntl

        if edition not in ("learner", "trainer"):
            raise KeyError(edition)
        if edition == "trainer":
            self["learner"]
        with open(self.folder / f"{edition}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            done = self.folder / f"{edition}.done"
            if not done.exists():
                build_edition(edition, self.folder / edition)
                done.touch()
        return self.folder / edition

    def __iter__(self):
        return iter(("learner", "trainer"))

    def __len__(self) -> int:
        return 2


@pytest.fixture(scope="session")
def editions(tmp_path_factory, worker_id) -> Mapping[str, Path]:
    """The real curriculum, both editions, built as `heard build --strict` builds them."""
    shared = os.environ.get(SHARED_SITE)
    if worker_id == "master" or not shared:
        return SharedEditions(tmp_path_factory.mktemp("site"))
    return SharedEditions(Path(shared))


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

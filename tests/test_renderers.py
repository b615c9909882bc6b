"""Snapshots of every renderer's doctree on the small curriculum (as sphinx-design checks its
snippets): a change in any generated page shows up as a diff of tests/snapshots/renderers/.

After an intended change, rewrite the snapshots and review the diff:
    HEARD_UPDATE_SNAPSHOTS=1 pytest tests/test_renderers.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOTS
from heard import features
from heard.curriculum import Curriculum
from heard.sphinxext.directives import placeholder
from heard.sphinxext.render import RENDERERS, Context

SNAPSHOTS = Path(__file__).parent / "snapshots" / "renderers"

# Each listing, on the page of the small curriculum where it belongs, with its argument and
# options as an author writes them.
CASES = {
    "module-overview": ("modules/heard", "", {}),
    "timetable": ("trainer_kit/day", "", {}),
    "story-card": ("modules/heard", "alpha", {}),
    "quality-list": ("case_stories/lists/qualities", "", {}),
    "framework-items": ("docs/frameworks/pcf", "", {}),
    "source-register": ("docs/sources", "", {}),
    "story-index": ("case_stories/index", "", {}),
    "module-index": ("modules/index", "", {}),
    "coverage-matrix": ("modules/index", "", {}),
    "framework-matrix": ("modules/index", "", {}),
    "six-w-brief": ("modules/heard", "", {"role-title": "Co-trainer", "ask": "Tell the story.",
                                          "why": "So that people hear it first-hand."}),
    "module-cards": ("index", "", {}),
    "story-cards": ("index", "", {}),
    "reading-list": ("modules/heard", "", {}),
    "review-records": ("trainer_kit/day", "", {}),
}


@pytest.fixture(scope="module")
def cur() -> Curriculum:
    return Curriculum.load(ROOTS / "test-curriculum", "learner")


def test_every_renderer_has_a_case():
    assert set(CASES) == set(features.LISTINGS) == set(RENDERERS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_output_matches_its_snapshot(cur, name):
    docname, argument, options = CASES[name]
    node = placeholder(what=name, argument=argument, options=options)
    rendered = RENDERERS[name](Context(cur, docname, node))
    text = "".join(child.pformat() for child in rendered)
    snapshot = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("HEARD_UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
        if not os.environ.get("HEARD_UPDATE_SNAPSHOTS"):
            pytest.fail(f"wrote the missing snapshot {snapshot.name}: review and commit it")
    assert text == snapshot.read_text(encoding="utf-8")


def test_a_timetable_says_who_leads_an_activity_that_names_it(tmp_path):
    import shutil

    from conftest import edit

    root = shutil.copytree(ROOTS / "test-curriculum", tmp_path / "root")
    edit(root / "modules/heard.md", ":format: pairs\n", ":format: pairs\n:lead: co-trainer\n")
    node = placeholder(what="timetable", argument="heard", options={})
    rendered = RENDERERS["timetable"](Context(Curriculum.load(root, "learner"), "modules/heard",
                                              node))
    text = "".join(child.astext() for child in rendered)
    assert "Talk in pairs (co-trainer leads)" in text
    assert "Read the story (" not in text  # unset: nothing added

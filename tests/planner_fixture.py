"""The planner's small fixture curriculum (tests/roots/test-planner), copied to a temporary
folder so each test run gets its own.

Its stories record their permission as `consent` with a free-text basis. When the content
model instead asks for a `reuse` record for retold stories (issue 13 §3), the copy is written
in that form, so the planner's tests do not depend on which story model is merged first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from heard import model

SOURCE = Path(__file__).parent / "roots" / "test-planner"
REUSE_FIELDS = ("  publisher: A test publisher\n  published: not given\n"
                "  licence: made up for the tests\n  subject_contacted: false\n")


def copy_planner_root(target: Path) -> Path:
    shutil.copytree(SOURCE, target)
    if "reuse" in model.Story.model_fields:
        for story in (target / "case_stories").glob("s-*.md"):
            text = story.read_text(encoding="utf-8")
            text = text.replace("consent:\n  basis: made up for tests\n",
                                "reuse:\n  basis: published account\n")
            text = text.replace("  review_by: 2030-01-01\n", "  review_by: 2030-01-01\n"
                                + REUSE_FIELDS)
            story.write_text(text, encoding="utf-8")
    return target

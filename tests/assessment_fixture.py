"""Add the assessment fixture (tests/data/assessment) to a copy of the test curriculum: one
assessment page for the module `heard` and its answer key in the trainer kit, both listed in
their tables of contents; and a web address for the source it reads. The result passes
every rule."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import edit

DATA = Path(__file__).parent / "data" / "assessment"
ASSESSMENT = "modules/assessment/heard.md"
ANSWER_KEY = "trainer_kit/assessment/heard.md"


def add_assessment(root: Path) -> Path:
    shutil.copytree(DATA, root, dirs_exist_ok=True)
    edit(root / "modules/index.md", "{toctree}\nheard\n", "{toctree}\nheard\nassessment/index\n")
    edit(root / "trainer_kit/index.md", "day\n```", "day\nassessment/index\n```")
    # a web address for the source on the reading list, so cartridges get a web link
    edit(root / "docs/sources.md", "    type: news summary\n",
         "    type: news summary\n    url: https://example.org/first-source\n")
    return root

"""Withdrawn stories in the build: leave the story out, and withhold what was built on it.

`heard.withdrawal` decides which documents are withheld. Here, each withheld document keeps
its page (so tables of contents, links and timetables still work) but Sphinx reads a short
notice in place of its text, and nbsphinx a one-cell notebook that runs nothing. Its record
(title, outcomes, activities) still feeds the generated pages, without its prose. Toctree
entries of a withdrawn story are dropped before Sphinx reads them, so no warning.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


from .. import loader
from ..withdrawal import find_uses, toctree_docname, withheld

# Uses that only follow from the withdrawal: the build handles them, so they are not warnings.
FOLLOW_UP_CODES = ("H060", "H062")
TOCTREE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                     re.M | re.S)


class Plan:
    """What one build leaves out: withdrawn stories (id -> path) and withheld documents
    (docname -> the withdrawn stories each was built on)."""

    def __init__(self, stories: dict[str, str], withheld_docs: dict[str, list[str]]) -> None:
        self.stories = stories
        self.withheld = withheld_docs
        self.story_docnames = {path.rsplit(".", 1)[0] for path in stories.values()}


def plan(srcdir: Path) -> Plan:
    """Read the stories' front matter; only if one is withdrawn, load the rest."""
    # The loader's answer is the one source of truth, for the checker and the build alike.
    stories = loader.withdrawn_documents(srcdir)
    if not stories:
        return Plan({}, {})
    uses = find_uses(loader.load_curriculum(srcdir, edition="trainer"), srcdir)
    return Plan(stories, {path.rsplit(".", 1)[0]: ids for path, ids in withheld(uses).items()})


def drop_toctree_entries(docname: str, text: str, gone: set[str]) -> str:
    """The text without toctree lines that name a withdrawn story."""
    def clean(match: re.Match) -> str:
        lines = [line for line in match.group("body").splitlines(keepends=True)
                 if line.lstrip().startswith(":") or not line.strip()
                 or toctree_docname(docname, line) not in gone]
        return match.group(0).replace(match.group("body"), "".join(lines), 1)

    return TOCTREE.sub(clean, text) if "{toctree}" in text else text


LEARNER_NOTICE = """\
This page is not available at the moment.
It was built on a story that has been withdrawn by the people it belongs to.
It will come back when it has been rewritten without that story.
"""


def trainer_notice(stories: list[str], notebook: bool) -> str:
    named = ", ".join(f"`{s}`" for s in stories)
    what = ("Give learners a different exercise, or run this one with figures from a source "
            "you can cite." if notebook else
            "To run this session now, choose another story with similar themes from the "
            "stories page, and rewrite the activities and discussion that used the withdrawn "
            "one. Check the timetable still adds up.")
    return (f"The withdrawn story was {named}. Learners and trainers see only this notice, "
            f"in both editions. {what} Run `heard check` to see every place that still uses "
            "the story, with the line to change.")


def stub_markdown(title: str, stories: list[str], edition: str) -> str:
    text = f"# {title}\n\n{LEARNER_NOTICE}\n"
    if edition == "trainer":
        text += ("\n```{trainer-notes} What to adapt\n"
                 f"{trainer_notice(stories, notebook=False)}\n```\n")
    return text


def stub_notebook(title: str, stories: list[str], edition: str) -> str:
    text = f"# {title}\n\n{LEARNER_NOTICE}"
    if edition == "trainer":
        text += f"\n**For trainers.** {trainer_notice(stories, notebook=True)}\n"
    return json.dumps({
        "cells": [{"cell_type": "markdown", "id": "withheld", "metadata": {}, "source": text}],
        "metadata": {"nbsphinx": {"execute": "never"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


def title_of(doc, text: str) -> str:
    if doc.meta is not None and getattr(doc.meta, "title", None):
        return doc.meta.title
    if doc.headings:
        return doc.headings[0][1]
    match = re.search(r'"source":\s*\[?\s*"#\s+([^"\\]+)', text)
    return match.group(1).strip() if match else "Withheld page"


def withhold(app, docname: str, rel: str, source: list[str]) -> object:
    """Replace a withheld document's text with its notice; return its record, without prose."""
    plan_ = app.env.heard_withdrawal
    doc = loader.load_text(rel, source[0], edition=app.config.heard_edition)
    title = title_of(doc, source[0])
    doc.prose.clear()
    doc.figure_reads.clear()  # a withheld notebook runs nothing, so reads no figure
    doc.headings[:] = [(1, title, 1)]
    stories = plan_.withheld[docname]
    make = stub_notebook if rel.endswith(".ipynb") else stub_markdown
    source[0] = make(title, stories, app.config.heard_edition)
    return doc


def on_config_inited(app, config) -> None:
    result = plan(Path(app.srcdir))
    app.heard_withdrawal_plan = result
    excluded = list(config.exclude_patterns)
    excluded += [path for path in result.stories.values() if path not in excluded]
    config.exclude_patterns = excluded
    if result.withheld:
        # Sphinx copies sources from disk, which would publish a withheld page's own text.
        config.html_copy_source = False


def on_builder_inited(app) -> None:
    app.env.heard_withdrawal = app.heard_withdrawal_plan
    app.env.get_domain("heard").set_withdrawn(app.heard_withdrawal_plan.stories)


def outdated(app, env, added, changed, removed) -> list[str]:
    """Pages whose withheld state changed since the last build are read again."""
    new = dict(app.heard_withdrawal_plan.withheld)
    old = getattr(env, "heard_withheld", {})
    env.heard_withheld = new
    flipped = {name for name in set(new) ^ set(old)} | \
              {name for name in new if old.get(name) not in (None, new[name])}
    return sorted(name for name in flipped if name in env.found_docs and name not in added)

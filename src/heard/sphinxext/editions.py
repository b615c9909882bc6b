"""The learner edition holds no trainer text, decided by what Sphinx built, not by spelling.

Trainer-only blocks are directives (`TrainerOnly` in directives.py) that build nothing in the
learner edition; Sphinx finds them by name ignoring case, so `{Suggested-Answers}` is one too.
Two mistakes still put trainer text on a page, and each is a located error here, removed from
the learner doctree:

- a trainer-only block written as code: without braces (```` ```suggested-answers ````), with a
  misspelt name, or indented four spaces (Markdown then shows the fence as code);
- the loader's record of a page (stored in the environment, which plain `sphinx-build` keeps
  inside the output folder) keeping text the learner page does not show, for instance from a
  block whose name the loader did not recognise. Such text is dropped from the record.
"""

from __future__ import annotations

import difflib
import re

from docutils import nodes
from sphinx.util import logging

LOGGER = logging.getLogger("heard")
TRAINER_DIRECTIVES = ("trainer-notes", "suggested-answers", "trainer-only")
FENCE = re.compile(r"^\s*(?:`{3,}|:{3,}|~{3,})\s*\{?\s*([A-Za-z][\w-]*)")


def trainer_name(name: str) -> str | None:
    """The trainer-only directive a name means (any case, braces or not, a small typo)."""
    name = name.strip("{} ").lower()
    if not name:
        return None
    match = difflib.get_close_matches(name, TRAINER_DIRECTIVES, n=1, cutoff=0.8)
    return match[0] if match else None


def code_named(node: nodes.literal_block) -> str | None:
    """The trainer-only directive a code block was probably meant to be."""
    language = node.get("language", "")
    if language and trainer_name(language):
        return trainer_name(language)
    first = FENCE.match(node.astext())
    return trainer_name(first.group(1)) if first else None


def letters(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def on_doctree_read(app, doctree) -> None:
    learner = app.config.heard_edition == "learner"
    for node in list(doctree.findall(nodes.literal_block)):
        meant = code_named(node)
        if meant is None:
            continue
        LOGGER.warning(
            f"this code block looks like a `{{{meant}}}` block, so its text would show as code "
            f"to learners; write it as a directive: ```{{{meant}}} at the start of a line, not "
            "indented" + (" (left out of the learner edition)" if learner else ""),
            type="heard", subtype="trainer-code", location=node)
        if learner:
            node.parent.remove(node)
    if learner:
        keep_only_what_the_page_shows(app.env, doctree)


def keep_only_what_the_page_shows(env, doctree) -> None:
    doc = env.get_domain("heard").documents.get(env.docname)
    if doc is None or env.docname in env.heard_withdrawal.withheld:
        return  # a withheld page's record keeps its activities for the timetables
    shown = letters(doctree.astext())

    def visible(text: str) -> bool:
        return letters(text) in shown

    doc.prose[:] = [(text, line) for text, line in doc.prose if visible(text)]
    doc.headings[:] = [h for h in doc.headings if visible(h[1])]
    doc.activities[:] = [a for a in doc.activities if visible(a.title)]
    doc.facts[:] = [f for f in doc.facts if visible(f.text)]

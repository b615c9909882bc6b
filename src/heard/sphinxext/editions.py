"""The learner edition holds no trainer text, decided by what Sphinx built, not by spelling.

Trainer-only blocks are directives (`TrainerOnly` in directives.py) that build nothing in the
learner edition; Sphinx finds them by name ignoring case, so `{Suggested-Answers}` is one too.
Two mistakes still put trainer text on a page, and each is a located error here, removed from
the learner doctree:

- a trainer-only block written as code: without braces (```` ```suggested-answers ````), with a
  misspelt name, or indented four spaces (Markdown then shows the fence as code);
- a learner page that includes, shows or offers for download a file under `trainer_kit/`
  (`{include}`, `{literalinclude}`, `{download}`), or shows a source file holding
  trainer-only blocks as code;
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


TRAINER_FENCE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{(?:%s)\}" % "|".join(TRAINER_DIRECTIVES),
                           re.M | re.I)
TRAINER_FOLDERS = ("trainer_kit",)


def trainer_file(srcdir, path) -> bool:
    """Whether a file (absolute, or relative to the source folder) is trainer-only."""
    from pathlib import Path

    try:
        rel = Path(srcdir, path).resolve().relative_to(Path(srcdir).resolve())
    except ValueError:
        return False
    return bool(rel.parts) and rel.parts[0] in TRAINER_FOLDERS


def refuse(node, message: str) -> None:
    LOGGER.warning(message + " (left out of the learner edition)", type="heard",
                   subtype="trainer-file", location=node)


def on_include_read(app, relative_path, parent_docname, content) -> None:
    """`{include}` of a trainer-kit file in the learner edition: an error, and nothing read."""
    if app.config.heard_edition == "learner" and trainer_file(app.srcdir, relative_path):
        LOGGER.warning(f"a learner page includes {relative_path}, which is trainer-only; "
                       "include it only from a trainer-only block, or move the text",
                       type="heard", subtype="trainer-file",
                       location=(app.env.docname, None))
        content[0] = ""


def refuse_trainer_files(app, doctree) -> None:
    from sphinx import addnodes

    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if trainer_file(app.srcdir, app.env.relfn2path(target, app.env.docname)[0]):
            refuse(node, f"a learner page offers {target} for download, which is trainer-only")
            node.replace_self(nodes.inline(node.astext(), node.astext()))
    for node in list(doctree.findall(nodes.literal_block)):
        source = node.get("source") or ""  # set by {literalinclude} only
        if not source:
            continue  # a code block written in the page itself
        if trainer_file(app.srcdir, source) or TRAINER_FENCE.search(node.astext()):
            refuse(node, f"a learner page shows {source} as code, which holds trainer-only "
                   "text")
            node.parent.remove(node)


def letters(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def trigrams(words: str) -> list[tuple[str, ...]]:
    split = words.split()
    return [tuple(split[i:i + 3]) for i in range(len(split) - 2)]


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
        refuse_trainer_files(app, doctree)
        keep_only_what_the_page_shows(app.env, doctree)
        forget_raw_sources(doctree)


def forget_raw_sources(doctree) -> None:
    """Every node keeps the Markdown it came from (`rawsource`), and a directive's includes
    the blocks nested in it: a {trainer-notes} inside a {note} would be pickled into the
    learner doctree that plain sphinx-build writes inside the output folder. The page never
    shows raw sources, so the learner edition keeps none (a literal block's is its text)."""
    for node in doctree.findall(nodes.Element):
        if not isinstance(node, nodes.FixedTextElement):
            node.rawsource = ""


def keep_only_what_the_page_shows(env, doctree) -> None:
    doc = env.get_domain("heard").documents.get(env.docname)
    if doc is None or env.docname in env.heard_withdrawal.withheld:
        return  # a withheld page's record keeps its activities for the timetables
    page = letters(doctree.astext())
    shown = set(trigrams(page))

    def visible(text: str) -> bool:
        # On the page word for word, or nearly all of its word triples are: the record's
        # prose has roles taken out ("dated 2024 ()"), which the page shows as link text, and
        # dropping such prose would change what the rules score.
        words = letters(text)
        if words in page:
            return True
        grams = trigrams(words)
        return len(grams) > 1 and sum(gram in shown for gram in grams) >= 0.8 * len(grams)

    doc.prose[:] = [(text, line) for text, line in doc.prose if visible(text)]
    doc.headings[:] = [h for h in doc.headings if visible(h[1])]
    doc.activities[:] = [a for a in doc.activities if visible(a.title)]
    doc.facts[:] = [f for f in doc.facts if visible(f.text)]

"""Rules about references: every story, source, item, domain, module and term resolves."""

from __future__ import annotations

from .. import features, model
from ..problems import Problem
from . import rule
from .placeholders import PLACEHOLDER_IDS

FIX = {**{name: role.fix for name, role in features.ROLES.items()}, "term": features.TERM_FIX}


def _target_exists(cur, role: str, target: str) -> bool:
    return features.resolve(cur, role, target) is not None


def _references(doc):
    """(role, target, line) for every reference a document makes."""
    meta = doc.meta
    if hasattr(meta, "source") and doc.kind != "page":
        yield "source", meta.source, doc.line_of("source")
    if isinstance(meta, model.Module):
        for index, story in enumerate(meta.stories):
            yield "story", story, doc.line_of("stories", index)
        for index, ref in enumerate(meta.teaches):
            yield "quality", ref, doc.line_of("teaches", index)
        for field in ("pcf", "swe"):
            for index, item in enumerate(getattr(meta, field)):
                yield "framework", f"{field}:{item}", doc.line_of(field, index)
        for index, source in enumerate(meta.reading):
            yield "source", source, doc.line_of("reading", index)
    for ref in doc.roles:
        if ref.role in FIX:
            yield ref.role, ref.target, ref.line
    for block in doc.blocks:
        if block.name == "story-card":
            yield "story", block.argument, block.line
        elif block.name == "timetable":
            for module_id in block.argument.split():
                yield "module", module_id, block.line
        elif block.name == "reading-list" and block.argument:
            yield "module", block.argument, block.line
    for fact in doc.facts:
        yield "source", fact.source, fact.line


@rule("H030", "unknown-reference", "A reference names a story, source, quality item, framework "
      "item, module or glossary term that does not exist.")
def unknown_references(cur, ctx):
    for doc in cur.documents:
        for role, target, line in _references(doc):
            if role == "story" and target in cur.withdrawn or target in cur.failed \
                    or target in PLACEHOLDER_IDS:  # H130 names the placeholder
                continue  # reported by H060, or where the target failed to load
            if role in ("module", "story") and target in cur.left_out:
                continue  # reported by H304
            if not _target_exists(cur, role, target):
                yield Problem(doc.path, line, "H030", f"unknown {role} `{target}`", FIX[role])


@rule("H060", "withdrawn-story-used", "A module or page still uses a story whose consent was "
      "withdrawn.")
def withdrawn_story_used(cur, ctx):
    for doc in cur.documents:
        if isinstance(doc.meta, model.Story):
            continue
        for role, target, line in _references(doc):
            if role == "story" and target in cur.withdrawn:
                yield Problem(doc.path, line, "H060",
                              f"story `{target}` is withdrawn (status: withdrawn in "
                              f"{cur.withdrawn[target]}) but is still used here",
                              "the build already withholds this; rewrite the page without "
                              "the story when you can")


@rule("H143", "unknown-figure", "A notebook reads a story figure id that no story has.")
def unknown_figures(cur, ctx):
    known = {figure.id for story in cur.stories.values() for figure in story.meta.figures}
    # A withdrawn story's figures: H060 already names the notebook that reads them, and the
    # build withholds it, so they are not unknown (one mistake, one error).
    gone = {figure.id for doc in cur.documents
            if doc.withdrawn and isinstance(doc.meta, model.Story)
            for figure in doc.meta.figures}
    for doc in cur.documents:
        for figure_id, line in doc.figure_reads:
            if figure_id not in known and figure_id not in gone:
                yield Problem(doc.path, line, "H143", f"unknown figure `{figure_id}`",
                              "use the id of a figure in a story's `figures:` list")

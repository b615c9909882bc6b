"""Rules about references: every story, source, item, domain, module and term resolves."""

from __future__ import annotations

from .. import model
from ..problems import Problem
from . import rule

FIX = {
    "story": "use the id of a story in case_stories/",
    "source": "use an id from the source register (docs/sources.md), or add the source there",
    "quality": "use list-id:item-id from a list in case_stories/lists/",
    "framework": "use framework-id:item-id, e.g. pcf:knowledge",
    "module": "use the id of a module in modules/",
    "term": "add the term to the glossary (docs/glossary.md)",
}


def _target_exists(cur, role: str, target: str) -> bool:
    if role == "story":
        return target in cur.stories
    if role == "source":
        return target in cur.sources
    if role == "quality":
        return cur.quality_item(target) is not None
    if role == "framework":
        framework_id, _, item_id = target.partition(":")
        if not item_id:
            return framework_id in cur.frameworks
        return cur.framework_item(framework_id, item_id) is not None
    if role == "module":
        return target in cur.modules
    if role == "term":
        return target in cur.terms or target.lower() in {t.lower() for t in cur.terms}
    return True


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
    for ref in doc.roles:
        if ref.role in FIX:
            yield ref.role, ref.target, ref.line
    for block in doc.blocks:
        if block.name == "story-card":
            yield "story", block.argument, block.line
        elif block.name == "timetable":
            for module_id in block.argument.split():
                yield "module", module_id, block.line
    for fact in doc.facts:
        yield "source", fact.source, fact.line


@rule("H030", "unknown-reference", "A reference names a story, source, quality item, framework "
      "item, module or glossary term that does not exist.")
def unknown_references(cur, ctx):
    for doc in cur.documents:
        for role, target, line in _references(doc):
            if role == "story" and target in cur.withdrawn:
                continue  # reported by H060
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
                              f"story `{target}` is withdrawn (consent withdrawn in "
                              f"{cur.withdrawn[target]}) but is still used here",
                              "remove the story from this page, or renew its consent")

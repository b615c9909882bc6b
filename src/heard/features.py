"""One home for every listing directive and cross-reference role, Sphinx-free.

The Sphinx directives (sphinxext/directives.py), the renderers (sphinxext/render.py), the
incremental-build dependencies (sphinxext/dependencies.py), the domain (sphinxext/domain.py)
and the checker's reference rule (rules/references.py) all read these tables, and references
resolve in one place, `resolve`, whether Sphinx links them or the checker checks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .curriculum import Curriculum


def anchor(kind: str, *parts: str) -> str:
    """The HTML id of a quality item, framework item or source on its page."""
    return "-".join((kind, *parts))


@dataclass(frozen=True)
class Listing:
    """A directive whose content is generated from other documents at write time."""

    name: str
    summary: str
    uses: tuple[str, ...] = ()  # record kinds it shows: a change to one rewrites the page


LISTINGS: dict[str, Listing] = {listing.name: listing for listing in (
    Listing("module-overview", "the module's summary, time, audiences, outcomes and links"),
    Listing("timetable", "start times of each activity, from their durations"),
    Listing("story-card", "a story's summary, voices, setting and source"),
    Listing("quality-list", "the items of a quality list, with the modules teaching each",
            ("kind:module",)),
    Listing("framework-items", "a framework's items, with the modules addressing each",
            ("kind:module",)),
    Listing("source-register", "every source, with how to cite it"),
    Listing("story-index", "a table of every story", ("kind:story", "kind:module")),
    Listing("module-index", "a table of every module", ("kind:module",)),
    Listing("coverage-matrix", "which modules teach each quality item",
            ("kind:module", "kind:quality-list")),
    Listing("framework-matrix", "which modules address each PCF domain and SWE standard",
            ("kind:module", "kind:framework")),
    Listing("six-w-brief", "a 6W brief for a co-trainer, as a table", ("framework:six-w",)),
    Listing("module-cards", "a card per module, with its length and audiences",
            ("kind:module",)),
    Listing("story-cards", "a card per story, with its voices and setting", ("kind:story",)),
    Listing("review-records", "each module's lived-experience review record, as a table",
            ("kind:module",)),
    Listing("reading-list", "a module's reading list in Harvard style, with RIS and BibTeX "
            "files", ("kind:source-register", "kind:module")),
)}


@dataclass(frozen=True)
class Role:
    """A cross-reference role: what it points at and how to fix a bad target."""

    name: str
    kind: str | None  # the record kind whose title is the link text (None: see `resolve`)
    fix: str


ROLES: dict[str, Role] = {role.name: role for role in (
    Role("story", "story", "use the id of a story in case_stories/"),
    Role("quality", "quality-list", "use list-id:item-id from a list in case_stories/lists/"),
    Role("framework", "framework", "use framework-id:item-id, e.g. pcf:knowledge"),
    Role("source", None, "use an id from the source register (docs/sources.md), or add the "
         "source there"),
    Role("module", "module", "use the id of a module in modules/"),
)}
# Sphinx's own `{term}` role; the checker checks its targets too.
TERM_FIX = "add the term to the glossary (docs/glossary.md)"


@dataclass(frozen=True)
class Target:
    docname: str
    anchor: str
    text: str


def resolve(cur: Curriculum, role: str, target: str) -> Target | None:
    """Where a reference points: its page, anchor and display text; None if nowhere."""
    if role in ("story", "module"):
        doc = (cur.stories if role == "story" else cur.modules).get(target)
        return Target(doc.docname, "", doc.meta.title) if doc else None
    if role == "quality":
        list_id, _, item_id = target.partition(":")
        item = cur.quality_item(target)
        return Target(cur.lists[list_id].docname, anchor("quality", list_id, item_id),
                      item.text) if item else None
    if role == "framework":
        framework_id, _, item_id = target.partition(":")
        doc = cur.frameworks.get(framework_id)
        if doc is None:
            return None
        if not item_id:
            return Target(doc.docname, "", doc.meta.title)
        item = cur.framework_item(framework_id, item_id)
        return Target(doc.docname, anchor("framework", framework_id, item_id),
                      item.name) if item else None
    if role == "source":
        # The register that holds it: upstream's, or an organisation's own (local/).
        source, doc = cur.sources.get(target), cur.source_docs.get(target)
        if source is None or doc is None:
            return None
        return Target(doc.docname, anchor("source", target), source.title)
    if role == "term":
        terms = {t.lower(): t for t in cur.terms}
        term = cur.terms.get(target) or cur.terms.get(terms.get(target.lower(), ""))
        docname = cur.glossary_doc.docname if cur.glossary_doc else ""
        return Target(docname, "", term.term) if term else None
    return None

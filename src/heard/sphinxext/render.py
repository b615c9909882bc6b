"""Fill the placeholders at write time, from the whole curriculum held in the domain."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import features, levels, model
from ..curriculum import Curriculum
from .directives import LEAD_WORDS, placeholder
from .domain import anchor

LICENCE_PAGE = "docs/licence"
AUDIENCES = {"students": "social work students", "nqsw-asye": "NQSW and ASYE social workers",
             "experienced": "experienced practitioners", "managers": "managers"}


# -- small node builders -------------------------------------------------------------------


def xref(typ: str, target: str, text: str | None = None) -> nodes.Node:
    ref = addnodes.pending_xref("", refdomain="heard", reftype=typ, reftarget=target,
                                refexplicit=text is not None, refwarn=False)
    ref += nodes.inline(text or target, text or target)
    return ref


def para(*parts: nodes.Node | str, classes: Iterable[str] = ()) -> nodes.paragraph:
    node = nodes.paragraph(classes=list(classes))
    for part in parts:
        node += nodes.Text(part) if isinstance(part, str) else part
    return node


def joined(parts: list[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            out.append(nodes.Text(sep))
        out.append(part)
    return out


def bullets(items: Iterable[list[nodes.Node] | nodes.Node | str]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for item in items:
        parts = item if isinstance(item, list) else [item]
        listing += nodes.list_item("", para(*parts))
    return listing


def chips(refs: Iterable[nodes.Node]) -> nodes.bullet_list:
    """Links as a compact, wrapping row of chips (theme: ul.heard-chips)."""
    listing = nodes.bullet_list(classes=["heard-chips"])
    for ref in refs:
        listing += nodes.list_item("", para(ref))
    return listing


def table(headers: list[str], rows: list[list], caption: str = "",
          classes: Iterable[str] = ()) -> nodes.table:
    """A table whose first column is a row header (<th>), for screen readers."""
    node = nodes.table(classes=["heard-table", *classes])
    if caption:
        node += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    node += group
    for index in range(len(headers)):
        group += nodes.colspec(colwidth=1, stub=1 if index == 0 else 0)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", para(text)) for text in headers))
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            parts = cell if isinstance(cell, list) else [cell]
            row += nodes.entry("", para(*parts))
        body += row
    group += body
    return node


def minutes(total: int) -> str:
    hours, mins = divmod(total, 60)
    if not hours:
        return f"{mins} minutes"
    return f"{hours} hour{'s' if hours > 1 else ''}" + (f" {mins} minutes" if mins else "")


def clock(offset: int) -> str:
    return f"{offset // 60}:{offset % 60:02d}"


# -- renderers -----------------------------------------------------------------------------


class Context:
    def __init__(self, cur: Curriculum, docname: str, node: placeholder) -> None:
        self.cur, self.docname, self.node = cur, docname, node
        self.argument: str = node.get("argument", "")
        self.doc = cur.document(docname)


def module_overview(ctx: Context) -> list[nodes.Node]:
    meta = ctx.doc.meta if ctx.doc else None
    if not isinstance(meta, model.Module):
        return [para("This page is not a module.")]
    out: list[nodes.Node] = [para(meta.summary, classes=["heard-summary"])]
    facts = [
        [nodes.strong("", "Time: "), nodes.Text(minutes(meta.duration))],
        [nodes.strong("", "For: "), nodes.Text(", ".join(AUDIENCES[a] for a in meta.audiences))],
        [nodes.strong("", "Group size: "), nodes.Text(meta.group_size)],
        [nodes.strong("", "Co-delivery with a trainer with lived experience: "),
         nodes.Text(meta.co_delivery)],
    ]
    if meta.if_no_co_trainer:
        facts.append([nodes.strong("", "If no co-trainer can be found in time: "),
                      nodes.Text(meta.if_no_co_trainer)])
    out.append(bullets(facts))
    out.append(para(nodes.strong("", "By the end of this module you will be able to:")))
    out.append(bullets(meta.outcomes))
    out.extend(levelled_outcomes(ctx.cur, meta))
    links = [("Stories", [xref("story", s) for s in meta.stories]),
             ("Qualities taught", [xref("quality", q) for q in meta.teaches]),
             ("PCF domains", [xref("framework", f"pcf:{d}") for d in meta.pcf]),
             ("Social Work England standards", [xref("framework", f"swe:{d}") for d in meta.swe])]
    for label, refs in links:
        if refs:  # a label, then its links as compact chips (a list: screen readers count them)
            out.append(para(nodes.strong("", label), classes=["heard-chips-label"]))
            out.append(chips(refs))
    box = nodes.container(classes=["heard-overview"])
    box.extend(out)
    return [box]


def levelled_outcomes(cur: Curriculum, meta: model.Module) -> list[nodes.Node]:
    """The module's outcomes for each stage of study or practice: one captioned table a stage,
    each outcome a row header with its PCF domains and SWE standard numbers."""
    if not meta.levels:
        return []
    swe = cur.frameworks.get("swe")
    item_of = {point.number: item.id for item in (swe.meta.items if swe else [])
               for point in item.points}
    out: list[nodes.Node] = [para(nodes.strong("", "Outcomes by level of study or practice"),
                                  classes=["heard-levels-label"])]
    for entry in meta.levels:
        rows = []
        for outcome in entry.outcomes:
            pcf = joined([xref("framework", f"pcf:{d}") for d in outcome.pcf])
            standards = joined([xref("framework", f"swe:{item_of[n]}", n) if n in item_of
                                else nodes.Text(n) for n in outcome.swe])
            rows.append([outcome.text, pcf, standards])
        caption = (f"{levels.STAGE_NAMES[entry.level]}: mapped at PCF level "
                   f"{levels.PCF_LEVEL_NAMES[entry.pcf_level]}")
        out.append(table(["Outcome", "PCF domains", "SWE standards"], rows, caption,
                         classes=["heard-levels"]))
    return out


def timetable(ctx: Context) -> list[nodes.Node]:
    meta = ctx.doc.meta if ctx.doc else None
    if isinstance(meta, model.Programme) and not ctx.argument:
        sessions = [(s.module, s.title, s.minutes) for s in meta.sessions]
        pauses = {(s.module, p.after): p for s in meta.sessions for p in s.breaks}
    else:
        ids = ctx.argument.split() or ([ctx.doc.id] if ctx.doc and ctx.doc.id else [])
        sessions = [(module_id, "", None) for module_id in ids]
        pauses = {}
    rows, offset = [], 0
    for module_id, title, length in sessions:
        if module_id is None:
            rows.append([clock(offset), title, "", str(length)])
            offset += length
            continue
        doc = ctx.cur.modules.get(module_id)
        if doc is None:
            continue
        if len(sessions) > 1:
            rows.append([clock(offset), [xref("module", module_id)], "", ""])
        for activity in doc.activities:
            led = f" ({LEAD_WORDS[activity.lead]})" if activity.lead else ""
            rows.append([clock(offset), activity.title + led, activity.format,
                         str(activity.duration)])
            offset += activity.duration
            pause = pauses.get((module_id, activity.title))
            if pause:  # a programme's break inside a module (see the planner, heard plan)
                rows.append([clock(offset), pause.title, "", str(pause.minutes)])
                offset += pause.minutes
    if not rows:
        return [para("No activities to time.")]
    rows.append(["End", f"Total: {minutes(offset)}", "", str(offset)])
    return [table(["Starts at", "Activity", "Format", "Minutes"], rows,
                  "Timetable (hours:minutes from the start)", ["heard-timetable"])]


def story_card(ctx: Context) -> list[nodes.Node]:
    story_id = ctx.argument.strip()
    if story_id in ctx.cur.withdrawn:
        return [para("This story has been withdrawn by the people it belongs to.")]
    doc = ctx.cur.stories.get(story_id)
    if doc is None:
        return [para(f"Unknown story: {story_id}")]
    meta = doc.meta
    card = nodes.container(classes=["heard-box", "heard-story-card"])
    title = nodes.rubric("", "", xref("story", story_id), classes=["heard-card-title"])
    title["heading-level"] = 3
    card += title
    card += para(meta.summary)
    details = [[nodes.strong("", "Voices: "), nodes.Text(", ".join(meta.voices))],
               [nodes.strong("", "Setting: "), nodes.Text(meta.setting)],
               [nodes.strong("", "Source: "), xref("source", meta.source)]]
    if meta.content_notes:
        details.insert(0, [nodes.strong("", "Content note: "),
                           nodes.Text(", ".join(meta.content_notes))])
    card += bullets(details)
    return [card]


def quality_list(ctx: Context) -> list[nodes.Node]:
    meta = ctx.doc.meta if ctx.doc else None
    if not isinstance(meta, model.QualityList):
        return [para("This page is not a quality list.")]
    listing = nodes.enumerated_list(classes=["heard-quality-list"])
    for item in meta.items:
        entry = nodes.list_item(ids=[anchor("quality", meta.id, item.id)])
        entry += para(item.text)
        if item.quote:
            entry += para(f"In their words: “{item.quote}”", classes=["heard-quote"])
        modules = ctx.cur.modules_teaching(f"{meta.id}:{item.id}")
        if modules:
            entry += para("Taught in: ", *joined([xref("module", m.id) for m in modules]),
                          classes=["heard-taught-in"])
        listing += entry
    return [listing, third_party_notice(ctx, meta.source, "These items")]


def third_party_notice(ctx: Context, source_id: str, what: str) -> nodes.paragraph:
    """Says that material on the page is a published source's, not the course's to license.
    NOTICE.md (shown on docs/licence) lists every such page and the basis for using it."""
    env = ctx.node.document.settings.env if ctx.node.document else None
    where: list[nodes.Node | str] = ["the third-party notice in NOTICE.md"]
    if env is not None and LICENCE_PAGE in env.found_docs:
        ref = addnodes.pending_xref("", refdomain="std", reftype="doc", refexplicit=True,
                                    reftarget=f"/{LICENCE_PAGE}", refdoc=ctx.docname,
                                    refwarn=True)
        ref += nodes.inline("", "the third-party notice")
        where = [ref]
    return para(nodes.strong("", "Third-party material. "),
                f"{what} come from ", xref("source", source_id),
                ". Quotations are the source's own words. This material is not covered by the "
                "course's CC BY licence; see ", *where, ".", classes=["heard-third-party"])


def framework_items(ctx: Context) -> list[nodes.Node]:
    meta = ctx.doc.meta if ctx.doc else None
    if not isinstance(meta, model.Framework):
        return [para("This page is not a framework.")]
    listing = nodes.bullet_list(classes=["heard-framework-items"])
    for item in meta.items:
        entry = nodes.list_item(ids=[anchor("framework", meta.id, item.id)])
        label = f"{item.number}. {item.name}" if item.number is not None else item.name
        entry += para(nodes.strong("", label))
        if item.text:
            entry += para(item.text)
        if item.points:  # numbered points, e.g. SWE 1.1: our summaries, each one checked
            entry += bullets([[nodes.strong("", point.number), nodes.Text(f" {point.text}")]
                              for point in item.points])
        if item.origin == "curriculum":
            entry += para(nodes.strong("", "Added by this curriculum, not in the source. "),
                          item.note, classes=["heard-own-addition"])
        elif item.note:
            entry += para(item.note, classes=["heard-note"])
        if meta.id in ("pcf", "swe"):
            modules = [m for m in ctx.cur.modules.values() if item.id in getattr(m.meta, meta.id)]
            if modules:
                entry += para("Addressed in: ", *joined([xref("module", m.id) for m in modules]),
                              classes=["heard-taught-in"])
        listing += entry
    return [listing, third_party_notice(ctx, meta.source, "The names of these items")]


def source_register(ctx: Context) -> list[nodes.Node]:
    meta = ctx.doc.meta if ctx.doc else None
    if not isinstance(meta, model.SourceRegister):
        return [para("This page is not the source register.")]
    listing = nodes.bullet_list(classes=["heard-sources"])
    for source in meta.sources:
        entry = nodes.list_item(ids=[anchor("source", source.id)])
        entry += para(nodes.strong("", source.title), f". {source.publisher}. ",
                      str(source.date) if source.date else "No date given", f". {source.type}.")
        if source.url:
            entry += para(nodes.reference(source.url, source.url, refuri=source.url))
        if source.note:
            entry += para(source.note, classes=["heard-note"])
        entry += para(nodes.literal("", f"{{source}}`{source.id}`"), classes=["heard-cite-as"])
        listing += entry
    return [listing]


def story_index(ctx: Context) -> list[nodes.Node]:
    rows = []
    for story_id, doc in sorted(ctx.cur.stories.items(), key=lambda kv: kv[1].meta.title):
        meta = doc.meta
        used = [xref("module", m.id) for m in ctx.cur.modules_using_story(story_id)]
        rows.append([[xref("story", story_id)], meta.summary, ", ".join(meta.voices),
                     ", ".join(meta.content_notes) or "None", joined(used) or ["Not yet used"]])
    if not rows:
        return [para("There are no stories yet.")]
    return [table(["Story", "Summary", "Voices", "Content notes", "Used in"], rows,
                  "Stories in this curriculum")]


def module_index(ctx: Context) -> list[nodes.Node]:
    rows = []
    for module_id, doc in sorted(ctx.cur.modules.items(), key=lambda kv: kv[1].docname):
        meta = doc.meta
        rows.append([[xref("module", module_id)], meta.summary, minutes(meta.duration),
                     ", ".join(AUDIENCES[a] for a in meta.audiences), meta.co_delivery])
    if not rows:
        return [para("There are no modules yet.")]
    return [table(["Module", "Summary", "Time", "For", "Co-delivery"], rows, "Modules")]


def module_cards(ctx: Context) -> list[nodes.Node]:
    """The modules as compact cards: title, length, audience and summary (the home page)."""
    listing = nodes.bullet_list(classes=["heard-cards", "heard-module-cards"])
    for module_id, doc in sorted(ctx.cur.modules.items(), key=lambda kv: kv[1].docname):
        meta = doc.meta
        entry = nodes.list_item()
        entry += para(nodes.strong("", "", xref("module", module_id)), classes=["heard-card-title"])
        entry += para(f"{minutes(meta.duration)} · For: "
                      + ", ".join(AUDIENCES[a] for a in meta.audiences),
                      classes=["heard-facts-line"])
        entry += para(meta.summary)
        listing += entry
    return [listing] if ctx.cur.modules else [para("There are no modules yet.")]


def story_cards(ctx: Context) -> list[nodes.Node]:
    """The stories as compact cards: title, whose voices, and any content note."""
    listing = nodes.bullet_list(classes=["heard-cards", "heard-story-cards"])
    for story_id, doc in sorted(ctx.cur.stories.items(), key=lambda kv: kv[1].meta.title):
        meta = doc.meta
        entry = nodes.list_item()
        entry += para(nodes.strong("", "", xref("story", story_id)), classes=["heard-card-title"])
        facts = "Voices: " + ", ".join(meta.voices)
        if meta.content_notes:
            facts += ". Content note: " + ", ".join(meta.content_notes)
        entry += para(facts, classes=["heard-facts-line"])
        listing += entry
    return [listing] if ctx.cur.stories else [para("There are no stories yet.")]


def _module_columns(cur: Curriculum) -> list[model.Module]:
    return [doc.meta for doc in sorted(cur.modules.values(), key=lambda d: d.docname)]


def _matrix(ctx: Context, groups, gaps: list[str], caption: str, gap_text: str,
            ok_text: str) -> list[nodes.Node]:
    """One table per group: a row per item, a column per module, ✓ where the module covers it.

    `groups` yields (row header, caption title, [(ref, link node, covered(module) -> bool)]);
    `gaps` are the curriculum's own coverage gaps (the ones the checker reports).
    """
    modules = _module_columns(ctx.cur)
    out: list[nodes.Node] = []
    for header, title, rows_in in groups:
        rows = []
        for _ref, link, covered in rows_in:
            rows.append([[link], *("✓" if covered(m) else "" for m in modules)])
        out.append(table([header, *(m.title for m in modules)], rows,
                         caption.format(title=title), ["heard-matrix"]))
    summary = f"{gap_text}: {', '.join(gaps)}." if gaps else ok_text
    return [para(summary, classes=["heard-coverage-summary"]), *out]


def coverage_matrix(ctx: Context) -> list[nodes.Node]:
    groups = (("Quality item", doc.meta.title,
               [(ref, xref("quality", ref), lambda m, ref=ref: ref in m.teaches)
                for ref in (f"{list_id}:{item.id}" for item in doc.meta.items)])
              for list_id, doc in sorted(ctx.cur.lists.items()))
    return _matrix(ctx, groups, ctx.cur.untaught_items(),
                   "{title}: which modules teach each item (✓ = taught)",
                   "Not yet taught",
                   "Every quality item is taught by at least one module.")


def framework_matrix(ctx: Context) -> list[nodes.Node]:
    def rows(framework_id, doc):
        for item in doc.meta.items:
            label = f"{item.number}. {item.name}" if item.number else item.name
            yield (f"{framework_id}:{item.id}", xref("framework", f"{framework_id}:{item.id}", label),
                   lambda m, item_id=item.id: item_id in getattr(m, framework_id))

    groups = ((doc.meta.title, doc.meta.title, list(rows(framework_id, doc)))
              for framework_id, doc in ((f, ctx.cur.frameworks.get(f)) for f in ("pcf", "swe"))
              if doc is not None)
    gaps = [f"{f}:{item}" for f in ("pcf", "swe") for item in ctx.cur.unaddressed(f)]
    return _matrix(ctx, groups, gaps, "{title}: which modules address each (✓ = addressed)",
                   "Not yet addressed",
                   "Every PCF domain and Social Work England standard is addressed.")


def six_w_brief(ctx: Context) -> list[nodes.Node]:
    options = dict(ctx.node.get("options", {}))
    role_title = options.pop("role-title", "a service-user trainer")
    framework = ctx.cur.frameworks.get("six-w")
    items = framework.meta.items if framework else []
    rows = []
    for item in items:
        # The co-trainer reads the brief, so each question speaks to them ("you").
        question = (item.to_you or item.name) + (
            " (the course's own question, not Suffolk's)" if item.origin == "curriculum" else "")
        rows.append([[xref("framework", f"six-w:{item.id}", question)],
                     options.get(item.id, "Not answered yet.")])
    box = nodes.container(classes=["heard-box", "heard-brief"])
    box += table(["6W question", "Answer"], rows, f"6W brief: {role_title}")
    return [box]


# One renderer per listing in the registry (heard/features.py), named after it.
RENDERERS: dict[str, Callable[[Context], list[nodes.Node]]] = {
    name: globals()[name.replace("-", "_")] for name in features.LISTINGS}


class FillPlaceholders(SphinxPostTransform):
    # Before ReferencesResolver (10), so the cross-references made here get resolved.
    default_priority = 5

    def run(self, **kwargs) -> None:
        found = list(self.document.findall(placeholder))
        if not found:
            return
        cur = self.env.get_domain("heard").curriculum()
        for node in found:
            new = RENDERERS[node["what"]](Context(cur, self.env.docname, node))
            for child in new:
                for titled in child.findall(nodes.table):  # captioned tables need an id
                    if not titled["ids"]:
                        self.document.set_id(titled, suggested_prefix="table")
            node.replace_self(new)

"""Rules about teaching: timings add up, outcomes are measurable, everything is covered."""

from __future__ import annotations

from .. import briefs, model
from ..problems import Problem
from . import rule

# Verbs whose result can be seen or assessed (revised Bloom's taxonomy, Anderson and
# Krathwohl 2001). "Know", "understand" and "appreciate" are left out on purpose.
MEASURABLE_VERBS = frozenset("""
analyse apply arrange assess build calculate categorise choose classify compare compose
construct contrast create critique debate decide define demonstrate describe design
develop devise differentiate discuss distinguish draft evaluate examine explain formulate
give identify illustrate interpret judge justify list map match name outline plan practise
predict prepare prioritise produce propose rank rate recall recognise record reflect
rehearse relate report rewrite role-play select share show solve state suggest summarise
test use write
""".split())
CO_DELIVERY_NEEDS_BRIEF = ("required", "recommended")


def _modules(cur):
    return sorted(cur.modules.values(), key=lambda doc: doc.path)


@rule("H040", "durations-do-not-add-up", "A module's activity durations do not add up to its "
      "duration.")
def durations_add_up(cur, ctx):
    for doc in _modules(cur):
        if not doc.activities:
            yield Problem(doc.path, doc.meta_line, "H040", f"module `{doc.id}` has no activities",
                          "add ```{activity}``` blocks with :duration: and :format:")
            continue
        total = sum(activity.duration for activity in doc.activities)
        if total != doc.meta.duration:
            yield Problem(doc.path, doc.line_of("duration"), "H040",
                          f"activities add up to {total} minutes but `duration` is "
                          f"{doc.meta.duration}",
                          "change an activity's :duration: or the module's duration so they match")


@rule("H041", "programme-timing", "A programme's sessions do not add up to its duration.")
def programmes_add_up(cur, ctx):
    for doc in cur.documents:
        meta = doc.meta
        if not isinstance(meta, model.Programme):
            continue
        total: int | None = 0
        for index, session in enumerate(meta.sessions):
            if session.module is None:
                total = None if total is None else total + session.minutes
            elif session.module in cur.modules:
                total = None if total is None else (
                    total + cur.modules[session.module].meta.duration
                    + sum(pause.minutes for pause in session.breaks))
            elif session.module in cur.failed:
                total = None  # the module's own error says why; its length is unknown
            else:
                yield Problem(doc.path, doc.line_of("sessions", index), "H030",
                              f"unknown module `{session.module}`", "use the id of a module")
        if total is not None and total != meta.duration:
            yield Problem(doc.path, doc.line_of("duration"), "H041",
                          f"sessions add up to {total} minutes but `duration` is {meta.duration}",
                          "change a session's minutes, the modules, or the duration so they match")


@rule("H090", "outcome-not-measurable", "A learning outcome does not start with a measurable "
      "verb.")
def outcomes_measurable(cur, ctx):
    for doc in _modules(cur):
        for index, outcome in enumerate(doc.meta.outcomes):
            verb = (outcome.split() or [""])[0].strip(",.:;").lower()
            if verb not in MEASURABLE_VERBS:
                yield Problem(doc.path, doc.line_of("outcomes", index), "H090",
                              f"outcome does not start with a measurable verb: {outcome!r}",
                              "start with a verb you could observe, such as Identify, Describe, "
                              "Compare, Explain or Plan (not know, understand or appreciate)")


@rule("H050", "quality-item-not-taught", "A quality item is taught by no module.")
def items_taught(cur, ctx):
    gaps = set(cur.untaught_items())
    for ref, doc, item in cur.quality_items():
        if ref in gaps:
            index = doc.meta.items.index(item)
            yield Problem(doc.path, doc.line_of("items", index, "id"), "H050",
                          f"quality item `{ref}` is not taught by any module",
                          f"add `{ref}` to the `teaches` list of a module")


@rule("H051", "story-not-used", "A story is used by no module.")
def stories_used(cur, ctx):
    used = {story for doc in cur.modules.values() for story in doc.meta.stories}
    for story_id, doc in sorted(cur.stories.items()):
        if story_id not in used:
            yield Problem(doc.path, doc.line_of("id"), "H051",
                          f"story `{story_id}` is not used by any module",
                          f"add `{story_id}` to the `stories` list of a module")


@rule("H052", "framework-item-not-addressed", "A PCF domain or Social Work England standard is "
      "addressed by no module.")
def frameworks_addressed(cur, ctx):
    for field in ("pcf", "swe"):
        doc = cur.frameworks.get(field)
        if doc is None:
            continue
        gaps = set(cur.unaddressed(field))
        for index, item in enumerate(doc.meta.items):
            if item.id in gaps:
                yield Problem(doc.path, doc.line_of("items", index, "id"), "H052",
                              f"{field} `{item.id}` ({item.name}) is addressed by no module",
                              f"add `{item.id}` to the `{field}` list of a module that covers it")


@rule("H070", "six-w-brief-incomplete", "A 6W brief does not answer every 6W question, or a "
      "co-delivered module has no brief.")
def briefs_complete(cur, ctx):
    pillars = [item_id for item_id, _q, _own in briefs.questions(cur)]
    for doc in cur.documents:
        for brief in doc.briefs:
            found = briefs.gaps(brief.answers, pillars)
            if found.missing:
                yield Problem(doc.path, brief.line, "H070",
                              f"6W brief `{brief.role_title}` does not answer: "
                              + ", ".join(found.missing),
                              "add " + " ".join(f":{p}:" for p in found.missing)
                              + " with an answer for each")
            if found.unknown:
                yield Problem(doc.path, brief.line, "H070",
                              "6W brief has options that are not 6W items: "
                              + ", ".join(found.unknown),
                              "use the item ids of the 6W framework: " + ", ".join(pillars))
        if isinstance(doc.meta, model.Module) and doc.meta.co_delivery in CO_DELIVERY_NEEDS_BRIEF \
                and not doc.has_block("six-w-brief"):
            yield Problem(doc.path, doc.line_of("co_delivery"), "H070",
                          f"module `{doc.id}` is co-delivered ({doc.meta.co_delivery}) but has no "
                          "6W brief", "add a ```{six-w-brief}``` for the service-user trainer")

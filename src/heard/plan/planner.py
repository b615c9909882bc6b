"""Plan a session: resolve the request, choose activities, lay them out, explain the gaps."""

from __future__ import annotations

from .. import levels
from ..curriculum import Curriculum
from .layout import DoesNotFit, RunSheet, lay_out
from .optimise import Option, eligible, module_order, needs_co_trainer, optimise, options
from .request import PlanError, Request, Target, resolve

MAX_TRIES = 5000  # choices laid out before giving up; the best fits long before this


def make_plan(cur: Curriculum, request: Request) -> RunSheet:
    """The run sheet for a request; PlanError (with an alternative) when nothing fits."""
    targets = resolve(cur, request.cover)
    docs, excluded = eligible(cur, request)
    if request.modules is not None:
        if not request.modules:
            raise PlanError("the saved plan's `modules` list is empty: name at least one "
                            "module, or remove `modules` to let the planner choose")
        chosen = fixed_choice(cur, request, {d.id for d in docs}, excluded)
        covered_mask = sum(1 << i for i, t in enumerate(targets)
                           if t.modules & {o.module for o in chosen})
        try:
            rows = lay_out(cur, request, chosen)
        except DoesNotFit as exc:
            raise PlanError(f"the saved plan no longer fits in {request.minutes} minutes "
                            f"({exc}); {shortest_fit(cur, request, chosen)}") from None
    else:
        reachable = [t for t in targets if t.modules & {d.id for d in docs}]
        if targets and not reachable:
            raise PlanError(nothing_reachable(cur, request, targets, excluded))
        rows, chosen, covered_mask = None, [], 0
        budget = request.minutes - request.opening - request.closing
        for tries, choice in enumerate(optimise(docs, targets, max(budget, 0),
                                                request.transition, request.co_trainer)):
            if tries >= MAX_TRIES:
                break
            ordered = session_order(cur, choice.options)
            try:
                rows = lay_out(cur, request, ordered)
            except DoesNotFit:
                continue
            if rows:
                chosen, covered_mask = ordered, choice.covered
                break
        if not rows:
            raise PlanError(too_short(cur, request, docs))
    sheet = RunSheet(request, rows, excluded=[(e.module, e.why) for e in excluded])
    sheet.covered = [t.label for i, t in enumerate(targets) if covered_mask >> i & 1]
    sheet.uncovered = [(t.label, why_uncovered(cur, t, docs, excluded, request.co_trainer))
                       for i, t in enumerate(targets) if not covered_mask >> i & 1]
    sheet.content_notes = content_notes(cur, chosen)
    sheet.levelled = levelled_outcomes(cur, chosen, request.audience)
    return sheet


def levelled_outcomes(cur, chosen: list[Option], audience: str):
    """Each chosen module's outcomes at the stages this audience needs, in session order."""
    stages = levels.STAGES_FOR_AUDIENCE.get(audience, ())
    found = []
    for module_id in dict.fromkeys(option.module for option in chosen):
        for entry in cur.modules[module_id].meta.levels:
            if entry.level in stages:
                found.append((module_id, levels.STAGE_NAMES[entry.level],
                              levels.PCF_LEVEL_NAMES[entry.pcf_level],
                              [outcome.text for outcome in entry.outcomes]))
    return found


def session_order(cur: Curriculum, chosen: list[Option]) -> list[Option]:
    """Teaching order, with a module that keeps its welcome first (ground rules are agreed)."""
    rank = {m: i for i, m in enumerate(module_order(cur))}
    ordered = sorted(chosen, key=lambda o: rank[o.module])
    opener = next((o for o in ordered if o.opens), None)
    if opener is not None:
        ordered.remove(opener)
        ordered.insert(0, opener)
    return ordered


def fixed_choice(cur, request, allowed, excluded) -> list[Option]:
    """The options a saved plan names, checked against the curriculum as it is now."""
    why = {e.module: e.why for e in excluded}
    chosen = []
    for entry in request.modules:
        if entry.module not in cur.modules:
            raise PlanError(f"the saved plan names module {entry.module!r}, which does not "
                            "exist; remove it or use one of: " + ", ".join(sorted(cur.modules)))
        if entry.module not in allowed:
            raise PlanError(f"the saved plan cannot use {entry.module}: {why[entry.module]}")
        doc = cur.modules[entry.module]
        if entry.activities is None:  # without a co-trainer, the module's fallback
            kept = tuple(a for a in doc.activities
                         if request.co_trainer or not needs_co_trainer(a))
        else:
            by_title = {a.title: a for a in doc.activities}
            missing = [t for t in entry.activities if t not in by_title]
            if missing:
                raise PlanError(f"the saved plan names activities {missing} that module "
                                f"{entry.module} no longer has; its activities are: "
                                + "; ".join(by_title))
            kept = tuple(by_title[t] for t in entry.activities)
            led = [a.title for a in kept if needs_co_trainer(a) and not request.co_trainer]
            if led:
                raise PlanError(f"the saved plan names activities {led} of {entry.module}, "
                                "which a co-trainer leads, but has no co-trainer; set "
                                "`co_trainer: true` or remove them")
        chosen.append(Option(entry.module, kept, True))
    return chosen


def why_uncovered(cur, target: Target, docs, excluded, co_trainer: bool = True) -> str:
    usable = target.modules & {d.id for d in docs}
    if not target.modules:
        return "no module teaches it yet"
    if usable:
        shortest = min(min(o.minutes for o in options(cur.modules[m], co_trainer))
                       for m in usable)
        return (f"not enough time: it needs {' or '.join(sorted(usable))} "
                f"(at least {shortest} minutes) besides what is already planned")
    reasons = {e.module: e.why for e in excluded}
    return "; ".join(f"{m} is left out because {reasons[m]}" for m in sorted(target.modules)
                     if m in reasons)


def nothing_reachable(cur, request, targets, excluded) -> str:
    reasons = {e.module: e.why for e in excluded}
    lines = [f"nothing you asked to cover can be planned for {request.audience}"
             + (" without a co-trainer" if not request.co_trainer else "") + ":"]
    for target in targets:
        lines.append(f"  {target.label}: " + why_uncovered(cur, target, [], excluded))
    needs_co = any("co-trainer" in reasons.get(m, "") for t in targets for m in t.modules)
    stretch = [reasons[m] for t in targets for m in sorted(t.modules)
               if "--max-stretch" in reasons.get(m, "")]
    if stretch:
        lines.append("Nearest alternative: " + stretch[0].rsplit("(", 1)[1].rstrip(")") + ".")
    elif needs_co:
        lines.append("Nearest alternative: add --co-trainer once a trainer with lived "
                     "experience is booked (recruitment takes about four weeks), or cover "
                     "something else.")
    else:
        audiences = sorted({a for t in targets for m in t.modules
                            if m in cur.modules for a in cur.modules[m].meta.audiences})
        lines.append("Nearest alternative: plan for " + (", ".join(audiences) or
                     "another request") + ", or cover something else (heard plan --list).")
    return "\n".join(lines)


def too_short(cur, request, docs) -> str:
    if not docs:
        return (f"no module can be used for {request.audience}"
                + ("" if request.co_trainer else " without a co-trainer") + ".")
    shortest = min((o for d in docs for o in options(d, request.co_trainer) if o.opens),
                   key=lambda o: o.minutes)
    return (f"{request.minutes} minutes is too short for any module: the shortest session "
            f"is {shortest.minutes} minutes ({shortest.module}, without its optional parts). "
            f"Nearest alternative: --minutes {shortest.minutes}.")


def shortest_fit(cur, request, chosen) -> str:
    for minutes in range(request.minutes, request.minutes * 3 + 600, 5):
        try:
            lay_out(cur, request.model_copy(update={"minutes": minutes}), chosen)
        except DoesNotFit:
            continue
        return f"nearest alternative: --minutes {minutes}, or drop a module from the plan."
    return "drop a module from the plan."


def content_notes(cur, chosen: list[Option]) -> list[tuple[str, list[str]]]:
    notes, seen = [], set()
    for opt in chosen:
        for story_id in cur.modules[opt.module].meta.stories:
            doc = cur.stories.get(story_id)
            if doc and story_id not in seen and doc.meta.content_notes:
                seen.add(story_id)
                notes.append((f"{doc.meta.title} ({opt.module})", list(doc.meta.content_notes)))
    return notes

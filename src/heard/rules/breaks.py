"""Rule about programmes: a break at least every 75 minutes (issue 13 §5).

The session planner (`heard plan`) keeps the same limit with the same `longest_stretch`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..problems import Problem
from . import rule

MAX_STRETCH = 75  # minutes; the planner's default too


@dataclass(frozen=True)
class Slot:
    kind: str  # "activity" or "break"
    minutes: int
    label: str


def programme_slots(cur, meta: model.Programme) -> tuple[list[Slot], list[tuple[int, str]]]:
    """A programme as a run of activities and breaks, and (session index, problem) for each
    break that names no activity of its module."""
    slots, unknown = [], []
    for index, session in enumerate(meta.sessions):
        if session.module is None:
            kind = "break" if session.is_break else "activity"
            slots.append(Slot(kind, session.minutes, session.title))
            continue
        doc = cur.modules.get(session.module)
        if doc is None:
            continue  # H030 reports unknown modules
        pauses = {pause.after: pause for pause in session.breaks}
        titles = {activity.title for activity in doc.activities}
        unknown += [(index, pause.after) for pause in session.breaks if pause.after not in titles]
        for activity in doc.activities:
            slots.append(Slot("activity", activity.duration, activity.title))
            if activity.title in pauses:
                slots.append(Slot("break", pauses[activity.title].minutes,
                                  pauses[activity.title].title))
    return slots, unknown


def longest_run(slots: list[Slot]) -> tuple[int, str]:
    """The longest stretch without a break, and the activity it ends with."""
    longest, current, ends = 0, 0, ""
    for slot in slots:
        current = 0 if slot.kind == "break" else current + slot.minutes
        if current > longest:
            longest, ends = current, slot.label
    return longest, ends


@rule("H042", "stretch-without-break", "A programme runs longer than 75 minutes without a "
      "break, or places a break after an activity its module does not have.")
def stretches(cur, ctx):
    for doc in cur.documents:
        meta = doc.meta
        if not isinstance(meta, model.Programme):
            continue
        slots, unknown = programme_slots(cur, meta)
        for index, title in unknown:
            yield Problem(doc.path, doc.line_of("sessions", index), "H042",
                          f"break after {title!r}, but module `{meta.sessions[index].module}` "
                          "has no activity with that title",
                          "use the exact title of one of the module's activities")
        longest, ends = longest_run(slots)
        if longest > MAX_STRETCH:
            yield Problem(doc.path, doc.line_of("sessions"), "H042",
                          f"{longest} minutes without a break (up to {ends!r}); the most is "
                          f"{MAX_STRETCH}",
                          "add a break: a session with `title: Break` and `minutes`, or "
                          "`breaks: [{after: <activity title>, minutes: 15}]` inside a module; "
                          "`heard plan --from <saved plan>` shows where breaks fit")

"""Lay chosen activities out as a run sheet: change-overs, breaks, a close, clock times.

Breaks go between activities, never inside one. For a fixed order of activities a small
dynamic programme places the fewest breaks that keep every stretch within the maximum,
preferring module boundaries (where a break also replaces the change-over) and even stretches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..curriculum import Curriculum
from .optimise import Option, is_welcome
from .request import Request, start_minutes

LEAD = {"both": "both", "staff": "staff trainer", "co": "co-trainer"}
STOPWORDS = frozenset("a an and the of to in on for with what your you it is are be how who "
                      "this that from or as at by their them they we our".split())


@dataclass
class Row:
    kind: str  # activity, break or setup
    minutes: int
    title: str
    module: str | None = None
    format: str = ""
    who: str = ""
    resources: list[str] = field(default_factory=list)
    purpose: str = ""
    start: int = 0  # minutes after midnight, filled in by `timed`


@dataclass
class RunSheet:
    request: Request
    rows: list[Row]
    uncovered: list[tuple[str, str]] = field(default_factory=list)  # (item, why)
    covered: list[str] = field(default_factory=list)
    content_notes: list[tuple[str, list[str]]] = field(default_factory=list)  # story, notes
    excluded: list[tuple[str, str]] = field(default_factory=list)  # module, why
    # The chosen modules' outcomes at the audience's stages: (module, stage, PCF level, texts)
    levelled: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.minutes for row in self.rows)

    def minutes_of(self, kind: str) -> int:
        return sum(row.minutes for row in self.rows if row.kind == kind)


class DoesNotFit(Exception):
    """The chosen activities cannot be laid out within the time and the stretch maximum."""


def longest_stretch(rows) -> int:
    """The longest run of minutes without a break (rows need .kind and .minutes)."""
    longest = current = 0
    for row in rows:
        current = 0 if row.kind == "break" else current + row.minutes
        longest = max(longest, current)
    return longest


def lay_out(cur: Curriculum, request: Request, chosen: list[Option]) -> list[Row]:
    """The run sheet rows for chosen options (already in session order); DoesNotFit if not."""
    units: list[list[Row]] = []  # per module, its rows
    for opt in chosen:
        units.append([activity_row(cur, request, opt.module, a) for a in opt.activities])
    if not units:
        return []
    staff = "both" if request.co_trainer else LEAD["staff"]
    if request.opening:
        units.insert(0, [Row("activity", request.opening, "Welcome, housekeeping and "
                             "introductions", format="whole group", who=staff,
                             resources=["name labels", "the plan for the session"],
                             purpose="Set out the plan, the breaks and how to step out.")])
    if request.closing:
        units.append([close_row(request.closing, request)])
    flat = [row for unit in units for row in unit]
    if any(row.minutes > request.max_stretch for row in flat):
        raise DoesNotFit("an activity is longer than the longest stretch allowed")
    boundaries, changeovers = set(), set()  # gap i: between flat[i] and flat[i+1]
    position = -1
    for unit, following in zip(units, units[1:]):
        position += len(unit)
        boundaries.add(position)
        if unit[0].module and following[0].module:  # between two modules
            changeovers.add(position)
    gaps = place_breaks(flat, boundaries, changeovers, request)
    rows: list[Row] = []
    break_rows = []
    for index, row in enumerate(flat):
        rows.append(row)
        if index in gaps:
            brk = Row("break", request.break_minutes, "Break")
            rows.append(brk)
            break_rows.append(brk)
        elif index in changeovers and request.transition:
            rows.append(Row("setup", request.transition, "Change-over: set out the materials for "
                            f"{flat[index + 1].module}", who=flat[index + 1].who))
    if request.minutes >= 300 and request.lunch_minutes and break_rows:
        middle = min(break_rows, key=lambda b: abs(_offset(rows, b) - request.minutes / 2))
        middle.title, middle.minutes = "Lunch", request.lunch_minutes
    close_gap(rows, request)
    return timed(rows, request)


def place_breaks(flat: list[Row], boundaries: set[int], changeovers: set[int],
                 request: Request) -> set[int]:
    """Gaps after which to break: fewest breaks, then fewest inside modules, then even."""
    limit = request.max_stretch
    n = len(flat)

    # prefix[k]: minutes of rows 0..k-1 plus the change-overs between them
    prefix = [0]
    for index, row in enumerate(flat):
        prefix.append(prefix[-1] + row.minutes + (
            request.transition if index - 1 in changeovers else 0))

    def stretch(i: int, j: int) -> int:  # rows i..j inclusive, with change-overs inside
        return prefix[j + 1] - prefix[i] - (request.transition if i - 1 in changeovers else 0)

    # best[j]: cost of rows 0..j-1 when a break (or the start) comes just before row j
    best: list[tuple | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0), None)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):  # longer and longer stretches ending at row j-1
            length = stretch(i, j - 1)
            if length > limit:
                break
            if best[i] is None:
                continue
            (breaks, inside, spread), _ = best[i]
            if j < n:
                cost = (breaks + 1, inside + (j - 1 not in boundaries), spread + length ** 2)
            else:
                cost = (breaks, inside, spread + length ** 2)
            if best[j] is None or cost < best[j][0]:
                best[j] = (cost, i)
    if best[n] is None:
        raise DoesNotFit("no way to place breaks")
    gaps, j = set(), n
    while j:
        i = best[j][1]
        if i:
            gaps.add(i - 1)
        j = i
    return gaps


def close_gap(rows: list[Row], request: Request) -> None:
    """Spend spare minutes at the end, so the times add up: the session ends with a close,
    with spare time and breaks before it when one stretch cannot hold them all."""
    spare = request.minutes - sum(row.minutes for row in rows)
    if spare < 0:
        raise DoesNotFit(f"{-spare} minutes too long")
    if spare == 0:
        return
    close = rows.pop() if request.closing and rows[-1].title.startswith("Close") else None
    remaining = spare + (close.minutes if close else 0)
    least = close.minutes if close else min(5, remaining)  # the close's own minutes
    current = longest_stretch(_after_last_break(rows))
    tail: list[Row] = []
    while remaining:
        room = request.max_stretch - current
        if room >= remaining:
            tail.append(close_row(remaining, request))
            break
        if room >= 5 and remaining - room >= least + 5:  # leaves a break and the close
            tail.append(Row("activity", room, "Spare time: questions, practice or an early "
                            "finish", format="whole group",
                            who=_with_staff(rows[-1].who)))
            remaining, current = remaining - room, current + room
            continue
        pause = min(request.break_minutes, remaining - least)
        if pause <= 0:  # too few minutes for a break and a close: lengthen the last break
            breaks = [row for row in rows + tail if row.kind == "break"]
            if not breaks:
                raise DoesNotFit("no room for the spare minutes")
            breaks[-1].minutes += remaining
            break
        tail.append(Row("break", pause, "Break"))
        remaining, current = remaining - pause, 0
    rows.extend(tail)


def close_row(minutes: int, request: Request) -> Row:
    title = "Close: questions and evaluation" if minutes <= 20 else \
        "Close: questions, evaluation and spare time"
    return Row("activity", minutes, title, format="whole group",
               who="both" if request.co_trainer else LEAD["staff"],
               resources=["evaluation forms"],
               purpose="Name one thing to do next, and give feedback on the session.")


def _after_last_break(rows: list[Row]) -> list[Row]:
    for index in range(len(rows) - 1, -1, -1):
        if rows[index].kind == "break":
            return rows[index + 1:]
    return rows


def _offset(rows: list[Row], target: Row) -> int:
    total = 0
    for row in rows:
        if row is target:
            return total
        total += row.minutes
    return total


def timed(rows: list[Row], request: Request) -> list[Row]:
    now = start_minutes(request.start)
    for row in rows:
        row.start = now
        now += row.minutes
    return rows


def activity_row(cur: Curriculum, request: Request, module_id: str, activity) -> Row:
    doc = cur.modules[module_id]
    return Row("activity", activity.duration, activity.title, module=module_id,
               format=activity.format, who=who_leads(doc, activity, request),
               resources=list(activity.materials), purpose=purpose(doc, activity))


def _with_staff(who: str) -> str:
    """Who leads a row the staff trainer must be in (the close, spare time)."""
    return LEAD["both"] if who == LEAD["co"] else (who or LEAD["staff"])


def who_leads(doc, activity, request: Request) -> str:
    """The activity's :lead: when it names one (`both` falls back to the staff trainer with
    no co-trainer there); otherwise both lead a co-delivered module, the staff trainer the rest."""
    if activity.lead == "co-trainer" or (activity.lead == "both" and request.co_trainer):
        return LEAD["co" if activity.lead == "co-trainer" else "both"]
    if activity.lead:
        return LEAD["staff"]
    co_delivered = doc.meta.co_delivery == "required" or (
        doc.meta.co_delivery == "recommended" and request.co_trainer)
    return LEAD["both"] if co_delivered else LEAD["staff"]


def purpose(doc, activity) -> str:
    return _purpose(tuple(doc.meta.outcomes), activity)


@lru_cache(maxsize=4096)
def _purpose(outcomes: tuple[str, ...], activity) -> str:
    """The module outcome this activity most plainly serves (by shared words)."""
    if is_welcome(activity):
        return "Agree ground rules (confidential unless someone may be at risk) and open the " \
               "module's question."
    words = _words(activity.title + " " + " ".join(activity.materials))
    scored = [(len(words & _words(outcome)), -i, outcome)
              for i, outcome in enumerate(outcomes)]
    return max(scored)[2] if scored else ""


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS}


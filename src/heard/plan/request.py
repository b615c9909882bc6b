"""What a trainer asks for: the request, and the coverage targets it names.

A `--cover` token may be a module id, a quality item (`list:item`), a whole quality list,
a PCF domain or Social Work England standard (`pcf:id`, `swe:id`, or the bare id when only one
framework has it), or a theme of a story (`plain-language` matches "plain language").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..curriculum import Curriculum

AUDIENCES = ("students", "nqsw-asye", "experienced", "managers")
FRAMEWORKS = ("pcf", "swe")


class PlanError(Exception):
    """A request the planner cannot meet; the message names the nearest feasible alternative."""


class ChosenModule(BaseModel):
    """A module fixed in a saved plan, with the activities kept (all, when left out)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    module: str
    activities: list[str] | None = Field(
        None, description="Titles of the activities kept, in order; leave out to keep all.")


class Request(BaseModel):
    """A planning request. Saved as YAML, it is a plan that `heard plan --from` rebuilds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field("", description="A name for the plan, shown on the run sheet.")
    minutes: int = Field(gt=0, description="Minutes available, breaks included.")
    start: str = Field("09:30", description="Start time, 24-hour HH:MM.")
    audience: Literal["students", "nqsw-asye", "experienced", "managers"]
    co_trainer: bool = Field(False, description="A co-trainer with lived experience is available.")
    cover: list[str] = Field(default_factory=list, description="What to cover (see heard plan).")
    max_stretch: int = Field(75, ge=20, description="Longest stretch without a break, minutes.")
    break_minutes: int = Field(15, ge=5, description="Length of each break.")
    lunch_minutes: int = Field(45, ge=0, description="Length of the lunch break, in sessions of "
                               "five hours or more; 0 for none.")
    transition: int = Field(5, ge=0, description="Change-over minutes between modules.")
    setup: int = Field(30, ge=0, description="Minutes before the start to set up the room; "
                       "shown on the run sheet, not counted in `minutes`.")
    opening: int = Field(0, ge=0, description="Minutes for a welcome, housekeeping and "
                         "introductions before the first module (its own welcome still runs).")
    closing: int = Field(0, ge=0, description="Minutes kept for a close and evaluation at the "
                         "end; spare minutes are added to it.")
    modules: list[ChosenModule] | None = Field(
        None, description="A fixed choice of modules, in order: the plan is laid out, not "
        "optimised. `heard plan --save` writes it so a plan rebuilds the same way.")

    @field_validator("start")
    @classmethod
    def _clock(cls, value: str) -> str:
        start_minutes(value)
        return value


def start_minutes(text: str) -> int:
    """Minutes after midnight of an HH:MM time; ValueError names the fix."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time like 09:30 (24-hour HH:MM)")
    return int(match[1]) * 60 + int(match[2])


@dataclass
class Target:
    """One thing to cover, and the modules that would cover it."""

    key: str
    label: str
    modules: set[str] = field(default_factory=set)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def catalogue(cur: Curriculum) -> dict[str, list[Target]]:
    """Every token `--cover` accepts, and the targets it stands for."""
    found: dict[str, list[Target]] = {}
    for module_id, doc in cur.modules.items():
        found[module_id] = [Target(module_id, f"module {module_id}", {module_id})]
    for ref, _doc, item in cur.quality_items():
        found[ref] = [Target(ref, f"{ref} ({item.text})", {d.id for d in cur.modules_teaching(ref)})]
    for list_id, doc in cur.lists.items():
        found.setdefault(list_id, [t for ref, *_ in cur.quality_items()
                                   if ref.startswith(list_id + ":") for t in found[ref]])
    bare: dict[str, list[Target]] = {}
    for framework in FRAMEWORKS:
        doc = cur.frameworks.get(framework)
        for item in doc.meta.items if doc else []:
            key = f"{framework}:{item.id}"
            target = Target(key, f"{key} ({item.name})", {
                m.id for m in cur.modules.values() if item.id in getattr(m.meta, framework)})
            found[key] = [target]
            bare.setdefault(item.id, []).append(target)
    for item_id, targets in bare.items():
        if len(targets) == 1:
            found.setdefault(item_id, targets)
    themes: dict[str, Target] = {}
    for story_id, doc in cur.stories.items():
        for theme in doc.meta.themes:
            target = themes.setdefault(slug(theme), Target(slug(theme), f"theme {theme!r}"))
            target.modules |= {m.id for m in cur.modules_using_story(story_id)}
    for key, target in themes.items():
        found.setdefault(key, [target])
    return found


def resolve(cur: Curriculum, tokens: list[str]) -> list[Target]:
    """The targets the tokens name, without repeats; PlanError for an unknown token."""
    known = catalogue(cur)
    targets: dict[str, Target] = {}
    for token in tokens:
        key = token.strip()
        if key not in known and slug(key) in known:
            key = slug(key)
        if key not in known:
            close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            raise PlanError(f"unknown id {token!r} in --cover: it is not a module, quality "
                            f"item, list, PCF domain, SWE standard or story theme.{hint} "
                            "`heard plan --list` shows every id you can cover.")
        for target in known[key]:
            targets.setdefault(target.key, target)
    return list(targets.values())


def clock(minutes_after_midnight: int) -> str:
    day_minutes = minutes_after_midnight % (24 * 60)
    return f"{day_minutes // 60:02d}:{day_minutes % 60:02d}"


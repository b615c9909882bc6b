"""The content model: typed records for every kind of Heard document.

Front matter is validated by these pydantic models, which also give the JSON Schema that
`heard schema` writes. Body records (activities, 6W briefs, facts...) come from directives.
Nothing here imports Sphinx, so `heard check` stays fast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Lower-case words joined by hyphens, e.g. emily-and-kirsty."),
]
ItemRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(description="A quality item as list-id:item-id, e.g. suffolk-key-qualities:honest."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

Voice = Literal["young-person", "parent", "carer", "adult-service-user", "practitioner"]
Audience = Literal["students", "nqsw-asye", "experienced", "managers"]
ActivityFormat = Literal["pairs", "small groups", "whole group", "solo", "story"]


class Record(BaseModel):
    """Base for every record: unknown fields are errors, and records never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Readers = Literal["learners", "service-user-trainers", "trainers", "authors"]


class Common(Record):
    """Fields every kind of document may carry."""

    audience: Readers | None = Field(
        None, description="Who the page is written for; sets its plain-language threshold.")
    plain_language_exception: str | None = Field(
        None, description="Why this page may be harder to read than its audience's threshold.")


# -- stories -------------------------------------------------------------------------------


class Consent(Record):
    basis: Text = Field(description="Why the curriculum may retell the story, e.g. published account.")
    status: Literal["active", "withdrawn"] = Field(
        description="A withdrawn story is left out of every output."
    )
    recorded: dt.date = Field(description="When the consent basis was recorded (YYYY-MM-DD).")
    review_by: dt.date = Field(description="Renew the consent before this date (YYYY-MM-DD).")
    restrictions: str = Field("", description="Limits on how the story may be used.")


class Figure(Record):
    """A number a source gives, kept as data so exercises never retype it."""

    id: Id
    label: Text
    value: float
    unit: str = ""
    when: Text = Field(description="When the figure applies, as the source says it.")
    note: str = Field("", description="What the figure can and cannot show.")


class Story(Common):
    kind: Literal["story"] = "story"
    id: Id
    title: Text
    summary: Text
    voices: list[Voice] = Field(min_length=1)
    setting: Text
    source: Id = Field(description="An id in the source register.")
    consent: Consent
    content_notes: list[Text] = Field(
        default_factory=list, description="Hard material the story contains, e.g. substance misuse."
    )
    themes: list[Text] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


# -- quality lists and frameworks ------------------------------------------------------------


class QualityItem(Record):
    id: Id
    text: Text = Field(description="The item's wording.")
    quote: str | None = Field(None, description="Exact words from the source, if they matter.")


class QualityList(Common):
    kind: Literal["quality-list"] = "quality-list"
    id: Id
    title: Text
    source: Id
    voices: list[Voice] = Field(min_length=1)
    summary: str = ""
    items: list[QualityItem] = Field(min_length=1)


class FrameworkItem(Record):
    id: Id
    name: Text
    number: int | None = None
    text: str = ""
    origin: Literal["sourced", "curriculum"] = Field(
        "sourced", description="curriculum marks an item the curriculum added itself."
    )
    note: str = ""


class Framework(Common):
    kind: Literal["framework"] = "framework"
    id: Id
    title: Text
    source: Id
    summary: str = ""
    items: list[FrameworkItem] = Field(min_length=1)


# -- modules ---------------------------------------------------------------------------------


class Module(Common):
    kind: Literal["module"] = "module"
    id: Id
    title: Text
    summary: Text
    audiences: list[Audience] = Field(min_length=1)
    duration: int = Field(gt=0, description="Minutes; the activities must add up to it.")
    outcomes: list[Text] = Field(min_length=1, description="Each starts with a measurable verb.")
    pcf: list[Id] = Field(default_factory=list, description="Item ids of the pcf framework.")
    swe: list[Id] = Field(default_factory=list, description="Item ids of the swe framework.")
    stories: list[Id] = Field(default_factory=list)
    teaches: list[ItemRef] = Field(default_factory=list)
    co_delivery: Literal["required", "recommended", "none"] = Field(
        description="Whether a trainer with lived experience co-delivers."
    )


class Session(Record):
    """One part of a programme: a module, or a timed item such as a break or a welcome."""

    module: Id | None = None
    title: str = ""
    minutes: int | None = Field(None, gt=0, description="For items that are not modules.")

    @model_validator(mode="after")
    def _module_or_minutes(self) -> Session:
        if (self.module is None) == (self.minutes is None):
            raise ValueError("give either `module` (an id) or `title` with `minutes`")
        return self


class Programme(Common):
    kind: Literal["programme"] = "programme"
    id: Id
    title: Text
    summary: Text
    duration: int = Field(gt=0, description="Minutes, breaks included.")
    sessions: list[Session] = Field(min_length=1)


# -- glossary and sources --------------------------------------------------------------------


class Term(Record):
    term: Text
    expansion: str = Field("", description="What the abbreviation stands for, if it is one.")
    definition: Text


class Glossary(Common):
    kind: Literal["glossary"] = "glossary"
    terms: list[Term] = Field(min_length=1)


class Source(Record):
    id: Id
    publisher: Text
    title: Text
    date: dt.date | None = Field(None, description="Leave out when the source gives none.")
    type: Text
    url: str = ""
    note: str = ""


class SourceRegister(Common):
    kind: Literal["source-register"] = "source-register"
    sources: list[Source] = Field(min_length=1)


class Page(BaseModel):
    """A plain page: any front matter is allowed."""

    model_config = ConfigDict(extra="allow", frozen=True)
    kind: Literal["page"] = "page"


KIND_MODELS: dict[str, type[BaseModel]] = {
    "story": Story,
    "quality-list": QualityList,
    "framework": Framework,
    "module": Module,
    "programme": Programme,
    "glossary": Glossary,
    "source-register": SourceRegister,
    "page": Page,
}

# -- directive options -----------------------------------------------------------------------


def _split_materials(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class ActivityOptions(Record):
    duration: int = Field(gt=0, description="Minutes.")
    format: ActivityFormat
    materials: Annotated[list[Text], Field(min_length=1)]

    @classmethod
    def from_options(cls, options: dict[str, str]) -> ActivityOptions:
        data = dict(options)
        if "materials" in data:
            data["materials"] = _split_materials(data["materials"])
        return cls.model_validate(data)


MaterialKind = Literal["worksheet", "card-set", "observer-checklist", "role-card",
                       "scenario-card", "story-card", "handout"]


class MaterialOptions(Record):
    """A {material}: something printed for one activity of one module."""

    kind: MaterialKind
    module: Id = Field(description="The id of the module whose activity uses it.")
    activity: Text = Field(description="The activity's title, as its {activity} gives it.")
    provides: Annotated[list[Text], Field(min_length=1)] = Field(
        description="Words from the activity's :materials: that this provides, separated by "
                    "semicolons, e.g. made-up situations.")

    @classmethod
    def from_options(cls, options: dict[str, str]) -> MaterialOptions:
        data = dict(options)
        if "provides" in data:
            data["provides"] = _split_materials(data["provides"])
        return cls.model_validate(data)


class FactOptions(Record):
    source: Id
    checked: dt.date
    review_by: dt.date = Field(alias="review-by")


class BriefOptions(Record):
    """A 6W brief: one answer per 6W item id; the checker compares them with the framework."""

    model_config = ConfigDict(extra="allow", frozen=True)
    role_title: Text = Field(alias="role-title")


# -- body records ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Activity:
    title: str
    duration: int
    format: str
    materials: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Material:
    title: str
    kind: str
    module: str
    activity: str
    provides: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Brief:
    role_title: str
    answers: dict[str, str]
    line: int


@dataclass(frozen=True, slots=True)
class Fact:
    text: str
    source: str
    checked: dt.date
    review_by: dt.date
    line: int


@dataclass(frozen=True, slots=True)
class RoleRef:
    role: str
    target: str
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    """A directive seen in the body: its name, argument and line (never its text)."""

    name: str
    argument: str
    line: int
    trainer_only: bool


@dataclass(slots=True)
class Document:
    """One source file as the toolkit sees it, for one edition."""

    path: str  # relative to the curriculum root, with forward slashes
    docname: str  # path without suffix, as Sphinx names it
    kind: str
    meta: BaseModel | None = None
    meta_line: int = 1
    field_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    briefs: list[Brief] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    roles: list[RoleRef] = field(default_factory=list)
    abbreviations: list[tuple[str, int]] = field(default_factory=list)
    headings: list[tuple[int, str, int]] = field(default_factory=list)  # level, text, line
    toctree: list[tuple[str, int]] = field(default_factory=list)  # target docname, line
    prose: list[tuple[str, int]] = field(default_factory=list)  # learner-visible text blocks
    problems: list = field(default_factory=list)  # Problems found while loading

    @property
    def id(self) -> str | None:
        return getattr(self.meta, "id", None)

    def line_of(self, *path: str | int) -> int:
        """The line of a front matter field, or of the nearest enclosing field."""
        while path:
            if path in self.field_lines:
                return self.field_lines[path]
            path = path[:-1]
        return self.meta_line

    def has_block(self, name: str) -> bool:
        return any(block.name == name for block in self.blocks)

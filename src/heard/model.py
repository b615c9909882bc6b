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
# Text a reader sees: not empty, and no control characters (they fake lines in reports).
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True,
                                        pattern=r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]

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


class Permission(Record):
    """What both story records share: a status line that withdraws the story, and dates."""

    status: Literal["active", "withdrawn"] = Field(
        description="A withdrawn story is left out of every output."
    )
    recorded: dt.date = Field(description="When the record was made (YYYY-MM-DD).")
    review_by: dt.date = Field(description="Check the record again before this date (YYYY-MM-DD).")
    restrictions: str = Field("", description="Limits on how the story may be used.")


class Reuse(Permission):
    """Why a story retold from a published source may be used. Nobody in it consented."""

    basis: Literal["published account"] = Field(
        description="Always `published account`: the story is retold, not given to the course.")
    publisher: Text = Field(description="Who published the account.")
    published: Text = Field(description="When, as the source gives it, or `not given`.")
    licence: Text = Field(
        description="The licence or permission position, e.g. no licence: retold in our own "
                    "words with short attributed quotations.")
    subject_contacted: bool = Field(
        description="Whether the people in the story were asked; for a published account, "
                    "usually false.")


class Consent(Permission):
    """The consent of a person who gave their own story to the course (first-hand)."""

    basis: Literal["first-hand account"] = Field(
        description="Always `first-hand account`: the person told the course their story.")
    lawful_basis: Text = Field(description="The data-protection lawful basis relied on.")
    special_category: Text = Field(
        description="Special-category data in the story (e.g. health) and the condition "
                    "relied on, or `none`.")
    retention: Text = Field(description="Where the story and form are kept, who sees them, "
                                        "and when they are deleted.")
    third_parties: Text = Field(description="Other people the story is about (e.g. a child) "
                                            "and how they are protected.")
    capacity: Text = Field(description="How capacity, or Gillick competence for under-18s, "
                                       "and any parent or carer consent were checked.")
    withdrawal: Text = Field(description="How the person withdraws in practice, and what "
                                         "cannot be called back (printed copies).")


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
    reuse: Reuse | None = Field(None, description="For a story retold from a published source.")
    consent: Consent | None = Field(None, description="For a first-hand story given to the course.")
    content_notes: list[Text] = Field(
        default_factory=list, description="Hard material the story contains, e.g. substance misuse."
    )
    themes: list[Text] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)

    @property
    def permission(self) -> Reuse | Consent | None:
        """The story's one record: reuse for a published account, consent for a first-hand one."""
        return self.reuse or self.consent

    @property
    def withdrawn(self) -> bool:
        """True when `status: withdrawn` is set in the story's reuse or consent record."""
        return self.permission is not None and self.permission.status == "withdrawn"


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


class FrameworkPoint(Record):
    """A numbered point under a framework item (Social Work England's 1.1, 1.2 ...): the
    numbers outcomes may cite, with a summary in our own words."""

    number: Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]{1,2}$")]
    text: Text = Field(description="Our plain summary, not the source's wording.")
    seen: Text = Field(description="Where the wording was read, so nothing is from memory.")


class FrameworkItem(Record):
    id: Id
    name: Text
    number: int | None = None
    text: str = ""
    origin: Literal["sourced", "curriculum"] = Field(
        "sourced", description="curriculum marks an item the curriculum added itself."
    )
    note: str = ""
    to_you: str = Field(
        "", description="The item as a question to the person it is about, in 'you' words "
                        "(6W briefs show this to the co-trainer).")
    points: list[FrameworkPoint] = Field(
        default_factory=list, description="Numbered points (SWE 1.1 ...), each checked "
                                          "against the published text.")


class Framework(Common):
    kind: Literal["framework"] = "framework"
    id: Id
    title: Text
    source: Id
    summary: str = ""
    items: list[FrameworkItem] = Field(min_length=1)


# -- modules ---------------------------------------------------------------------------------


# -- levelled outcomes and lived-experience review (issue 20) ---------------------------------

# The stage a set of outcomes is pitched at. fheq-6 and fheq-7 are the qualifying degree at
# FHEQ levels 6 and 7; the rest are stages after qualifying.
StudyLevel = Literal["fheq-6", "fheq-7", "asye", "experienced", "advanced"]
# The PCF's own levels (BASW, "Levels within the PCF").
PcfLevel = Literal["entry", "readiness-for-direct-practice", "end-of-first-placement",
                   "end-of-last-placement", "asye", "social-worker",
                   "experienced-social-worker", "advanced", "strategic"]
SweStandard = Annotated[
    str,
    StringConstraints(pattern=r"^[1-6]\.[0-9]{1,2}$"),
    Field(description="A numbered Social Work England professional standard, e.g. 1.3."),
]


class LevelledOutcome(Record):
    text: Text = Field(description="Starts with a verb that can be assessed at the level.")
    pcf: list[Id] = Field(min_length=1, description="PCF domains, assessed at the PCF level.")
    swe: list[SweStandard] = Field(min_length=1,
                                   description="Social Work England standards, e.g. 3.1.")


class OutcomeLevel(Record):
    """A module's outcomes for one stage of study or practice."""

    level: StudyLevel
    pcf_level: PcfLevel = Field(description="The PCF level the outcomes are mapped at.")
    outcomes: list[LevelledOutcome] = Field(min_length=1)


class Review(Record):
    """One time a person with lived experience shaped or reviewed a module."""

    role: Text = Field(description="A role, not a name, e.g. parent who co-trains.")
    credit: str = Field("", description="A name, only if the person chose to be credited.")
    date: dt.date
    contribution: Literal["shaped", "reviewed", "co-wrote"]
    changed: Text = Field(description="What changed because of it.")


class LivedExperienceReview(Record):
    """Who with lived experience shaped or reviewed the module. `not-yet` says honestly that
    nobody has: the checker then reports the module as awaiting review."""

    status: Literal["reviewed", "not-yet"]
    note: str = ""
    reviews: list[Review] = Field(default_factory=list)


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
    group_size: Text = Field(
        "12 to 18 learners, with two trainers",
        description="The group the activities' timings are planned for.")
    if_no_co_trainer: str = Field(
        "", description="What to do if no co-trainer can be found in time; needed when "
                        "co_delivery is required.")
    levels: list[OutcomeLevel] = Field(
        default_factory=list, description="Outcomes per stage (FHEQ 6 and 7, ASYE, "
                                          "experienced), each mapped to the PCF and SWE.")
    reading: list[Id] = Field(
        default_factory=list, description="The reading list: ids in the source register "
                                          "(law, research, guidance), in order.")
    lived_experience_review: LivedExperienceReview | None = Field(
        None, description="Who with lived experience shaped or reviewed the module, or "
                          "`status: not-yet`.")


class Pause(Record):
    """A break inside a module's session, between two of its activities."""

    after: Text = Field(description="The title of the activity the break follows.")
    minutes: int = Field(gt=0)
    title: Text = "Break"


class Session(Record):
    """One part of a programme: a module, or a timed item such as a break or a welcome.

    An item whose title starts with Break or Lunch is a break."""

    module: Id | None = None
    title: str = ""
    minutes: int | None = Field(None, gt=0, description="For items that are not modules.")
    breaks: list[Pause] = Field(default_factory=list,
                                description="Breaks inside a module, each after an activity.")

    @model_validator(mode="after")
    def _module_or_minutes(self) -> Session:
        if (self.module is None) == (self.minutes is None):
            raise ValueError("give either `module` (an id) or `title` with `minutes`")
        if self.breaks and self.module is None:
            raise ValueError("`breaks` go inside a module's session; give the break its own "
                             "item with `title` and `minutes`")
        return self

    @property
    def is_break(self) -> bool:
        return self.module is None and self.title.lower().startswith(("break", "lunch"))


class Programme(Common):
    kind: Literal["programme"] = "programme"
    id: Id
    title: Text
    summary: Text
    duration: int = Field(gt=0, description="Minutes, breaks included.")
    sessions: list[Session] = Field(min_length=1)


# -- assessment (for universities) ------------------------------------------------------------

Level = Literal["qualifying", "asye", "post-qualifying"]


class Hours(Record):
    contact: float = Field(gt=0, description="Hours taught: the session itself.")
    independent: float = Field(ge=0, description="Hours of guided independent study.")


class Task(Record):
    title: Text
    format: Text = Field(description="What the learner hands in, e.g. a reflective account.")
    words: int | None = Field(None, gt=0, description="Word limit, if there is one.")
    brief: Text = Field(description="What the learner is asked to do.")


class Criterion(Record):
    id: Id
    text: Text = Field(description="What the marker looks for.")
    outcomes: list[int] = Field(min_length=1, description="Numbers of the module's outcomes "
                                "this criterion assesses (1 is the first).")
    pcf: list[Id] = Field(min_length=1, description="PCF domains, from the module's `pcf`.")


class Question(Record):
    id: Id
    type: Literal["multiple-choice", "short-answer"]
    question: Text
    options: list[Text] = Field(default_factory=list, description="Multiple-choice only.")


class Assessment(Common):
    """A module's assessment task, marking criteria, reading and knowledge check, as a
    programme team validating the module needs them. Answers and marking guidance are in
    the module's answer key, in the trainer kit."""

    kind: Literal["assessment"] = "assessment"
    module: Id
    levels: list[Level] = Field(min_length=1)
    hours: Hours
    task: Task
    criteria: list[Criterion] = Field(min_length=1)
    reading: list[Id] = Field(min_length=1, description="Ids in the source register.")
    questions: list[Question] = Field(min_length=1)


class Answer(Record):
    question: Id
    correct: list[int] = Field(default_factory=list, description="Multiple-choice: the "
                               "numbers of the right options (1 is the first).")
    accept: list[Text] = Field(default_factory=list, description="Short-answer: answers to "
                               "accept, as Moodle matches them.")
    feedback: Text = Field(description="Shown after answering: why the answer is right.")


class MarkingGuide(Record):
    criterion: Id
    guidance: Text = Field(description="What a strong and a weak answer show.")


class AnswerKey(Common):
    """A module's knowledge-check answers and marking guidance: trainer kit only."""

    kind: Literal["answer-key"] = "answer-key"
    module: Id
    answers: list[Answer] = Field(min_length=1)
    marking: list[MarkingGuide] = Field(min_length=1)


# -- glossary and sources --------------------------------------------------------------------


class Term(Record):
    term: Text
    expansion: str = Field("", description="What the abbreviation stands for, if it is one.")
    definition: Text


class Glossary(Common):
    kind: Literal["glossary"] = "glossary"
    terms: list[Term] = Field(min_length=1)


SourceQuality = Literal[
    "peer-reviewed", "book", "legislation", "statutory-guidance", "government-guidance",
    "regulator", "professional-body", "research-report", "charity", "council-guidance",
    "practice-magazine", "event-report", "blog", "readers-letters"]


class Source(Record):
    id: Id
    publisher: Text
    title: Text
    date: dt.date | None = Field(None, description="Leave out when the source gives none.")
    year: int | None = Field(None, description="The year, when the source gives no full date.")
    type: Text
    url: str = ""
    note: str = ""
    authors: list[Text] = Field(
        default_factory=list, description="People, as `Surname, I.`; none: the publisher is "
                                          "the author.")
    quality: SourceQuality = Field(description="What kind of source it is, shown to learners "
                                               "beside the citation.")
    container: str = Field("", description="The journal or book the piece is in.")
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    edition: str = ""
    place: str = Field("", description="Where a book was published.")
    accessed: dt.date | None = Field(None, description="When an online copy was read.")
    original: Id | None = Field(None, description="The source this one summarises, if it "
                                "is a summary: cite the original where it was seen. An id "
                                "not in the register says the original was not seen.")
    verified_from: str = Field("", description="Where these details were read, so nothing "
                                               "is cited from memory.")


class SourceRegister(Common):
    kind: Literal["source-register"] = "source-register"
    sources: list[Source] = Field(min_length=1)


class Page(BaseModel):
    """A plain page: any front matter is allowed, but the fields the checker reads are
    checked (a misspelt `audience` would switch the reading-level rule off)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    kind: Literal["page"] = "page"
    audience: Readers | None = Field(
        None, description="Who the page is written for; sets its plain-language threshold.")
    plain_language_exception: str | None = None


KIND_MODELS: dict[str, type[BaseModel]] = {
    "story": Story,
    "quality-list": QualityList,
    "framework": Framework,
    "module": Module,
    "programme": Programme,
    "glossary": Glossary,
    "source-register": SourceRegister,
    "assessment": Assessment,
    "answer-key": AnswerKey,
    "page": Page,
}

# -- directive options -----------------------------------------------------------------------


def _split_materials(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


ActivityLead = Literal["staff", "co-trainer", "both"]


class ActivityOptions(Record):
    duration: int = Field(gt=0, description="Minutes.")
    format: ActivityFormat
    materials: Annotated[list[Text], Field(min_length=1)]
    lead: ActivityLead | None = Field(
        None, description="Who leads it: the staff trainer, the co-trainer with lived "
                          "experience, or both. Unset: the module's co-delivery decides.")

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


def _pickled_as_arguments(record):
    """Pickle a record as its class and field values: a slotted dataclass's own state is
    restored field by field in Python, and this way a large curriculum's records (from the
    parsing workers, or the check cache) load a third faster."""
    return type(record), tuple(getattr(record, name) for name in record.__slots__)


@dataclass(frozen=True, slots=True)
class Activity:
    title: str
    duration: int
    format: str
    materials: tuple[str, ...]
    line: int
    lead: str | None = None  # staff, co-trainer, both; None: the module's co-delivery decides

    __reduce__ = _pickled_as_arguments


@dataclass(frozen=True, slots=True)
class Material:
    title: str
    kind: str
    module: str
    activity: str
    provides: tuple[str, ...]
    line: int

    __reduce__ = _pickled_as_arguments


@dataclass(frozen=True, slots=True)
class Brief:
    role_title: str
    answers: dict[str, str]
    line: int

    __reduce__ = _pickled_as_arguments


@dataclass(frozen=True, slots=True)
class Fact:
    text: str
    source: str
    checked: dt.date
    review_by: dt.date
    line: int

    __reduce__ = _pickled_as_arguments


@dataclass(frozen=True, slots=True)
class RoleRef:
    role: str
    target: str
    line: int

    __reduce__ = _pickled_as_arguments


@dataclass(frozen=True, slots=True)
class Block:
    """A directive seen in the body: its name, argument and line (never its text)."""

    name: str
    argument: str
    line: int
    trainer_only: bool

    __reduce__ = _pickled_as_arguments


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
    # Story figure ids a notebook reads: (figure id, line)
    figure_reads: list[tuple[str, int]] = field(default_factory=list)
    # Template placeholders (TODO ...) in the body: (line, the text from TODO on)
    placeholders: list[tuple[int, str]] = field(default_factory=list)
    # include, literalinclude and download targets outside trainer-only blocks: (what, path, line)
    includes: list[tuple[str, str, int]] = field(default_factory=list)
    # The body could not be read in full (an unknown directive, an unclosed block): rules
    # that count its parts stand aside, so one mistake gives one error.
    incomplete: bool = False
    # Consent withdrawn, judged from the raw front matter even when it fails to validate.
    withdrawn: bool = False
    # The id the front matter gives (or the file name's), even when it fails to validate.
    intended_id: str | None = None

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

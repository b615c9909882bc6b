"""The organisation profile: one adopting organisation's own details, in `heard.toml`.

Why a file of its own at the curriculum root, not `[tool.heard]` in pyproject.toml: upstream
never ships `heard.toml`, so an organisation's copy never conflicts with an update from
upstream, and a curriculum folder need not be a Python project at all.

Pages show the values through the `{org}` role, e.g. {org}`safeguarding-lead`. A value that
is not set shows as a marked placeholder; when the curriculum has a profile, `heard check`
warns about each one (an error with --strict). Without a profile the curriculum is the
upstream, generic edition, and the placeholders are expected.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import Field, HttpUrl, ValidationError, model_validator

from .model import Audience, Id, Record, Text
from .problems import Problem

PROFILE_FILE = "heard.toml"


class Organisation(Record):
    name: Text | None = Field(None, description="The organisation's name, as pages show it.")
    logo: str | None = Field(None, description="Path of the logo, from the curriculum root.")
    website: HttpUrl | None = None


class Contact(Record):
    name: Text | None = Field(None, description="Who to contact about the course, e.g. a team.")
    email: Text | None = None
    phone: Text | None = None


class Safeguarding(Record):
    lead: Text | None = Field(None, description="The safeguarding lead's name and role.")
    phone: Text | None = None
    email: Text | None = None
    route: Text | None = Field(
        None, description="What to do with a safeguarding concern raised in a session.")
    deputy: Text | None = Field(None, description="Who to call if the lead cannot be reached.")
    policy: Text | None = Field(
        None, description="The safeguarding policy that applies to sessions, and where it is.")
    out_of_hours: Text | None = Field(
        None, description="The local children's and adults' out-of-hours safeguarding numbers.")


class Support(Record):
    """Support for co-trainers with lived experience."""

    person: Text | None = Field(None, description="The co-trainer's named support person.")
    backup: Text | None = Field(None, description="Who supports them if that person cannot.")
    line: Text | None = Field(
        None, description="The support line staff get, with its number and opening hours.")
    complaints: Text | None = Field(None, description="Who to contact to complain, or where.")


class Payment(Record):
    policy: HttpUrl | None = Field(None, description="The involvement payment policy's address.")
    fee: Decimal | None = Field(None, gt=0, description="What a co-trainer is paid, in pounds.")
    per: Text = Field("session", description="What the fee is for: session, hour, half day...")
    as_of: dt.date | None = Field(None, description="When the fee was set (YYYY-MM-DD).")
    review_by: dt.date | None = Field(None, description="Check the fee again by this date.")
    how_paid: Text | None = Field(
        None, description="How and when the fee is paid, e.g. bank transfer within 10 days.")
    tax_contact: Text | None = Field(
        None, description="Who in the finance team explains tax to a co-trainer.")

    @model_validator(mode="after")
    def _dated(self) -> Payment:
        if self.fee is not None and (self.as_of is None or self.review_by is None):
            raise ValueError("a fee needs `as_of` and `review_by` dates")
        return self


class Records(Record):
    story_storage: Text | None = Field(
        None, description="Where consent forms and first-hand stories are kept, and who sees them.")


class Edition(Record):
    audience: Audience | None = Field(None, description="Who the organisation mostly trains.")
    leave_out_modules: list[Id] = Field(default_factory=list,
                                        description="Module ids to leave out of every output.")
    leave_out_stories: list[Id] = Field(default_factory=list,
                                        description="Story ids to leave out of every output.")


class Profile(Record):
    """heard.toml: one organisation's details and choices."""

    organisation: Organisation = Organisation()
    contact: Contact = Contact()
    safeguarding: Safeguarding = Safeguarding()
    support: Support = Support()
    payment: Payment = Payment()
    records: Records = Records()
    edition: Edition = Edition()


# -- the values pages can show -------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    label: str  # what the placeholder says is missing
    setting: str  # where to set it in heard.toml
    read: Callable[[Profile], object]


def _fee(profile: Profile) -> str | None:
    pay = profile.payment
    if pay.fee is None:
        return None
    amount = f"£{pay.fee:,.2f}".removesuffix(".00")
    return f"{amount} per {pay.per} (as of {pay.as_of:%-d %B %Y})"


VALUES: dict[str, Value] = {
    "name": Value("the organisation's name", "[organisation] name",
                  lambda p: p.organisation.name),
    "website": Value("the organisation's website", "[organisation] website",
                     lambda p: p.organisation.website),
    "contact": Value("who to contact about the course", "[contact] name",
                     lambda p: p.contact.name),
    "contact-email": Value("the contact email", "[contact] email", lambda p: p.contact.email),
    "contact-phone": Value("the contact phone number", "[contact] phone",
                           lambda p: p.contact.phone),
    "safeguarding-lead": Value("the safeguarding lead", "[safeguarding] lead",
                               lambda p: p.safeguarding.lead),
    "safeguarding-phone": Value("the safeguarding lead's phone number", "[safeguarding] phone",
                                lambda p: p.safeguarding.phone),
    "safeguarding-email": Value("the safeguarding lead's email", "[safeguarding] email",
                                lambda p: p.safeguarding.email),
    "safeguarding-route": Value("what to do with a safeguarding concern",
                                "[safeguarding] route", lambda p: p.safeguarding.route),
    "payment-policy": Value("the involvement payment policy", "[payment] policy",
                            lambda p: p.payment.policy),
    "safeguarding-deputy": Value("who to call if the safeguarding lead cannot be reached",
                                 "[safeguarding] deputy", lambda p: p.safeguarding.deputy),
    "safeguarding-policy": Value("the safeguarding policy for sessions",
                                 "[safeguarding] policy", lambda p: p.safeguarding.policy),
    "safeguarding-out-of-hours": Value("the out-of-hours safeguarding numbers",
                                       "[safeguarding] out_of_hours",
                                       lambda p: p.safeguarding.out_of_hours),
    "support-person": Value("the co-trainer's named support person", "[support] person",
                            lambda p: p.support.person),
    "support-backup": Value("the backup support person", "[support] backup",
                            lambda p: p.support.backup),
    "support-line": Value("the support line", "[support] line", lambda p: p.support.line),
    "complaints": Value("how to complain", "[support] complaints",
                        lambda p: p.support.complaints),
    "fee": Value("the involvement fee", "[payment] fee, as_of and review_by", _fee),
    "how-paid": Value("how and when the fee is paid", "[payment] how_paid",
                      lambda p: p.payment.how_paid),
    "tax-contact": Value("who explains tax", "[payment] tax_contact",
                         lambda p: p.payment.tax_contact),
    "story-storage": Value("where stories and consent forms are kept", "[records] story_storage",
                           lambda p: p.records.story_storage),
}


def value(profile: Profile | None, key: str) -> str | None:
    """The text a page shows for {org}`key`, or None when it is not set."""
    found = VALUES[key].read(profile) if profile is not None and key in VALUES else None
    return None if found is None else str(found)


def placeholder(key: str) -> str:
    label = VALUES[key].label if key in VALUES else key
    return f"[{label}: to be set by your organisation]"


# -- loading -------------------------------------------------------------------------------


@dataclass
class Loaded:
    profile: Profile | None  # None: no heard.toml (the generic edition), or it is broken
    exists: bool
    problems: list[Problem]
    text: str = ""

    def line_of(self, *keys: str) -> int:
        """The line of a key in heard.toml (tomllib gives no positions): its table, then it."""
        lines = self.text.splitlines()
        found, start = 1, 0
        for key in keys:
            pattern = re.compile(rf"^\s*(\[\s*{re.escape(key)}\s*\]|{re.escape(key)}\s*=)")
            hit = next((i for i in range(start, len(lines)) if pattern.match(lines[i])), None)
            if hit is None:
                break
            found, start = hit + 1, hit + 1
        return found


def load_profile(root: Path) -> Loaded:
    """Read and validate root/heard.toml. Broken input becomes located problems."""
    path = root / PROFILE_FILE
    if not path.is_file():
        return Loaded(None, False, [])
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        return Loaded(None, True, [Problem(PROFILE_FILE, 1, "H301", f"cannot read the "
                                           f"organisation profile: {exc}",
                                           "save heard.toml as UTF-8 text")])
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return Loaded(None, True, [Problem(
            PROFILE_FILE, int(match.group(1)) if match else 1, "H301",
            f"the organisation profile is not valid TOML: {str(exc).split(' (at')[0]}",
            "write each setting as `name = \"value\"` under its [table]; see "
            "docs/make-it-yours.md")], text)
    loaded = Loaded(None, True, [], text)
    try:
        loaded.profile = Profile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            keys = [str(part) for part in err["loc"] if not isinstance(part, int)]
            name = ".".join(keys) or "heard.toml"
            if err["type"] == "extra_forbidden":
                message, fix = f"unknown setting `{name}`", "remove it, or correct its spelling"
            else:
                msg = err["msg"]
                msg = msg if msg[1:2].isupper() else msg[:1].lower() + msg[1:]  # keep "URL"
                message = f"`{name}`: {msg}"
                fix = "dates are YYYY-MM-DD, addresses start with https://; see " \
                      "docs/make-it-yours.md"
            loaded.problems.append(Problem(PROFILE_FILE, loaded.line_of(*keys), "H301",
                                           f"in the organisation profile, {message}", fix))
    return loaded

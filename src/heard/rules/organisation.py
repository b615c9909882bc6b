"""Rules about the organisation profile (heard.toml) and the local overlay (local/)."""

from __future__ import annotations

from .. import model, organisation
from ..organisation import PROFILE_FILE
from ..problems import Problem
from . import rule
from .references import _references

FIX_PROFILE = "see docs/make-it-yours.md"


@rule("H300", "profile-value-unset", "A page shows an organisation value (the {org} role) that "
      "heard.toml does not set; a warning, an error with --strict.")
def profile_values_set(cur, ctx):
    loaded = cur.organisation
    if loaded is None or not loaded.exists or loaded.profile is None:
        return  # the generic edition: placeholders are expected
    for doc in cur.documents:
        for ref in doc.roles:
            if ref.role == "org" and ref.target in organisation.VALUES \
                    and organisation.value(loaded.profile, ref.target) is None:
                setting = organisation.VALUES[ref.target].setting
                yield Problem(doc.path, ref.line, "H300",
                              f"{organisation.VALUES[ref.target].label} is not set, so the page "
                              "shows a placeholder",
                              f"set `{setting}` in {PROFILE_FILE}; {FIX_PROFILE}",
                              severity="warning")


@rule("H301", "bad-profile", "heard.toml cannot be read or has a wrong value, or a page names "
      "an organisation value that does not exist.")
def profile_valid(cur, ctx):
    loaded = cur.organisation
    if loaded is not None:
        yield from loaded.problems
        logo = loaded.profile.organisation.logo if loaded.profile else None
        if logo and not (cur.overlay and _exists(cur, logo)):
            yield Problem(PROFILE_FILE, loaded.line_of("organisation", "logo"), "H301",
                          f"the logo `{logo}` does not exist",
                          "give the logo's path from the curriculum root, e.g. local/logo.svg")
    for doc in cur.documents:
        for ref in doc.roles:
            if ref.role == "org" and ref.target not in organisation.VALUES:
                yield Problem(doc.path, ref.line, "H301",
                              f"unknown organisation value `{ref.target}`",
                              f"use one of: {', '.join(organisation.VALUES)}")


def _exists(cur, rel: str) -> bool:
    return (cur.overlay.root / rel).is_file()


@rule("H302", "fee-review-passed", "The involvement fee in heard.toml is past its review date.")
def fee_current(cur, ctx):
    profile = cur.profile
    if profile is not None and profile.payment.review_by and \
            profile.payment.review_by < ctx.today:
        yield Problem(PROFILE_FILE, cur.organisation.line_of("payment", "review_by"), "H302",
                      f"the involvement fee was due for review on {profile.payment.review_by}",
                      "check the fee against your payment policy, then set `as_of` to today "
                      "and `review_by` to a new date")


@rule("H303", "left-out-unknown", "heard.toml leaves out a module or story that does not exist.")
def left_out_known(cur, ctx):
    if cur.overlay is None:
        return
    for ident in cur.overlay.unknown_left_out:
        yield Problem(PROFILE_FILE, cur.organisation.line_of("edition", ident), "H303",
                      f"`{ident}` is left out, but no module or story has that id",
                      "use the id from the module's or story's front matter")


@rule("H304", "left-out-used", "A page uses a module or story that heard.toml leaves out.")
def left_out_unused(cur, ctx):
    left_out = cur.left_out
    if not left_out:
        return
    for doc in cur.documents:
        for role, target, line in _references(doc):
            if role in ("module", "story") and target in left_out:
                what = "module" if isinstance(doc.meta, model.Module) else "page"
                yield Problem(doc.path, line, "H304",
                              f"{role} `{target}` is left out in {PROFILE_FILE} but this {what} "
                              "still uses it",
                              f"leave this {what} out too, or keep the {role}")

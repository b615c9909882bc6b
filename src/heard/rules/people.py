"""Rules that protect the people in the stories: consent, review dates, content notes."""

from __future__ import annotations

from .. import model
from ..problems import Problem
from . import rule


@rule("H061", "consent-review-passed", "A story's reuse or consent review date has passed.")
def consent_current(cur, ctx):
    for doc in cur.documents:
        meta = doc.meta
        record = meta.permission if isinstance(meta, model.Story) else None
        if record is not None and record.status == "active" and record.review_by < ctx.today:
            field = "reuse" if meta.reuse else "consent"
            yield Problem(doc.path, doc.line_of(field, "review_by"), "H061",
                          f"the {field} record for story `{meta.id}` was due for review on "
                          f"{record.review_by}",
                          f"check the {field} basis is still valid, then set {field}.recorded "
                          f"to today and {field}.review_by to a new date (or withdraw the story)")


@rule("H063", "fact-review-passed", "A dated fact's review date has passed.")
def facts_current(cur, ctx):
    for doc in cur.documents:
        for fact in doc.facts:
            if fact.review_by < ctx.today:
                yield Problem(doc.path, fact.line, "H063",
                              f"fact due for review on {fact.review_by}: {fact.text!r}",
                              "check the fact against its source, update it, then set :checked: "
                              "and :review-by: to new dates")


@rule("H110", "content-note-missing", "Hard material comes before its content note.")
def content_notes_first(cur, ctx):
    for doc in cur.documents:
        meta = doc.meta
        needs_note = isinstance(meta, model.Story) and meta.content_notes or isinstance(
            meta, model.Module) and any(
                cur.stories[s].meta.content_notes for s in meta.stories if s in cur.stories)
        if not needs_note:
            continue
        notes = [block.line for block in doc.blocks if block.name == "content-note"]
        if isinstance(meta, model.Story):
            first_section = next((line for level, _t, line in doc.headings if level >= 2), None)
            if notes and (first_section is None or notes[0] < first_section):
                continue
            yield Problem(doc.path, first_section or doc.meta_line, "H110",
                          f"story `{meta.id}` has content notes but no {{content-note}} "
                          "before its first section",
                          "add a ```{content-note}``` block right after the title")
        elif not notes:
            yield Problem(doc.path, doc.line_of("stories"), "H110",
                          f"module `{meta.id}` uses a story with content notes but has no "
                          "{content-note}", "add a ```{content-note}``` before the story activity")

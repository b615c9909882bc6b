"""Rules about what a module rests on: a balanced reading list, originals cited rather than
summaries, and a record of review by people with lived experience (issue 20)."""

from __future__ import annotations

from .. import model
from ..problems import Problem
from . import rule
from .references import _references

LAW = {"legislation", "statutory-guidance"}
RESEARCH = {"peer-reviewed", "book"}


@rule("H190", "reading-unbalanced", "A module's reading list has no law (legislation or "
      "statutory guidance), or no research (peer-reviewed or a book).")
def reading_unbalanced(cur, ctx):
    for module_id, doc in sorted(cur.modules.items()):
        if not doc.meta.reading:
            yield Problem(doc.path, doc.line_of("audiences"), "H190",
                          f"module `{module_id}` has no reading list",
                          "add `reading:` with the law and the research the session rests "
                          "on (ids in docs/sources.md)", severity="warning")
            continue
        kinds = {cur.sources[i].quality for i in doc.meta.reading if i in cur.sources}
        missing = [what for what, wanted in (("legislation or statutory guidance", LAW),
                                             ("peer-reviewed research or a book", RESEARCH))
                   if not kinds & wanted]
        if missing:
            yield Problem(doc.path, doc.line_of("reading"), "H190",
                          f"module `{module_id}`'s reading list has no "
                          + " and no ".join(missing),
                          "add to `reading:` a register source of that quality, so learners "
                          "see the law and the research the practice rests on",
                          severity="warning")


def _citations(doc):
    """(source id, line) for every source a document cites."""
    for role, target, line in _references(doc):
        if role == "source":
            yield target, line
    if isinstance(doc.meta, model.Assessment):
        for index, source in enumerate(doc.meta.reading):
            yield source, doc.line_of("reading", index)


@rule("H191", "summary-cited", "A page cites a summary whose original is in the source "
      "register.")
def summary_cited(cur, ctx):
    for doc in cur.documents:
        for source_id, line in _citations(doc):
            source = cur.sources.get(source_id)
            if source is not None and source.original in cur.sources:
                yield Problem(doc.path, line, "H191",
                              f"`{source_id}` is a summary of `{source.original}`, which is "
                              "in the register",
                              f"cite `{source.original}`, the original, instead",
                              severity="warning")


@rule("H195", "no-lived-experience-review", "A module does not record whether anyone with "
      "lived experience has shaped or reviewed it.")
def no_lived_experience_review(cur, ctx):
    for module_id, doc in sorted(cur.modules.items()):
        if doc.meta.lived_experience_review is None:
            yield Problem(doc.path, doc.meta_line, "H195",
                          f"module `{module_id}` has no `lived_experience_review`",
                          "add `lived_experience_review:` with `status: reviewed` and the "
                          "reviews, or `status: not-yet` and a note on the review planned",
                          severity="warning")


@rule("H196", "review-record-mismatch", "A module's lived-experience review says `reviewed` "
      "with no review listed, or lists reviews but says `not-yet`.")
def review_record_mismatch(cur, ctx):
    for module_id, doc in sorted(cur.modules.items()):
        record = doc.meta.lived_experience_review
        if record is None or (record.status == "reviewed") == bool(record.reviews):
            continue
        line = doc.line_of("lived_experience_review", "status")
        if record.reviews:
            yield Problem(doc.path, line, "H196", f"module `{module_id}` lists reviews by "
                          "people with lived experience but says `status: not-yet`",
                          "set `status: reviewed`")
        else:
            yield Problem(doc.path, line, "H196", f"module `{module_id}` says `status: "
                          "reviewed` but lists no review",
                          "add each review under `reviews:` (role, date, contribution, "
                          "changed), or set `status: not-yet` if none has happened")


def awaiting_review(cur) -> list[str]:
    """Ids of modules whose record says honestly that nobody has reviewed them yet."""
    return sorted(module_id for module_id, doc in cur.modules.items()
                  if doc.meta.lived_experience_review is not None
                  and doc.meta.lived_experience_review.status == "not-yet")

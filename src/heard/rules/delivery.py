"""Rules that keep the course safe to deliver: an honest basis for every story, a plan for
when a required co-trainer cannot be found, and no unfilled placeholders on course pages."""

from __future__ import annotations

import re

from .. import model
from ..problems import Problem
from . import rule
from .placeholders import _strings

# The one page where an organisation writes its own details; placeholders belong there only.
LOCAL_DETAILS_PAGE = "trainer_kit/organisation.md"
# Pages about the toolkit itself may show a placeholder as an example.
PLACEHOLDER_EXEMPT = ("docs/authoring/", "docs/reference/", LOCAL_DETAILS_PAGE)
# TODO left by `heard new` is rule H130 (placeholders.py); this rule is for the bracketed
# fields an organisation fills in.
PLACEHOLDER = re.compile(r"\[(?:Team|Your organisation|Organisation) (?:to add|adds)\b")


@rule("H150", "story-basis", "A story has neither or both of a reuse record (published "
      "account) and a consent record (first-hand account).")
def story_basis(cur, ctx):
    for doc in cur.documents:
        meta = doc.meta
        if not isinstance(meta, model.Story):
            continue
        if meta.reuse is None and meta.consent is None:
            yield Problem(doc.path, doc.meta_line, "H150",
                          f"story `{meta.id}` has no reuse or consent record",
                          "add `reuse:` for a story retold from a published source, or "
                          "`consent:` for a story a person gave to the course")
        elif meta.reuse is not None and meta.consent is not None:
            yield Problem(doc.path, doc.line_of("consent"), "H150",
                          f"story `{meta.id}` has both a reuse and a consent record",
                          "keep `reuse:` if the story is retold from a published source, or "
                          "`consent:` if the person gave it to the course; not both")


@rule("H151", "co-delivery-fallback", "A module that requires a co-trainer does not say what "
      "to do if none can be found in time.")
def co_delivery_fallback(cur, ctx):
    for doc in cur.modules.values():
        if doc.meta.co_delivery == "required" and not doc.meta.if_no_co_trainer.strip():
            yield Problem(doc.path, doc.line_of("co_delivery"), "H151",
                          f"module `{doc.id}` requires a co-trainer but does not say what to "
                          "do if none can be found in time",
                          "add `if_no_co_trainer: ...` saying whether to postpone, and what "
                          "to use instead")



@rule("H152", "placeholder-text", "A course page still has placeholder text such as "
      "\"[Team to add …]\".")
def placeholders(cur, ctx):
    for doc in cur.documents:
        if doc.path.startswith(PLACEHOLDER_EXEMPT):
            continue
        texts = list(doc.prose) + [(answer, brief.line) for brief in doc.briefs
                                   for answer in brief.answers.values()]
        if doc.meta is not None:
            texts += [(text, doc.meta_line) for _, text in _strings(doc.meta.model_dump(), ())]
        for text, line in texts:
            match = PLACEHOLDER.search(text)
            if match:
                yield Problem(doc.path, line, "H152",
                              f"placeholder text left in: {text[match.start():][:50]!r}",
                              "write the real text; details each organisation fills in belong "
                              f"on {LOCAL_DETAILS_PAGE}, linked from here")
                break

"""Rules for plain language: abbreviations explained, and pages easy enough to read."""

from __future__ import annotations

from .. import model
from ..problems import Problem
from . import rule

# Reading thresholds by audience: (lowest Flesch reading ease, longest average sentence).
# Service-user trainers get the stricter pair: the research behind the curriculum aims
# their material at a reading age of about 11 (docs/reference/rules.md says more).
THRESHOLDS = {"learners": (60.0, 20.0), "service-user-trainers": (70.0, 15.0)}
# Kinds that learners read; plain pages opt in with `audience:` in their front matter.
LEARNER_KINDS = ("story", "quality-list", "module", "framework")
MIN_WORDS = 100  # below this, reading scores say more about the formula than the page


def audience_of(doc) -> str | None:
    declared = getattr(doc.meta, "audience", None)
    if declared:
        return declared
    return "learners" if doc.kind in LEARNER_KINDS else None


def expanded_abbreviations(doc) -> set[str]:
    """Abbreviations the page writes out in full at their first use, as in "words (ABBR)".

    The page's learner text is read as one, so "ABBR ... words (ABBR)" does not count: the
    first use came before the explanation (the same answer as `heard.language.report`).
    """
    from ..language import expanded_on_first_use

    return expanded_on_first_use("\n".join(text for text, _line in doc.prose))


@rule("H080", "abbreviation-not-explained", "An abbreviation is neither in the glossary nor "
      "written out in full on first use.")
def abbreviations_explained(cur, ctx):
    if cur.glossary_doc is None:
        if any(doc.abbreviations for doc in cur.documents):
            first = next(doc for doc in cur.documents if doc.abbreviations)
            yield Problem(first.path, first.abbreviations[0][1], "H080",
                          "abbreviations are used but the curriculum has no glossary",
                          "add docs/glossary.md with `kind: glossary`")
        return
    known = set(cur.terms)
    for doc in cur.documents:
        reported: set[str] = set()
        expanded = None  # read the page's text only for a word the glossary lacks
        for word, line in doc.abbreviations:
            if word in known or word in reported:
                continue
            if expanded is None:
                expanded = expanded_abbreviations(doc)
            if word in expanded:
                continue
            reported.add(word)
            yield Problem(doc.path, line, "H080", f"abbreviation `{word}` is not in the glossary",
                          f"add `{word}` to docs/glossary.md, or write it out in full the first "
                          f"time, as in \"words in full ({word})\"")


@rule("H081", "hard-to-read", "A page of 100 words or more for learners or service-user "
      "trainers is harder to read than its audience's threshold, and declares no reasoned "
      "exception.")
def pages_readable(cur, ctx):
    from ..language import as_sentences, readability

    for doc in cur.documents:
        audience = audience_of(doc)
        if audience not in THRESHOLDS or not doc.prose:
            continue
        if isinstance(doc.meta, model.Story) and doc.meta.withdrawn:
            continue
        exception = getattr(doc.meta, "plain_language_exception", None)
        if exception:
            continue
        lowest, longest = THRESHOLDS[audience]
        text = as_sentences(text for text, _line in doc.prose)  # words, one space apart
        if (text.count(" ") + 1 if text else 0) < MIN_WORDS:
            continue  # too short to score fairly, and cheaper not to
        score = readability(text)
        if score.flesch_reading_ease < lowest or score.words_per_sentence > longest:
            yield Problem(doc.path, doc.meta_line, "H081",
                          f"hard to read for {audience}: Flesch reading ease "
                          f"{score.flesch_reading_ease} (at least {lowest:g}), "
                          f"{score.words_per_sentence} words a sentence (at most {longest:g})",
                          "use shorter sentences and everyday words; or, if the page must be "
                          "harder, add `plain_language_exception: <the reason>` to its front "
                          "matter")

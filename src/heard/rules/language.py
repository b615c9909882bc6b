"""Rules for plain language: every abbreviation is explained in the glossary."""

from __future__ import annotations

from ..problems import Problem
from . import rule


@rule("H080", "abbreviation-not-in-glossary", "An abbreviation is used but not in the glossary.")
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
        for word, line in doc.abbreviations:
            if word in known or word in reported:
                continue
            reported.add(word)
            yield Problem(doc.path, line, "H080", f"abbreviation `{word}` is not in the glossary",
                          f"add `{word}` to docs/glossary.md, or write it out in full")

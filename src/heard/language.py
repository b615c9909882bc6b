"""Plain-language measures: reading ease, sentence length, abbreviations and jargon.

Scores come from textstat (a maintained library), over the text a learner sees: each
paragraph, list item, heading or table cell counts as at least one sentence, as it reads.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from dataclasses import dataclass, field

from .loader import ABBREVIATION

READABILITY_VERSION = "textstat-0.7.8-1"  # change it when the scoring changes
SMALL_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)]*$")


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    words_per_sentence: float
    sentences: int
    words: int


@dataclass
class LanguageReport:
    readability: Readability
    undefined_abbreviations: list[str] = field(default_factory=list)
    jargon: list[str] = field(default_factory=list)


def as_sentences(blocks: Iterable[str]) -> str:
    """Join text blocks so that each one ends a sentence, as readers take them."""
    parts = []
    for block in blocks:
        block = " ".join(block.split())
        if block:
            parts.append(block if SENTENCE_END.search(block) else block + ".")
    return " ".join(parts)


def readability(blocks: Iterable[str] | str) -> Readability:
    text = blocks if isinstance(blocks, str) else as_sentences(blocks)
    key = hashlib.sha1(text.encode("utf-8")).hexdigest()
    cache = _cache()
    if key not in cache:
        import textstat  # only here: its word list takes most of a second to load

        from .syllables import install

        install()  # the word list from a cached table instead (heard/syllables.py)

        words = textstat.lexicon_count(text)
        sentences = max(1, textstat.sentence_count(text))
        score = textstat.flesch_reading_ease(text) if words else 100.0
        cache[key] = (round(score, 1), round(words / sentences, 1), sentences, words)
        _CACHE_STATE["dirty"] = True
    return Readability(*cache[key])


# Scores are pure functions of the text, so they are kept between runs (keyed by a hash of
# the text) in the user's cache folder: checking on every save stays fast.
_CACHE_STATE: dict = {"scores": None, "dirty": False}
CACHE_FILE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "heard" / \
    f"readability-{READABILITY_VERSION}.json"


def _cache() -> dict:
    if _CACHE_STATE["scores"] is None:
        try:
            _CACHE_STATE["scores"] = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _CACHE_STATE["scores"] = {}
        atexit.register(_save_cache)
    return _CACHE_STATE["scores"]


def _save_cache() -> None:
    if not _CACHE_STATE["dirty"]:
        return
    try:
        CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
        temporary = CACHE_FILE.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(_CACHE_STATE["scores"]), encoding="utf-8")
        temporary.replace(CACHE_FILE)  # atomic: a reader never sees half a file
    except OSError:
        pass  # a read-only home folder only costs speed


def undefined_abbreviations(text: str, glossary: Iterable[str]) -> list[str]:
    """Abbreviations neither in the glossary nor written out in full before their first use
    (as in "newly qualified social worker (NQSW)")."""
    known = set(glossary)
    found: list[str] = []
    for match in ABBREVIATION.finditer(text):
        word = match.group(0)
        if word.isdigit() or word in known or word in found:
            continue
        before = text[:match.start()].rstrip()
        if before.endswith("(") and _expanded(before[:-1], word):
            known.add(word)
            continue
        found.append(word)
    return found


def _expanded(before: str, abbreviation: str) -> bool:
    """True if the words just before "(ABBR" start with the abbreviation's letters."""
    words = re.findall(r"[A-Za-z]+", before)[-len(abbreviation) * 2:]
    initials = "".join(w[0].upper() for w in words if w.lower() not in SMALL_WORDS)
    letters = "".join(c for c in abbreviation if c.isalpha())
    return initials.endswith(letters)


def jargon(text: str, terms: Iterable[str]) -> list[str]:
    """Terms of art (glossary entries that are not abbreviations) used in the text."""
    lowered = text.lower()
    return sorted({term for term in terms if not ABBREVIATION.fullmatch(term)
                   and re.search(rf"\b{re.escape(term.lower())}\b", lowered)})


def report(text: str, glossary: Iterable[str] = ()) -> LanguageReport:
    """Everything the plain-language checks say about a piece of text."""
    terms = list(glossary)
    return LanguageReport(readability(text.split("\n\n")), undefined_abbreviations(text, terms),
                          jargon(text, terms))

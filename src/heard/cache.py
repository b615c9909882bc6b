"""The check cache: what `heard check` learned last time, so an unchanged curriculum is quick.

Kept in `.heard_cache/` in the curriculum folder (like `.ruff_cache` or `.mypy_cache`), and
safe to delete at any time. Two things are stored, each keyed by the toolkit's fingerprint
(its version and the size and time of each of its source files, so editing the toolkit
invalidates everything):
- per file and edition: the loaded Document, keyed by a hash of the file's bytes;
- per run: the problems, keyed by the hashes of every file and the run's settings.
A missing, unreadable or foreign cache counts as empty; a read-only folder only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import __version__

FOLDER = ".heard_cache"
FORMAT = 1  # change it when what is stored changes shape


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint() -> str:
    """The toolkit's version plus the size and time of each of its modules."""
    package = Path(__file__).parent
    parts = [__version__, str(FORMAT)]
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest("\n".join(parts).encode())


class CheckCache:
    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.stamp = fingerprint()

    def _read(self, name: str) -> dict:
        try:
            with (self.folder / name).open("rb") as handle:
                stamp, data = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a broken or foreign cache is an empty one
            return {}
        return data if stamp == self.stamp and isinstance(data, dict) else {}

    def _write(self, name: str, data: dict) -> None:
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Written by heard check; safe to delete.\n*\n")
            temporary = self.folder / f"{name}.{os.getpid()}.tmp"
            with temporary.open("wb") as handle:
                pickle.dump((self.stamp, data), handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.folder / name)  # atomic: a reader never sees half a file
        except OSError:
            pass

    def documents(self, edition: str) -> dict:
        """path -> (digest, Document) as loaded last time."""
        return self._read(f"documents-{edition}.pickle")

    def save_documents(self, edition: str, entries: dict) -> None:
        self._write(f"documents-{edition}.pickle", entries)

    def results(self, key: str) -> list | None:
        found = self._read("results.pickle")
        return found.get(key)

    def save_results(self, key: str, problems: list) -> None:
        self._write("results.pickle", {key: problems})

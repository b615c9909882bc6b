"""The check cache: what `heard check` learned last time, so an unchanged curriculum is quick.

Kept in `.heard_cache/` in the curriculum folder (like `.ruff_cache` or `.mypy_cache`), and
safe to delete at any time. Two things are stored, each keyed by the toolkit's fingerprint
(its version and the size and time of each of its source files, so editing the toolkit
invalidates everything):
- per file and edition: the loaded Document (pickled on its own, as the parsing workers
  return it), keyed by a hash of the file's bytes;
- per run: the problems, keyed by the hashes of every file and the run's settings.
A missing, unreadable or foreign cache counts as empty; a read-only folder only costs speed.

The files are pickles, and unpickling runs code, so a cache folder committed to a repository
someone else controls must never be read. Each file is signed with a key that lives in this
user's own cache folder (~/.cache/heard/check-cache.key, made on first use, readable by this
user only); a file without a valid signature is ignored, never unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
from functools import lru_cache
from pathlib import Path

from . import __version__

FOLDER = ".heard_cache"
FORMAT = 2  # change it when what is stored changes shape


SIGNATURE = 32  # bytes of HMAC-SHA256 before the pickle


@lru_cache(maxsize=1)
def signing_key() -> bytes | None:
    """This user's key for signing cache files, made once; None if it cannot be kept."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "heard"
    path = folder / "check-cache.key"
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    except OSError:
        return None
    if len(key) == 32:
        return key
    try:  # two first runs at once may both write one: the loser's files are a cache miss
        folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
    except OSError:
        return None
    return key


def sign(payload: bytes, key: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


class _Signing:
    """A file to pickle into that signs what passes through it."""

    def __init__(self, handle, key: bytes) -> None:
        self.handle = handle
        self.mac = hmac.new(key, digestmod=hashlib.sha256)

    def write(self, data) -> int:
        self.mac.update(data)
        return self.handle.write(data)


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
        key = signing_key()
        try:
            raw = (self.folder / name).read_bytes()
        except OSError:
            return {}
        signature, payload = raw[:SIGNATURE], raw[SIGNATURE:]
        if key is None or not hmac.compare_digest(signature, sign(payload, key)):
            return {}  # not written by this user's heard: never unpickle it
        try:
            stamp, data = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a broken or foreign cache is an empty one
            return {}
        return data if stamp == self.stamp and isinstance(data, dict) else {}

    def _write(self, name: str, data: dict) -> None:
        temporary = None
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Written by heard check; safe to delete.\n*\n")
            key = signing_key()
            if key is None:
                return  # nowhere to keep a key: run without a cache
            temporary = self.folder / f"{name}.{os.getpid()}.tmp"
            with temporary.open("wb") as handle:  # streamed: no second copy in memory
                handle.write(bytes(SIGNATURE))  # the signature goes here once it is known
                signing = _Signing(handle, key)
                pickle.dump((self.stamp, data), signing, protocol=pickle.HIGHEST_PROTOCOL)
                handle.seek(0)
                handle.write(signing.mac.digest())
            temporary.replace(self.folder / name)  # atomic: a reader never sees half a file
        except OSError:
            if temporary is not None:  # a half-written file (a full disk) is no use
                with contextlib.suppress(OSError):
                    temporary.unlink()

    def documents(self, edition: str) -> dict:
        """path -> (digest, pickled Document) as loaded last time."""
        return self._read(f"documents-{edition}.pickle")

    def save_documents(self, edition: str, entries: dict) -> None:
        self._write(f"documents-{edition}.pickle", entries)

    def results(self, key: str) -> list | None:
        found = self._read("results.pickle")
        return found.get(key)

    def save_results(self, key: str, problems: list) -> None:
        self._write("results.pickle", {key: problems})

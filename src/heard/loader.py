"""Load Heard documents from MyST Markdown without Sphinx.

One file becomes one `Document`: validated front matter, plus what the rules need from the
body (activities, briefs, facts, references, abbreviations, headings, toctree entries).
Broken input (bad bytes, broken YAML, an empty file) becomes a located Problem, never an
exception. In the learner edition the bodies of trainer-only directives are skipped, so
nothing trainer-only is ever held in memory or pickled by Sphinx. The body itself is read by
`heard.body`; this module finds files, reads front matter and uses the check cache.
"""

from __future__ import annotations

import gc
import logging
import pickle
import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from markdown_it.token import Token
from pydantic import ValidationError

from . import body, frontmatter, markdown, model
from .body import ABBREVIATION, LITERAL_DIRECTIVES, TRAINER_DIRECTIVES  # noqa: F401 (API)
from .model import Document
from .problems import Problem

# The folders (and root page) that make up a curriculum; conf.py whitelists the same.
SOURCE_DIRS = ("docs", "modules", "case_stories", "notebooks", "trainer_kit")
ROOT_DOC = "index"
OVERLAY_PREFIX = "local/"  # an organisation's own files, mirroring the folders (overlay.py)
SOURCE_SUFFIXES = (".md", ".ipynb")
BOM = "\ufeff".encode()
DEFAULT_KINDS = (("case_stories/lists/", "quality-list"), ("case_stories/", "story"),
                 ("modules/", "module"))


def default_kind(path: str) -> str:
    if posixpath.basename(path) == "index.md" or not path.endswith(".md"):
        return "page"
    path = path.removeprefix(OVERLAY_PREFIX)  # local/modules/x.md is a module, and so on
    for prefix, kind in DEFAULT_KINDS:
        if path.startswith(prefix) and "/" not in path[len(prefix):]:
            return kind
    return "page"


def find_source_files(root: Path) -> list[Path]:
    """Every source file of the curriculum under root, in a stable order."""
    files = [root / "index.md"] if (root / "index.md").is_file() else []
    for folder in SOURCE_DIRS:
        base = root / folder
        if base.is_dir():
            files.extend(
                path for path in sorted(base.rglob("*"))
                if path.suffix in SOURCE_SUFFIXES and path.is_file()
                and ".ipynb_checkpoints" not in path.parts and "_build" not in path.parts
            )
    return files


def load_file(root: Path, path: Path, edition: str = "trainer") -> Document:
    rel = path.relative_to(root).as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc = Document(path=rel, docname=rel.rsplit(".", 1)[0], kind="page")
        doc.problems.append(Problem(rel, 1, "H001", f"cannot read the file: {exc.strerror}",
                                    "check the file's permissions"))
        return doc
    return load_bytes(rel, raw, edition)


# Far above any real page (the largest is about 20 KB), and small enough that no file can
# make the checker slow: docs/reference/rules.md gives the measured bound.
MAX_FILE_CHARS = 1_000_000


def load_bytes(rel: str, raw: bytes, edition: str = "trainer") -> Document:
    if raw.startswith(BOM):
        raw = raw[len(BOM):]  # editors on Windows save one; Sphinx reads past it too
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc = Document(path=rel, docname=rel.rsplit(".", 1)[0], kind=default_kind(rel))
        line = raw.count(b"\n", 0, exc.start) + 1
        doc.problems.append(Problem(
            rel, line, "H001", f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save the file with UTF-8 encoding in your editor"))
        return doc
    return load_text(rel, text, edition)


def load_text(rel: str, text: str, edition: str = "trainer") -> Document:
    """Load one document from its text; rel is its path relative to the curriculum root."""
    doc = Document(path=rel, docname=rel.rsplit(".", 1)[0], kind=default_kind(rel))
    if doc.kind != "page":  # until the front matter says otherwise, the id is the file's name
        doc.intended_id = posixpath.basename(doc.docname)
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_FILE_CHARS:
        doc.problems.append(Problem(
            rel, 1, "H005", f"the file has {len(text):,} characters, over the limit of "
            f"{MAX_FILE_CHARS:,}", "split it into several pages"))
        return doc
    if rel.endswith(".ipynb"):
        from .notebooks_check import check_notebook

        check_notebook(doc, text)
        return doc
    if not text.strip():
        doc.problems.append(Problem(rel, 1, "H002", "the file is empty",
                                    "add front matter and content, or delete the file"))
        return doc
    tokens = markdown.parse(text)
    data: object = {}
    if tokens and tokens[0].type == "front_matter":
        data = _read_front_matter(doc, tokens[0])
        if data is None:
            return doc
    elif text.startswith("---\n"):
        doc.problems.append(Problem(rel, 1, "H003", "the front matter has no closing --- line",
                                    "end the front matter with a line holding only ---"))
        return doc
    elif doc.kind != "page":
        doc.problems.append(Problem(
            rel, 1, "H010", f"a {doc.kind} needs front matter, and this file has none",
            f"start the file with front matter between --- lines (run `heard new {doc.kind} ID` "
            "for a template), or add `kind: page` front matter if it is a plain page"))
        doc.kind = "page"
    if not isinstance(data, dict):
        doc.problems.append(Problem(rel, doc.meta_line, "H004",
                                    "the front matter is not a set of `field: value` lines",
                                    "write each field on its own line as `name: value`"))
        return doc
    doc.withdrawn = is_withdrawn(data)
    stated = data.get("id")
    if isinstance(stated, str):
        doc.intended_id = stated
    _validate_meta(doc, data)
    body.scan(doc, tokens, edition, text.split("\n"))
    return doc


def is_withdrawn(data: object) -> bool:
    """Consent withdrawn, read as leniently as possible: withholding a story by mistake is
    safe, publishing one is not."""
    if not isinstance(data, dict):
        return False
    # A published story has a `reuse:` record and a first-hand one a `consent:` record; either
    # may say withdrawn (and a story wrongly carrying both is withheld if either does).
    for record in ("reuse", "consent"):
        block = data.get(record)
        status = block.get("status") if isinstance(block, dict) else None
        if isinstance(status, str) and status.strip().lower() == "withdrawn":
            return True
    return False


def withdrawn_documents(root: Path) -> dict[str, str]:
    """Every withdrawn story under case_stories/ or local/case_stories/ (any depth, any
    encoding quirk): id -> path.

    The one answer to "which stories must no output hold", for `heard check` and the build
    alike. A story whose front matter cannot be read at all, but which says `withdrawn`, is
    counted as withdrawn.
    """
    found: dict[str, str] = {}
    bases = [root / "case_stories", root / OVERLAY_PREFIX / "case_stories"]
    paths = [path for base in bases if base.is_dir() for path in sorted(base.rglob("*.md"))]
    for path in paths:
        if "_build" in path.parts or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        except OSError:
            continue
        data, unreadable = _front_matter_only(rel, text)
        if is_withdrawn(data) or unreadable and WITHDRAWN_WORD.search(text):
            stated = data.get("id") if isinstance(data, dict) else None
            story_id = stated if isinstance(stated, str) else path.stem
            found.setdefault(story_id, rel)
    return found


WITHDRAWN_WORD = re.compile(r"^\s*status:\s*[\"']?withdrawn", re.I | re.M)


def _front_matter_only(rel: str, text: str) -> tuple[object, bool]:
    """The front matter's data without reading the body, and whether it was unreadable."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, False
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, True
    parsed = frontmatter.read("\n".join(lines[1:end]), rel, 2)
    return parsed.data, bool(parsed.problems)


# -- front matter --------------------------------------------------------------------------


def _read_front_matter(doc: Document, token: Token) -> object | None:
    first = token.map[0] + 2 if token.map else 2  # the line after the opening ---
    doc.meta_line = first - 1
    parsed = frontmatter.read(token.content, doc.path, first)
    doc.problems.extend(parsed.problems)
    doc.field_lines.update(parsed.lines)
    return None if parsed.problems else parsed.data


# Fields only one kind has: front matter holding them but no `kind:` was meant as that kind.
TELLING_FIELDS = {"sessions": "programme", "consent": "story", "outcomes": "module",
                  "terms": "glossary", "sources": "source-register"}


def _validate_meta(doc: Document, data: dict) -> None:
    declared = data.get("kind")
    if declared is not None:
        if not isinstance(declared, str) or declared not in model.KIND_MODELS:
            kinds = ", ".join(model.KIND_MODELS)
            doc.problems.append(Problem(doc.path, doc.line_of("kind"), "H012",
                                        f"unknown kind {frontmatter.shown(declared)}",
                                        f"use one of: {kinds}"))
            return
        doc.kind = declared
    elif doc.kind == "page":
        guess = next((TELLING_FIELDS[k] for k in data if k in TELLING_FIELDS), None)
        if guess:
            doc.problems.append(Problem(
                doc.path, doc.meta_line, "H010",
                f"the front matter has the fields of a {guess} but no `kind:`",
                f"add `kind: {guess}` (or, for a plain page, `kind: page` and remove the "
                f"{guess}'s fields)"))
            return
    try:
        doc.meta = model.KIND_MODELS[doc.kind].model_validate(data)
    except ValidationError as exc:
        doc.problems.extend(frontmatter.explain(doc, exc))


def read_sources(root: Path, files: list[Path] | None = None
                 ) -> list[tuple[str, bytes | OSError]]:
    """Every source file's path (relative to root) and bytes, or the error reading it; `files`
    (chosen by overlay.plan) instead of every file under root."""
    found: list[tuple[str, bytes | OSError]] = []
    for path in find_source_files(root) if files is None else files:
        try:
            found.append((path.relative_to(root).as_posix(), path.read_bytes()))
        except OSError as exc:
            found.append((path.relative_to(root).as_posix(), exc))
    return found


PARALLEL_FROM = 200  # files to parse; below this, starting processes costs more than it saves
CHUNK = 16  # files per task: small tasks keep both cores busy to the end


def _parse_all(todo: list[tuple[str, bytes]], edition: str) -> Iterator[tuple[str, bytes]]:
    """Each file's Document, pickled (the form the check cache keeps), in any order.

    A cold check of a large curriculum parses on every core: forked workers inherit the
    imported parser, so they start in milliseconds, and each small batch of pickled records
    comes back as soon as it is done, so the parent never holds more than it keeps. Where
    fork is not available, or with few files, this process parses them one by one.
    """
    import multiprocessing
    import os

    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_FROM and workers >= 2 and \
            "fork" in multiprocessing.get_all_start_methods():
        done: set[str] = set()
        _FORKED[:] = todo  # the workers are forked with it, so its bytes are never sent
        try:
            with multiprocessing.get_context("fork").Pool(workers, _quiet_parser_logs) as pool:
                for batch in pool.imap_unordered(
                        _load_forked, [(i, edition) for i in range(0, len(todo), CHUNK)]):
                    for rel, pickled in batch:
                        done.add(rel)
                        yield rel, pickled
            return
        except (OSError, RuntimeError):  # no processes to be had: parse the rest here
            todo = [(rel, raw) for rel, raw in todo if rel not in done]
        finally:
            _FORKED.clear()
    yield from _load_chunk(todo, edition)


_FORKED: list[tuple[str, bytes]] = []  # what the parsing workers are forked to parse


def _quiet_parser_logs() -> None:
    """In a parsing worker, which ends with the check: markdown-it logs a debug line each
    time it tries a block rule (over a million times for 1,000 modules, 7 % of the time to
    load a page) to loggers nobody listens to."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("markdown_it"):
            logging.getLogger(name).debug = _ignore


def _ignore(*_args, **_kwargs) -> None:
    pass


def _load_forked(task: tuple[int, str]) -> list[tuple[str, bytes]]:
    start, edition = task
    return _load_chunk(_FORKED[start:start + CHUNK], edition)


def _load_chunk(chunk: list[tuple[str, bytes]], edition: str) -> list[tuple[str, bytes]]:
    # Parsing makes no reference cycles, so the cycle collector would only walk every
    # object again and again (a tenth of the time) to free nothing.
    with _no_cycle_collection():
        return [(rel, pickle.dumps(load_bytes(rel, raw, edition), pickle.HIGHEST_PROTOCOL))
                for rel, raw in chunk]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_curriculum(root: Path, edition: str = "trainer", cache=None,
                    sources: list[tuple[str, bytes | OSError]] | None = None) -> list[Document]:
    """Load every source file under root; with a `heard.cache.CheckCache`, reuse each
    unchanged file's Document from the last run instead of parsing it again."""
    from .cache import digest

    if sources is None:
        sources = read_sources(root)
    known = cache.documents(edition) if cache is not None else {}  # path -> (hash, pickle)
    keys = {rel: digest(raw) for rel, raw in sources if isinstance(raw, bytes)}
    stored = {rel: known[rel][1] for rel, key in keys.items()
              if rel in known and known[rel][0] == key}
    loaded: dict[str, Document] = {}
    with _no_cycle_collection():  # millions of new objects, and no cycles among them
        for rel, pickled in _parse_all([(rel, raw) for rel, raw in sources
                                        if isinstance(raw, bytes) and rel not in stored],
                                       edition):
            stored[rel] = pickled
            loaded[rel] = pickle.loads(pickled)  # while the workers parse the rest
        documents = []
        for rel, raw in sources:
            if isinstance(raw, OSError):
                doc = Document(path=rel, docname=rel.rsplit(".", 1)[0], kind="page")
                doc.problems.append(Problem(rel, 1, "H001",
                                            f"cannot read the file: {raw.strerror}",
                                            "check the file's permissions"))
            else:
                doc = loaded.get(rel) or pickle.loads(stored[rel])
            documents.append(doc)
    entries = {rel: (key, stored[rel]) for rel, key in keys.items()}
    if cache is not None and (entries.keys() != known.keys() or any(
            known[rel][0] != key for rel, (key, _doc) in entries.items())):
        cache.save_documents(edition, entries)
    return documents

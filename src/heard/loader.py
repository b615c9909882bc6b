"""Load Heard documents from MyST Markdown without Sphinx.

One file becomes one `Document`: validated front matter, plus what the rules need from the
body (activities, briefs, facts, references, abbreviations, headings, toctree entries).
Broken input (bad bytes, broken YAML, an empty file) becomes a located Problem, never an
exception. In the learner edition the bodies of trainer-only directives are skipped, so
nothing trainer-only is ever held in memory or pickled by Sphinx.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from pydantic import ValidationError

from . import model
from .model import Activity, Block, Brief, Document, Fact, RoleRef
from .problems import Problem

# The folders (and root page) that make up a curriculum; conf.py whitelists the same.
SOURCE_DIRS = ("docs", "modules", "case_stories", "notebooks", "trainer_kit")
ROOT_DOC = "index"
SOURCE_SUFFIXES = (".md", ".ipynb")
TRAINER_DIRECTIVES = frozenset({"trainer-notes", "suggested-answers", "trainer-only"})
# Directive bodies that are not Markdown, so are not scanned for prose.
LITERAL_DIRECTIVES = frozenset(
    {"code-block", "code", "sourcecode", "literalinclude", "math", "raw", "csv-table",
     "include", "eval-rst", "mermaid", "graphviz"}
)
DEFAULT_KINDS = (("case_stories/lists/", "quality-list"), ("case_stories/", "story"),
                 ("modules/", "module"))
ABBREVIATION = re.compile(r"\b(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,}(?=s?\b)")
OPTION_LINE = re.compile(r"^:([\w-]+):(?:\s+(.*))?$")
XREF_TARGET = re.compile(r"<([^<>]+)>\s*$")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    return md.use(front_matter_plugin).use(colon_fence_plugin).use(myst_block_plugin).use(
        myst_role_plugin
    )


def default_kind(path: str) -> str:
    if posixpath.basename(path) == "index.md" or not path.endswith(".md"):
        return "page"
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


def load_bytes(rel: str, raw: bytes, edition: str = "trainer") -> Document:
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
    if rel.endswith(".ipynb"):
        return doc  # notebooks take part in the toctree only
    if not text.strip():
        doc.problems.append(Problem(rel, 1, "H002", "the file is empty",
                                    "add front matter and content, or delete the file"))
        return doc
    tokens = _parser().parse(text)
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
    _validate_meta(doc, data)
    _scan(doc, tokens, edition, offset=0, trainer=False)
    return doc


# -- front matter --------------------------------------------------------------------------


def _read_front_matter(doc: Document, token: Token) -> object | None:
    first = token.map[0] + 2 if token.map else 2  # the line after the opening ---
    doc.meta_line = first - 1
    loader = yaml.CSafeLoader(token.content) if yaml.__with_libyaml__ else yaml.SafeLoader(
        token.content)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first + (mark.line if mark else 0)
        doc.problems.append(Problem(
            doc.path, line, "H003", f"the front matter is not valid YAML: {exc.problem}",
            "check indentation and quote values that contain a colon, e.g. title: \"A: B\""))
        return None
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(doc.path, first, "H003",
                                    f"the front matter is not valid YAML: {exc}",
                                    "check the YAML between the --- lines"))
        return None
    finally:
        loader.dispose()
    if node is not None:
        _note_lines(doc.field_lines, node, (), first)
    return data


def _note_lines(lines: dict, node: yaml.Node, path: tuple, first: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = (*path, key.value)
            lines[sub] = first + key.start_mark.line
            _note_lines(lines, value, sub, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            sub = (*path, index)
            lines[sub] = first + value.start_mark.line
            _note_lines(lines, value, sub, first)


def _validate_meta(doc: Document, data: dict) -> None:
    declared = data.get("kind")
    if declared is not None:
        if declared not in model.KIND_MODELS:
            kinds = ", ".join(model.KIND_MODELS)
            doc.problems.append(Problem(doc.path, doc.line_of("kind"), "H012",
                                        f"unknown kind `{declared}`", f"use one of: {kinds}"))
            return
        doc.kind = declared
    try:
        doc.meta = model.KIND_MODELS[doc.kind].model_validate(data)
    except ValidationError as exc:
        doc.problems.extend(_explain(doc, exc))


def _explain(doc: Document, exc: ValidationError, directive: str | None = None,
             line: int | None = None) -> Iterator[Problem]:
    """Turn pydantic's errors into located problems with a fix.

    For a directive, fields are its options (`:name: value`) and the line is its own.
    """
    what = f"the {{{directive}}} directive" if directive else "the front matter"
    code_missing, code_extra, code_bad = ("H013",) * 3 if directive else ("H010", "H011", "H012")
    for err in exc.errors():
        loc = tuple(err["loc"])
        name = ".".join(str(part) for part in loc)
        where = line if line is not None else doc.line_of(*loc)
        kind = err["type"]
        if kind == "missing":
            add = f"`:{name}: ...` to the directive" if directive else f"`{name}: ...`"
            yield Problem(doc.path, where, code_missing, f"{what} is missing `{name}`",
                          f"add {add}; see docs/authoring/content-model.md")
        elif kind == "extra_forbidden":
            yield Problem(doc.path, where, code_extra, f"{what} has an unknown field `{name}`",
                          "remove it, or correct its spelling")
        elif kind == "string_pattern_mismatch":
            yield Problem(doc.path, where, code_bad,
                          f"`{name}` is not a valid id: {err['input']!r}",
                          "use lower-case words joined by hyphens, e.g. emily-and-kirsty "
                          "(and list-id:item-id for a quality item)")
        else:
            got = err.get("input")
            shown = f" (got {got!r})" if not isinstance(got, dict | list) else ""
            yield Problem(doc.path, where, code_bad, f"`{name}` in {what}: "
                          f"{err['msg'][0].lower()}{err['msg'][1:]}{shown}",
                          "dates are YYYY-MM-DD, durations whole minutes; "
                          "see docs/authoring/content-model.md")


# -- body ----------------------------------------------------------------------------------


def _scan(doc: Document, tokens: list[Token], edition: str, offset: int, trainer: bool) -> None:
    heading_level = 0
    for token in tokens:
        line = offset + (token.map[0] + 1 if token.map else 1)
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline":
            if heading_level:
                doc.headings.append((heading_level, token.content, line))
                heading_level = 0
            _scan_inline(doc, token, line, trainer)
        elif token.type in ("fence", "colon_fence"):
            _scan_fence(doc, token, line, edition, trainer)


def _scan_inline(doc: Document, token: Token, line: int, trainer: bool) -> None:
    words: list[str] = []
    first = line
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            words.append(" ")
        elif child.type in ("text", "code_inline"):
            words.append(child.content)
            if child.type == "text":
                _note_abbreviations(doc, child.content, line)
        elif child.type == "myst_role":
            target = child.content
            match = XREF_TARGET.search(target)
            doc.roles.append(RoleRef(child.meta.get("name", ""),
                                     (match.group(1) if match else target).strip(), line))
            if child.meta.get("name") == "term":
                _note_abbreviations(doc, child.content, line)
                words.append(child.content)
    if not trainer and words:
        doc.prose.append(("".join(words).strip(), first))


def _note_abbreviations(doc: Document, text: str, line: int) -> None:
    for match in ABBREVIATION.finditer(text):
        if not match.group(0).isdigit():
            doc.abbreviations.append((match.group(0), line))


def _split_directive(token: Token) -> tuple[str, str, dict[str, str], str, int] | None:
    """Name, argument, options, body and the body's line offset of a MyST directive."""
    info = token.info.strip()
    if not info.startswith("{") or "}" not in info:
        return None
    name, argument = info[1:].split("}", 1)
    lines = token.content.split("\n")
    options: dict[str, str] = {}
    index = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            try:
                loaded = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError:
                loaded = {}
            if isinstance(loaded, dict):
                options = {str(k): "" if v is None else str(v) for k, v in loaded.items()}
            index = end + 1
    else:
        while index < len(lines) and (match := OPTION_LINE.match(lines[index].strip())):
            options[match.group(1)] = (match.group(2) or "").strip()
            index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    return name.strip(), argument.strip(), options, "\n".join(lines[index:]), index


def _scan_fence(doc: Document, token: Token, line: int, edition: str, trainer: bool) -> None:
    parts = _split_directive(token)
    if parts is None:
        return  # a plain code block
    name, argument, options, body, body_index = parts
    inner_trainer = trainer or name in TRAINER_DIRECTIVES
    doc.blocks.append(Block(name, argument, line, inner_trainer))
    if inner_trainer and edition != "trainer":
        return  # never read trainer-only text in the learner edition
    _note_abbreviations(doc, argument, line)
    for value in options.values():
        _note_abbreviations(doc, value, line)
    if name == "toctree":
        for offset, entry in enumerate(body.split("\n")):
            entry = entry.strip()
            if entry and not entry.startswith(":"):
                match = XREF_TARGET.search(entry)
                target = (match.group(1) if match else entry).strip()
                doc.toctree.append((target, line + 1 + body_index + offset))
        return
    _record_directive(doc, name, argument, options, body, line)
    if name not in LITERAL_DIRECTIVES and body:
        _scan(doc, _parser().parse(body), edition, line + body_index, inner_trainer)


def _record_directive(doc: Document, name: str, argument: str, options: dict[str, str],
                      body: str, line: int) -> None:
    try:
        if name == "activity":
            opts = model.ActivityOptions.from_options(options)
            if not argument:
                doc.problems.append(Problem(doc.path, line, "H013", "activity has no title",
                                            "write the title after the name: ```{activity} Title"))
            doc.activities.append(Activity(argument, opts.duration, opts.format,
                                           tuple(opts.materials), line))
        elif name == "six-w-brief":
            brief = model.BriefOptions.model_validate(options)
            answers = {k: v for k, v in options.items() if k != "role-title"}
            doc.briefs.append(Brief(brief.role_title, answers, line))
        elif name == "material":
            opts = model.MaterialOptions.from_options(options)
            doc.materials.append(model.Material(argument, opts.kind, opts.module,
                                                opts.activity, tuple(opts.provides), line))
        elif name == "fact":
            fact = model.FactOptions.model_validate(options)
            doc.facts.append(Fact(" ".join(body.split())[:80], fact.source, fact.checked,
                                  fact.review_by, line))
    except ValidationError as exc:
        doc.problems.extend(_explain(doc, exc, name, line))


def load_curriculum(root: Path, edition: str = "trainer") -> list[Document]:
    """Load every source file under root."""
    return [load_file(root, path, edition) for path in find_source_files(root)]


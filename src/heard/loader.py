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

from . import frontmatter, model, vocabulary
from .model import Activity, Block, Brief, Document, Fact, RoleRef
from .problems import Problem

# The folders (and root page) that make up a curriculum; conf.py whitelists the same.
SOURCE_DIRS = ("docs", "modules", "case_stories", "notebooks", "trainer_kit")
ROOT_DOC = "index"
OVERLAY_PREFIX = "local/"  # an organisation's own files, mirroring the folders (overlay.py)
SOURCE_SUFFIXES = (".md", ".ipynb")
TRAINER_DIRECTIVES = vocabulary.TRAINER_DIRECTIVES
# Directive bodies that are not Markdown, so are not scanned for prose.
LITERAL_DIRECTIVES = frozenset(
    {"code-block", "code", "sourcecode", "literalinclude", "math", "raw", "csv-table",
     "include", "eval-rst", "mermaid", "graphviz"}
)
BOM = "\ufeff".encode()
PATH_DIRECTIVES = frozenset({"include", "literalinclude"})
DEFAULT_KINDS = (("case_stories/lists/", "quality-list"), ("case_stories/", "story"),
                 ("modules/", "module"))
PLACEHOLDER = "TODO"
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
    doc.withdrawn = is_withdrawn(data)
    stated = data.get("id")
    if isinstance(stated, str):
        doc.intended_id = stated
    _validate_meta(doc, data)
    _scan(doc, tokens, edition, text.split("\n"))
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
                                        f"unknown kind {_shown(declared)}",
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
        doc.problems.extend(_explain(doc, exc))


def _shown(value: object) -> str:
    """A value for a message: short, on one line, control characters escaped."""
    text = repr(value) if not isinstance(value, str) else f"`{value}`"
    return text if len(text) <= 60 else text[:57] + "..."


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
        elif kind == "string_pattern_mismatch" and frontmatter.CONTROL.search(
                str(err["input"])):
            yield Problem(doc.path, where, code_bad,
                          f"`{name}` holds a control character: {err['input']!r}",
                          "delete the invisible character (retype the text if unsure)")
        elif kind == "string_pattern_mismatch":
            yield Problem(doc.path, where, code_bad,
                          f"`{name}` is not a valid id: {err['input']!r}",
                          "use lower-case words joined by hyphens, e.g. emily-and-kirsty "
                          "(and list-id:item-id for a quality item)")
        else:
            got = err.get("input")
            shown = f" (got {_shown(got)})" if not isinstance(got, dict | list) else ""
            yield Problem(doc.path, where, code_bad, f"`{name}` in {what}: "
                          f"{err['msg'][0].lower()}{err['msg'][1:]}{shown}",
                          "dates are YYYY-MM-DD, durations whole minutes; "
                          "see docs/authoring/content-model.md")


# -- body ----------------------------------------------------------------------------------

MAX_NESTING = 20  # directives inside directives; real pages nest two deep
LOCAL_URL = re.compile(r"""\b(?:src|href|data)\s*=\s*["']?\s*file:""", re.I)
TRAINER_FENCE_LINE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{?\s*(trainer-notes|suggested-answers|"
                                r"trainer-only)\b", re.I | re.M)


def _scan(doc: Document, tokens: list[Token], edition: str, lines: list[str]) -> None:
    """Walk the page's tokens, and each directive's body in turn, in reading order.

    A directive body is Markdown too, so it is parsed where it stands and its tokens are
    walked before the rest of the page. An explicit stack (not recursion) keeps any depth
    of nesting safe; past MAX_NESTING the checker reports instead of descending.
    """
    stack: list[tuple[Iterator[Token], int, bool, int, list[str]]] = [
        (iter(tokens), 0, False, 0, lines)]
    heading_level = 0
    while stack:
        tokens_left, offset, trainer, depth, source = stack[-1]
        token = next(tokens_left, None)
        if token is None:
            stack.pop()
            continue
        line = offset + (token.map[0] + 1 if token.map else 1)
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline":
            if heading_level:
                doc.headings.append((heading_level, token.content, line))
                heading_level = 0
            _scan_inline(doc, token, line, trainer)
        elif token.type in ("fence", "colon_fence"):
            nested = _scan_fence(doc, token, line, edition, trainer, depth, source)
            if nested is not None:
                stack.append(nested)
        elif token.type == "code_block":
            _check_code(doc, token.content, line, "an indented code block (four spaces)")
        elif token.type == "html_block":
            _check_local_urls(doc, token.content, line)


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
            _note_role(doc, child, line, trainer)
            if child.meta.get("name") == "term":
                _note_abbreviations(doc, child.content, line)
                words.append(child.content)
        elif child.type == "html_inline":
            _check_local_urls(doc, child.content, line)
        elif child.type in ("link_open", "image"):
            target = str(child.attrs.get("href") or child.attrs.get("src") or "")
            _check_local_urls(doc, f'href="{target}"', line)
    if not trainer and words:
        doc.prose.append(("".join(words).strip(), first))


def _note_role(doc: Document, child: Token, line: int, trainer: bool) -> None:
    name = child.meta.get("name", "")
    target = child.content
    match = XREF_TARGET.search(target)
    target = (match.group(1) if match else target).strip()
    if not vocabulary.known_role(name):
        _unknown(doc, "role", name, line, vocabulary.KNOWN_ROLES)
    doc.roles.append(RoleRef(name.lower(), target, line))
    if name.lower() == "download" and not trainer:
        doc.includes.append(("download", target, line))


def _unknown(doc: Document, what: str, name: str, line: int, known: frozenset[str]) -> None:
    guess = vocabulary.suggest(name, known)
    fix = f"did you mean `{{{guess}}}`?" if guess else (
        f"use a {what} from docs/reference/directives.md, or check the spelling")
    code = "H014" if what == "directive" else "H015"
    doc.problems.append(Problem(doc.path, line, code, f"unknown {what} `{{{name}}}`", fix))
    doc.incomplete = True


def _note_abbreviations(doc: Document, text: str, line: int) -> None:
    for match in ABBREVIATION.finditer(text):
        word = match.group(0)
        if word == PLACEHOLDER:  # a template's "TODO what to write" (rule H130)
            doc.placeholders.append((line, text[match.start():match.start() + 120]))
        elif not word.isdigit():
            doc.abbreviations.append((word, line))


def _check_local_urls(doc: Document, html: str, line: int) -> None:
    if LOCAL_URL.search(html):
        doc.problems.append(Problem(
            doc.path, line, "H019", "a link or image points at a `file:` address on this "
            "computer, which would publish a local file",
            "link to a file in the curriculum with a relative path, or to a public web page"))


def _check_code(doc: Document, content: str, line: int, what: str) -> None:
    """A trainer-only block written where Markdown reads it as code shows it to learners."""
    match = TRAINER_FENCE_LINE.search(content)
    if match:
        at = line + content.count("\n", 0, match.start())
        doc.problems.append(Problem(
            doc.path, at, "H016", f"`{{{match.group(1).lower()}}}` is inside {what}, so "
            "learners would see it as code",
            f"start the block at the left margin as ```{{{match.group(1).lower()}}}``` with "
            "the braces"))
        doc.incomplete = True


def _closed(token: Token, source: list[str]) -> bool:
    """Whether a fence has its closing line; an unclosed one takes in the rest of the page."""
    if not token.map:
        return True
    last = source[token.map[1] - 1].strip() if token.map[1] - 1 < len(source) else ""
    marker = token.markup
    return token.map[1] - token.map[0] >= 2 and last.startswith(marker) and not last.strip(
        marker[0])


def _split_directive(token: Token) -> tuple[str, str, str] | None:
    """A MyST directive's name, argument and content (options and body), or None."""
    info = token.info.strip()
    if not info.startswith("{") or "}" not in info:
        return None
    name, argument = info[1:].split("}", 1)
    return name.strip(), argument.strip(), token.content


def _options(doc: Document, content: str, line: int, name: str
             ) -> tuple[dict[str, str], str, int]:
    """A directive's options (`:name: value` lines or a YAML block), body and body offset."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    index = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            parsed = frontmatter.read("\n".join(lines[1:end]), doc.path, line + 2,
                                      f"the options of {{{name}}}")
            doc.problems.extend(parsed.problems)
            if isinstance(parsed.data, dict):
                options = {str(k): "" if v is None else str(v) for k, v in parsed.data.items()}
            index = end + 1
    else:
        while index < len(lines) and (match := OPTION_LINE.match(lines[index].strip())):
            options[match.group(1)] = (match.group(2) or "").strip()
            index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    return options, "\n".join(lines[index:]), index


def _swallowed(token: Token) -> int | None:
    """The content line (0-based) where a block opens inside this one with a marker no
    longer than this one's: MyST nests only inside a longer fence, so the outer block was
    left unclosed and has taken in the next."""
    marker = token.markup
    if not marker:
        return None
    pattern = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)}}}(?!{re.escape(marker[0])})"
                         r"\s*\{")
    return next((i for i, text in enumerate(token.content.split("\n")) if pattern.match(text)),
                None)


def _scan_fence(doc: Document, token: Token, line: int, edition: str, trainer: bool,
                depth: int, source: list[str]):
    swallowed = _swallowed(token) if token.info.strip().startswith("{") else None
    if swallowed is not None or not _closed(token, source):
        marker = token.markup or "```"
        where = f"before the next block starts on line {line + 1 + swallowed}" \
            if swallowed is not None else "by the end of the page"
        doc.problems.append(Problem(
            doc.path, line, "H006", f"the block opened here with {marker} is not closed "
            f"{where}, so it takes in what follows", f"end the block with a line holding only "
            f"{marker}"))
        doc.incomplete = True
        if swallowed is not None:
            token.content = "\n".join(token.content.split("\n")[:swallowed])
    parts = _split_directive(token)
    if parts is None:  # a code block; is it a directive written without its braces?
        language = (token.info.strip().split() or [""])[0].lower()
        if language in vocabulary.HEARD_DIRECTIVES or vocabulary.near_trainer_directive(
                language):
            doc.problems.append(Problem(
                doc.path, line, "H016", f"```{language} is a code block, not the "
                f"{{{language}}} directive, so learners would see it",
                f"put the name in braces: ```{{{language}}}"))
            doc.incomplete = True
        return None  # a fenced example of a directive is documentation, shown on purpose
    name, argument, content = parts
    lname = name.lower()
    known = vocabulary.known_directive(lname)
    if not known:
        _unknown(doc, "directive", name, line, vocabulary.KNOWN_DIRECTIVES)
    trainer_block = lname in TRAINER_DIRECTIVES or (
        not known and vocabulary.near_trainer_directive(lname))
    if lname in TRAINER_DIRECTIVES and argument:
        doc.problems.append(Problem(
            doc.path, line, "H016", f"{{{lname}}} takes no title, but has {argument[:40]!r}",
            f"move the words into the block, and start it with ```{{{lname}}} alone"))
    inner_trainer = trainer or trainer_block
    doc.blocks.append(Block(lname, argument, line, inner_trainer))
    if inner_trainer and edition != "trainer":
        return None  # never read trainer-only text in the learner edition
    if not known:
        return None  # its body would only give errors that follow from the name
    reported = len(doc.problems)
    options, body, body_index = _options(doc, content, line, lname)
    options_broken = len(doc.problems) > reported  # its YAML option block was refused
    if lname not in PATH_DIRECTIVES:  # a file name, such as NOTICE.md, is not prose
        _note_abbreviations(doc, argument, line)
    for value in options.values():
        _note_abbreviations(doc, value, line)
    if lname == "toctree":
        for offset, entry in enumerate(body.split("\n")):
            entry = entry.strip()
            if entry and not entry.startswith(":"):
                match = XREF_TARGET.search(entry)
                target = (match.group(1) if match else entry).strip()
                doc.toctree.append((target, line + 1 + body_index + offset))
        return None
    if lname in ("include", "literalinclude") and not inner_trainer:
        doc.includes.append((lname, argument, line))
    if not options_broken:  # else its missing options would only follow from that error
        _record_directive(doc, lname, argument, options, body, line)
    if lname in LITERAL_DIRECTIVES or not body:
        return None
    if depth >= MAX_NESTING:
        doc.problems.append(Problem(
            doc.path, line, "H017", f"directives are nested more than {MAX_NESTING} deep here",
            "close some blocks before opening new ones; real pages need two or three levels"))
        return None
    body_lines = body.split("\n")
    return (iter(_parser().parse(body)), line + body_index, inner_trainer, depth + 1, body_lines)


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


def _load_in_parallel(todo: list[tuple[str, bytes]], edition: str) -> dict[str, Document]:
    """Parse many files on every core (a cold check of a large curriculum); {} if not worth it.

    Forked workers inherit the imported parser, so they start in milliseconds; where fork
    is not available the files are parsed one by one instead.
    """
    import multiprocessing
    import os

    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_FROM or workers < 2 or \
            "fork" not in multiprocessing.get_all_start_methods():
        return {}
    chunks = [todo[i::workers] for i in range(workers)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            loaded = pool.starmap(_load_chunk, [(chunk, edition) for chunk in chunks])
    except (OSError, RuntimeError):
        return {}  # no processes to be had: parse in this one
    return {doc.path: doc for chunk in loaded for doc in chunk}


def _load_chunk(chunk: list[tuple[str, bytes]], edition: str) -> list[Document]:
    return [load_bytes(rel, raw, edition) for rel, raw in chunk]


def load_curriculum(root: Path, edition: str = "trainer", cache=None,
                    sources: list[tuple[str, bytes | OSError]] | None = None) -> list[Document]:
    """Load every source file under root; with a `heard.cache.CheckCache`, reuse each
    unchanged file's Document from the last run instead of parsing it again."""
    from .cache import digest

    if sources is None:
        sources = read_sources(root)
    known = cache.documents(edition) if cache is not None else {}
    entries: dict[str, tuple[str, Document]] = {}
    documents = []
    fresh = _load_in_parallel(
        [(rel, raw) for rel, raw in sources if isinstance(raw, bytes)
         and known.get(rel, ("",))[0] != digest(raw)], edition)
    for rel, raw in sources:
        if isinstance(raw, OSError):
            doc = Document(path=rel, docname=rel.rsplit(".", 1)[0], kind="page")
            doc.problems.append(Problem(rel, 1, "H001", f"cannot read the file: {raw.strerror}",
                                        "check the file's permissions"))
            documents.append(doc)
            continue
        key = digest(raw)
        hit = known.get(rel)
        if hit is not None and hit[0] == key:
            doc = hit[1]
        else:
            doc = fresh.get(rel) or load_bytes(rel, raw, edition)
        entries[rel] = (key, doc)
        documents.append(doc)
    if cache is not None and (entries.keys() != known.keys() or any(
            known[rel][0] != key for rel, (key, _doc) in entries.items())):
        cache.save_documents(edition, entries)
    return documents

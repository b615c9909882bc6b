"""Read a page's body: one walk over its tokens, each directive's body in turn.

What the rules need from the body (activities, briefs, facts, references, abbreviations,
headings, toctree entries, learner-visible prose) is recorded on the Document; mistakes that
would misrender or leak in the build (unknown names, unclosed or misformed blocks, `file:`
links) become located Problems. In the learner edition trainer-only bodies are never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token
from pydantic import ValidationError

from . import frontmatter, model, vocabulary
from .markdown import parse, plain_lines
from .model import Activity, Block, Brief, Document, Fact, RoleRef
from .problems import Problem

TRAINER_DIRECTIVES = vocabulary.TRAINER_DIRECTIVES
# Directive bodies that are not Markdown, so are not scanned for prose.
LITERAL_DIRECTIVES = frozenset(
    {"code-block", "code", "sourcecode", "literalinclude", "math", "raw", "csv-table",
     "include", "eval-rst", "mermaid", "graphviz"}
)
PATH_DIRECTIVES = frozenset({"include", "literalinclude"})  # their argument is a file name
PLACEHOLDER = "TODO"
ABBREVIATION = re.compile(r"\b(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,}(?=s?\b)")
MAY_ABBREVIATE = re.compile(r"[A-Z][A-Z0-9]|[0-9][A-Z]")  # in every ABBREVIATION match
OPTION_LINE = re.compile(r"^:([\w-]+):(?:\s+(.*))?$")
XREF_TARGET = re.compile(r"<([^<>]+)>\s*$")


MAX_NESTING = 20  # directives inside directives; real pages nest two deep
LOCAL_URL = re.compile(r"""\b(?:src|href|data)\s*=\s*["']?\s*file:""", re.I)
TRAINER_FENCE_LINE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{?\s*(trainer-notes|suggested-answers|"
                                r"trainer-only)\b", re.I | re.M)


def scan(doc: Document, tokens: list[Token], edition: str, lines: list[str]) -> None:
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
    if token.meta.get("plain"):  # no markup: its text is its lines, joined by line breaks
        lines = plain_lines(token.content)
        if MAY_ABBREVIATE.search(token.content):
            for number, text in enumerate(lines):
                _note_abbreviations(doc, text, line + number)
        if text := " ".join(lines):
            words.append(text)
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
    if MAY_ABBREVIATE.search(text) is None:  # most text: a quick look instead of a slow one
        return
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
    return (iter(parse(body)), line + body_index, inner_trainer, depth + 1, body_lines)


def _record_directive(doc: Document, name: str, argument: str, options: dict[str, str],
                      body: str, line: int) -> None:
    try:
        if name == "activity":
            opts = model.ActivityOptions.from_options(options)
            if not argument:
                doc.problems.append(Problem(doc.path, line, "H013", "activity has no title",
                                            "write the title after the name: ```{activity} Title"))
            doc.activities.append(Activity(argument, opts.duration, opts.format,
                                           tuple(opts.materials), line, opts.lead))
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
        doc.problems.extend(frontmatter.explain(doc, exc, name, line))

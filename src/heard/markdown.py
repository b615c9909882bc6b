"""The checker's Markdown parser: markdown-it-py with the MyST plugins, made faster without
changing what it finds.

Parsing was most of a cold `heard check` (about 10 ms of CPU for a real module). Work is
skipped only where it cannot change the result:
- a rule whose marker is not in the text at all (no `|`, no table; no `{`, no role): one
  parser is kept for each set of rules a text needs;
- the setext-heading rule (a line of `---` or `===` under a paragraph) on a paragraph with
  no line ending in - or = before the next empty line;
- the inline parse of a paragraph without inline markup: `plain_lines` splits its text into
  lines as markdown-it's inline parser would;
- the MyST role rule anywhere but at a brace.
It also mends a crash of the MyST plugins (see parse). tests/test_markdown.py compares the
tokens with the stock parser's on every page of the repository and on random text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.lheading import lheading
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from mdit_py_plugins.myst_role.index import myst_role

# A thematic break ends its line with one of * - _ and perhaps spaces or tabs (the needs
# below read the text before the parser turns each \r\n or \r into \n).
THEMATIC_BREAK_END = re.compile(r"[-*_][ \t]*(?=\r|$)", re.M)
# For each of the parser's rule chains, the rules that may be left out, each with what a text
# must hold for the rule ever to match (a superset: a rule only starts at its marker).
NEEDS = {
    "core": {"normalize": lambda t: "\r" in t or "\0" in t},  # else it changes nothing
    "block": {
        "front_matter": lambda t: t.startswith("-"),
        "table": lambda t: "|" in t,  # its header row must hold a pipe
        "colon_fence": lambda t: ":::" in t,
        "fence": lambda t: "```" in t or "~~~" in t,
        "myst_line_comment": lambda t: "%" in t,
        "blockquote": lambda t: ">" in t,
        "myst_block_break": lambda t: "+" in t,
        "myst_target": lambda t: ")=" in t,
        "hr": lambda t: THEMATIC_BREAK_END.search(t) is not None,
        "reference": lambda t: "[" in t,
        "html_block": lambda t: "<" in t,
        "heading": lambda t: "#" in t,
    },
    "inline": {
        "escape": lambda t: "\\" in t,
        "myst_role": lambda t: "{" in t,
        "backticks": lambda t: "`" in t,
        "emphasis": lambda t: "*" in t or "_" in t,
        "link": lambda t: "[" in t,
        "image": lambda t: "![" in t,
        "autolink": lambda t: "<" in t,
        "html_inline": lambda t: "<" in t,
        "entity": lambda t: "&" in t,
    },
}
UNDERLINE = re.compile(r"[-=][ \t]*$", re.M)  # may underline a setext heading
# Where any inline rule but plain text and line breaks may start (an image starts `![`).
INLINE_MARKUP = re.compile(r"[\\{`*_\[<&]")


def parse(text: str) -> list[Token]:
    """The tokens of a page or a directive body, as the stock parser gives them, except that
    an inline token without markup has no children and `meta["plain"]` (see plain_lines)."""
    md = _parser(frozenset((chain, name) for chain, rules in NEEDS.items()
                           for name, needs in rules.items() if not needs(text)))
    try:
        return md.parse(text)
    except IndexError:
        # The MyST comment and colon-fence rules read one character past a text that ends
        # in an empty quoted line ("> :::" then "> "); read it as if it ended in a newline.
        return md.parse(text + "\n")


@lru_cache(maxsize=64)  # real pages need a handful of rule sets; hostile ones cannot grow it
def _parser(off: frozenset[tuple[str, str]]) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin).use(colon_fence_plugin).use(myst_block_plugin).use(
        myst_role_plugin)
    for chain, name in off:
        md[chain].ruler.disable(name)
    md.block.ruler.at("lheading", _setext_heading)
    md.inline.ruler.at("myst_role", _role)
    md.core.ruler.at("inline", _inline_with_markup)
    return md


def plain_lines(content: str) -> list[str]:
    """The text of an inline token without markup, one string per line, as markdown-it's
    inline parser gives its text children: a line break drops the spaces at the end of the
    line before it and the spaces and tabs at the start of the next."""
    lines = content.split("\n")
    last = len(lines) - 1
    return [(line.lstrip(" \t") if i else line).rstrip(" ") if i < last else
            (line.lstrip(" \t") if i else line) for i, line in enumerate(lines)]


def _inline_with_markup(state: StateCore) -> None:
    """markdown-it's `inline` core rule, for the inline tokens that have markup only."""
    for token in state.tokens:
        if token.type == "inline":
            if INLINE_MARKUP.search(token.content) is None:
                token.meta["plain"] = True
                continue
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _role(state, silent: bool) -> bool:
    # The plugin copies the rest of the text at every character where a rule may start
    # (every hyphen and colon); a role starts only at a brace.
    return state.src[state.pos] == "{" and myst_role(state, silent)


def _setext_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's lheading rule, called only when a line ending in - or = follows the
    paragraph before its next blank line (the rule reads each line up to one or the other;
    eMarks, where each line ends, never change)."""
    if start + 1 < end:
        after, last = state.eMarks[start] + 1, state.eMarks[end - 1]
        # The first empty line (a line of spaces also ends the paragraph, so reading on to
        # an empty line only reads more: never too little).
        blank = state.src.find("\n\n", after - 1, last)
        if UNDERLINE.search(state.src, after, last if blank < 0 else blank + 1):
            return lheading(state, start, end, silent)
    if not state.is_code_block(start):
        state.parentType = "paragraph"  # what the rule leaves behind when it finds none
    return False

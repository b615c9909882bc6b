"""The checker's faster parser (heard.markdown) finds exactly what stock markdown-it-py with
the same MyST plugins finds: the same tokens, and for a paragraph it reads line by line, the
same text the inline parser would give. Checked on the curriculum's own pages and on random
Markdown made of the characters and lines every rule reacts to (three times
HEARD_FUZZ_EXAMPLES texts, 600 by default; a parse takes a millisecond)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from heard import loader
from heard.markdown import parse, plain_lines

REPO = Path(__file__).resolve().parent.parent
STOCK = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(
    colon_fence_plugin).use(myst_block_plugin).use(myst_role_plugin)
FIELDS = ("type", "tag", "nesting", "map", "content", "markup", "info", "attrs", "block",
          "hidden", "level")


def stock_lines(children) -> list[str]:
    """The text of a markup-free paragraph's children, one string per line."""
    lines = [""]
    for child in children:
        assert child.type in ("text", "softbreak", "hardbreak"), child.type
        if child.type == "text":
            lines[-1] += child.content
        else:
            lines.append("")
    return lines


def stock_parse(text: str):
    """Stock markdown-it's tokens; where its MyST plugins crash (reading past a text that ends
    in an empty quoted line), those of the text with a newline at its end."""
    try:
        return STOCK.parse(text)
    except IndexError:
        return STOCK.parse(text + "\n")


def assert_same(fast, stock) -> None:
    assert len(fast) == len(stock), ([t.type for t in fast], [t.type for t in stock])
    for mine, theirs in zip(fast, stock):
        for name in FIELDS:
            assert getattr(mine, name) == getattr(theirs, name), (name, mine, theirs)
        meta = dict(mine.meta)
        if meta.pop("plain", False):
            # markdown-it makes no empty text child; plain_lines gives "" for such a line
            assert plain_lines(mine.content) == stock_lines(theirs.children or []), mine.content
        else:
            assert meta == theirs.meta
            assert_same(mine.children or [], theirs.children or [])
        if mine.type in ("fence", "colon_fence") and mine.info.startswith("{"):
            assert_same(parse(mine.content), stock_parse(mine.content))  # a directive body


PAGES = sorted(path for folder in ("modules", "case_stories", "trainer_kit", "docs", "tests/roots")
               for path in (REPO / folder).rglob("*.md"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_curriculum_parses_as_with_stock_markdown_it(path):
    text = path.read_text(encoding="utf-8")
    assert_same(parse(text), stock_parse(text))


LINES = ["", "---", "***", "- - -", "___", "===", "Title", "Text\\", "+++", "% note", "(target)=",
         "> quote", ">", "- item", "* item", "+ item", "1. item", "2) item", "```", "````",
         "```{note}", "~~~", ":::", ":::{note}", "# Heading", "## Heading ##", "| a | b |",
         "|---|---|", "a | b", "--|--", ":-:|", "<div>", "</div>", "<!-- c -->", "[ref]: /x",
         "[ref]", "[a](b)", "![i](p)", "<http://x>", "{term}`ABC`", "{x}`y`", "**NHS**",
         "*a* _b_", "`code`", "\\*", "&amp;", "&#35;", "TODO this", "a  ", "b\t", "x -", "y =",
         "---\nid: x\n---"]
CHARS = "abc ABC -=*_#>+|:`~%()[]!<&{}\\\t.\r\x00"
line = st.tuples(st.sampled_from(["", " ", "  ", "   ", "    ", "\t", "> ", "- ", "1. "]),
                 st.one_of(st.sampled_from(LINES), st.text(CHARS, max_size=20)),
                 st.sampled_from(["", " ", "  ", "\t", "\r"])).map("".join)  # \r: CRLF


@settings(max_examples=3 * int(os.environ.get("HEARD_FUZZ_EXAMPLES", "200")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(line, max_size=25).map("\n".join))
@example("Text\n---")  # a setext heading
@example("Text\nmore\n\n---")  # the blank line ends the paragraph first
@example("> a\n---")
@example("- a\n  b\n  ===")
@example("a  \n  b\t\nc")  # line breaks drop trailing spaces and leading spaces and tabs
@example("| a |\n| - |\n| b |")
@example("> % note\n> ")  # stock markdown-it crashes here
@example("___\r")  # a carriage return ends a line too
@example("Text\r\n***\r\nmore")
def test_random_markdown_parses_as_with_stock_markdown_it(text):
    assert_same(parse(text), stock_parse(text))


@pytest.mark.parametrize(("text", "codes"), [
    ("> % note\n> ", []), ("> :::\n> ", ["H006"]), ("- > % note\n  > ", [])])
def test_a_page_ending_in_an_empty_quoted_line_is_read(text, codes):
    with pytest.raises(IndexError):
        STOCK.parse(text)  # the crash in mdit-py-plugins this mends
    assert_same(parse(text), STOCK.parse(text + "\n"))
    # no traceback, and an unclosed fence (":::" never closed) is reported as any other
    assert [p.code for p in loader.load_text("docs/page.md", text).problems] == codes

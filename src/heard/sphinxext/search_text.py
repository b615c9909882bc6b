"""Every page's text for the search page's extracts when the site is opened from a folder.

Sphinx's search shows an extract under each result by fetching the page; browsers refuse that
for file:// addresses. So the build writes _static/heard-page-text.js, which the search page
(theme/heard/static/heard-search.js) loads only when opened from a folder. Each entry keeps
the page's sections (with their ids, which Sphinx uses for results within a page) and text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

FILE = "heard-page-text.js"
PREFIX = "window.HEARD_PAGE_TEXT = "
SECTION = re.compile(r'<(/?)section\b[^>]*?(\sid="[^"]*")?[^>]*>')
TAG = re.compile(r"<[^>]+>")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|<a class=\"headerlink\".*?</a>", re.S)


def page_text(body: str) -> str:
    """The body's text, with <section id=...> tags kept and all other markup dropped."""
    def mark(match: re.Match) -> str:
        return "\x02" if match.group(1) else f"\x00{match.group(2) or ''}\x01"

    text = html.unescape(TAG.sub(" ", SECTION.sub(mark, HIDDEN.sub(" ", body))))
    text = html.escape(re.sub(r"\s+", " ", text), quote=False)
    return text.replace("\x00", "<section").replace("\x01", ">").replace("\x02", "</section>")


def collect(app, pagename, templatename, context, doctree) -> None:
    if doctree is not None and "body" in context:
        app.env.heard_page_text = getattr(app.env, "heard_page_text", {})
        app.env.heard_page_text[pagename] = page_text(context["body"])


def write(app, exception) -> None:
    # Only builders with a search page need its extracts (not single-page, PDF or kit).
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    path = Path(app.outdir, "_static", FILE)
    texts = {}
    if path.is_file():  # an incremental build rewrites only some pages: keep the others
        try:
            texts = json.loads(path.read_text(encoding="utf-8")[len(PREFIX):].rstrip(";\n"))
        except ValueError:
            texts = {}
    texts.update(getattr(app.env, "heard_page_text", {}))
    texts = {name: text for name, text in texts.items() if name in app.env.all_docs}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PREFIX + json.dumps(texts, ensure_ascii=False, sort_keys=True) + ";\n",
                    encoding="utf-8")


def setup_search_text(app) -> None:
    app.connect("html-page-context", collect)
    app.connect("build-finished", write)

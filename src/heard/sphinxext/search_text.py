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


# Only builders with a search page need its extracts (not single-page, PDF or kit).
BUILDERS = ("html", "dirhtml")
# Under a parallel build (-j N) pages are rendered in child processes, so what `collect` sees
# never reaches the main process through memory. Each page's text goes to a file in the
# doctree cache instead: written where the page is rendered, kept for the pages an
# incremental build does not rewrite, and gathered by `write` once the build is over.
CACHE = "heard-page-text"


def cached_text(app, pagename: str) -> Path:
    return Path(app.doctreedir, CACHE, f"{pagename}.txt")


def collect(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name in BUILDERS and doctree is not None and "body" in context:
        path = cached_text(app, pagename)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(context["body"]), encoding="utf-8")


def uncached(app, env, added, changed, removed) -> list[str]:
    """env-get-outdated: pages with no cached text (a cache lost, or made before it existed)
    are read and written again, so no page's text goes missing from the file."""
    if app.builder.name not in BUILDERS:
        return []
    return sorted(name for name in env.all_docs
                  if name not in removed and not cached_text(app, name).is_file())


def write(app, exception) -> None:
    if exception is not None or app.builder.name not in BUILDERS:
        return
    texts = {}
    for name in sorted(app.env.all_docs):  # pages deleted from the project drop out here
        path = cached_text(app, name)
        if path.is_file():
            texts[name] = path.read_text(encoding="utf-8")
    path = Path(app.outdir, "_static", FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PREFIX + json.dumps(texts, ensure_ascii=False, sort_keys=True) + ";\n",
                    encoding="utf-8")


def setup_search_text(app) -> None:
    app.connect("env-get-outdated", uncached)
    app.connect("html-page-context", collect)
    app.connect("build-finished", write)

"""Pages get only the stylesheets and scripts they use."""

from __future__ import annotations

from heard.sphinxext.assets import prune_assets

ALL_CSS = ["_static/basic.css", "_static/sphinx-design.min.css?v=1", "_static/pygments.css"]
ALL_JS = ["_static/doctools.js", "_static/design-tabs.js"]


def context(body: str) -> dict:
    return {"body": body, "css_files": list(ALL_CSS), "script_files": list(ALL_JS)}


def test_a_plain_page_drops_unused_extension_assets():
    ctx = context("<p>Just words.</p>")
    prune_assets(None, "page", "page.html", ctx, doctree=object())
    assert ctx["css_files"] == ["_static/basic.css"]
    assert ctx["script_files"] == ["_static/doctools.js"]


def test_a_page_with_tabs_and_code_keeps_them():
    ctx = context('<div class="sd-tab-set"><div class="highlight"><pre>x</pre></div></div>')
    prune_assets(None, "page", "page.html", ctx, doctree=object())
    assert ctx["css_files"] == ALL_CSS and ctx["script_files"] == ALL_JS


def test_pages_without_a_doctree_keep_everything():
    ctx = context("")
    prune_assets(None, "genindex", "genindex.html", ctx, doctree=None)
    assert ctx["css_files"] == ALL_CSS

"""The page text the search page reads for its extracts when opened from a folder."""

from __future__ import annotations

import json
from types import SimpleNamespace

from heard.sphinxext.search_text import FILE, PREFIX, page_text, write


def test_page_text_keeps_sections_and_text_and_drops_other_markup():
    body = ('<section id="a"><h1>Title<a class="headerlink" href="#a">#</a></h1>'
            '<p>Fish &amp; <em>chips</em> &lt;here&gt;</p><script>alert(1)</script>'
            '<section id="b"><p>Inner</p></section></section>')
    assert page_text(body) == ('<section id="a"> Title Fish &amp; chips &lt;here&gt; '
                               '<section id="b"> Inner </section></section>')


def test_write_keeps_pages_an_incremental_build_did_not_rewrite(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / FILE).write_text(PREFIX + json.dumps({"old": "kept", "gone": "dropped"}) + ";\n")
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html", name="html"),
                          env=SimpleNamespace(heard_page_text={"new": "added"},
                                              all_docs={"old": 0, "new": 0}))
    write(app, None)
    text = (static / FILE).read_text()
    assert text.startswith(PREFIX)
    assert json.loads(text[len(PREFIX):].rstrip(";\n")) == {"new": "added", "old": "kept"}

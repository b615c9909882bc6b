"""The page text the search page reads for its extracts when opened from a folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import edit

from heard.sphinxext.search_text import CACHE, FILE, PREFIX, page_text


def test_page_text_keeps_sections_and_text_and_drops_other_markup():
    body = ('<section id="a"><h1>Title<a class="headerlink" href="#a">#</a></h1>'
            '<p>Fish &amp; <em>chips</em> &lt;here&gt;</p><script>alert(1)</script>'
            '<section id="b"><p>Inner</p></section></section>')
    assert page_text(body) == ('<section id="a"> Title Fish &amp; chips &lt;here&gt; '
                               '<section id="b"> Inner </section></section>')


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    return app


def page_texts(app) -> dict[str, str]:
    text = (Path(app.outdir) / "_static" / FILE).read_text(encoding="utf-8")
    assert text.startswith(PREFIX)
    return json.loads(text[len(PREFIX):].rstrip(";\n"))


def test_parallel_build_writes_every_page_text_as_a_serial_build(make_app, curriculum, tmp_path):
    # Pages are written in child processes under -j 2: their text must still reach the file.
    other = tmp_path / "parallel"
    shutil.copytree(curriculum, other)
    serial = build(make_app, curriculum, freshenv=True)
    parallel = build(make_app, other, freshenv=True, parallel=2)
    out = Path(parallel.outdir)
    pages = {str(p.relative_to(out).with_suffix("")) for p in out.rglob("*.html")}
    assert set(page_texts(parallel)) == pages - {"genindex", "search"} == set(parallel.env.all_docs)
    assert "The alpha story" in page_texts(parallel)["case_stories/alpha"]
    assert (out / "_static" / FILE).read_bytes() == (
        Path(serial.outdir) / "_static" / FILE).read_bytes()


def test_incremental_parallel_build_updates_keeps_and_drops_page_texts(make_app, curriculum):
    app = build(make_app, curriculum, freshenv=True)
    first = page_texts(app)
    # as if the cache were lost, or made by a Heard from before it: the page is written again
    (Path(app.doctreedir) / CACHE / "case_stories/alpha.txt").unlink()
    (curriculum / "docs/frameworks/swe.md").unlink()
    edit(curriculum / "docs/frameworks/index.md", "swe\n", "")
    # Not the first page rewritten (docs/frameworks/index is): so written in a child process.
    edit(curriculum / "docs/glossary.md", "# Glossary\n", "# Glossary\n\nEditprobe.\n")
    texts = page_texts(build(make_app, curriculum, parallel=2))
    assert "docs/frameworks/swe" in first and "docs/frameworks/swe" not in texts
    assert "Editprobe" in texts["docs/glossary"]
    assert texts["docs/sources"] == first["docs/sources"]  # not rewritten: kept
    assert texts["case_stories/alpha"] == first["case_stories/alpha"]
    assert set(texts) == set(first) - {"docs/frameworks/swe"}

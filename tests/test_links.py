"""Links and references (issue 7, gate 3): every internal link and anchor resolves.

The build itself is nitpicky (`-W -n`, as `heard build --strict` runs it: see the `editions`
fixture), so Sphinx fails on a reference it cannot resolve. The crawl then reads the built
HTML of both editions: every relative href and src names a file that exists, and every
#fragment is an id in the page it points to. The second test shows both fail when a link is
broken.
"""

from __future__ import annotations

import shutil

import pytest
from sphinx.cmd.build import build_main

from conftest import ROOTS
from webcheck import crawl

BROKEN_LINKS = """\
# Broken links

Raw markup, which Sphinx does not check:
<a href="#no-such-anchor">to nowhere on this page</a>,
<a href="components.html#no-such-section">to nowhere on another page</a>,
<a href="no-such-page.html">to a page that is not there</a> and
<a href="/index.html">to the root of a server</a>.
"""


@pytest.mark.site
@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_every_internal_link_and_anchor_resolves(editions, edition):
    checked, problems = crawl(editions[edition])
    assert checked > 1000, checked  # the crawl really read the site
    assert problems == [], f"{len(problems)} broken link(s):\n" + "\n".join(problems)


def test_the_link_gates_report_broken_links(tmp_path, capsys):
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-components", src)
    (src / "docs/broken.md").write_text(BROKEN_LINKS, encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text().replace("docs/components\n", "docs/components\ndocs/broken\n"))
    out = tmp_path / "html"
    assert build_main(["-W", "-n", "-q", "-b", "html", str(src), str(out)]) == 0
    checked, problems = crawl(out)
    assert problems == [
        "docs/broken.html: #no-such-anchor: no id 'no-such-anchor' in docs/broken.html",
        "docs/broken.html: components.html#no-such-section: no id 'no-such-section' in "
        "docs/components.html",
        "docs/broken.html: no-such-page.html: no file docs/no-such-page.html",
        "docs/broken.html: /index.html: a root-relative link breaks opened from a folder",
    ]
    # A Markdown link or reference that does not resolve fails the nitpicky build.
    (src / "docs/broken.md").write_text(
        "# Broken links\n\n[A missing heading](#no-such-heading) and {doc}`no-such-page`.\n",
        encoding="utf-8")
    status = build_main(["-W", "-n", "-q", "-b", "html", str(src), str(tmp_path / "again")])
    warnings = capsys.readouterr().err
    assert status != 0
    assert "no-such-heading" in warnings and "no-such-page" in warnings, warnings

"""The sidebar tree made once per folder (heard.sphinxext.navigation) is, on every page, the
tree Furo makes itself: same current marks, checkboxes, ids and links."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from furo import _compute_navigation_tree
from sphinx.testing.util import SphinxTestApp

from heard.sphinxext import navigation
from heard.sphinxext.navigation import Menu, Tag, mark, scan

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="module")
def trees(tmp_path_factory):
    """{page: (the tree the page got, the tree Furo computes for it)} for every page, and
    the folders whose tree was made (once each)."""
    src, warnings = tmp_path_factory.mktemp("navigation") / "src", io.StringIO()
    shutil.copytree(ROOTS / "test-navigation", src)
    # Sphinx's test app, not Sphinx itself: it undoes its global registrations afterwards.
    app = SphinxTestApp("html", srcdir=src, freshenv=True, warning=warnings)
    found = {}

    def record(app, pagename, templatename, context, doctree):
        # After Heard's and Furo's handlers: `toctree` is Sphinx's own again.
        found[pagename] = (context["furo_navigation_tree"], _compute_navigation_tree(context))

    app.connect("html-page-context", record, priority=900)
    scanned = []
    with pytest.MonkeyPatch.context() as patch:  # count the trees made
        patch.setattr(navigation, "scan", lambda html: scanned.append(html) or scan(html))
        app.build()
    app.cleanup()
    assert app.statuscode == 0 and not warnings.getvalue(), warnings.getvalue()
    return found, scanned


def test_every_page_gets_the_tree_furo_makes(trees):
    trees, scanned = trees
    assert len(scanned) == 3  # one tree per folder: the root, guide/, guide/deeper/
    assert {"index", "intro", "twice", "orphan", "guide/deeper/leaf", "guide/orphan",
            "genindex", "search"} <= trees.keys()
    for page, (ours, furos) in trees.items():
        assert ours == furos, page


def test_the_small_site_has_every_kind_of_mark(trees):
    """The site must exercise each mark, or the comparison above proves little."""
    furos = {page: furo for page, (_, furo) in trees[0].items()}
    leaf = furos["guide/deeper/leaf"]
    assert leaf.count('<ul class="current">') == 3 and leaf.count('checked=""') == 2
    assert '<li class="toctree-l3 current current-page"><a class="current reference ' \
           'internal" href="#">Leaf</a>' in leaf
    # listed twice inside one branch: the branch is marked once
    assert 'class="toctree-l1 current has-children"' in furos["guide/second"]
    assert furos["guide/second"].count('href="#"') == 2
    assert furos["twice"].count('class="current reference internal" href="#"') == 2
    assert 'class="current' not in furos["orphan"] + furos["guide/orphan"]
    assert furos["guide/first"] != furos["guide/second"]  # same folder, different marks


def test_a_tree_made_for_one_folder_is_not_used_in_another(trees):
    ours = {page: tree for page, (tree, _) in trees[0].items()}
    assert 'href="guide/first.html"' in ours["index"]
    assert 'href="first.html"' in ours["guide/second"]
    assert 'href="../first.html"' in ours["guide/deeper/leaf"]


def test_marking_a_page_changes_only_its_marks():
    html = ('<ul>\n<li class="toctree-l1 has-children"><a class="reference internal" '
            'href="a.html">A</a><input aria-label="Toggle" class="toctree-checkbox" id="c1"/>'
            '<ul>\n<li class="toctree-l2"><a class="reference internal" href="b.html">B</a>'
            '</li>\n</ul>\n</li>\n</ul>')
    menu = scan(html)
    assert isinstance(menu, Menu) and all(isinstance(tag, Tag) for tag, _ in menu.links["b.html"])
    assert mark(menu, "b.html") == (
        '<ul class="current">\n<li class="toctree-l1 current has-children"><a class="reference '
        'internal" href="a.html">A</a><input aria-label="Toggle" checked="" '
        'class="toctree-checkbox" id="c1"/><ul class="current">\n<li class="toctree-l2 current '
        'current-page"><a class="current reference internal" href="#">B</a></li>\n</ul>\n'
        '</li>\n</ul>')
    assert mark(menu, "elsewhere.html") == html

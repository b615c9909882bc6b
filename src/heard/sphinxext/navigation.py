"""The sidebar's contents tree, computed once per output folder instead of once per page.

Furo builds its navigation tree for every page: it asks Sphinx for the whole site's toctree,
with the current page marked, and parses that HTML again with BeautifulSoup to add its expand
buttons. Both grow with the number of pages, so the cost grows with pages times pages (52 of
73 s of a profiled clean build at 100 modules; docs/performance.md).

Within one folder of the html builder the tree differs from page to page only in the marks of
the current page (links are relative, and only the page's link to itself is written "#"). So
here Sphinx and Furo compute it once per folder, for a name that is no page (nothing is then
marked), and each page gets the marks that Sphinx and Furo would have given it:
- each link to the page: `class="current reference internal" href="#"`;
- each `<li>` and `<ul>` around such a link: the class `current` (once, however many such
  links are inside it), and the `<li>`'s checkbox `checked=""` (Furo: expanded);
- the last marked `<li>` of the tree: `current-page` (Furo).
tests/test_navigation.py compares the result with Furo's own tree on every page of a small site.

Furo computes `furo_navigation_tree` eagerly in its `html-page-context` handler (priority 500).
The first handler here runs before it and gives it a `toctree` that answers Furo's own call
with "" (for which Furo does no work); the second runs after it, puts this tree in its place
and gives the template back Sphinx's `toctree`. Where the tree could differ in other ways, the
handlers leave Furo to do its own work: other builders (dirhtml links differ per page, the
single-page and print builders rewrite links), and an `only` directive inside a page's
contents (Sphinx then copies the contents of the current page's ancestors differently).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sphinx import addnodes

# The arguments of Furo's call in `furo._compute_navigation_tree`. If a Furo release changes
# them, its call is no longer recognised and Furo simply does its own work again.
FURO_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
NO_PAGE = "\0heard-menu"  # a document name no page can have: nothing in the tree is marked
PARKED = "heard_navigation"  # context key: the page's tree and Sphinx's own `toctree`


@dataclass(eq=False)
class Tag:
    """A start tag of the unmarked tree: where it is, its text and its classes."""
    name: str
    start: int
    text: str
    classes: list[str]
    checkbox: Tag | None = None  # an <li>'s expand checkbox (Furo's)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Menu:
    """The unmarked tree of one folder, and for each internal link what surrounds it."""
    html: str
    links: dict[str, list[tuple[Tag, list[Tag]]]] = field(default_factory=dict)


class _TagScanner(HTMLParser):
    """Finds the offset of every <a>, <li>, <ul> and checkbox in Furo's (well-formed) HTML."""

    def __init__(self, menu: Menu) -> None:
        super().__init__(convert_charrefs=True)
        self.menu, self.open = menu, []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", menu.html)]

    def handle_starttag(self, name, attrs) -> None:
        line, column = self.getpos()
        attrs = dict(attrs)
        tag = Tag(name, self.line_starts[line - 1] + column, self.get_starttag_text(),
                  (attrs.get("class") or "").split())
        if name == "input":
            if "toctree-checkbox" in tag.classes:
                self.open[-1][1].checkbox = tag
            return
        if name == "a" and tag.classes == ["reference", "internal"]:
            around = [t for n, t in self.open if n in ("li", "ul")]
            self.menu.links.setdefault(attrs["href"], []).append((tag, around))
        self.open.append((name, tag))

    def handle_startendtag(self, name, attrs) -> None:
        self.handle_starttag(name, attrs)  # <input .../>: nothing to close
        if name != "input":
            self.open.pop()

    def handle_endtag(self, name) -> None:
        while self.open and self.open.pop()[0] != name:
            pass


def scan(html: str) -> Menu:
    menu = Menu(html)
    scanner = _TagScanner(menu)
    scanner.feed(html)
    scanner.close()
    return menu


def _with_classes(tag: Tag, classes: list[str]) -> str:
    value = " ".join(classes)
    if 'class="' in tag.text:
        return re.sub(r'class="[^"]*"', lambda _: f'class="{value}"', tag.text, count=1)
    return f'<{tag.name} class="{value}"' + tag.text[len(tag.name) + 1:]  # Sphinx's bare <ul>


def mark(menu: Menu, href: str) -> str:
    """The tree as Sphinx and Furo write it on the page that the tree's links `href` (as
    written in the unmarked tree) point to."""
    links = menu.links.get(href)
    if not links:  # a page in no toctree: nothing is marked
        return menu.html
    marked = {tag: None for _, around in links for tag in around}  # in order, each once
    items = [tag for tag in marked if tag.name == "li"]
    last_item = max(items, key=lambda tag: tag.start, default=None)
    edits = {}
    for link, _ in links:
        edits[link.start] = (link, re.sub(r'href="[^"]*"', 'href="#"', link.text.replace(
            'class="reference internal"', 'class="current reference internal"', 1)))
    for tag in marked:
        # Sphinx's classes, then its "current", then Furo's "has-children" and "current-page"
        own = [c for c in tag.classes if c != "has-children"]
        furo = [c for c in tag.classes if c == "has-children"]
        furo += ["current-page"] if tag is last_item else []
        edits[tag.start] = (tag, _with_classes(tag, own + ["current"] + furo))
        if tag.checkbox is not None:  # Furo's attributes are sorted: checked comes before class
            box = tag.checkbox
            edits[box.start] = (box, box.text.replace(' class="', ' checked="" class="', 1))
    pieces, done = [], 0
    for start in sorted(edits):
        tag, text = edits[start]
        pieces += [menu.html[done:start], text]
        done = tag.end
    pieces.append(menu.html[done:])
    return "".join(pieces)


class FolderNavigation:
    """Per Sphinx application: each folder's unmarked tree, made when first needed."""

    def __init__(self) -> None:
        self.menus: dict[str, Menu] = {}
        self.usable: bool | None = None

    def applies(self, app, context) -> bool:
        if app.builder.name != "html" or "furo" not in app.extensions or "toctree" not in context:
            return False
        if self.usable is None:
            self.usable = not any(next(toc.findall(addnodes.only), None) is not None
                                  for toc in app.env.tocs.values())
        return self.usable

    def menu(self, app, pagename: str) -> tuple[Menu, str]:
        """The unmarked tree of the page's folder, and the page's own link in it."""
        from furo.navigation import get_navigation_tree

        builder = app.builder
        folder = posixpath.dirname(builder.get_target_uri(pagename))
        no_page = posixpath.join(folder, NO_PAGE)
        if folder not in self.menus:
            # Exactly what the page's `toctree(**FURO_CALL)` computes, for a page-less name.
            html = builder._get_local_toctree(no_page, **FURO_CALL)
            self.menus[folder] = scan(get_navigation_tree(html))
        return self.menus[folder], builder.get_relative_uri(no_page, pagename)

    def before_furo(self, app, pagename, templatename, context, doctree) -> None:
        if not self.applies(app, context):
            return
        sphinx_toctree = context["toctree"]
        parked = {"toctree": sphinx_toctree, "asked": False}

        def toctree(**kwargs):
            if kwargs == FURO_CALL:
                parked["asked"] = True
                return ""  # Furo's get_navigation_tree("") is "", at no cost
            return sphinx_toctree(**kwargs)

        context["toctree"], context[PARKED] = toctree, parked
        parked["menu"], parked["href"] = self.menu(app, pagename)

    def after_furo(self, app, pagename, templatename, context, doctree) -> None:
        parked = context.pop(PARKED, None)
        if parked is None:
            return
        context["toctree"] = parked["toctree"]
        if parked["asked"]:
            context["furo_navigation_tree"] = mark(parked["menu"], parked["href"])


def setup_navigation(app) -> None:
    navigation = FolderNavigation()
    # Sphinx runs an event's handlers in ascending priority; Furo's is the default, 500.
    app.connect("html-page-context", navigation.before_furo, priority=400)
    app.connect("html-page-context", navigation.after_furo, priority=600)

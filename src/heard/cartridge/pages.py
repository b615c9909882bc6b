"""One built HTML page made into a self-contained cartridge page.

The page's main content is taken from the edition's HTML build, wrapped in a small document
of its own (title, language, the stylesheets it used) and every link and embedded file is
checked: pages in the cartridge are linked by relative paths inside the package, files the
page embeds or offers to download travel with it, and anything that cannot be packaged (a
link that leaves the edition, a missing file, a file from another server) becomes a located
Problem and is left out, never a broken link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from ..problems import Problem

LANGUAGE = "en-GB"
TITLE_SUFFIX = re.compile(r"\s+[\u2014-]\s+Heard\s*$")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
NOT_PACKAGED = ("search.html", "genindex.html", "py-modindex.html")


@dataclass
class Built:
    """One edition's HTML build: its folder, and where each page's source file is."""

    folder: Path
    edition: str
    sources: dict[str, str] = field(default_factory=dict)  # docname -> source path
    root: Path | None = None  # the curriculum folder, to find lines in source files

    def exists(self, docname: str) -> bool:
        return (self.folder / f"{docname}.html").is_file()

    def source_of(self, docname: str) -> str:
        return self.sources.get(docname, f"{docname}.md")


@dataclass
class Page:
    """A converted page: its HTML, the build files it needs, what could not be packaged."""

    title: str
    html: bytes
    assets: list[str] = field(default_factory=list)  # paths inside the build folder
    links: list[str] = field(default_factory=list)  # docnames it links to (packaged or not)
    problems: list[Problem] = field(default_factory=list)


def main_of(tree):
    """A page's main content: <main> in Heard's theme, role=main in Sphinx's default one."""
    found = tree.xpath("//main | //*[@role='main']")
    return found[0] if found else None


def title_of(built: Built, docname: str) -> str:
    tree = lxml_html.parse(str(built.folder / f"{docname}.html"))
    main = main_of(tree)
    heading = main.find(".//h1") if main is not None else None
    text = heading.text_content() if heading is not None else tree.findtext(".//title") or ""
    text = TITLE_SUFFIX.sub("", " ".join(text.split())).rstrip("#").strip()
    return text or docname


def relative(path: str, start_file: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(start_file) or ".")


def _line_of(built: Built, docname: str, *needles: str) -> int:
    """The first line of the page's source that mentions any needle; 1 if none does."""
    if built.root is None:
        return 1
    path = built.root / built.source_of(docname)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for needle in filter(None, needles):
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number
    return 1


def _unwrap(element) -> None:
    """Replace a link by its content: the words stay, the link goes."""
    element.drop_tag()


def convert(built: Built, docname: str, target: str, page_path: Callable[[str], str | None],
            asset_path: Callable[[str], str], *, banner: str = "") -> Page:
    """Make the built page `docname` into the cartridge file `target`.

    page_path(docname) gives the package path of a page in this cartridge, or None when the
    page is in the edition but not in this cartridge (the link becomes plain words).
    asset_path(build path) gives the package path of a file the page needs.
    """
    source = built.folder / f"{docname}.html"
    tree = lxml_html.parse(str(source))
    title = title_of(built, docname)
    main = main_of(tree)
    if main is None:
        raise ValueError(f"{source}: no <main> content")
    for junk in main.xpath(".//a[contains(@class,'headerlink')] | .//script | .//form"
                           " | .//link | .//style"):
        junk.drop_tree()
    page = Page(title, b"")
    where = f"{docname}.html"

    def problem(code: str, message: str, hint: str, *needles: str) -> None:
        page.problems.append(Problem(built.source_of(docname),
                                     _line_of(built, docname, *needles), code, message, hint))

    for element in list(main.iter()):
        attribute = "href" if element.tag == "a" else "src" if element.get("src") else None
        if attribute is None or element.get(attribute) is None:
            continue
        url = element.get(attribute)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("//"):
            if attribute == "src" and not url.startswith("data:"):
                problem("H160", f"the page embeds {url}, which would load from another server",
                        "save the file in the curriculum and refer to it by a relative path",
                        url)
                element.drop_tree()
            continue  # links to other sites stay links
        if not parts.path:
            continue  # #fragment on the same page
        found = posixpath.normpath(posixpath.join(posixpath.dirname(where), unquote(parts.path)))
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if found.startswith("../") or found == "..":
            problem("H160", f"the link {url} points outside the {built.edition} edition",
                    "link to a page of the curriculum with {doc}`...`, or to another site by "
                    "its full https:// address", posixpath.basename(parts.path), url)
            _unwrap(element) if attribute == "href" else element.drop_tree()
            continue
        if found in NOT_PACKAGED:  # search and index pages need the site's scripts
            _unwrap(element)
            continue
        if found.endswith(".html"):
            linked = found[: -len(".html")]
            if not built.exists(linked):
                problem("H160", f"the link {url} points to a page that is not in the "
                        f"{built.edition} edition",
                        "correct the link, or add the page to the curriculum",
                        posixpath.basename(linked), url)
                _unwrap(element)
                continue
            page.links.append(linked)
            packaged = page_path(linked)
            if packaged is None:
                _unwrap(element)
            else:
                element.set(attribute, relative(packaged, target) + fragment)
            continue
        if not (built.folder / found).is_file():
            problem("H161", f"the file {parts.path} is missing from the {built.edition} edition "
                    "build", "add the file to the curriculum, or correct its path",
                    posixpath.basename(parts.path))
            _unwrap(element) if attribute == "href" else element.drop_tree()
            continue
        page.assets.append(found)
        element.set(attribute, relative(asset_path(found), target) + fragment)

    styles = []
    for link in tree.xpath("//head/link[@rel='stylesheet']"):
        href = urlsplit(link.get("href", "")).path
        found = posixpath.normpath(posixpath.join(posixpath.dirname(where), unquote(href)))
        if (built.folder / found).is_file():
            page.assets.append(found)
            styles.append(relative(asset_path(found), target))
    main.tag = "main"
    main.attrib.clear()
    main.set("id", "main")
    note = (f'<header><p class="heard-cartridge-banner">{_escape(banner)}</p></header>'
            if banner else "")
    body = lxml_html.tostring(main, encoding="unicode")
    head_links = "".join(f'<link rel="stylesheet" href="{_escape(href)}">' for href in styles)
    document = (f'<!DOCTYPE html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{_escape(title)}</title>{head_links}</head>"
                f'<body class="edition-{built.edition} heard-cartridge">'
                f"{note}{body}</body></html>\n")
    page.html = document.encode("utf-8")
    return page


def css_assets(built: Built, css_path: str) -> list[str]:
    """Files a stylesheet refers to with url(...), inside the build folder."""
    try:
        text = (built.folder / css_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    for url in CSS_URL.findall(text):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(css_path), parts.path))
        if (built.folder / path).is_file():
            found.append(path)
    return found


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))

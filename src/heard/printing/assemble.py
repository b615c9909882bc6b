"""Print documents assembled from a built HTML edition: a module's learner handout, and the
trainer pack (many pages in one document, with page references between them).

Each page's main content is taken from the edition's own HTML, so print shows exactly what
the site shows, with the same boxes and tables. What changes for paper:

- navigation chrome, permalinks and scripts go;
- links to pages that are not in the document become plain text, since they lead nowhere on
  paper; links to external sites keep their address, which the print stylesheet writes after
  the link text; citations of the source register carry the source's own address;
- in the trainer pack, every id is made unique per page, headings move down two levels under
  the pack's title and part headings, and links to other pages in the pack say their page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

LANGUAGE = "en-GB"
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # http:, https:, mailto:, data:, file:


@dataclass
class Page:
    """One built page: its docname, its title and its main content (a detached tag)."""

    docname: str
    title: str
    body: Tag


@dataclass
class Part:
    """A titled group of pages in the trainer pack."""

    title: str
    pages: list[Page] = field(default_factory=list)


def read_page(outdir: Path, docname: str, suffix: str = ".html") -> Page:
    """The main content of a built page, without navigation, permalinks or scripts."""
    path = outdir / f"{docname}{suffix}"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    body = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find(class_="body")
    if body is None:
        raise ValueError(f"{path}: no main content found")
    for junk in body.select("a.headerlink, nav, script, style, .skip-link, form"):
        junk.decompose()
    body.name = "div"
    body.attrs = {"class": ["page-body"]}
    heading = body.find(re.compile(r"^h[1-6]$"))
    title = heading.get_text(" ", strip=True) if heading else docname
    _absolute_sources(body, path)
    scope_headers(body)
    return Page(docname, title, body.extract())


def scope_headers(body: Tag) -> None:
    """Say which cells each header cell heads (WeasyPrint writes `scope` as the PDF's /Scope),
    so the header-to-cell association is machine-determinable (PDF/UA-1 7.5)."""
    for cell in body.select("thead th"):
        cell["scope"] = "col"
    for cell in body.select("tbody th"):
        cell["scope"] = "row"


def _absolute_sources(body: Tag, path: Path) -> None:
    """Images and other embedded files by absolute file address, since pages are combined."""
    for tag in body.find_all(src=True):
        src = tag["src"]
        if src.startswith("data:"):
            continue
        if EXTERNAL.match(src):
            raise ValueError(f"{path}: embeds {src}, which would load from another server")
        tag["src"] = (path.parent / src.split("#")[0]).resolve().as_uri()


def target_of(docname: str, href: str, suffix: str = ".html") -> tuple[str, str]:
    """(docname, fragment) of an internal link written on page `docname`."""
    path, _, fragment = href.partition("#")
    if not path:
        return docname, fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    return target.removesuffix(suffix), fragment


def source_urls(page: Page) -> dict[str, str]:
    """Source register anchors (source-ID) -> the source's own address."""
    found = {}
    for item in page.body.select('[id^="source-"]'):
        link = item.find("a", href=re.compile(r"^https?://"))
        if link is not None:
            found[item["id"]] = link["href"]
    return found


def unwrap_link(link: Tag) -> None:
    span = Tag(name="span", attrs={"class": link.get("class", [])})
    span.extend(list(link.contents))
    link.replace_with(span)


def mark_external(link: Tag) -> None:
    """Print the address after the link text, unless the text is the address already."""
    href = link["href"]
    shown = link.get_text(strip=True)
    if href.startswith(("http://", "https://")) and shown.rstrip("/") != href.rstrip("/"):
        link["class"] = [*link.get("class", []), "show-url"]


# -- learner handouts ----------------------------------------------------------------------

HANDOUT_DROPS = ("table.heard-timetable", ".heard-brief")  # trainer planning, not for learners


def handout_body(page: Page, sources: dict[str, str], sources_doc: str | None) -> Tag:
    """A module page as a learner handout: outcomes, story summaries, activities, reflection
    questions, the learner handout section and the CPD prompt. The page comes from the
    learner edition, so it holds nothing trainer-only; this drops the timetable and the 6W
    brief, which are for planning the session."""
    body = page.body
    root = body.find("section")
    for selector in HANDOUT_DROPS:
        for node in body.select(selector):
            section = node.find_parent("section")
            if section is not None and section is not root and not section.select(
                    ".heard-activity"):
                section.decompose()  # a section that only holds the timetable or the brief
            else:
                node.decompose()
    for para in body.find_all("p"):
        if para.get_text(" ", strip=True).startswith("Print this page"):
            para.decompose()  # the page's note to trainers about printing it
    for link in body.find_all("a", href=True):
        href = link["href"]
        if EXTERNAL.match(href):
            mark_external(link)
            continue
        target, fragment = target_of(page.docname, href)
        if target == page.docname and fragment and body.find(id=fragment):
            continue
        if target == sources_doc and fragment in sources:
            link["href"] = sources[fragment]
            link["class"] = [*link.get("class", []), "show-url"]
            continue
        unwrap_link(link)
    heading = body.find("h1")
    if heading is not None:
        heading["class"] = [*heading.get("class", []), "doc-title"]
    return body


# -- the trainer pack ----------------------------------------------------------------------


def anchor(docname: str) -> str:
    return "doc-" + re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


def pack_body(parts: list[Part]) -> tuple[Tag, list[tuple[int, str, str]]]:
    """Every page of every part in one body, ids unique; and the contents (level, title, id)."""
    in_pack = {page.docname for part in parts for page in part.pages}
    soup = BeautifulSoup("", "html.parser")
    body = soup.new_tag("div", attrs={"class": "pack-body"})
    contents: list[tuple[int, str, str]] = []
    for part_number, part in enumerate(parts, 1):
        part_id = f"part-{part_number}"
        contents.append((1, part.title, part_id))
        for index, page in enumerate(part.pages):
            prefix = anchor(page.docname)
            page_body = page.body
            for tag in page_body.find_all(id=True):
                tag["id"] = f"{prefix}--{tag['id']}"
            for link in page_body.find_all("a", href=True):
                _pack_link(link, page.docname, prefix, in_pack, page_body)
            for heading in page_body.find_all(re.compile(r"^h[1-6]$")):
                heading.name = f"h{min(int(heading.name[1]) + 2, 6)}"
            first = page_body.find(re.compile(r"^h[1-6]$"))
            if first is not None:
                first["class"] = [*first.get("class", []), "doc-title"]
            section = soup.new_tag("section", attrs={"class": "doc", "id": prefix,
                                                     "data-docname": page.docname})
            if index == 0:
                heading = soup.new_tag("h2", attrs={"class": "part-title", "id": part_id})
                heading.string = part.title
                section.append(heading)
            section.append(page_body)
            body.append(section)
            contents.append((2, page.title, prefix))
    return body, contents


def _pack_link(link: Tag, docname: str, prefix: str, in_pack: set[str], page_body: Tag) -> None:
    href = link["href"]
    if EXTERNAL.match(href):
        mark_external(link)
        return
    target, fragment = target_of(docname, href)
    if target not in in_pack:
        unwrap_link(link)
        return
    if target == docname and fragment and page_body.find(id=f"{prefix}--{fragment}") is None:
        unwrap_link(link)  # an anchor this page does not have
        return
    link["href"] = "#" + (f"{anchor(target)}--{fragment}" if fragment else anchor(target))
    if target != docname:
        link["class"] = [*link.get("class", []), "pageref"]


# -- whole documents -----------------------------------------------------------------------


def document(title: str, body: str, *, css: Iterable[str], description: str,
             running: str, keywords: Iterable[str] = (), version: str = "",
             first_page_plain: bool = False) -> str:
    """A complete HTML document for the PDF renderer, with its metadata and page furniture:
    `running` is the header's right-hand text; a plain first page (a cover) has none."""
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(Path(c).resolve().as_uri())}">'
                      for c in css)
    running_css = running.replace("\\", "\\\\").replace('"', '\\"')
    page_css = f'@page {{ @top-right {{ content: "{running_css}"; }} }}'
    if first_page_plain:
        page_css += ("\n@page :first { @top-left { content: none; } "
                     "@top-right { content: none; } @bottom-right { content: none; } }")
    return f"""<!DOCTYPE html>
<html lang="{LANGUAGE}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="author" content="The Heard team">
<meta name="description" content="{html.escape(description)}">
<meta name="keywords" content="{html.escape(', '.join(keywords))}">
<meta name="generator" content="heard {html.escape(version)}">
{links}
<style>
{page_css}
</style>
</head>
<body>
{body}
</body>
</html>
"""

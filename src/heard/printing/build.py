"""Build the print outputs: Sphinx builds the editions, then WeasyPrint (PDF) or Sphinx's epub
builder (EPUB) turns them into files. Where they land, under the output folder:

    print/trainer/heard-trainer-pack.pdf        every module with trainer notes, the stories,
                                                the trainer kit, glossary and sources
    print/learner/handouts/MODULE.pdf           one learner handout per module
    print/learner/large-print/MODULE.pdf        the same handouts in large print
    print/learner/heard-learner.epub            the learner edition as an EPUB

Learner outputs are made only from the learner edition, which never reads trainer-only text.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import posixpath
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from .. import __version__, load
from . import assemble
from .epub import BASENAME, EpubCheck, epubcheck
from .tagging import scope_table_headers

STATIC = Path(__file__).parent / "static"
PRINT_CSS = STATIC / "print.css"
LARGE_PRINT_CSS = STATIC / "large-print.css"
PACK_NAME = "heard-trainer-pack.pdf"


class PrintError(Exception):
    """A print build that cannot go on: a failed Sphinx build, or a renderer warning in
    strict mode."""


@dataclass
class Result:
    """What a print build wrote."""

    pdfs: list[Path] = field(default_factory=list)
    epub: Path | None = None
    epubcheck: EpubCheck | None = None


# -- Sphinx --------------------------------------------------------------------------------


def sphinx_build(root: Path, out: Path, edition: str, *, builder: str = "html",
                 jobs: str = "auto", strict: bool = False, extensions: tuple[str, ...] = ()):
    """Build one edition in this process, into out/EDITION (or out/BUILDER) with its
    doctrees in out/.doctrees/, as `heard build` does; return the Sphinx application.
    `extensions` are added to the project's own for this build only."""
    from sphinx.application import Sphinx
    from sphinx.config import eval_config_file
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils
    from sphinx.util.tags import Tags

    name = edition if builder == "html" else builder
    overrides: dict = {}
    if strict:
        overrides["nitpicky"] = True
    tags = ["trainer"] if edition == "trainer" else []
    if extensions:
        project = eval_config_file(root / "conf.py", Tags(tags)).get("extensions", [])
        overrides["extensions"] = [*project, *extensions]
    if jobs != "auto" and not jobs.isdigit():
        raise PrintError(f"--jobs must be a number or auto, not {jobs!r}")
    parallel = (os.cpu_count() or 1) if jobs == "auto" else int(jobs)
    print(f"heard build: {edition} edition ({builder}) -> {out / name}", file=sys.stderr)
    try:
        with patch_docutils(root), docutils_namespace():
            app = Sphinx(root, root, out / name, out / ".doctrees" / name, builder,
                         confoverrides=overrides, status=None, warning=sys.stderr,
                         warningiserror=strict, tags=tags, parallel=parallel)
            app.build()
    except SphinxError as exc:
        raise PrintError(f"the {edition} edition did not build: {exc}") from exc
    if app.statuscode != 0:
        raise PrintError(f"the {edition} edition did not build cleanly ({builder} builder)")
    return app


def reading_order(cur) -> list[str]:
    """Every document in table-of-contents order, from the root page down, as the loaded
    curriculum's toctrees give it (in the learner edition, without trainer-only ones)."""
    docs = {doc.docname: doc for doc in cur.documents}
    order: list[str] = []

    def walk(docname: str) -> None:
        if docname in order or docname not in docs:
            return
        order.append(docname)
        folder = posixpath.dirname(docname)
        for target, _line in docs[docname].toctree:
            walk(target.lstrip("/") if target.startswith("/")
                 else posixpath.normpath(posixpath.join(folder, target)))

    walk("index")
    return order


def in_order(docnames, order: list[str]) -> list[str]:
    return sorted(docnames, key=lambda d: order.index(d) if d in order else len(order))


# -- WeasyPrint ----------------------------------------------------------------------------


@contextmanager
def renderer_warnings() -> Iterator[list[str]]:
    """WeasyPrint's warnings (unknown CSS, missing files), collected."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def local_fetcher():
    """Fetch only local files and data: addresses; anything else stops the build, so no PDF
    can depend on another server."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(("file:", "data:")):
                raise FatalURLFetchingError(f"refusing to fetch {url}: print outputs load "
                                            "nothing from other servers")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols={"file", "data"})


def write_pdf(document: str, target: Path, *, strict: bool) -> Path:
    """Render a print document as a tagged PDF/UA-1 file: document language and title set,
    headings, lists, tables and links tagged, fonts embedded, bookmarks from headings."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    target.parent.mkdir(parents=True, exist_ok=True)
    with renderer_warnings() as warnings:
        try:
            HTML(string=document, base_url=STATIC.as_uri() + "/",
                 url_fetcher=local_fetcher()).write_pdf(target, pdf_variant="pdf/ua-1",
                                                        pdf_tags=True,
                                                        finisher=scope_table_headers)
        except FatalURLFetchingError as exc:
            raise PrintError(f"{target.name}: {exc}") from None
    for message in warnings:
        print(f"heard build: {target.name}: {message}", file=sys.stderr)
    if warnings and strict:
        raise PrintError(f"{target}: {len(warnings)} renderer warnings")
    return target


# -- the learner handouts ------------------------------------------------------------------


def check_edition(html_dir: Path, edition: str) -> None:
    """Refuse to make learner print from anything but a learner build (and the pack from
    anything but a trainer build): the learner build has no trainer kit, and Heard's theme
    names the edition on every page."""
    has_kit = (html_dir / "trainer_kit").is_dir()
    index = html_dir / "index.html"
    marked = index.read_text(encoding="utf-8") if index.is_file() else ""
    other = "trainer" if edition == "learner" else "learner"
    if f"edition-{other}" in marked or (edition == "learner" and has_kit):
        raise PrintError(f"{html_dir} is not a {edition} edition build")


def render_handouts(root: Path, html_dir: Path, out: Path, *,
                    strict: bool = False) -> list[Path]:
    """One handout per module, standard and large print, from a learner edition build in
    html_dir: print/learner/handouts/MODULE.pdf and print/learner/large-print/MODULE.pdf."""
    check_edition(html_dir, "learner")
    cur = load(root, "learner")
    order = reading_order(cur)
    sources_doc = cur.source_doc.docname if cur.source_doc else None
    sources: dict[str, str] = {}
    if sources_doc and (html_dir / f"{sources_doc}.html").is_file():
        sources = assemble.source_urls(assemble.read_page(html_dir, sources_doc))
    modules = {doc.docname: doc for doc in cur.modules.values()}
    written = []
    for docname in in_order(modules, order):
        meta = modules[docname].meta
        for large in (False, True):
            body = assemble.handout_body(assemble.read_page(html_dir, docname), sources,
                                         sources_doc)
            label = "Large print handout" if large else "Learner handout"
            heading = body.find("h1")
            if heading is not None:
                heading.insert_after(BeautifulSoup(
                    f'<p class="handout-label">{label}. Heard: an open course for social '
                    'work.</p>', "html.parser").p)
            text = assemble.document(
                f"{meta.title} ({label.lower()})", f'<article class="handout">{body}</article>',
                css=[PRINT_CSS, *([LARGE_PRINT_CSS] if large else [])],
                description=meta.summary, running=label,
                keywords=["Heard", "social work", "learner handout", meta.id],
                version=__version__)
            folder = "large-print" if large else "handouts"
            written.append(write_pdf(text, out / "print" / "learner" / folder /
                                     f"{meta.id}.pdf", strict=strict))
    return written


# -- the trainer pack ----------------------------------------------------------------------


def pack_parts(cur, html_dir: Path) -> list[assemble.Part]:
    """Modules, the stories, the trainer kit, then the glossary and sources, in the order of
    the trainer edition's tables of contents."""
    order = reading_order(cur)
    modules = {doc.docname for doc in cur.modules.values()}
    stories = {doc.docname for doc in cur.stories.values()}
    reference = [doc.docname for doc in (cur.glossary_doc, cur.source_doc) if doc]
    plan = [("Modules", [d for d in order if d in modules]),
            ("Stories", [d for d in order if d in stories]),
            ("Trainer kit", [d for d in order if d.split("/")[0] == "trainer_kit"]),
            ("Reference", [d for d in reference if d in order])]
    return [assemble.Part(title, [assemble.read_page(html_dir, d) for d in docs])
            for title, docs in plan if docs]


def render_trainer_pack(root: Path, html_dir: Path, out: Path, *, strict: bool = False,
                        project: str = "Heard", copyright: str = "") -> Path:
    """The trainer pack, from a trainer edition build in html_dir:
    print/trainer/heard-trainer-pack.pdf."""
    check_edition(html_dir, "trainer")
    cur = load(root, "trainer")
    body, contents = assemble.pack_body(pack_parts(cur, html_dir))
    items = "".join(f'<li class="{"part" if level == 1 else "page"}"><a href="#{target}">'
                    f"{html.escape(title)}</a></li>" for level, title, target in contents)
    today = dt.date.today()
    cover = f"""
<section class="cover">
<h1>{html.escape(project)}: trainer pack</h1>
<p class="subtitle">Every module with its timetable, trainer notes and suggested answers; the
stories; and the trainer kit, with its guides, programmes and templates.</p>
<p class="warning"><strong>For trainers only.</strong> This pack holds trainer notes and
suggested answers. Do not give it to learners: print the learner handouts for them.</p>
<p class="colophon">Trainer edition, built on {today.day} {today:%B %Y} with heard
{__version__}. {html.escape(copyright)}</p>
</section>
<nav class="contents" aria-labelledby="contents"><h2 id="contents">Contents</h2>
<ul>{items}</ul></nav>
"""
    text = assemble.document(
        f"{project}: trainer pack", f'<div class="pack">{cover}{body}</div>',
        css=[PRINT_CSS],
        description="Every Heard module with its timetable and trainer notes, the stories and "
                    "the trainer kit.",
        running="Trainer pack: not for learners", first_page_plain=True,
        keywords=["Heard", "social work", "trainer pack"], version=__version__)
    return write_pdf(text, out / "print" / "trainer" / PACK_NAME, strict=strict)


# -- entry points --------------------------------------------------------------------------


def build_pdf(root: Path, out: Path, *, edition: str = "both", jobs: str = "auto",
              strict: bool = False) -> Result:
    """Build the editions' HTML (as `heard build` does, into out/learner and out/trainer),
    then the learner handouts from the learner edition and the trainer pack from the
    trainer edition."""
    result = Result()
    if edition in ("learner", "both"):
        app = sphinx_build(root, out, "learner", jobs=jobs, strict=strict)
        result.pdfs += render_handouts(root, Path(app.outdir), out, strict=strict)
    if edition in ("trainer", "both"):
        app = sphinx_build(root, out, "trainer", jobs=jobs, strict=strict)
        copyright = app.config.copyright
        copyright = f"© {copyright}." if copyright else ""
        result.pdfs.append(render_trainer_pack(root, Path(app.outdir), out, strict=strict,
                                               project=app.config.project,
                                               copyright=copyright))
    return result


def build_epub(root: Path, out: Path, *, jobs: str = "auto", strict: bool = False,
               check: bool | None = None) -> Result:
    """The learner edition as an EPUB; checked with epubcheck when `check` (default: when
    strict), failing on any error it reports."""
    app = sphinx_build(root, out, "learner", builder="epub", jobs=jobs, strict=strict,
                       extensions=("heard.printing.epub",))
    built = Path(app.outdir) / f"{BASENAME}.epub"
    target = out / "print" / "learner" / built.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    result = Result(epub=target)
    if strict if check is None else check:
        result.epubcheck = epubcheck(target)
        if not result.epubcheck.available:
            print("heard build: epubcheck is not installed, so the EPUB was not checked "
                  "(Debian: apt-get install epubcheck)", file=sys.stderr)
        elif not result.epubcheck.ok:
            print(result.epubcheck.output, file=sys.stderr)
            raise PrintError(f"{target}: epubcheck found {len(result.epubcheck.errors)} "
                             "errors")
    return result

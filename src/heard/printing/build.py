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

import logging
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .epub import BASENAME, EpubCheck, epubcheck
from .tagging import scope_table_headers

STATIC = Path(__file__).parent / "static"
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
    return cur.reading_order()


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


def page_of(document: str, url: str) -> str:
    """The page a URL in a print document came from: the pack gives each page a section
    `<section id="doc-DOCNAME" class="doc">` (pdfbuilder.pack_page)."""
    at = document.find(url)
    found = re.findall(r'<section id="doc-([^"]+)" class="doc"', document[:at]) if at >= 0 \
        else []
    return f" (from page {found[-1]})" if found else ""


def write_pdf(document: str, target: Path, *, strict: bool, warn=None,
              allowed: Iterable[Path] = ()) -> Path:
    """Render a print document as a tagged PDF/UA-1 file: document language and title set,
    headings, lists, tables and links tagged, fonts embedded, bookmarks from headings.

    Only files under `allowed` (the HTML build) and the print stylesheets are loaded; any
    other address is left out with a warning (see fetch.py). A strict build that warns
    writes no file."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetch import ConfinedFetcher

    refused: list[str] = []

    def refuse(url: str, reason: str) -> None:
        refused.append(f"did not load {url}{page_of(document, url)}: {reason}")

    fetcher = ConfinedFetcher([STATIC, *allowed], refuse)
    with renderer_warnings() as warnings:
        try:
            pdf = HTML(string=document, base_url=STATIC.as_uri() + "/",
                       url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True,
                                                      finisher=scope_table_headers)
        except FatalURLFetchingError as exc:
            raise PrintError(f"{target.name}: {exc}") from None
    # Our own refusals replace WeasyPrint's less helpful report of the same URL.
    problems = refused + [m for m in warnings if "not loaded: " not in m]
    for message in problems:
        if warn is not None:  # a Sphinx logger: -W makes the warning fail the build
            warn(f"{target.name}: {message}")
        else:
            print(f"heard build: {target.name}: {message}", file=sys.stderr)
    if problems and strict:
        raise PrintError(f"{target}: {len(problems)} renderer warnings, the first: "
                         f"{problems[0]}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return target


# -- the learner handouts ------------------------------------------------------------------


def doctrees_of(html_dir: Path) -> Path:
    """The doctrees of an HTML build: inside it (sphinx-build's default), or where `heard
    build` keeps them (OUT/.doctrees/EDITION beside OUT/EDITION)."""
    inside = html_dir / ".doctrees"
    return inside if inside.is_dir() else html_dir.parent / ".doctrees" / html_dir.name


def check_edition(doctrees: Path, edition: str) -> None:
    """Refuse to make learner print from anything but a learner build (and the pack from
    anything but a trainer build): only a trainer build has read the trainer kit."""
    if not (doctrees / "environment.pickle").is_file():
        raise PrintError(f"{doctrees} holds no Sphinx build: build the {edition} edition first")
    if (doctrees / "trainer_kit").is_dir() != (edition == "trainer"):
        raise PrintError(f"{doctrees.parent} is not a {edition} edition build")


def print_build(root: Path, doctrees: Path, outdir: Path, edition: str, *,
                strict: bool = False) -> list[Path]:
    """Run the print builder (heard.printing.pdfbuilder) on an edition's doctrees; return
    the PDFs it wrote."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    check_edition(doctrees, edition)
    tags = ["trainer"] if edition == "trainer" else []
    try:
        with patch_docutils(root), docutils_namespace():
            app = Sphinx(root, root, outdir, doctrees, "heard-pdf",
                         confoverrides={"nitpicky": True} if strict else {}, status=None,
                         warning=sys.stderr, warningiserror=strict, tags=tags)
            app.build()
    except SphinxError as exc:
        raise PrintError(f"the {edition} print files did not build: {exc}") from exc
    if app.statuscode != 0:
        raise PrintError(f"the {edition} print files did not build cleanly")
    return sorted(app.builder.written)


def render_handouts(root: Path, html_dir: Path, out: Path, *,
                    strict: bool = False) -> list[Path]:
    """One handout per module, standard and large print, from the doctrees of a learner
    edition build in html_dir: print/learner/handouts/MODULE.pdf and
    print/learner/large-print/MODULE.pdf."""
    return print_build(root, doctrees_of(html_dir), out / "print" / "learner", "learner",
                       strict=strict)


def render_trainer_print(root: Path, html_dir: Path, out: Path, *,
                         strict: bool = False) -> list[Path]:
    """The trainer edition's PDFs, from the doctrees of a trainer edition build in html_dir:
    print/trainer/heard-trainer-pack.pdf and the co-trainer's own guide in both sizes."""
    return print_build(root, doctrees_of(html_dir), out / "print" / "trainer", "trainer",
                       strict=strict)


def render_trainer_pack(root: Path, html_dir: Path, out: Path, *,
                        strict: bool = False) -> Path:
    """The trainer pack (print/trainer/heard-trainer-pack.pdf), built with the rest of the
    trainer edition's PDFs."""
    written = render_trainer_print(root, html_dir, out, strict=strict)
    return next(path for path in written if path.name == PACK_NAME)


# -- entry points --------------------------------------------------------------------------


def build_pdf(root: Path, out: Path, *, edition: str = "both", jobs: str = "auto",
              strict: bool = False) -> Result:
    """Build the editions' HTML (as `heard build` does, into out/learner and out/trainer),
    then the learner handouts from the learner edition and the trainer pack and co-trainer
    guide from the trainer edition."""
    result = Result()
    if edition in ("learner", "both"):
        app = sphinx_build(root, out, "learner", jobs=jobs, strict=strict)
        result.pdfs += render_handouts(root, Path(app.outdir), out, strict=strict)
    if edition in ("trainer", "both"):
        app = sphinx_build(root, out, "trainer", jobs=jobs, strict=strict)
        result.pdfs += render_trainer_print(root, Path(app.outdir), out, strict=strict)
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

"""Print outputs: the trainer pack, learner handouts (standard and large print) and the EPUB.

The real curriculum's PDFs are rendered once from the session's HTML builds (`editions`), and
its EPUB is built once; the small fixture curriculum is built through `heard build` to probe
for leaks of trainer-only text.
"""

from __future__ import annotations

import functools
import math
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import PLAIN_SPAN, REPO, ROOTS, trainer_only_lines
from heard import __version__, load
from heard.cli import main
from heard.printing import (PACK_NAME, PrintError, build_epub, epubcheck, render_handouts,
                            render_trainer_print)
from heard.printing.build import write_pdf

PROBE = "Trainerprobe"


# -- helpers -------------------------------------------------------------------------------


@functools.cache
def page_texts(path: Path) -> list[str]:
    """A PDF's text page by page (poppler's pdftotext: fast), whitespace runs made single
    spaces, since lines wrap anywhere."""
    if shutil.which("pdftotext"):
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                             capture_output=True, text=True).stdout.split("\f")[:-1]
    else:  # pragma: no cover - make test installs poppler-utils
        raw = [page.extract_text() for page in reader(path).pages]
    return [squash(text) for text in raw]


def text_of(path: Path) -> str:
    return " ".join(page_texts(path))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


@functools.cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """Every bookmark as (depth, title)."""
    found: list[tuple[int, str]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader(path).outline, 1)
    return found


def font_sizes(path: Path) -> Counter:
    """Characters of text by their size on the page in points (font size times the text and
    graphics matrices' vertical scale)."""
    sizes: Counter = Counter()
    for page in reader(path).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                sizes[round(size * scale, 1)] += len(text.strip())
        page.extract_text(visitor_text=visit)
    return sizes


def embedded(font) -> bool:
    font = font.get_object()
    for descendant in font.get("/DescendantFonts", []):
        font = descendant.get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_of(path: Path) -> dict[str, bool]:
    """Every font and whether it is embedded (poppler's pdffonts when installed)."""
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                               text=True).stdout.splitlines()[2:]
        return {line.split()[0]: line.split()[-5] == "yes" for line in lines}
    fonts = {}
    for page in reader(path).pages:
        for name, font in page["/Resources"].get_object().get("/Font", {}).items():
            fonts[str(font.get_object().get("/BaseFont", name))] = embedded(font)
    return fonts


def pdfua_findings(paths: list[Path]) -> dict[str, list[str]]:
    """`pdfua check` (an independent validator of the machine-checkable part of PDF/UA-1)
    on each file: its findings, errors and warnings alike, as 'RULE: message'."""
    import json

    found = {}
    for path in paths:
        command = shutil.which("pdfua") or str(Path(sys.executable).parent / "pdfua")
        result = subprocess.run([command, "check", "-f", "json",
                                 str(path)], capture_output=True, text=True, check=False)
        report = json.loads(result.stdout)
        assert report["summary"]["rules_run"] >= 10, path  # it really checked the file
        name = f"{path.parent.name}/{path.name}"
        found[name] = [f"{f['rule_id']}: {f['message']}" for f in report["findings"]]
    return found


def epub_text(path: Path) -> str:
    """Every file in the EPUB, decompressed, as text."""
    with zipfile.ZipFile(path) as book:
        return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())


# -- the real curriculum -------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(editions, tmp_path_factory) -> dict:
    """The handouts and trainer pack of the real curriculum, from the session's HTML builds
    of both editions."""
    out = tmp_path_factory.mktemp("print")
    handouts = render_handouts(REPO, editions["learner"], out, strict=True)
    trainer = render_trainer_print(REPO, editions["trainer"], out, strict=True)
    pack = next(path for path in trainer if path.name == PACK_NAME)
    cur = load(REPO, "learner")
    modules = {doc.meta.id: doc.meta.title for doc in cur.modules.values()}
    return {"out": out, "pack": pack, "modules": modules,
            "co_trainer": sorted(p for p in trainer if p.name.startswith("co-trainer-guide")),
            "handouts": [p for p in handouts if p.parent.name == "handouts"],
            "large": [p for p in handouts if p.parent.name == "large-print"]}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The real curriculum's EPUB, built as `heard build --format epub --strict` does."""
    out = tmp_path_factory.mktemp("epub")
    return build_epub(REPO, out, strict=True, check=False).epub


@pytest.mark.site
def test_every_module_has_a_handout_in_both_sizes(printed):
    assert sorted(p.stem for p in printed["handouts"]) == sorted(printed["modules"])
    assert sorted(p.stem for p in printed["large"]) == sorted(printed["modules"])
    assert printed["pack"].name == PACK_NAME
    assert [p.name for p in printed["co_trainer"]] == ["co-trainer-guide-large-print.pdf",
                                                       "co-trainer-guide.pdf"]


@pytest.mark.site
def test_trainer_pack_has_every_module_title_trainer_text_and_the_kit(printed):
    text = text_of(printed["pack"])
    for title in printed["modules"].values():
        assert squash(title) in text, title
    # every trainer-only block's text is there: the probe below can find what it looks for
    lines = trainer_only_lines(REPO)
    assert len(lines) >= 10
    assert [line for line in lines if line not in text] == []
    for heading in ("Timetable", "Trainer notes", "Suggested answers", "Facilitator guide",
                    "Templates", "Evaluation form", "6W brief"):
        assert heading in text, heading


@pytest.mark.site
def test_no_trainer_only_text_in_any_handout_or_the_epub(printed, book):
    lines = trainer_only_lines(REPO)
    learner = {p.name + f" ({p.parent.name})": text_of(p)
               for p in printed["handouts"] + printed["large"]}
    learner["EPUB"] = squash(epub_text(book))
    leaks = [(line, name) for name, text in learner.items() for line in lines if line in text]
    assert leaks == []
    for name, text in learner.items():
        if name != "EPUB":
            assert "Trainer notes" not in text and "Suggested answers" not in text, name
    # no trainer-only box, and no page of the trainer kit
    for box in ("heard-trainer-notes", "heard-suggested-answers", "heard-trainer-only"):
        assert box not in learner["EPUB"], box
    with zipfile.ZipFile(book) as epub:
        assert not [n for n in epub.namelist() if "trainer_kit" in n]


@pytest.mark.site
def test_handouts_hold_what_learners_need(printed):
    cur = load(REPO, "learner")
    for path in printed["handouts"]:
        meta = cur.modules[path.stem].meta
        text = text_of(path)
        assert squash(meta.title) in text
        assert all(squash(outcome) in text for outcome in meta.outcomes), path.name
        for heading in ("Reflection questions", "CPD reflection", "minutes"):
            assert heading in text, (path.name, heading)
        # planning material is left out: the timetable and the 6W brief
        assert "Starts at" not in text, path.name
        for brief in cur.modules[path.stem].briefs:
            answer = PLAIN_SPAN.search(brief.answers["why"]).group(0)
            assert answer not in text, (path.name, answer)


@pytest.mark.site
def test_pdfs_have_title_language_tags_and_embedded_fonts(printed):
    for path in [printed["pack"], printed["handouts"][0], printed["large"][0]]:
        pdf = reader(path)
        root = pdf.trailer["/Root"]
        assert pdf.metadata.title, path
        assert root["/Lang"] == "en-GB", path
        assert root["/MarkInfo"]["/Marked"], path  # tagged
        assert "/StructTreeRoot" in root, path
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], path
        fonts = fonts_of(path)
        assert fonts and all(fonts.values()), fonts
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert reader(printed["pack"]).metadata.title == "Heard: trainer pack"


@pytest.mark.site
def test_every_pdf_passes_pdfua_with_no_errors_or_warnings(printed):
    paths = [printed["pack"], *printed["co_trainer"], *printed["handouts"], *printed["large"]]
    findings = pdfua_findings(paths)
    assert len(findings) == len(paths)
    assert not {name: found for name, found in findings.items() if found}


@pytest.mark.site
def test_pdfs_have_bookmarks_for_parts_modules_and_sections(printed):
    bookmarks = outline_titles(printed["pack"])
    top = [title for depth, title in bookmarks if depth == 1]
    assert top[:2] == ["Contents", "Modules"] and "Trainer kit" in top
    second = {title for depth, title in bookmarks if depth == 2}
    assert set(printed["modules"].values()) <= second
    for path in printed["handouts"] + printed["large"]:
        marks = outline_titles(path)
        assert marks[0] == (1, printed["modules"][path.stem])
        assert (2, "Reflection questions") in marks and (2, "Activities") in marks


@pytest.mark.site
def test_every_page_shows_its_module_title_and_page_number(printed):
    for path in [printed["handouts"][0], printed["large"][0]]:
        title = squash(printed["modules"][path.stem])
        pages = page_texts(path)
        for number, text in enumerate(pages, 1):
            assert f"Page {number} of {len(pages)}" in text, (path, number)
            assert title in text, (path, number)
    pages = page_texts(printed["pack"])
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1) if n > 1)


@pytest.mark.site
def test_large_print_text_is_at_least_16_points(printed):
    for path in printed["large"]:
        sizes = font_sizes(path)
        assert min(sizes) >= 16, (path.name, sorted(sizes.items()))
        assert sizes.most_common(1)[0][0] >= 16
    standard = font_sizes(printed["handouts"][0])
    assert standard.most_common(1)[0][0] == 12  # body text in the standard handouts


@pytest.mark.site
def test_external_links_show_their_address_on_paper(printed):
    text = text_of(printed["handouts"][0])
    assert "(https://" in text  # a cited source's address, written after its title


@pytest.mark.site
def test_epub_passes_epubcheck_and_loads_nothing_from_other_servers(book):
    result = epubcheck(book)
    assert result.available, "epubcheck is not installed (make test installs it)"
    assert result.ok, result.output
    with zipfile.ZipFile(book) as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".css")):
                text = epub.read(name).decode("utf-8")
                assert not re.findall(r'(?:src|@import|url\()\s*=?\s*["\']?(?:https?:)?//',
                                      text), name
                assert not re.findall(r'<link[^>]+href="(?:https?:)?//', text), name
        opf = epub.read("content.opf").decode("utf-8")
    assert "<dc:language>en-GB</dc:language>" in opf


def test_pdf_renderer_refuses_to_load_from_other_servers(tmp_path):
    page = '<html lang="en-GB"><title>t</title><img src="https://example.org/x.png" alt="">'
    with pytest.raises(PrintError, match="loads? nothing from other servers"):
        write_pdf(page, tmp_path / "x.pdf", strict=True)
    assert not (tmp_path / "x.pdf").exists()


def embedded_files(path: Path) -> dict[str, bytes]:
    """Files attached to a PDF: in the document's name tree, or as page annotations."""
    found = {name: b"".join(data) for name, data in reader(path).attachments.items()}
    for page in reader(path).pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/FileAttachment":
                spec = annot["/FS"].get_object()
                found[str(spec["/F"])] = spec["/EF"]["/F"].get_object().get_data()
    return found


@pytest.mark.parametrize("markup", [
    '<a rel="attachment" href="{url}">the notes</a>',
    '<img src="{url}" alt="notes">',
    '<link rel="stylesheet" href="{url}">',
])
def test_pdf_renderer_loads_no_local_file_outside_the_build(tmp_path, capsys, markup):
    """Issue 12 §1: a file outside the project is neither attached nor shown; it is named in
    a warning with the page it came from, and a strict build writes no PDF."""
    secret = tmp_path / "outside" / "hostname.txt"
    secret.parent.mkdir()
    secret.write_text("Secretprobe-local-file", encoding="utf-8")
    build = tmp_path / "build"
    build.mkdir()
    own = build / "own.txt"
    own.write_text("Ownprobe-attachment", encoding="utf-8")
    page = ('<html lang="en-GB"><title>t</title><section id="doc-modules-m" class="doc">'
            + markup.format(url=secret.as_uri())
            + f'<a rel="attachment" href="{own.as_uri()}">own</a></section>')
    out = write_pdf(page, tmp_path / "x.pdf", strict=False, allowed=[build])
    err = capsys.readouterr().err
    assert secret.as_uri() in err and "page modules-m" in err and "outside the build" in err
    attached = embedded_files(out)
    assert attached == {"own.txt": b"Ownprobe-attachment"}  # the build's own files still load
    assert b"Secretprobe" not in out.read_bytes()
    with pytest.raises(PrintError, match="outside the build"):
        write_pdf(page, tmp_path / "strict.pdf", strict=True, allowed=[build])
    assert not (tmp_path / "strict.pdf").exists()


def test_fetcher_refuses_every_address_but_the_allowed_folders(tmp_path):
    from heard.printing.fetch import refusal

    inside = tmp_path / "build" / "a.png"
    allowed = [tmp_path / "build"]
    assert refusal(inside.as_uri(), allowed) is None
    assert refusal("data:text/plain,hi", allowed) is None
    escape = (tmp_path / "build" / ".." / "other.png").as_uri()
    assert "outside" in refusal(escape, allowed)
    assert "other servers" in refusal("http://127.0.0.1:9/x.png", allowed)
    assert refusal("file://otherhost/etc/hostname", allowed) is not None


# -- the small fixture: a leak probe through the command line ------------------------------


@pytest.fixture(scope="module")
def fixture_print(tmp_path_factory) -> Path:
    """tests/roots/test-curriculum built by `heard build --format pdf --strict` and
    `--format epub` (not strict, which would run epubcheck: the real EPUB's test does)."""
    root = tmp_path_factory.mktemp("fixture") / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", root)
    out = root / "_build"
    for strict in (["--format", "pdf", "--strict"], ["--format", "epub"]):
        code = main(["build", *strict, "--root", str(root), "--out", str(out)])
        assert code == 0, strict
    return out / "print"


def test_fixture_learner_print_holds_no_probe(fixture_print):
    learner = sorted((fixture_print / "learner").rglob("*.*"))
    assert sorted(p.name for p in learner) == ["heard-learner.epub", "heard.pdf", "heard.pdf"]
    for path in learner:
        text = epub_text(path) if path.suffix == ".epub" else text_of(path)
        assert PROBE not in text, path
        assert "Read the story" in text and "The alpha story" in text, path  # text is found
        if path.suffix == ".pdf":
            assert PROBE not in str(reader(path).metadata)
            assert not [t for _, t in outline_titles(path) if PROBE in t]


def test_fixture_pdfs_carry_the_version_stamp_of_their_edition(fixture_print):
    for edition in ("learner", "trainer"):
        for path in sorted((fixture_print / edition).rglob("*.pdf")):
            pages = page_texts(path)
            assert all(f"Heard {__version__}, {edition} edition" in " ".join(page.split())
                       for page in pages[1 if path.name == PACK_NAME else 0:]), path


def test_fixture_pdfs_pass_pdfua_and_table_headers_have_a_scope(fixture_print):
    paths = sorted(fixture_print.rglob("*.pdf"))
    assert len(paths) == 5  # the pack, the co-trainer guide in two sizes, two handouts
    assert not {name: found for name, found in pdfua_findings(paths).items() if found}
    scopes: Counter = Counter()

    def walk(element) -> None:
        element = element.get_object()
        if not hasattr(element, "get"):
            return
        if element.get("/S") == "/TH":
            scopes[str(element["/A"].get("/Scope"))] += 1
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid)

    walk(reader(fixture_print / "trainer" / PACK_NAME).trailer["/Root"]["/StructTreeRoot"])
    assert scopes["/Column"] and scopes["/Row"] and "None" not in scopes, scopes


def test_screen_only_text_is_on_the_site_but_not_on_paper(fixture_print):
    site = fixture_print.parent / "learner" / "modules" / "heard.html"
    assert "Screenprobe" in site.read_text(encoding="utf-8")
    for path in fixture_print.rglob("*.pdf"):
        assert "Screenprobe" not in text_of(path), path


def test_fixture_trainer_pack_holds_the_probe(fixture_print):
    text = text_of(fixture_print / "trainer" / PACK_NAME)
    for probe in ("Trainerprobe-module-note", "Trainerprobe-answer", "Trainerprobe-kit-page",
                  "Trainerprobe-story-note"):
        assert probe in text, probe


def test_co_trainer_guide_is_printed_on_its_own_in_both_sizes(fixture_print):
    """Issue 13 §2: the co-trainer's one-page guide, standard and large print, tagged like
    the handouts and holding its own text but nothing else of the trainer kit."""
    standard = fixture_print / "trainer" / "co-trainer-guide.pdf"
    large = fixture_print / "trainer" / "co-trainer-guide-large-print.pdf"
    for path in (standard, large):
        text = text_of(path)
        assert "Your guide on one page" in text and "Cotrainerprobe" in text, path
        assert PROBE not in text, path  # no other page of the trainer kit
        pdf = reader(path)
        root = pdf.trailer["/Root"]
        assert "Your guide on one page" in pdf.metadata.title, path
        assert root["/Lang"] == "en-GB" and root["/MarkInfo"]["/Marked"], path
        assert "/StructTreeRoot" in root and all(fonts_of(path).values()), path
        assert outline_titles(path)[0] == (1, "Your guide on one page"), path
    assert "Large print" in text_of(large) and "Large print" not in text_of(standard)
    assert min(font_sizes(large)) >= 16
    assert font_sizes(standard).most_common(1)[0][0] == 12
    # both are among the files the pdfua test above checks
    assert {standard, large} <= set(fixture_print.rglob("*.pdf"))


def test_co_trainer_guide_with_trainer_only_text_is_not_printed(tmp_path, capsys):
    root = tmp_path / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", root)
    guide = root / "trainer_kit" / "co-trainer-guide.md"
    guide.write_text(guide.read_text(encoding="utf-8")
                     + "\n```{trainer-notes}\nTrainerprobe-guide-note\n```\n", encoding="utf-8")
    code = main(["build", "--format", "pdf", "--edition", "trainer", "--root", str(root),
                 "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert "co-trainer guide holds a trainer-only block" in err and "co-trainer-guide" in err
    trainer = tmp_path / "out" / "print" / "trainer"
    assert code == 0 and (trainer / PACK_NAME).exists()  # the pack is still made
    assert not list(trainer.glob("co-trainer-guide*.pdf"))


def test_epub_of_the_trainer_edition_is_refused(capsys, tmp_path):
    code = main(["build", "--format", "epub", "--edition", "trainer", "--root",
                 str(ROOTS / "test-curriculum"), "--out", str(tmp_path)])
    assert code == 2
    assert "learner edition only" in capsys.readouterr().err


def test_handouts_are_never_made_from_a_trainer_build(fixture_print, tmp_path):
    trainer_html = fixture_print.parent / "trainer"
    with pytest.raises(PrintError):
        render_handouts(fixture_print.parent.parent, trainer_html, tmp_path)

"""The delivery kit: DOCX and PPTX files opened with the libraries that wrote them, converted
to PDF by a real office suite (LibreOffice, headless), and searched for trainer-only text.

The small fixture curriculum's kit is built once for this file (a few seconds); the real
curriculum's kit is built once per session from the HTML builds' doctrees (`kit`, slow).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from conftest import REPO, ROOTS, trainer_only_lines
import heard
from heard import load
from heard.cli import main

PROBE = "Trainerprobe"
LEARNER_FILES = ("handout.docx", "slides.pptx", "joining.docx", "certificate.docx",
                 "materials.pdf")
TRAINER_FILES = (*LEARNER_FILES, "session-plan.docx")


# -- helpers -------------------------------------------------------------------------------


def xml_text(path: Path) -> str:
    """Every XML part of an Office file, tags removed: the text as stored, notes included."""
    with zipfile.ZipFile(path) as package:
        parts = [package.read(name).decode("utf-8") for name in package.namelist()
                 if name.endswith(".xml")]
    return " ".join(re.sub(r"<[^>]+>", "", part) for part in parts)


def docx_text(path: Path) -> str:
    document = Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def office_pdfs(files: list[Path], out: Path, profile: Path | None = None) -> dict[Path, Path]:
    """Every file converted to PDF by LibreOffice in one headless call (one start-up), with a
    profile of its own so it never meets another LibreOffice on the machine. The files' names
    must differ: the PDFs share one folder. Calls that share a `profile` make it once."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: make system-packages installs it"
    names = [path.name for path in files]
    assert len(set(names)) == len(names), "two files of one call share a name"
    profile = profile or out / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    return {path: out / f"{path.stem}.pdf" for path in files}


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def unbroken(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]", "", text)


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def theme_colours(path: Path) -> dict[str, str]:
    """The deck theme's dark-1 and light-1 colours (text and background), as hex."""
    with zipfile.ZipFile(path) as package:
        theme = package.read("ppt/theme/theme1.xml").decode("utf-8")
    found = {}
    for name in ("dk1", "lt1"):
        block = re.search(rf"<a:{name}>(.*?)</a:{name}>", theme, re.S).group(1)
        value = re.search(r'(?:lastClr|val)="([0-9A-Fa-f]{6})"', block).group(1)
        found[name] = value
    return found


# -- the fixture curriculum ----------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture-kit")
    root = out / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", root)
    assert main(["build", "--format", "kit", "--strict", "--root", str(root), "--out",
                 str(out)]) == 0
    return out / "kit"


def test_each_edition_has_its_files_and_a_zip(fixture_kit):
    for edition, names in (("learner", LEARNER_FILES), ("trainer", TRAINER_FILES)):
        folder = fixture_kit / edition / "heard"
        assert sorted(p.name for p in folder.iterdir()) == sorted(f"heard-{n}" for n in names)
        with zipfile.ZipFile(fixture_kit / f"heard-kit-{edition}.zip") as bundle:
            zipped = {name for name in bundle.namelist() if not name.endswith("/")}
        on_disk = {p.relative_to(fixture_kit / edition).as_posix()
                   for p in (fixture_kit / edition).rglob("*") if p.is_file()}
        assert zipped == on_disk
    assert not (fixture_kit / "trainer" / "evaluation-form.docx").exists()  # none here
    assert (fixture_kit / "trainer" / "programmes" / "short-day-joining.docx").is_file()
    assert not (fixture_kit / "learner" / "programmes").exists()


def test_module_pages_list_their_kit_and_the_learner_page_only_learner_files(fixture_kit):
    from bs4 import BeautifulSoup

    site = fixture_kit.parent
    for edition, names in (("learner", LEARNER_FILES), ("trainer", TRAINER_FILES)):
        page = site / edition / "modules" / "heard.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("#delivery-kit a.heard-kit-download")]
        assert sorted(Path(href).name for href in links) == sorted(f"heard-{n}" for n in names)
        for href in links:
            assert (page.parent / href).resolve().is_file(), href


def test_materials_pack_prints_sheets_and_cards_that_name_activity_and_module(fixture_kit):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_print import pdfua_findings

    pack = fixture_kit / "trainer" / "heard" / "heard-materials.pdf"
    pages = pdf_pages(pack)
    assert len(pages) == 3  # contents, the worksheet on its own page, the card sheet
    assert pages[1].startswith("Materials: Being heard") and "Worksheet: Questions for pairs" \
        in pages[1]
    assert "Card set: Roles for pairs" in pages[2]
    assert pages[2].count("Talk in pairs · Being heard") == 2  # on each of the two cards
    assert all(f"Heard {heard.__version__}, trainer edition" in page for page in pages[1:])
    assert pdfua_findings([pack]) == {f"heard/{pack.name}": []}
    assert xml_free_equal(pack, fixture_kit / "learner" / "heard" / "heard-materials.pdf")


def xml_free_equal(one: Path, two: Path) -> bool:
    """Two PDFs with the same text (the packs of both editions hold the same materials), but
    for the edition each page's footer stamp names."""
    def text(path: Path) -> list[str]:
        return [re.sub(r"(learner|trainer) edition", "EDITION edition", page)
                for page in pdf_pages(path)]

    return text(one) == text(two)


def test_docx_has_title_language_headings_lists_and_tables(fixture_kit):
    plan = Document(fixture_kit / "trainer" / "heard" / "heard-session-plan.docx")
    assert plan.core_properties.title == "Being heard: session plan"
    assert plan.core_properties.language == "en-GB"
    assert round(plan.sections[0].page_width.cm, 1) == 21.0  # A4
    for style in ("Title", "Heading 3", "Caption"):
        assert contrast(str(plan.styles[style].font.color.rgb), "FFFFFF") >= 4.5
    styles = {p.style.name for p in plan.paragraphs}
    assert {"Title", "Heading 3", "Heading 4", "List Bullet", "List Number"} <= styles
    assert plan.tables, "the timetable is a real table"
    header = plan.tables[0].rows[0]
    assert header._tr.trPr is not None and "tblHeader" in header._tr.trPr.xml
    normal = plan.styles["Normal"].element.rPr.xml
    assert 'w:val="en-GB"' in normal
    # each numbered list counts from 1: its own numbering instance, not the style's shared one
    numbered = [p for p in plan.paragraphs if p.style.name == "List Number"]
    shared = plan.styles["List Number"].element.pPr.numPr.numId.val
    assert numbered and all(p._p.pPr.numPr.numId.val != shared for p in numbered)


def test_handout_holds_outcomes_reflection_and_cpd(fixture_kit):
    text = docx_text(fixture_kit / "learner" / "heard" / "heard-handout.docx")
    assert "Identify what helped the parent trust the worker." in text
    assert "What will you do differently?" in text
    assert "Record one thing you will change" in text


def test_certificate_and_joining_instructions(fixture_kit):
    certificate = docx_text(fixture_kit / "learner" / "heard" / "heard-certificate.docx")
    for expected in ("Being heard", "1 hour", "Values and ethics",
                     "Establish and maintain trust", "peer reflection", "[Date of the session]"):
        assert expected in certificate, expected
    record = Document(fixture_kit / "learner" / "heard" / "heard-certificate.docx").tables[-1]
    assert all(row.height is not None and row.height.cm >= 2 for row in record.rows[1:])
    joining = docx_text(fixture_kit / "learner" / "heard" / "heard-joining.docx")
    for expected in ("The story is about a child who might be removed.", "Access needs",
                     "What to bring", "The session lasts 1 hour"):
        assert expected in joining, expected
    # no organisation profile: the site's marked placeholders, and a stamp without a name
    assert "Run by: [the organisation's name: to be set by your organisation]" in joining
    assert ("the safeguarding lead, [the safeguarding lead: to be set by your organisation]"
            in joining)
    assert "[the organisation's name: to be set by your organisation]" in certificate
    footer = Document(fixture_kit / "learner" / "heard" / "heard-joining.docx").sections[0].footer
    assert footer.paragraphs[0].text == f"Heard {heard.__version__}, learner edition"


def test_slides_are_titled_timed_and_noted_in_the_trainer_edition_only(fixture_kit):
    decks = {edition: Presentation(fixture_kit / edition / "heard" / "heard-slides.pptx")
             for edition in ("learner", "trainer")}
    for edition, deck in decks.items():
        titles = [slide.shapes.title.text for slide in deck.slides]
        assert titles == ["Being heard", "What you will be able to do",
                          "Read the story (20 minutes)", "Talk in pairs (40 minutes)",
                          "Reflection questions"], edition
        assert deck.core_properties.title == "Being heard"
        for slide in deck.slides:
            shapes = list(slide.shapes)
            assert shapes[0] == slide.shapes.title, "reading order starts with the title"
            for shape in shapes:
                assert shape.shape_type != 13 or shape._element.xpath(
                    "./p:nvPicPr/p:cNvPr/@descr"), "every picture has alt text"
        colours = theme_colours(fixture_kit / edition / "heard" / "heard-slides.pptx")
        assert contrast(colours["dk1"], colours["lt1"]) >= 4.5
        for slide in deck.slides:  # every run's own colour, against the white background
            for shape in slide.placeholders:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run._r.rPr.get("lang") == "en-GB"
                        assert contrast(str(run.font.color.rgb), colours["lt1"]) >= 4.5
    talk = decks["learner"].slides[3]
    assert "Discuss Being honest" in talk.placeholders[1].text_frame.text
    assert not any(slide.has_notes_slide and slide.notes_slide.notes_text_frame.text
                   for slide in decks["learner"].slides)
    notes = [slide.notes_slide.notes_text_frame.text for slide in decks["trainer"].slides
             if slide.has_notes_slide]
    assert any("Trainerprobe-module-note" in n for n in notes)
    assert any("Trainerprobe-answer" in n for n in notes)
    assert any("40 minutes, pairs. Materials: Question sheet." in n for n in notes)


def test_learner_kit_holds_no_trainer_only_text(fixture_kit):
    files = [p for p in (fixture_kit / "learner").rglob("*") if p.suffix in (".docx", ".pptx")]
    assert files
    for path in files:
        assert PROBE not in xml_text(path), path
    trainer = " ".join(xml_text(p) for p in (fixture_kit / "trainer").rglob("*.*x"))
    assert "Trainerprobe-module-note" in trainer and "Trainerprobe-answer" in trainer
    assert "Screenprobe" not in trainer  # {screen-only} text stays on the site


@pytest.mark.site  # LibreOffice takes ten seconds to start: the slow tier's job
def test_office_suite_opens_the_fixture_kit(fixture_kit, tmp_path):
    files = sorted(p for p in (fixture_kit / "trainer" / "heard").iterdir()
                   if p.suffix != ".pdf")
    pdfs = office_pdfs(files, tmp_path)
    for source, pdf in pdfs.items():
        pages = pdf_pages(pdf)
        assert pages, source
        if source.suffix == ".pptx":
            assert len(pages) == 5
            assert pages[2].startswith("Read the story (20 minutes)")
    assert "Being heard: session plan" in pdf_pages(pdfs[files[-1].parent /
                                                         "heard-session-plan.docx"])[0]


# -- the real curriculum -------------------------------------------------------------------


@pytest.mark.site
def test_every_module_has_a_complete_kit_in_both_editions(kit):
    cur = load(REPO, "learner")
    for module in cur.modules:
        for edition, names in (("learner", LEARNER_FILES), ("trainer", TRAINER_FILES)):
            for name in names:
                assert (kit / edition / module / f"{module}-{name}").is_file(), (edition, name)
    assert (kit / "trainer" / "evaluation-form.docx").is_file()
    assert not list((kit / "learner").rglob("*session-plan*"))


@pytest.mark.site
def test_every_real_materials_pack_passes_pdfua(kit):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_print import pdfua_findings

    packs = sorted((kit / "trainer").rglob("*-materials.pdf"))
    assert len(packs) == len(load(REPO, "learner").modules)
    findings = pdfua_findings(packs)
    assert not {name: found for name, found in findings.items() if found}
    for pack in packs:
        assert len(pdf_pages(pack)) >= 2, pack


@pytest.mark.site
def test_real_learner_kit_holds_no_trainer_only_text(kit):
    probes = trainer_only_lines(REPO)
    assert len(probes) > 10
    learner = {p: " ".join(xml_text(p).split()) for p in (kit / "learner").rglob("*.*x")}
    for path, text in learner.items():
        leaked = [probe for probe in probes if probe in text]
        assert not leaked, f"{path.name}: {leaked[:3]}"
    trainer = " ".join(" ".join(xml_text(p).split()) for p in (kit / "trainer").rglob("*.*x"))
    assert sum(probe in trainer for probe in probes) > len(probes) // 2


@pytest.mark.site
def test_office_suite_converts_every_real_docx_and_pptx(kit, tmp_path):
    files = sorted(p for p in kit.rglob("*") if p.suffix in (".docx", ".pptx"))
    by_edition: dict[str, list[Path]] = {}
    for path in files:
        by_edition.setdefault(path.relative_to(kit).parts[0], []).append(path)
    converted = {}
    for edition, group in by_edition.items():  # the same file names in both editions
        # One LibreOffice start-up per edition: starting it is most of the time.
        converted |= office_pdfs(group, tmp_path / edition, profile=tmp_path / "profile")
    assert len(converted) == len(files)
    for source, pdf in converted.items():
        pages = pdf_pages(pdf)
        assert pages and all(p for p in pages[:1]), source
        if source.suffix == ".pptx":
            deck = Presentation(source)
            assert len(pages) == len(deck.slides), source
            assert pages[0].startswith(deck.slides[0].shapes.title.text.split(":")[0][:30])
        else:
            title = Document(source).core_properties.title
            # pdftotext joins a word broken at a line's end, so compare without hyphens
            assert unbroken(title)[:30] in unbroken(pages[0]), source


@pytest.mark.parametrize("total, shown", [
    (60, "1 hour"), (120, "2 hours"), (61, "1 hour and 1 minute (1.02 hours)"),
    (70, "1 hour and 10 minutes (1.17 hours)"), (45, "45 minutes (0.75 hours)")])
def test_certificate_hours_read_as_english(total, shown):
    from heard.printing.kit import certificate_hours

    assert certificate_hours(total) == shown

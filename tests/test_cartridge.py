"""IMS Common Cartridges (`heard build --format cc`): valid against the schemas Moodle uses,
laid out as Moodle's importer expects, learner cartridges free of trainer-only text, and
pages that cannot be packaged reported where they are written.

The fast tests build the small test curriculum once; the `site` tests build cartridges once
from the session's real editions and open every page in Chromium."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

import yaml

from conftest import PLAIN_SPAN, REPO, edit, trainer_only_lines
from heard.cartridge import build_cartridges
from heard.cartridge.check import (MANIFEST, moodle_problems, read_package, schema_problems,
                                   schematron_problems, weblink_problems)
from heard.cartridge.manifest import CP, LOM_RESOURCE
from heard.cartridge.pages import Built, convert
from heard.cli import main

SCHEMAS = Path(__file__).parent / "data" / "cc11"
NS = {"cp": CP, "lom": LOM_RESOURCE}


def cartridge_problems(path: Path) -> list[str]:
    files = read_package(path)
    return (schema_problems(files[MANIFEST], SCHEMAS) + schematron_problems(files[MANIFEST], SCHEMAS)
            + weblink_problems(files, SCHEMAS) + moodle_problems(files))


def text_of(files: dict[str, bytes]) -> str:
    """Every text file of a package, joined, with HTML tags and whitespace runs flattened
    (the leak probe matches runs of plain letters)."""
    texts = [data.decode("utf-8", "replace") for name, data in files.items()
             if name.endswith((".html", ".xml", ".gift", ".txt", ".css", ".ipynb"))]
    texts += [zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
              for name, data in files.items() if name.endswith(".docx")]
    texts += [page.extract_text() for name, data in files.items() if name.endswith(".pdf")
              for page in PdfReader(io.BytesIO(data)).pages]
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in texts)


def answer_key_lines(root: Path) -> list[str]:
    """A run of plain words from every marking note in the answer keys (their front matter,
    which trainer_only_lines does not read). Answer feedback is left out: it retells facts
    that the learner pages give too."""
    found = []
    for path in sorted((root / "trainer_kit" / "assessment").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}
        if meta.get("kind") != "answer-key":
            continue
        texts = [m["guidance"] for m in meta["marking"]]
        found += [m.group(0) for text in texts for m in [PLAIN_SPAN.search(text)] if m]
    return found


def roles(files: dict[str, bytes]) -> dict[str, str]:
    """Resource href -> its intendedEndUserRole (Learner when it has none)."""
    tree = etree.fromstring(files[MANIFEST])
    found = {}
    for resource in tree.iterfind("cp:resources/cp:resource", NS):
        role = resource.findtext(".//lom:intendedEndUserRole/lom:value", namespaces=NS)
        found[resource.get("href") or resource.get("identifier")] = role or "Learner"
    return found


@pytest.fixture
def small(small_cc) -> Path:
    """The test curriculum's cartridges (with the assessment fixture), built once."""
    return small_cc / "cc"


SMALL = ["heard-learner.imscc", "heard-trainer.imscc", "modules/heard-heard-learner.imscc",
         "modules/heard-heard-trainer.imscc"]


@pytest.mark.parametrize("name", SMALL)
def test_small_cartridges_validate_and_import_as_moodle_expects(small, name):
    assert cartridge_problems(small / name) == []


def test_trainer_material_is_marked_for_instructors_and_learner_pages_are_not(small):
    learner, trainer = (read_package(small / f"heard-{e}.imscc") for e in ("learner", "trainer"))
    assert set(roles(learner).values()) == {"Learner"}
    marked = roles(trainer)
    assert marked["web_resources/trainer/trainer_kit/day.html"] == "Instructor"
    assert marked["web_resources/trainer/modules/heard.html"] == "Instructor"
    assert marked["web_resources/modules/heard.html"] == "Learner"
    assert all(role == "Instructor" for href, role in marked.items() if "/trainer/" in href)


def test_learner_cartridges_hold_no_trainer_only_text(small):
    # The test curriculum marks its trainer-only text with this word.
    probes = ["Trainerprobe-module-note", "Trainerprobe-answer", "Trainerprobe-story-note",
              "Trainerprobe-feedback", "Trainerprobe-accept", "Trainerprobe-marking"]
    trainer = text_of(read_package(small / "heard-trainer.imscc"))
    assert all(probe in trainer for probe in probes)  # the probe finds what is there
    for name in ("heard-learner.imscc", "modules/heard-heard-learner.imscc"):
        text = text_of(read_package(small / name))
        assert [probe for probe in probes if probe in text] == [], name


def test_pages_link_each_other_inside_the_package(small):
    files = read_package(small / "heard-learner.imscc")
    page = files["web_resources/modules/heard.html"].decode()
    assert 'href="../case_stories/alpha.html' in page
    assert "web_resources/case_stories/alpha.html" in files
    assert "http://" not in re.sub(r'<a [^>]*href="https?://[^"]*"', "", page)


def test_the_reading_list_files_travel_with_the_module_page(small):
    files = read_package(small / "heard-learner.imscc")
    page = files["web_resources/modules/heard.html"].decode()
    for name in ("heard-reading.ris", "heard-reading.bib"):
        assert f'href="{name}"' in page
        assert b"src-study" in files[f"web_resources/modules/{name}"]


def test_a_withdrawn_story_is_in_no_cartridge(curriculum, tmp_path):
    edit(curriculum / "case_stories/alpha.md", "status: active", "status: withdrawn")
    edit(curriculum / "case_stories/alpha.md", "A parent felt", "Withdrawnprobe: a parent felt")
    assert main(["build", "--format", "cc", "--root", str(curriculum), "--out",
                 str(tmp_path)]) == 0
    cartridges = sorted((tmp_path / "cc").rglob("*.imscc"))
    assert len(cartridges) == 4
    for path in cartridges:
        files = read_package(path)
        assert not any("alpha" in name for name in files), path
        assert "Withdrawnprobe" not in text_of(files), path


# -- pages that cannot be packaged -------------------------------------------------------------


def test_a_link_outside_the_edition_and_a_missing_file_fail_a_strict_build(curriculum,
                                                                           tmp_path, capsys):
    edit(curriculum / "modules/heard.md", "Discuss {quality}",
         'See <a href="../../old-pack.html">the old pack</a>.\n\n'
         '<img src="../_images/gone.png" alt="A picture">\n\nDiscuss {quality}')
    out = tmp_path / "out"
    (out / "cc").mkdir(parents=True)
    (out / "cc" / "heard-learner.imscc").write_bytes(b"the last good cartridge")
    assert main(["build", "--format", "cc", "--strict", "--root", str(curriculum), "--out",
                 str(out)]) == 1
    err = capsys.readouterr().err
    assert "modules/heard.md:44: H160 the link ../../old-pack.html points outside the learner " \
           "edition" in err
    assert "modules/heard.md:46: H161 the file ../_images/gone.png is missing" in err
    assert "fix: " in err and "Traceback" not in err
    assert (out / "cc" / "heard-learner.imscc").read_bytes() == b"the last good cartridge"
    # Without --strict the same build writes cartridges that still pass every check.
    assert main(["build", "--format", "cc", "--root", str(curriculum), "--out", str(out)]) == 0
    assert cartridge_problems(out / "cc" / "heard-learner.imscc") == []


def test_convert_reports_each_page_problem_at_its_line_and_leaves_no_broken_link(tmp_path):
    build = tmp_path / "build"
    (build / "modules").mkdir(parents=True)
    (build / "_images").mkdir()
    (build / "_images" / "here.png").write_bytes(b"\x89PNG")
    (build / "modules" / "m.html").write_text(
        '<html><head><title>M - Heard</title></head><body><main><h1>M</h1>'
        '<p><a href="../../outside.html">out</a> <a href="other.html#x">other</a>'
        ' <a href="../index.html">home</a></p><img src="../_images/gone.png" alt="">'
        '<img src="../_images/here.png" alt="here">'
        '<img src="https://example.org/x.png" alt="remote"></main></body></html>')
    (build / "modules" / "other.html").write_text("<main><h1>Other</h1></main>")
    (build / "index.html").write_text("<main><h1>Home</h1></main>")
    root = tmp_path / "src"
    (root / "modules").mkdir(parents=True)
    (root / "modules" / "m.md").write_text(
        "# M\n\nintro\n<a href=\"../../outside.html\">out</a>\n"
        "<img src=\"../_images/gone.png\">\n<img src=\"https://example.org/x.png\">\n")
    built = Built(build, "learner", {"modules/m": "modules/m.md"}, root)
    page = convert(built, "modules/m", "web_resources/modules/m.html",
                   lambda d: f"web_resources/{d}.html" if d == "modules/other" else None,
                   lambda p: f"web_resources/{p}")
    found = {(p.path, p.line, p.code) for p in page.problems}
    assert found == {("modules/m.md", 4, "H160"), ("modules/m.md", 5, "H161"),
                     ("modules/m.md", 6, "H160")}
    html = page.html.decode()
    assert 'href="other.html#x"' in html  # a page in the cartridge: still linked
    assert "home" in html and "index.html" not in html  # in the edition, not packaged: words
    assert "outside.html" not in html and "gone.png" not in html and "example.org" not in html
    assert page.assets == ["_images/here.png"]
    assert '<html lang="en-GB">' in html and "<title>M</title>" in html


# -- the checks themselves fail on broken manifests -------------------------------------------


@pytest.fixture
def good(small) -> dict[str, bytes]:
    files = read_package(small / "heard-learner.imscc")
    assert cartridge_problems(small / "heard-learner.imscc") == []
    return files


def test_checks_catch_a_missing_course_title(good):
    manifest = re.sub(rb"<lomimscc:title>.*?</lomimscc:title>", b"", good[MANIFEST], flags=re.S)
    problems = moodle_problems({**good, MANIFEST: manifest})
    assert any("no course title" in p for p in problems)


def test_checks_catch_an_untitled_item(good):
    manifest = re.sub(rb"(<item identifier=\"item_1_1\"[^>]*>)\s*<title>[^<]*</title>", rb"\1",
                      good[MANIFEST])
    assert manifest != good[MANIFEST]
    assert any("item_1_1 has no title" in p for p in moodle_problems({**good, MANIFEST: manifest}))
    assert schema_problems(manifest, SCHEMAS) != []


def test_checks_catch_a_wrong_namespace(good):
    manifest = good[MANIFEST].replace(b"imsccv1p1/imscp_v1p1", b"imsccv1p3/imscp_v1p1")
    assert any("namespace" in p for p in moodle_problems({**good, MANIFEST: manifest}))
    assert schema_problems(manifest, SCHEMAS) != []


def test_checks_catch_a_resource_whose_file_is_missing(good):
    files = dict(good)
    del files["web_resources/case_stories/alpha.html"]
    problems = moodle_problems(files)
    assert any("case_stories/alpha.html" in p and "not in the package" in p for p in problems)


def test_checks_catch_a_file_no_resource_names(good):
    problems = moodle_problems({**good, "web_resources/stray.html": b"<p>stray</p>"})
    assert problems == ["web_resources/stray.html: in the package but named by no resource"]


def test_checks_catch_a_broken_web_link(good):
    name = next(n for n in good if n.startswith("weblinks/"))
    broken = good[name].replace(b"<url ", b"<address ")
    assert weblink_problems({**good, name: broken}, SCHEMAS) != []
    assert weblink_problems(good, SCHEMAS) == []


def test_checks_catch_a_broken_schematron_rule(good):
    # Rule 2c: a web link resource has no href (its one file is the link).
    tree = etree.fromstring(good[MANIFEST])
    link = tree.find("cp:resources/cp:resource[@type='imswl_xmlv1p1']", NS)
    if link is None:
        link = tree.find("cp:resources/cp:resource", NS)
    link.set("type", "imswl_xmlv1p0")  # the rules name CC 1.0's type
    link.set("href", "x.xml")
    problems = schematron_problems(etree.tostring(tree), SCHEMAS)
    assert any("RULE 2" in p or "2c" in p for p in problems), problems


# -- the real curriculum -------------------------------------------------------------------


@pytest.fixture(scope="session")
def cartridges(editions, tmp_path_factory):
    out = tmp_path_factory.mktemp("cc")
    result = build_cartridges(REPO, editions, out)
    return out, result


@pytest.mark.site
def test_real_cartridges_validate_and_package_every_page(cartridges):
    out, result = cartridges
    assert [p.as_text() for p in result.problems] == []
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.imscc"))
    assert "heard-learner.imscc" in names and "heard-trainer.imscc" in names
    assert any(name.startswith("modules/") for name in names)
    for path in sorted(out.rglob("*.imscc")):
        assert cartridge_problems(path) == [], path


@pytest.mark.site
def test_real_learner_cartridges_hold_no_trainer_only_text(cartridges):
    out, _result = cartridges
    probes = trainer_only_lines(REPO) + answer_key_lines(REPO)
    assert len(probes) > 10 and len(answer_key_lines(REPO)) >= 20
    assert all(p in text_of(read_package(out / "heard-trainer.imscc")) for p in probes)
    for path in sorted(out.rglob("*-learner.imscc")) + [out / "heard-learner.imscc"]:
        text = text_of(read_package(path))
        assert [p for p in probes if p in text] == [], path


@pytest.fixture(scope="session")
def audited_cartridge_pages() -> set[str]:
    """Keys (cartridge_page_key) of the cartridge pages axe-core has audited this session."""
    return set()


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def cartridge_page_key(folder: Path, page: str) -> str:
    """A page of an unzipped cartridge as the browser sees it: its HTML with the edition's
    class taken out (heard.css styles it only on the site's header, which cartridge pages
    do not have) and the stylesheets it links. A trainer cartridge page with the same key
    as a learner one is the same page to axe-core."""
    import hashlib
    import posixpath

    html = (folder / page).read_text(encoding="utf-8")
    digest = hashlib.sha256(re.sub(r'class="edition-\w+ ', 'class="', html).encode())
    for href in STYLESHEET.findall(html):
        css = folder / posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        digest.update(css.read_bytes() if css.is_file() else b"missing " + href.encode())
    return digest.hexdigest()


@pytest.mark.site
@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_every_cartridge_page_opens_offline_from_the_unzipped_folder(
        cartridges, browser, audited_cartridge_pages, edition, tmp_path):
    from webcheck import audit_pages, collect, serve

    out, _result = cartridges
    folder = tmp_path / edition
    with zipfile.ZipFile(out / f"heard-{edition}.imscc") as package:
        package.extractall(folder)
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert len(pages) > 30
    # From the folder (file:// addresses), as a learner opening the unzipped package would.
    reports = audit_pages(browser, folder.as_uri() + "/", pages, allowed="file://", axe=False)
    for kind in ("external", "failed", "console"):
        assert collect(reports, kind) == [], kind
    # axe-core reads stylesheets with requests that file:// pages may not make, so the
    # accessibility audit serves the same folder on localhost, as test_accessibility does.
    # Each distinct page once: most trainer cartridge pages are the learner ones.
    keys = {page: cartridge_page_key(folder, page) for page in pages}
    new = sorted({keys[page]: page for page in reversed(pages)
                  if keys[page] not in audited_cartridge_pages}.values())
    with serve(folder) as base:
        reports = audit_pages(browser, base, new, colour_seen=set())
    for kind in ("external", "failed", "console", "violations"):
        assert collect(reports, kind) == [], kind
    audited_cartridge_pages.update(keys.values())
    shutil.rmtree(folder)


HANDOUTS = "web_resources/handouts/heard/"


def test_module_handouts_are_in_the_cartridges_as_word_and_tagged_pdf(small):
    learner = read_package(small / "heard-learner.imscc")
    docx, pdf = learner[f"{HANDOUTS}heard-handout.docx"], learner[f"{HANDOUTS}heard.pdf"]
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx)).namelist()
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert "Being heard" in text_of({"h.docx": docx})
    assert roles(learner)[f"{HANDOUTS}heard.pdf"] == "Learner"  # named by a resource
    assert not any("session-plan" in name for name in learner)
    module = read_package(small / "modules" / "heard-heard-learner.imscc")
    assert {f"{HANDOUTS}heard-handout.docx", f"{HANDOUTS}heard.pdf"} <= set(module)
    marked = roles(read_package(small / "heard-trainer.imscc"))
    assert marked[f"{HANDOUTS}heard-session-plan.docx"] == "Instructor"
    assert marked[f"{HANDOUTS}heard-handout.docx"] == "Learner"


def test_handouts_are_rebuilt_only_when_missing_or_older_than_the_build(small_cc, tmp_path):
    from heard.cartridge.handouts import handout_files, stale

    built = small_cc / ".doctrees" / "learner" / "environment.pickle"
    files = [path for path, _, _ in handout_files(small_cc, "heard", "trainer")]
    assert not stale(files, built)
    assert stale([*files, tmp_path / "gone.pdf"], built)
    old = tmp_path / "old.docx"
    old.write_bytes(b"")
    os.utime(old, (0, 0))
    assert stale([old], built)


def test_the_schemas_are_imss_unchanged_files():
    import hashlib

    listed = dict(reversed(line.split()) for line in
                  (SCHEMAS / "SHA256SUMS").read_text().splitlines() if line.strip())
    assert len(listed) == 13
    for name, digest in listed.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, name


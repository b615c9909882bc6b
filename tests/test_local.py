"""Local editions: a fixture organisation (tests/roots/test-organisation: heard.toml and a
local/ overlay, copied over the small curriculum) checks and builds both editions, shows its
values, leaves its left-out module out of every output, and its own story meets the same
consent rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOTS, edit

from heard.cli import main

LEFT_OUT = re.compile(rb"Being heard(?! in Northshire)|modules/heard\.html|Trainerprobe-module")


@pytest.fixture
def organisation(tmp_path: Path) -> Path:
    root = tmp_path / "northshire"
    shutil.copytree(ROOTS / "test-curriculum", root)
    shutil.copytree(ROOTS / "test-organisation", root, dirs_exist_ok=True)
    (root / "README.md").unlink()
    return root


def check(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["check", str(root), "--today", "2026-11-22", *args])
    out, err = capsys.readouterr()
    return code, out, err


def build_both(make_app, root: Path) -> dict[str, Path]:
    built = {}
    for edition in ("learner", "trainer"):
        out = root / "_build" / edition
        app = make_app("html", srcdir=root, builddir=out, freshenv=True, warningiserror=True,
                       tags=[edition] if edition == "trainer" else [])
        app.build()
        app.cleanup()  # unregister its roles and directives before the next app starts
        assert app.statuscode == 0, app.warning.getvalue()
        built[edition] = Path(app.outdir)
    return built


def text_of(page: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).split())


def test_the_organisation_passes_and_verbose_names_each_replacement(capsys, organisation):
    code, out, err = check(capsys, organisation, "--strict", "--verbose")
    assert code == 0, out
    assert "local/trainer_kit/day.md replaces trainer_kit/day.md" in err
    assert "modules/heard.md (`heard`) is left out by heard.toml" in err
    code, _, err = check(capsys, organisation)
    assert code == 0 and "replaces" not in err  # only with --verbose


def test_both_editions_build_with_the_local_values_and_without_the_left_out_module(
        make_app, organisation):
    built = build_both(make_app, organisation)
    module = text_of(built["learner"] / "local/modules/northshire-welcome.html")
    assert "goes to Sam Okafor, Designated Safeguarding Lead on 01234 100300" in module
    assert "paid £25 per hour (as of 1 April 2026)" in module
    assert "do differently in Northshire County Council" in module
    carers = text_of(built["learner"] / "local/case_stories/lists/northshire-carers.html")
    assert "Ringing back when you said you would Taught in: Being heard in Northshire" in carers
    assert "Localprobe-story: she always knew" in text_of(
        built["learner"] / "local/case_stories/riverside.html")
    programme = text_of(built["trainer"] / "local/trainer_kit/day.html")
    assert "Contact Northshire Learning and Development on 01234 100200" in programme
    assert "Being heard in Northshire" in programme  # the replacement's timetable
    assert "A short Northshire session" in text_of(built["trainer"] / "trainer_kit/index.html")
    for edition, tree in built.items():
        leaks = [str(p.relative_to(tree)) for p in tree.rglob("*")
                 if p.is_file() and LEFT_OUT.search(p.read_bytes())]
        assert leaks == [], edition
        assert not (tree / "trainer_kit/day.html").exists()  # replaced
    assert not list(built["learner"].rglob("*Localprobe-module-note*"))
    learner = b"".join(p.read_bytes() for p in built["learner"].rglob("*") if p.is_file())
    assert b"Localprobe-module-note" not in learner and b"Localprobe-story-note" not in learner


def test_an_unset_value_is_a_marked_placeholder_and_a_warning(capsys, make_app, organisation):
    edit(organisation / "heard.toml", 'phone = "01234 100300"\n', "")
    code, out, _ = check(capsys, organisation)
    assert code == 0
    assert ("local/modules/northshire-welcome.md:47: H300 warning: the safeguarding lead's "
            "phone number is not set") in out
    assert "fix: set `[safeguarding] phone` in heard.toml" in out
    code, out, _ = check(capsys, organisation, "--strict", "--format", "github")
    assert code == 1 and out.startswith("::warning file=local/modules/northshire-welcome.md,"
                                        "line=47,title=H300::")
    app = make_app("html", srcdir=organisation, freshenv=True)
    app.build()
    assert "H300" in app.warning.getvalue()  # so a -W (strict) build fails
    page = (Path(app.outdir) / "local/modules/northshire-welcome.html").read_text()
    assert ('<span class="heard-org heard-org-unset">[the safeguarding lead’s phone number: '
            "to be set by your organisation]</span>") in page


def test_without_a_profile_placeholders_are_expected(capsys, curriculum):
    edit(curriculum / "modules/heard.md", "Discuss {quality}", "Ask {org}`safeguarding-lead`. "
         "Discuss {quality}")
    code, out, _ = check(capsys, curriculum, "--strict")
    assert code == 0, out
    edit(curriculum / "modules/heard.md", "{org}`safeguarding-lead`", "{org}`safeguarding`")
    code, out, _ = check(capsys, curriculum)
    assert code == 1 and "H301 unknown organisation value `safeguarding`" in out


def test_an_overlay_story_meets_the_same_consent_rules(capsys, make_app, organisation):
    story = organisation / "local/case_stories/riverside.md"
    edit(story, "review_by: 2027-02-01", "review_by: 2026-03-01")
    code, out, _ = check(capsys, organisation)
    line = next(n for n, text in enumerate(story.read_text().splitlines(), 1)
                if "review_by:" in text)
    assert code == 1 and f"local/case_stories/riverside.md:{line}: H061 the consent record " \
        "for story `riverside` was due for review on 2026-03-01" in out
    edit(story, "status: active", "status: withdrawn")
    code, out, _ = check(capsys, organisation)
    assert "H060 story `riverside` is withdrawn" in out
    app = make_app("html", srcdir=organisation, freshenv=True)
    app.build()
    files = [p for p in Path(app.outdir).rglob("*") if p.is_file()]
    assert [p for p in files if b"Localprobe-story" in p.read_bytes()] == []


def test_an_overlay_story_without_consent_is_rejected(capsys, organisation):
    story = organisation / "local/case_stories/riverside.md"
    text = story.read_text()
    story.write_text(re.sub(r"consent:\n(  .*\n)+", "", text))
    code, out, _ = check(capsys, organisation)
    assert code == 1 and "local/case_stories/riverside.md:1: H150 story `riverside` has no " \
        "reuse or consent record" in out


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("[payment]", "[payment", "heard.toml:18: H301 the organisation profile is not valid TOML"),
    ('lead = "Sam', 'leed = "Sam', "heard.toml:13: H301 in the organisation profile, unknown "
                                   "setting `safeguarding.leed`"),
    ("as_of = 2026-04-01\n", "", "H301 in the organisation profile, `payment`: value error, a "
                                 "fee needs `as_of` and `review_by` dates"),
    ('policy = "https://', 'policy = "ftp:/', "heard.toml:19: H301 in the organisation "
                                              "profile, `payment.policy`: URL scheme should be"),
    ("review_by = 2027-04-01", "review_by = 2026-10-01",
     "heard.toml:23: H302 the involvement fee was due for review on 2026-10-01"),
    ('["heard"]', '["heard", "no-such-module"]',
     "H303 `no-such-module` is left out, but no module or story has that id"),
    ('leave_out_modules = ["heard"]', 'leave_out_modules = ["heard"]\nleave_out_stories = '
     '["riverside"]', "local/modules/northshire-welcome.md:11: H304 story `riverside` is left "
                      "out in heard.toml but this module still uses it"),
    ('logo = "local/logo.svg"', 'logo = "local/missing.svg"',
     "heard.toml:5: H301 the logo `local/missing.svg` does not exist"),
])
def test_profile_problems_are_located_with_a_fix(capsys, organisation, old, new, expected):
    edit(organisation / "heard.toml", old, new)
    code, out, _ = check(capsys, organisation)
    assert code == 1
    assert expected in out
    assert "Traceback" not in out


def test_the_schema_covers_the_profile(capsys, tmp_path):
    assert main(["schema", "--kind", "profile"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"organisation", "contact", "safeguarding", "payment", "edition"} <= set(
        schema["properties"])
    assert main(["schema", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "profile.schema.json").is_file()


def test_new_local_story_is_written_into_the_overlay_and_checked(capsys, organisation):
    assert main(["new", "story", "harbour", "--local", "--root", str(organisation),
                 "--today", "2026-11-22"]) == 0
    assert (organisation / "local/case_stories/harbour.md").is_file()
    assert not (organisation / "case_stories/harbour.md").exists()
    code, out, _ = check(capsys, organisation)
    assert code == 1 and "local/case_stories/harbour.md" in out  # its TODOs and orphan page


def test_the_version_stamp_names_the_organisation(make_app, organisation, curriculum):
    import heard

    assert heard.stamp(organisation, "trainer") == (
        f"Heard {heard.__version__}, trainer edition, for Northshire County Council")
    assert heard.stamp(curriculum) == f"Heard {heard.__version__}, learner edition"
    edit(organisation / "conf.py", '"heard"]', '"heard"]\nhtml_theme = "heard"')
    app = make_app("html", srcdir=organisation, freshenv=True)
    app.build()
    footer = re.search(r'<footer class="site-footer">(.*?)</footer>',
                       (Path(app.outdir) / "index.html").read_text(), re.S).group(1)
    assert f"version {heard.__version__}, for Northshire County Council." in footer
    page = (Path(app.outdir) / "index.html").read_text()
    assert '<img class="site-logo" src="_static/logo.svg" alt="Northshire County Council">' in page
    assert (Path(app.outdir) / "_static/logo.svg").is_file()


def test_the_kit_shows_the_organisation_and_is_stamped(organisation, tmp_path):
    import heard
    from docx import Document
    from pptx import Presentation

    from heard.printing.kitbuild import build_kit

    build_kit(organisation, tmp_path, edition="learner", strict=True, site=False)
    folder = tmp_path / "kit" / "learner" / "northshire-welcome"
    joining = Document(folder / "northshire-welcome-joining.docx")
    text = "\n".join(p.text for p in joining.paragraphs)
    assert "Run by: Northshire County Council" in text
    assert ("About the course: Northshire Learning and Development, email "
            "learning@northshire.example, phone 01234 100200") in text
    assert "the safeguarding lead, Sam Okafor, Designated Safeguarding Lead" in text
    assert "to be set by your organisation]" not in text
    certificate = Document(folder / "northshire-welcome-certificate.docx")
    rows = [[cell.text for cell in row.cells] for row in certificate.tables[0].rows]
    assert ["Organisation", "Northshire County Council"] in rows
    stamp = f"Heard {heard.__version__}, learner edition, for Northshire County Council"
    for document in (joining, certificate):
        assert document.sections[0].footer.paragraphs[0].text == stamp
        assert document.core_properties.comments == stamp
    deck = Presentation(folder / "northshire-welcome-slides.pptx")
    assert deck.core_properties.comments == stamp
    assert deck.slides[0].placeholders[1].text_frame.paragraphs[-1].text == stamp
    pdf = subprocess.run(["pdftotext", str(folder / "northshire-welcome-materials.pdf"), "-"],
                         check=True, capture_output=True, text=True).stdout
    assert stamp in " ".join(pdf.split())


def figure_alts(node) -> list[str]:
    """The alt text of every Figure in a PDF's structure tree."""
    node = node.get_object()
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" and "/Alt" in node else []
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        if hasattr(kid.get_object(), "get"):
            found += figure_alts(kid)
    return found


@pytest.mark.site  # two PDF builds of the small root: about ten seconds
def test_the_trainer_pack_cover_shows_the_logo_and_every_pdf_the_stamp(organisation):
    import heard
    from pypdf import PdfReader

    out = organisation / "_build"
    assert main(["build", "--format", "pdf", "--strict", "--root", str(organisation),
                 "--out", str(out)]) == 0
    pack = PdfReader(out / "print/trainer/heard-trainer-pack.pdf")
    assert figure_alts(pack.trailer["/Root"]["/StructTreeRoot"])[:1] == [
        "Northshire County Council"]
    handout = out / "print/learner/handouts/northshire-welcome.pdf"
    text = subprocess.run(["pdftotext", str(handout), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert (f"Heard {heard.__version__}, learner edition, for Northshire County Council"
            in " ".join(text.split()))


def test_a_changed_profile_reaches_every_page_on_the_next_build(make_app, organisation):
    out = organisation / "_build" / "learner"
    first = make_app("html", srcdir=organisation, builddir=out, freshenv=True)
    first.build()
    first.cleanup()
    edit(organisation / "heard.toml", "fee = 25", "fee = 30")
    second = make_app("html", srcdir=organisation, builddir=out)  # the saved environment
    second.build()
    page = text_of(Path(second.outdir) / "local/modules/northshire-welcome.html")
    assert "paid £30 per hour" in page


@pytest.mark.site
def test_the_upstream_edition_shows_marked_placeholders_and_third_party_notices(editions):
    guide = (editions["trainer"] / "trainer_kit/facilitator-guide.html").read_text()
    assert ('<span class="heard-org heard-org-unset">[the safeguarding lead: to be set by your '
            "organisation]</span>") in guide
    for page in sorted((editions["learner"] / "case_stories/lists").glob("*.html")):
        if page.name != "index.html":
            assert 'class="heard-third-party"' in page.read_text(), page.name


def test_toctrees_are_re_pointed_without_editing_upstream_files():
    from heard.overlay import Plan, retarget_text

    plan = Plan(root=Path("."), files=[], local_index=True,
                toc_map={"modules/heard": "local/modules/heard", "modules/gone": None})
    text = "```{toctree}\n:maxdepth: 1\n\nheard\nBeing heard <heard>\ngone\nother\n```\n"
    assert retarget_text("modules/index", text, plan) == (
        "```{toctree}\n:maxdepth: 1\n\n/local/modules/heard\n"
        "Being heard </local/modules/heard>\nother\n```\n")
    assert retarget_text("index", "# Root\n", plan).endswith("\n:hidden:\n\nlocal/index\n```\n")
    assert retarget_text("docs/other", text, plan) == text  # entries resolve per folder

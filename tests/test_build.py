"""Sphinx builds of the small curriculum: editions, consent, parallel and incremental builds."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import edit

PROBE = b"Trainerprobe"


def files_containing(tree: Path, needle: bytes) -> list[str]:
    return sorted(str(p.relative_to(tree)) for p in tree.rglob("*")
                  if p.is_file() and needle in p.read_bytes())


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def page(app, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def test_learner_edition_has_nothing_trainer_only_in_any_file(make_app, curriculum):
    app = build(make_app, curriculum, freshenv=True)
    assert app.statuscode == 0, app.warning.getvalue()
    assert not app.warning.getvalue()
    # the whole build tree: pages, search index, _sources, doctrees, environment pickle
    assert files_containing(curriculum / "_build", PROBE) == []
    assert not (Path(app.outdir) / "trainer_kit").exists()
    module = page(app, "modules/heard")
    assert "Read the story" in module and "The alpha story" in module  # activity, story card
    assert "Trainer notes" not in module


def test_pages_load_nothing_from_other_servers(make_app, curriculum):
    edit(curriculum / "conf.py", '"heard"]', '"heard"]\nhtml_theme = "heard"')
    app = build(make_app, curriculum, freshenv=True)
    for path in Path(app.outdir).rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loaded = [tag.get("src") for tag in soup.find_all(src=True)]
        loaded += [tag.get("href") for tag in soup.find_all("link", href=True)]
        assert not [url for url in loaded if "//" in url], path
    index = BeautifulSoup(page(app, "index"), "html.parser")
    assert index.select_one("a.skip-link")["href"] == "#main"
    assert index.select_one("main#main") and index.select_one("nav[aria-label]")


def test_trainer_edition_keeps_trainer_notes_and_kit(make_app, curriculum):
    app = build(make_app, curriculum, freshenv=True, tags=["trainer"])
    assert app.statuscode == 0, app.warning.getvalue()
    module = page(app, "modules/heard")
    assert "Trainerprobe-module-note" in module and "Trainerprobe-answer" in module
    assert "Trainerprobe-kit-page" in page(app, "trainer_kit/index")
    # The programme's timetable: each start time is the sum of the durations before it.
    assert timetable_rows(page(app, "trainer_kit/day")) == [
        ["0:00", "Being heard", "", ""],
        ["0:00", "Read the story", "story", "20"],
        ["0:20", "Talk in pairs", "pairs", "40"],
        ["1:00", "Break", "", "15"],
        ["End", "Total: 1 hour 15 minutes", "", "75"],
    ]


def timetable_rows(html: str) -> list[list[str]]:
    table = BeautifulSoup(html, "html.parser").select_one("table.heard-timetable")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]
            for row in table.select("tbody tr")]


def test_withdrawn_story_is_in_no_output_and_its_users_are_reported(make_app, curriculum):
    edit(curriculum / "case_stories/alpha.md", "status: active", "status: withdrawn")
    edit(curriculum / "case_stories/alpha.md", "A parent felt", "Withdrawnprobe: a parent felt")
    for tags in ([], ["trainer"]):
        out = curriculum / "_build" / (tags[0] if tags else "learner")
        app = make_app("html", srcdir=curriculum, builddir=out, freshenv=True, tags=tags)
        app.build()
        assert files_containing(out, b"Withdrawnprobe") == []
        assert files_containing(out, b"The alpha story") == []
        # The build withholds what used the story: a follow-up, listed but not a warning.
        assert "H060 story `alpha` is withdrawn" in app.status.getvalue()
        assert "heard." not in app.warning.getvalue() and "toctree" not in "".join(
            line for line in app.warning.getvalue().splitlines() if "already registered" not in line)


def test_broken_reference_fails_a_warnings_as_errors_build(make_app, curriculum):
    edit(curriculum / "modules/heard.md", "{story}`alpha`", "{story}`no-such-story`")
    app = build(make_app, curriculum, freshenv=True, warningiserror=True)
    assert app.statuscode == 1
    assert "heard.md:44: WARNING: H030 unknown story `no-such-story`" in app.warning.getvalue()


def test_parallel_build_gives_the_same_pages_as_a_serial_build(make_app, curriculum, tmp_path):
    other = tmp_path / "parallel"
    shutil.copytree(curriculum, other)
    serial = build(make_app, curriculum, freshenv=True)
    parallel = build(make_app, other, freshenv=True, parallel=2)
    assert parallel.statuscode == 0, parallel.warning.getvalue()
    pages = sorted(p.relative_to(serial.outdir) for p in Path(serial.outdir).rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir)
                           for p in Path(parallel.outdir).rglob("*.html"))
    for name in pages:
        assert (Path(serial.outdir) / name).read_text() == (Path(parallel.outdir) / name
                                                           ).read_text(), name


def test_incremental_rebuild_updates_pages_that_show_an_edited_story(make_app, curriculum):
    build(make_app, curriculum, freshenv=True)
    edit(curriculum / "case_stories/alpha.md", "title: The alpha story", "title: Renamed story")
    edit(curriculum / "case_stories/alpha.md", "# The alpha story", "# Renamed story")
    app = build(make_app, curriculum)
    for name in ("modules/heard", "case_stories/index", "modules/index"):
        html = page(app, name)
        assert "The alpha story" not in html, name
    module = BeautifulSoup(page(app, "modules/heard"), "html.parser")
    cards = module.select(".heard-story-card")
    assert len(cards) == 1 and "Renamed story" in cards[0].get_text()
    rows = BeautifulSoup(page(app, "case_stories/index"), "html.parser").select("table tbody tr")
    assert len(rows) == 1 and "Renamed story" in rows[0].get_text()  # no duplicate rows


def test_deleted_story_disappears_from_listings(make_app, curriculum):
    build(make_app, curriculum, freshenv=True)
    (curriculum / "case_stories/alpha.md").unlink()
    edit(curriculum / "case_stories/index.md", "alpha\n", "")
    app = build(make_app, curriculum)
    assert "The alpha story" not in page(app, "case_stories/index")
    assert "The alpha story" not in page(app, "modules/heard")
    assert "H030 unknown story `alpha`" in app.warning.getvalue()


def rebuild_after(make_app, curriculum: Path, old: str, new: str):
    """Build, edit the story, rebuild: the app and the names of the pages rewritten."""
    build(make_app, curriculum, freshenv=True)
    edit(curriculum / "case_stories/alpha.md", old, new)
    app = make_app("html", srcdir=curriculum)
    written: list[str] = []
    app.connect("html-page-context", lambda app, name, *args: written.append(name))
    app.build()
    return app, written


def test_incremental_rebuild_rewrites_only_the_story_and_its_dependants(make_app, curriculum):
    _app, written = rebuild_after(make_app, curriculum, "A parent felt", "One parent felt")
    # Sphinx itself rewrites the page and its toctree parent; Heard adds nothing, because
    # what other pages show of the story (title, summary, notes) did not change.
    assert "case_stories/alpha" in written
    assert "modules/heard" not in written


def test_changing_what_pages_show_rewrites_those_pages(make_app, curriculum):
    app, written = rebuild_after(make_app, curriculum, "summary: A story", "summary: A new story")
    # the story, its card in the module, and the story index
    assert {"case_stories/alpha", "modules/heard", "case_stories/index"} <= set(written)
    assert "A new story" in page(app, "modules/heard")

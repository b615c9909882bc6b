"""Issue 11 §1: withdrawing a story is one line (`status: withdrawn`) and always builds, with
no sentence of the story in any output file; `heard check` lists every remaining use."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, edit
from heard.cli import main
from heard.withdrawal import body_of, find_uses, squash, story_sentences

STORY_LINE = "A parent felt judged by one NQSW and heard by the next, who listened well."
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {},
         "source": "# Reading a story\n\nRead [the story](../case_stories/alpha.md) first."},
        {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None,
         "outputs": [],
         "source": "from heard import load\nfrom heard.notebook import find_root\n"
                   "cur = load(find_root(), edition='learner')\n"
                   "print(cur.stories['alpha'].meta.summary)"},
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


# The project's notebook settings (pandoc from pypandoc-binary, the epilog), run for real.
NOTEBOOK_CONF = """
import os, pypandoc
os.environ["PATH"] = os.path.dirname(pypandoc.get_pandoc_path()) + os.pathsep + os.environ["PATH"]
nbsphinx_execute = "always"
nbsphinx_epilog = %r
""" % re.search(r'nbsphinx_epilog = """(.*?)"""', (REPO / "conf.py").read_text(), re.S).group(1)


def words(text: str) -> str:
    """Lower-case letters only, so smart quotes, markup and line breaks do not matter."""
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def probes(root: Path, story_path: Path) -> list[str]:
    """Every sentence of the story that no other story shares."""
    others = [squash(body_of(p.read_text(encoding="utf-8")))
              for p in (root / "case_stories").rglob("*.md") if p != story_path]
    return sorted(set(story_sentences(story_path.read_text(encoding="utf-8"), others)))


def texts_of(path: Path):
    """The text of an output file, and of each file inside an EPUB; PDFs by their text."""
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            for name in book.namelist():
                yield from texts_of_bytes(name, book.read(name))
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        yield " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    else:
        yield from texts_of_bytes(path.name, path.read_bytes())


def texts_of_bytes(name: str, data: bytes):
    text = data.decode("utf-8", "replace")
    if name.endswith((".html", ".xhtml")):
        yield BeautifulSoup(text, "html.parser").get_text(" ")
    yield text


def leaks(out: Path, sentences: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        for text in texts_of(path):
            flat = words(text)
            found += [(str(path.relative_to(out)), s) for s in sentences if s in flat]
    return sorted(set(found))


def withdraw(path: Path) -> None:
    edit(path, "status: active", "status: withdrawn")


# -- the small root: a notebook that reads the withdrawn story ------------------------------


@pytest.fixture
def withdrawn_root(curriculum: Path) -> Path:
    story = curriculum / "case_stories" / "alpha.md"
    edit(story, "A parent felt judged by one NQSW and heard by the next.", STORY_LINE)
    (curriculum / "notebooks").mkdir()
    (curriculum / "notebooks" / "reads-alpha.ipynb").write_text(json.dumps(NOTEBOOK))
    edit(curriculum / "index.md", "docs/sources\n", "docs/sources\nnotebooks/reads-alpha\n")
    edit(curriculum / "conf.py", '"heard"]', '"nbsphinx", "heard"]\n' + NOTEBOOK_CONF)
    withdraw(story)
    return curriculum


def test_check_lists_every_use_of_a_withdrawn_story(withdrawn_root, capsys):
    code = main(["check", str(withdrawn_root)])
    out = capsys.readouterr().out
    located = set(re.findall(r"^(\S+?):(\d+): (H06[02]) ([^\n]*)", out, re.M))
    where = {(path, code_) for path, _line, code_, _message in located}
    assert ("modules/heard.md", "H060") in where  # front matter, story card and role
    assert ("case_stories/index.md", "H062") in where  # toctree
    # The checker reads the ids a notebook asks for, so its use is a located H060 (a
    # reference to the story), listed once, not again as a text use.
    notebook = [code_ for path, code_ in where if path == "notebooks/reads-alpha.ipynb"]
    assert notebook == ["H060"]
    hows = " ".join(message for *_, message in located)
    assert "toctree uses" in hows
    assert code == 1


def test_uses_are_found_with_their_kind_and_line(withdrawn_root):
    from heard import loader

    uses = find_uses(loader.load_curriculum(withdrawn_root), withdrawn_root)
    kinds = {(u.path, u.how) for u in uses}
    assert {("modules/heard.md", "front matter"), ("modules/heard.md", "story card"),
            ("modules/heard.md", "role"), ("case_stories/index.md", "toctree"),
            ("notebooks/reads-alpha.ipynb", "notebook")} <= kinds
    toctree = next(u for u in uses if u.how == "toctree")
    assert toctree.line == 7  # the `alpha` line of case_stories/index.md


def test_quotation_of_a_withdrawn_story_is_found(withdrawn_root):
    from heard import loader

    page = withdrawn_root / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nShe said: {STORY_LINE}\n",
                    encoding="utf-8")
    uses = find_uses(loader.load_curriculum(withdrawn_root), withdrawn_root)
    assert any(u.path == "docs/glossary.md" and u.how == "quotation" for u in uses)


@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_small_build_withholds_what_used_the_story(withdrawn_root, tmp_path, edition):
    out = tmp_path / edition
    args = ["-W", "-n", "-q", "-b", "html", str(withdrawn_root), str(out)]
    if edition == "trainer":
        args[:0] = ["-t", "trainer"]
    from sphinx.cmd.build import build_main

    assert build_main(args) == 0  # strict: no toctree warning, no KeyError from the notebook
    assert not (out / "case_stories" / "alpha.html").exists()
    assert leaks(out, [words(STORY_LINE)]) == []
    notebook = (out / "notebooks" / "reads-alpha.html").read_text(encoding="utf-8")
    assert "not available at the moment" in notebook
    assert "KeyError" not in notebook and "Download the notebook" not in notebook
    module = (out / "modules" / "heard.html").read_text(encoding="utf-8")
    assert "not available at the moment" in module
    assert ("What to adapt" in module) == (edition == "trainer")
    assert ("`alpha`" in module or "alpha" in BeautifulSoup(module, "html.parser").get_text()) \
        == (edition == "trainer")


def test_a_link_to_a_withdrawn_story_becomes_plain_words(withdrawn_root, tmp_path):
    from sphinx.cmd.build import build_main

    page = withdrawn_root / "docs" / "sources.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {story}`alpha`.\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert build_main(["-q", "-b", "html", str(withdrawn_root), str(out)]) == 0
    page = BeautifulSoup((out / "docs" / "sources.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "see a withdrawn story" in words(page.get_text(" "))
    assert not page.find("a", href=re.compile("case_stories/alpha"))


def test_notebook_run_outside_the_build_says_the_story_is_withdrawn(withdrawn_root):
    from heard import load

    cur = load(withdrawn_root, "learner")
    with pytest.raises(KeyError, match="withdrawn by the people it belongs to"):
        cur.stories["alpha"]


# -- the real curriculum: withdraw each story in turn ---------------------------------------


def real_stories() -> list[str]:
    return sorted(p.stem for p in (REPO / "case_stories").glob("*.md") if p.stem != "index")


def copy_of_repo(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        if rel.startswith(("tests/", "benchmarks/", ".")):
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target / rel)
    return target


@pytest.mark.site
@pytest.mark.parametrize("story", real_stories())
def test_withdrawing_any_real_story_builds_without_it(story, tmp_path):
    """The learner edition, strict, after changing only the story's status line. Notebooks
    are not run in these builds (whether one is withheld is decided from its source, and a
    withheld notebook never runs; the small root below has one that reads the story, run).
    coventry-families feeds a real notebook, so its build also withholds that notebook."""
    from sphinx.cmd.build import build_main

    root = copy_of_repo(tmp_path / "repo")
    story_path = root / "case_stories" / f"{story}.md"
    sentences = probes(root, story_path)
    assert len(sentences) > 20
    withdraw(story_path)
    out = tmp_path / "learner"
    assert build_main(["-W", "-n", "-q", "-D", "nbsphinx_execute=never", "-b", "html",
                       str(root), str(out)]) == 0
    assert leaks(out, sentences) == []


@pytest.mark.site  # every format (both HTML editions, the PDFs, the EPUB): slow, so not
def test_withdrawn_story_read_by_a_notebook_leaves_every_format(withdrawn_root):  # fast tier
    """The small root, its story withdrawn while a notebook reads it, through `heard build`
    in every format: no sentence of the story in any file. (The real stories are withdrawn
    one by one above; this is the print and EPUB path, on a curriculum that builds in
    seconds rather than the real one's minute.)"""
    story_path = withdrawn_root / "case_stories" / "alpha.md"
    sentences = sorted({words(STORY_LINE), *probes(withdrawn_root, story_path)})
    out = withdrawn_root / "_build"
    # PDF builds both HTML editions too. The EPUB is not --strict here: that would add
    # epubcheck, which the real EPUB's own test runs; the leak scan below reads every file.
    for args in (["--format", "pdf", "--strict"], ["--format", "epub"]):
        assert main(["build", *args, "--root", str(withdrawn_root), "--out", str(out)]) == 0
    assert (out / "learner" / "index.html").is_file() and (out / "trainer").is_dir()
    printed = {p.suffix for p in (out / "print").rglob("*") if p.is_file()}
    assert {".pdf", ".epub"} <= printed, printed
    assert leaks(out, sentences) == []
    adapt = (out / "trainer" / "modules" / "heard.html").read_text(encoding="utf-8")
    assert "What to adapt" in adapt and "alpha" in adapt


@pytest.mark.parametrize("how", ["byte-order mark", "subfolder"])
def test_withdrawn_story_saved_oddly_is_still_left_out(curriculum, tmp_path, how):
    """Issue 12 §2: withdrawn stories are found however the file is saved or placed."""
    from sphinx.cmd.build import build_main

    story = curriculum / "case_stories" / "alpha.md"
    withdraw(story)
    edit(story, "A parent felt judged", "Oddprobe: a parent felt judged")
    if how == "byte-order mark":
        story.write_bytes(b"\xef\xbb\xbf" + story.read_bytes())
    else:
        (curriculum / "case_stories" / "old").mkdir()
        story.rename(curriculum / "case_stories" / "old" / "alpha.md")
        edit(curriculum / "case_stories" / "index.md", "alpha\n", "old/alpha\n")
    out = tmp_path / "out"
    build_main(["-q", "-b", "html", str(curriculum), str(out)])
    found = [p for p in out.rglob("*") if p.is_file() and b"Oddprobe" in p.read_bytes()]
    assert found == []
    assert (out / "index.html").is_file()

"""The notebook exercises: they run, they are plain, their charts have text alternatives, and
their suggested answers are in the trainer edition only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from sphinx.cmd.build import build_main

import heard
from conftest import REPO, edit
from heard import loader
from heard.language import readability
from heard.notebook import ROOT_VARIABLE, find_root
from heard.rules.language import THRESHOLDS
from heard.sphinxext import notebooks as nbext

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ANSWER_PAGES = sorted((REPO / "trainer_kit/answers").glob("*.md"))
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # as conf.py: no start-up chatter
PLAIN_SPAN = re.compile(r"[A-Za-z][A-Za-z ]{38}[A-Za-z]")
CAPTION = re.compile(r"^\*\*Figure (\d+)\.\*\*")


def execute(path: Path, cwd: Path | None = None):
    """Run a notebook as nbsphinx does: its own folder is the working folder."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", extra_arguments=KERNEL_ARGS,
                   resources={"metadata": {"path": str(cwd or path.parent)}}).execute()
    return nb


def markdown_of(nb) -> str:
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def notebook_ids(path: Path) -> str:
    return path.stem


# -- the notebooks as files -----------------------------------------------------------------


def test_at_least_four_notebooks_all_listed_on_the_exercises_page():
    assert len(NOTEBOOKS) >= 4
    index = loader.load_file(REPO, REPO / "notebooks/index.md")
    listed = {target for target, _line in index.toctree}
    assert listed == {path.stem for path in NOTEBOOKS}
    assert "notebooks/index" in {target for target, _line in loader.load_file(
        REPO, REPO / "index.md").toctree}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_ids)
def test_notebooks_are_stored_without_outputs(path):
    # The build runs them (nbsphinx_execute = "always"), so stored outputs could only go
    # stale, and would bloat every diff.
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and not any(cell.outputs or cell.execution_count for cell in code)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_ids)
def test_notebook_text_is_plain_and_every_abbreviation_is_in_the_glossary(path):
    """The Markdown cells, read as a learner page is: the same loader, rules and thresholds."""
    terms = set(heard.load(REPO, edition="learner").terms)
    doc = loader.load_text(f"notebooks/{path.stem}.md",
                           markdown_of(nbformat.read(path, as_version=4)), edition="learner")
    assert [word for word, _line in doc.abbreviations if word not in terms] == []
    lowest, longest = THRESHOLDS["learners"]
    score = readability([text for text, _line in doc.prose])
    assert score.flesch_reading_ease >= lowest, score
    assert score.words_per_sentence <= longest, score


def test_notebooks_quote_the_plain_language_aims_the_rules_use():
    text = {path.stem: markdown_of(nbformat.read(path, as_version=4)) for path in NOTEBOOKS}
    learners, trainers = THRESHOLDS["learners"], THRESHOLDS["service-user-trainers"]
    assert f"score of {learners[0]:g} or more" in text["plain-words"]
    assert f"reading ease of {trainers[0]:g} or more" in text["planning-involvement-6w"]
    assert f"no more than {trainers[1]:g} words" in text["planning-involvement-6w"]


def test_coventry_figures_are_data_not_constants_in_cells():
    figures = heard.load(REPO).stories["coventry-families"].meta.figures
    assert {f.id: f.value for f in figures} == {"looked-after-2021": 735, "looked-after-2024": 647,
                                                "nqsw-child-limit": 10}
    cells = nbformat.read(REPO / "notebooks/counting-what-matters.ipynb", as_version=4).cells
    for cell in cells:
        assert not re.search(r"\b(735|647|88|10)\b", cell.source), cell.source


# -- running them ----------------------------------------------------------------------------

def executed(editions, path: Path):
    """The notebook as the learner build ran it (nbsphinx keeps its executed copy with the
    doctrees): each notebook runs once per session, in the build, not again here."""
    copy = editions["learner"] / ".doctrees" / "nbsphinx" / "notebooks" / path.name
    return nbformat.read(copy, as_version=4)


@pytest.mark.site
@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_ids)
def test_notebook_runs_without_error_and_every_chart_has_alt_text_and_a_caption(editions, path):
    nb = executed(editions, path)  # the strict build fails if any cell fails
    cells = nb.cells
    assert any(cell.get("outputs") for cell in cells if cell.cell_type == "code")
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        assert not [out for out in cell.outputs if out.output_type == "error"]
        charts = [out for out in cell.outputs if "image/png" in out.get("data", {})]
        for out in charts:
            alt = out.metadata.get("image/png", {}).get("alt", "")
            assert len(alt.split()) >= 8, f"cell {index}: a chart needs a real text alternative"
        if charts:
            following = next(c for c in cells[index + 1:] if c.cell_type == "markdown")
            assert CAPTION.match(following.source), f"cell {index}: no caption after the chart"


@pytest.mark.site
def test_the_coventry_notebook_works_its_numbers_out_from_the_data(editions):
    nb = executed(editions, REPO / "notebooks/counting-what-matters.ipynb")
    printed = "".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                      for out in cell.outputs)
    figures = {f.id: f for f in heard.load(REPO).stories["coventry-families"].meta.figures}
    before, after = figures["looked-after-2021"].value, figures["looked-after-2024"].value
    assert f"Change: {after - before:+g} children" in printed
    assert f"{(after - before) / before * 100:+.1f}%" in printed


def test_a_failing_cell_fails_the_run(tmp_path):
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(REPO / "notebooks/counting-what-matters.ipynb", as_version=4)
    cell = next(c for c in nb.cells if '"looked-after-2021"' in c.source)
    cell.source = cell.source.replace('"looked-after-2021"', '"no-such-figure"')
    nbformat.write(nb, broken)
    with pytest.raises(CellExecutionError, match="KeyError"):
        execute(broken, cwd=REPO / "notebooks")


def test_find_root_walks_up_to_the_curriculum(tmp_path, monkeypatch):
    assert find_root(REPO / "notebooks") == REPO
    assert find_root(REPO / "case_stories" / "lists") == REPO
    monkeypatch.delenv(ROOT_VARIABLE, raising=False)
    with pytest.raises(FileNotFoundError, match=ROOT_VARIABLE):
        find_root(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ROOT_VARIABLE, str(REPO))
    assert find_root() == REPO


# -- re-running notebooks when what they read changes ------------------------------------------


def copy_curriculum(target: Path) -> Path:
    target.mkdir()
    for name in ("conf.py", "index.md", "docs", "modules", "case_stories", "notebooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def test_fingerprint_follows_records_not_prose(tmp_path):
    root = copy_curriculum(tmp_path / "cur")
    story = root / "case_stories/coventry-families.md"
    first = nbext.inputs_fingerprint(root)
    edit(story, "Be careful.", "Be very careful.")  # prose only: notebooks see no change
    assert nbext.inputs_fingerprint(root) == first
    edit(story, "value: 647", "value: 646")  # a figure a notebook reads
    assert nbext.inputs_fingerprint(root) != first


class FakeEnv:
    def __init__(self, found):
        self.found_docs = set(found)

    def doc2path(self, docname):
        return Path(docname + (".ipynb" if docname.startswith("notebooks/n") else ".md"))


def test_changed_fingerprint_marks_every_notebook_outdated(monkeypatch):
    class App:
        srcdir = REPO
    env = FakeEnv(["index", "notebooks/index", "notebooks/n1", "notebooks/n2"])
    prints = iter(["a", "a", "b"])
    monkeypatch.setattr(nbext, "inputs_fingerprint", lambda srcdir: next(prints))
    assert nbext.outdated_notebooks(App, env, set(), set(), set()) == []  # first build
    assert nbext.outdated_notebooks(App, env, set(), set(), set()) == []  # no change
    assert nbext.outdated_notebooks(App, env, {"notebooks/n2"}, set(), set()) == [
        "notebooks/n1"]  # data changed: every notebook not already being read


# -- the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(editions) -> dict[str, Path]:
    """Both editions of the real curriculum, as `heard build --strict` builds them: the
    session's `editions` (conftest.py), built once for every test that needs the site. Their
    doctrees, with nbsphinx's executed copies of the notebooks, are inside each tree."""
    return editions


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_learner_notebook_pages_have_outputs_charts_alt_text_and_captions(site):
    images = 0
    for path in NOTEBOOKS:
        page = soup(site["learner"] / "notebooks" / f"{path.stem}.html").select_one("main")
        assert page.select(".nboutput"), path.stem  # executed at build time
        text = page.get_text()
        for img in page.find_all("img"):
            alt = img.get("alt", "").strip()
            assert alt and not alt.endswith(".png") and len(alt.split()) >= 8, (path.stem, alt)
            images += 1
        captions = re.findall(r"Figure (\d+)\.", text)
        assert len(set(captions)) >= len(page.find_all("img")), path.stem
        assert "Download the notebook" in text
    assert images >= 5
    download = site["learner"] / "notebooks/counting-what-matters.ipynb"
    assert download.is_file() and '"output_type"' in download.read_text()  # executed copy


def answer_spans() -> dict[str, list[str]]:
    """Distinctive runs of words from each suggested-answers page: nothing learners have."""
    learner_text = " ".join(p.read_text(encoding="utf-8") for p in NOTEBOOKS)
    learner_text += " ".join(p.read_text(encoding="utf-8") for folder in (
        "modules", "case_stories", "docs", "notebooks") for p in (REPO / folder).rglob("*.md"))
    spans = {}
    for path in ANSWER_PAGES:
        if path.name == "index.md":
            continue
        found = [m.group(0) for line in path.read_text(encoding="utf-8").splitlines()
                 for m in PLAIN_SPAN.finditer(line)]
        spans[path.stem] = [s for s in found if s not in learner_text]
    return spans


def test_no_suggested_answer_in_any_file_of_the_learner_tree(site):
    spans = answer_spans()
    assert set(spans) == {path.stem for path in NOTEBOOKS}  # one answers page per notebook
    assert all(len(found) >= 10 for found in spans.values()), spans
    files = [p for p in site["learner"].rglob("*") if p.is_file()]
    copies = [p for p in files if p.suffix == ".ipynb"]
    # the downloads, nbsphinx's executed copies, and its working copies under .doctrees
    assert len(copies) >= 3 * len(NOTEBOOKS)
    leaks = [(span, str(p.relative_to(site["learner"]))) for p in files
             for found in spans.values() for span in found if span.encode() in p.read_bytes()]
    assert leaks == []
    assert not (site["learner"] / "trainer_kit").exists()


def test_trainer_edition_has_every_suggested_answer(site):
    trainer = site["trainer"]
    for stem, found in answer_spans().items():
        page = (trainer / "trainer_kit/answers" / f"{stem}.html").read_text(encoding="utf-8")
        missing = [span for span in found if span not in page]
        assert missing == [], stem
    kit = soup(trainer / "trainer_kit/index.html").get_text()
    assert "Suggested answers for the notebook exercises" in kit
    index = (trainer / "notebooks/index.html").read_text(encoding="utf-8")
    assert "trainer_kit/answers/index.html" in index  # the trainer-only pointer


def test_rebuild_with_no_change_runs_no_notebook(site, tmp_path):
    out = tmp_path / "learner"
    shutil.copytree(site["learner"], out)  # the shared site stays as it was built
    executed = sorted((out / ".doctrees/nbsphinx/notebooks").glob("*.ipynb"))
    assert len(executed) == len(NOTEBOOKS)
    before = {p: p.stat().st_mtime_ns for p in executed}
    assert build_main(["-W", "-n", "-q", "-b", "html", str(REPO), str(out)]) == 0
    assert {p: p.stat().st_mtime_ns for p in executed} == before


def test_pandoc_comes_from_the_python_packages():
    """nbsphinx needs pandoc; conf.py puts pypandoc-binary's copy on PATH, so no system
    pandoc is needed (the builds above work on a machine without one)."""
    import pypandoc

    bundled = Path(pypandoc.get_pandoc_path()).resolve()
    assert bundled.is_file() and Path(pypandoc.__file__).resolve().parent in bundled.parents


def test_a_chart_without_alt_text_fails_a_strict_build(make_app, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import os, pypandoc\n"
        "os.environ['PATH'] = os.path.dirname(pypandoc.get_pandoc_path()) + os.pathsep"
        " + os.environ['PATH']\n"
        "extensions = ['nbsphinx', 'heard']\n"
        "nbsphinx_execute = 'always'\n"
        f"nbsphinx_execute_arguments = {KERNEL_ARGS!r}\n"
        "nbsphinx_requirejs_path = ''\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                            "display_name": "Python 3"}})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Charts"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\n"
                                  "from heard.notebook import show_chart\n"
                                  "fig, ax = plt.subplots()\nax.plot([1, 2])\n"
                                  "show_chart(fig, alt='A rising line from 1 to 2.')"),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([2, 1])\nplt.show()"),
    ]
    nbformat.write(nb, src / "index.ipynb")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert warnings.count("a notebook image has no text alternative") == 1, warnings
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'alt="A rising line from 1 to 2."' in html

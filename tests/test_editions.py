"""Issue 12 §2, the build side: trainer-only text never reaches a learner output file, whatever
the fence's spelling; mistakes that would put it there are located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from conftest import edit

MODULE = "modules/heard.md"
ANSWERS = "```{suggested-answers}\nTrainerprobe-answer honesty builds trust.\n```\n"


def sphinx(root: Path, out: Path, *extra: str) -> int:
    """Plain `sphinx-build`, as a user would run it: doctrees go inside the output folder."""
    return build_main(["-q", *extra, "-b", "html", str(root), str(out)])


def files_with(tree: Path, text: str) -> list[str]:
    return sorted(str(p.relative_to(tree)) for p in tree.rglob("*")
                  if p.is_file() and text.encode() in p.read_bytes())


@pytest.mark.parametrize("written", [
    "```{Suggested-Answers}\nTrainerprobe-answer honesty builds trust.\n```\n",
    "```{suggested-answers} Our answers\nTrainerprobe-answer honesty builds trust.\n```\n",
])
def test_trainer_blocks_in_any_spelling_sphinx_accepts_stay_out(curriculum, tmp_path,
                                                                 written, capsys):
    edit(curriculum / MODULE, ANSWERS, written)
    out = tmp_path / "learner"
    assert sphinx(curriculum, out) == 0
    assert (out / ".doctrees" / "environment.pickle").is_file()  # plain sphinx-build's layout
    assert files_with(out, "Trainerprobe-answer") == []
    trainer = tmp_path / "trainer"
    assert sphinx(curriculum, trainer, "-t", "trainer") == 0
    assert files_with(trainer, "Trainerprobe-answer") != []  # the probe is real text


@pytest.mark.parametrize("written", [
    "```suggested-answers\nTrainerprobe-answer honesty builds trust.\n```\n",  # no braces
    "```{sugested-answers}\nTrainerprobe-answer honesty builds trust.\n```\n",  # misspelt
    "    ```{suggested-answers}\n    Trainerprobe-answer honesty builds trust.\n    ```\n",
])
def test_trainer_blocks_written_as_code_are_located_errors(curriculum, tmp_path, capsys,
                                                           written):
    edit(curriculum / MODULE, ANSWERS, "\n" + written)
    out = tmp_path / "learner"
    code = sphinx(curriculum, out, "-W")
    err = capsys.readouterr().err
    assert code != 0
    assert "heard.md:" in err
    assert files_with(out, "Trainerprobe-answer") == []


def test_unclosed_six_w_brief_is_a_located_error_not_a_swallow(curriculum, tmp_path, capsys):
    edit(curriculum / MODULE, ":why: So that people hear it first-hand.\n```\n",
         ":why: So that people hear it first-hand.\n\n")
    code = sphinx(curriculum, tmp_path / "trainer", "-W", "-t", "trainer")
    err = capsys.readouterr().err
    assert code != 0
    assert "heard.md:" in err and "closing fence is probably missing" in err
    assert "{trainer-notes}" in err or "{reflection-questions}" in err


@pytest.mark.site  # starts Jupyter kernels: the slow tier
def test_learner_notebook_cannot_read_the_trainer_kit(curriculum, tmp_path, capsys):
    import os

    import pypandoc

    os.environ["PATH"] = os.path.dirname(pypandoc.get_pandoc_path()) + os.pathsep + \
        os.environ["PATH"]
    (curriculum / "notebooks").mkdir()
    cell = "print(open('../trainer_kit/index.md').read())"
    (curriculum / "notebooks" / "peek.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Peek"},
                  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None,
                   "outputs": [], "source": cell}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    edit(curriculum / "index.md", "docs/sources\n", "docs/sources\nnotebooks/peek\n")
    edit(curriculum / "conf.py", '"heard"]', '"nbsphinx", "heard"]\nnbsphinx_execute = "always"')
    out = tmp_path / "learner"
    assert sphinx(curriculum, out) != 0
    assert "may not read trainer_kit/index.md" in capsys.readouterr().err
    assert files_with(out, "Trainerprobe-kit-page") == []
    trainer = tmp_path / "trainer"
    assert sphinx(curriculum, trainer, "-t", "trainer") == 0  # trainers may
    assert files_with(trainer / "notebooks", "Trainerprobe-kit-page") != []


@pytest.mark.site  # starts Jupyter kernels: the slow tier
def test_a_notebook_runs_once_then_both_editions_show_that_run(curriculum, tmp_path,
                                                               monkeypatch):
    """The learner run is kept (sphinxext/notebooks.py); a later learner or trainer build
    shows the same outputs without running it; a changed cell runs again."""
    import os
    import re

    import pypandoc

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("heard.sphinxext.notebooks.CACHE_DIR", tmp_path / "cache" / "nb")
    monkeypatch.setenv("PATH", os.path.dirname(pypandoc.get_pandoc_path()) + os.pathsep
                       + os.environ["PATH"])
    (curriculum / "notebooks").mkdir()
    notebook = curriculum / "notebooks" / "dice.ipynb"

    def write(cell: str) -> None:
        notebook.write_text(json.dumps({
            "cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Dice"},
                      {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None,
                       "outputs": [], "source": cell}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}))

    write("import random\nprint('roll', random.randrange(10**12))")
    edit(curriculum / "index.md", "docs/sources\n", "docs/sources\nnotebooks/dice\n")
    edit(curriculum / "conf.py", '"heard"]', '"nbsphinx", "heard"]\nnbsphinx_execute = "always"')

    def roll(out: Path) -> str:
        return re.search(r"roll (\d+)", (out / "notebooks" / "dice.html").read_text()).group(1)

    assert sphinx(curriculum, tmp_path / "learner") == 0
    first = roll(tmp_path / "learner")
    assert sphinx(curriculum, tmp_path / "trainer", "-t", "trainer") == 0
    assert sphinx(curriculum, tmp_path / "again", "-E") == 0
    assert roll(tmp_path / "trainer") == roll(tmp_path / "again") == first  # not run again
    download = json.loads((tmp_path / "again" / "notebooks" / "dice.ipynb").read_text())
    assert "nbsphinx" not in download["metadata"]  # the copy offered to learners is tidy
    write("import random\nprint('roll', random.randrange(10**12) + 0)")
    assert sphinx(curriculum, tmp_path / "changed") == 0
    assert roll(tmp_path / "changed") != first  # a changed cell runs


@pytest.mark.parametrize("written", [
    "```{include} ../trainer_kit/index.md\n```\n",
    "```{literalinclude} ../trainer_kit/index.md\n```\n",
    "{download}`the kit <../trainer_kit/index.md>`\n",
    "```{literalinclude} heard.md\n```\n",  # the module's own source, trainer notes and all
])
def test_learner_page_cannot_pull_in_trainer_files(curriculum, tmp_path, capsys, written):
    edit(curriculum / MODULE, ANSWERS, ANSWERS + "\n" + written)
    out = tmp_path / "learner"
    code = sphinx(curriculum, out, "-W")
    err = capsys.readouterr().err
    assert code != 0 and "trainer-only" in err and "heard.md" in err
    for probe in ("Trainerprobe-kit-page", "Trainerprobe-module-note", "Trainerprobe-answer"):
        assert files_with(out, probe) == [], probe

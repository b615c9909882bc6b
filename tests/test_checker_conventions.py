"""Issue 11 §2-§4 on the checker side: notebooks, placeholders, one error per mistake, and
the command line's conventions (version, help, select/ignore, explain, pipes, cache)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import edit
from heard.cli import main, parser
from heard.curriculum import Curriculum
from heard.rules import Context, run_rules
from test_rules import ALPHA, MODULE, TODAY

CHART_CELL = ('from heard.notebook import show_chart\n'
              'story = cur.stories["alpha"]\n'
              'show_chart(fig, alt="Bar chart: two bars, 10 and 20.")')


def notebook(source: str = CHART_CELL, language: str = "python", outputs=()) -> str:
    return json.dumps({
        "cells": [{"cell_type": "markdown", "id": "a1", "metadata": {}, "source": "# Numbers"},
                  {"cell_type": "code", "id": "a2", "metadata": {}, "execution_count": None,
                   "outputs": list(outputs), "source": source}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": language,
                                    "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}, indent=1)


def add_notebook(root, text: str) -> None:
    (root / "notebooks").mkdir(exist_ok=True)
    (root / "notebooks/numbers.ipynb").write_text(text)
    edit(root / "index.md", "docs/sources\n", "docs/sources\nnotebooks/numbers\n")


def found(root):
    return [(p.code, p.path, p.line) for p in run_rules(Curriculum.load(root),
                                                         Context(today=TODAY))]


def test_a_valid_notebook_is_accepted(curriculum):
    add_notebook(curriculum, notebook())
    assert found(curriculum) == []


@pytest.mark.parametrize("text, code", [
    ('{"cells": [', "H140"),
    ('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "extra": 1}', "H140"),
    (notebook(language="R"), "H141"),
    (notebook(CHART_CELL.replace('alt="Bar chart: two bars, 10 and 20."', "fig")), "H142"),
    (notebook("plt.show()"), "H142"),
    (notebook("x = 1", outputs=[{"output_type": "display_data", "metadata": {},
                                 "data": {"image/png": "iVBORw0KGgo="}}]), "H142"),
    (notebook(CHART_CELL.replace('"alpha"', '"gamma"')), "H030"),
    (notebook('x = figures["no-such-figure"]'), "H143"),
    (notebook('open("../trainer_kit/day.md").read()'), "H018"),
])
def test_a_broken_notebook_is_a_located_error(curriculum, text, code):
    add_notebook(curriculum, text)
    problems = found(curriculum)
    assert [c for c, path, _line in problems if path == "notebooks/numbers.ipynb"] == [code], \
        problems


def test_a_notebook_reading_a_withdrawn_story_is_listed(curriculum):
    add_notebook(curriculum, notebook())
    edit(curriculum / ALPHA, "status: active", "status: withdrawn")
    assert ("H060", "notebooks/numbers.ipynb", 15) in found(curriculum)


def test_a_scaffold_fails_until_its_placeholders_are_replaced(capsys, curriculum):
    assert main(["new", "story", "fresh", "--root", str(curriculum), "--today", "2026-11-22"]) == 0
    capsys.readouterr()
    main(["check", str(curriculum / "case_stories/fresh.md"), "--today", "2026-11-22",
          "--select", "H130"])
    out = capsys.readouterr().out
    assert "case_stories/fresh.md:4: H130 `summary` is still the template's placeholder" in out
    assert "fix: write one or two plain sentences on what the story is about" in out
    assert "H080" not in out  # TODO is a placeholder, not an abbreviation


def test_one_broken_story_is_one_error(curriculum):
    edit(curriculum / ALPHA, "review_by: 2027-01-01", "review_by: 2027-02-30")
    assert [(c, p) for c, p, _line in found(curriculum)] == [("H003", ALPHA)]


def test_a_misspelt_activity_is_not_also_a_minutes_problem(curriculum):
    edit(curriculum / MODULE, "```{activity} Talk in pairs", "```{activty} Talk in pairs")
    assert [(c, line) for c, _p, line in found(curriculum)] == [("H014", 39)]


def test_a_broken_module_gives_no_programme_error(curriculum):
    edit(curriculum / MODULE, "duration: 60", "duration: sixty")
    assert [(c, p) for c, p, _line in found(curriculum)] == [("H012", MODULE)]


# -- the command line ---------------------------------------------------------------------


def test_version_and_help_on_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("heard ")
    top = parser()
    for action in top._subparsers._group_actions[0].choices.values():
        for option in action._actions:
            assert option.help, f"{action.prog} {option.option_strings} has no help"
        assert "exit status" in action.format_help()


def test_every_documented_kind_has_a_schema(capsys):
    for kind in ("story", "quality-list", "framework", "module", "programme", "glossary",
                 "source-register"):
        assert main(["schema", "--kind", kind]) == 0
        assert json.loads(capsys.readouterr().out)["title"]


def test_an_empty_folder_is_a_usage_error(capsys, tmp_path):
    assert main(["check", str(tmp_path)]) == 2
    assert "no curriculum here" in capsys.readouterr().err


@pytest.mark.parametrize("argv, codes", [
    (["--select", "H080"], {"H080"}),
    (["--ignore", "abbreviation-not-explained"], {"H040"}),
    (["--select", "H0"], {"H040", "H080"}),
])
def test_select_and_ignore(capsys, curriculum, argv, codes):
    edit(curriculum / ALPHA, "by one NQSW", "by one ASYE")
    edit(curriculum / MODULE, ":duration: 40", ":duration: 45")
    main(["check", str(curriculum), "--format", "json", "--today", "2026-11-22", *argv])
    assert {p["code"] for p in json.loads(capsys.readouterr().out)} == codes


def test_select_and_ignore_in_pyproject(capsys, curriculum):
    edit(curriculum / ALPHA, "by one NQSW", "by one ASYE")
    (curriculum / "pyproject.toml").write_text('[tool.heard]\nignore = ["H080"]\n')
    assert main(["check", str(curriculum), "--today", "2026-11-22"]) == 0
    (curriculum / "pyproject.toml").write_text('[tool.heard]\nignore = ["H999"]\n')
    assert main(["check", str(curriculum), "--today", "2026-11-22"]) == 2
    assert "no rule is called 'H999'" in capsys.readouterr().err


def test_explain(capsys):
    assert main(["explain", "H014"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("H014 unknown-directive") and "Example:" in out and "Fix:" in out
    assert main(["explain", "H999"]) == 2


def test_a_closed_pipe_ends_quietly(curriculum):
    for _ in range(30):
        (curriculum / "modules" / f"x{_}.md").write_text("---\nkind: page\n---\n# X\n")
    done = subprocess.run(
        f"{sys.executable} -m heard.cli check {curriculum} --today 2026-11-22 | head -1",
        shell=True, capture_output=True, text=True)
    assert done.stdout.count("\n") == 1 and "Traceback" not in done.stderr


def test_the_cache_gives_the_same_answer_and_notices_changes(capsys, curriculum):
    args = ["check", str(curriculum), "--format", "json", "--today", "2026-11-22"]
    edit(curriculum / ALPHA, "by one NQSW", "by one ASYE")
    main(args)
    first = capsys.readouterr().out
    assert (curriculum / ".heard_cache").is_dir()
    main(args)
    assert capsys.readouterr().out == first
    edit(curriculum / ALPHA, "by one ASYE", "by one NQSW")
    assert main(args) == 0
    for path in (curriculum / ".heard_cache").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert main(args) == 0 and json.loads(capsys.readouterr().out.split("]")[-2] + "]") == []


def test_reloading_a_rule_module_does_not_register_its_rules_twice():
    import importlib

    from heard.rules import RULES, documents

    before = [rule.code for rule in RULES]
    importlib.reload(documents)
    assert sorted(rule.code for rule in RULES) == sorted(before)

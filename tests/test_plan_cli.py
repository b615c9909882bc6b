"""`heard plan` from the command line: every output format, and every kind of bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from heard.cli import main
from planner_fixture import copy_planner_root


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> str:
    return str(copy_planner_root(tmp_path_factory.mktemp("planner") / "root"))


@pytest.fixture
def good(root) -> list[str]:
    """A request the fixture curriculum can meet."""
    return ["plan", "--root", root, "--minutes", "120", "--audience", "students",
            "--co-trainer", "--cover", "trust,q:honest"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    assert exit_info.value.code == 2
    return capsys.readouterr().err


def test_text_run_sheet(capsys, good):
    code, out, err = run(capsys, *good)
    assert code == 0 and err == ""
    times = re.findall(r"^(\d\d:\d\d) +(\d+) min", out, re.M)
    assert times[0][0] == "09:30" and sum(int(m) for _t, m in times) == 120
    assert "Content notes" in out and "a child being removed" in out


def test_json_matches_the_schema_heard_schema_prints(capsys, good):
    import jsonschema

    code, out, _ = run(capsys, *good, "--format", "json")
    sheet = json.loads(out)
    assert code == 0 and sheet["minutes"] == 120 and sheet["start"] == "09:30"
    assert {row["kind"] for row in sheet["rows"]} <= {"activity", "break", "setup"}
    code, schema_text, _ = run(capsys, "schema", "--kind", "run-sheet")
    jsonschema.validate(sheet, json.loads(schema_text))
    del sheet["rows"][0]["who"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sheet, json.loads(schema_text))


def test_html_is_self_contained(capsys, tmp_path, good):
    target = tmp_path / "sheet.html"
    code, _, err = run(capsys, *good, "--format", "html", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert code == 0 and "wrote" in err
    assert "<table" in page and "The story" in page and "edition-trainer" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//|@import|url\(\s*["']?https?:""", page)


def test_docx_and_pdf(capsys, tmp_path, good):
    from docx import Document

    docx_path, pdf_path = tmp_path / "sheet.docx", tmp_path / "sheet.pdf"
    assert run(capsys, *good, "--format", "docx", "-o", str(docx_path))[0] == 0
    code, out, _ = run(capsys, *good, "--format", "json")
    rows = json.loads(out)["rows"]
    table = Document(str(docx_path)).tables[0]
    assert len(table.rows) == len(rows) + 1
    assert table.rows[1].cells[2].text.startswith(rows[0]["activity"])
    assert run(capsys, *good, "--format", "pdf", "-o", str(pdf_path))[0] == 0
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_saved_plan_rebuilds_the_same_run_sheet(capsys, tmp_path, good, root):
    saved = tmp_path / "plan.yaml"
    code, first, _ = run(capsys, *good, "--format", "json", "--save", str(saved))
    assert code == 0 and "modules:" in saved.read_text(encoding="utf-8")
    code, again, _ = run(capsys, "plan", "--root", root, "--from", str(saved), "--format", "json")
    assert code == 0 and json.loads(again)["rows"] == json.loads(first)["rows"]


def test_list_names_every_kind_of_id(capsys, root):
    code, out, _ = run(capsys, "plan", "--root", root, "--list")
    keys = {line.split("\t")[0] for line in out.splitlines()}
    assert code == 0 and {"m-alpha", "q", "q:honest", "trust", "plain-language"} <= keys


# -- bad input: exit 1 with the nearest feasible alternative, or exit 2 for usage ---------------


def test_too_short_names_the_shortest_session(capsys, root):
    code, out, err = run(capsys, "plan", "--root", root, "--minutes", "30", "--audience",
                         "students")
    assert code == 1 and out == ""
    assert "too short" in err and re.search(r"Nearest alternative: --minutes \d+", err)


def test_required_co_trainer_not_available(capsys, root):
    code, _, err = run(capsys, "plan", "--root", root, "--minutes", "90", "--audience",
                       "students", "--cover", "m-beta")
    assert code == 1 and "needs a co-trainer" in err and "add --co-trainer" in err


def test_unknown_id_suggests_the_nearest(capsys, root):
    code, _, err = run(capsys, "plan", "--root", root, "--minutes", "90", "--audience",
                       "students", "--cover", "m-alpah")
    assert code == 1 and "unknown id 'm-alpah'" in err and "Did you mean m-alpha" in err


def test_audience_no_module_fits(capsys, root):
    code, _, err = run(capsys, "plan", "--root", root, "--minutes", "90", "--audience",
                       "students", "--cover", "m-gamma")
    assert code == 1 and "not written for students" in err and "plan for managers" in err


@pytest.mark.parametrize("argv", [
    ["--bogus"], ["--start", "25:00"], ["--minutes", "0"], ["--minutes", "an hour"],
    ["--audience", "parents"], ["--format", "xml"]])
def test_usage_errors_exit_2(capsys, argv, root):
    base = {"--minutes": "90", "--audience": "students"}
    for flag in argv[::2]:
        base.pop(flag, None)
    err = usage_error(capsys, "plan", "--root", root, *[x for kv in base.items() for x in kv],
                      *argv)
    assert "error:" in err and "Traceback" not in err


@pytest.mark.parametrize("text, message", [
    ("minutes: 90\nstart: [9\n", ":3: not valid YAML"),
    ("- a list\n", "a saved plan is a set of fields"),
    ("minutes: 90\naudience: students\ncolour: blue\n", ":3: `colour`"),
    ("minutes: 90\naudience: students\nmodules:\n  - module: m-alpha\n    activites: [x]\n",
     ":5: `modules.0.activites`"),
    ("minutes: 90\naudience: students\nmodules: [{module: m-nope}]\n", "does not exist"),
    ("minutes: 90\naudience: students\nmodules: [{module: m-alpha, activities: [Nope]}]\n",
     "no longer has"),
    ("minutes: 40\naudience: students\nmodules: [{module: m-alpha}]\n", "--minutes"),
    ("minutes: 40\naudience: students\nmodules: []\n", "is empty"),
])
def test_bad_saved_plans_exit_1(capsys, tmp_path, text, message, root):
    saved = tmp_path / "plan.yaml"
    saved.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "plan", "--root", root, "--from", str(saved))
    assert code == 1 and out == "" and message in err, err


def test_output_to_a_folder_is_refused(capsys, tmp_path, good):
    code, _, err = run(capsys, *good, "--format", "html", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_a_stretch_shorter_than_an_activity_is_explained(capsys, root):
    code, _, err = run(capsys, "plan", "--root", root, "--minutes", "120", "--audience",
                       "managers", "--max-stretch", "20", "--cover", "m-gamma")
    assert code == 1 and "never split" in err
    assert "Nearest alternative: --max-stretch 25 would do." in err


def test_missing_root_and_unwritable_files(capsys, tmp_path, good):
    code, _, err = run(capsys, "plan", "--root", str(tmp_path / "nowhere"), "--minutes", "60",
                       "--audience", "students")
    assert code == 2 and "no such folder" in err
    code, _, err = run(capsys, *good, "--format", "html", "-o", str(tmp_path / "no" / "x.html"))
    assert code == 1 and "cannot write" in err
    code, _, err = run(capsys, *good, "--save", str(tmp_path / "no" / "plan.yaml"))
    assert code == 1 and "cannot save" in err


def test_update_programme_rewrites_only_its_sessions(capsys, tmp_path):
    repo = Path(__file__).parent.parent
    original = (repo / "trainer_kit" / "programmes" / "half-day.md").read_text(encoding="utf-8")
    page = tmp_path / "half-day.md"
    page.write_text(original.replace("duration: 200", "duration: 1"), encoding="utf-8")
    saved = str(repo / "trainer_kit" / "programmes" / "half-day.plan.yaml")
    code, _, _ = run(capsys, "plan", "--root", str(repo), "--from", saved,
                     "--update-programme", str(page))
    assert code == 0 and page.read_text(encoding="utf-8") == original
    other = tmp_path / "module.md"
    other.write_text("---\nid: x\n---\n# X\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", "--root", str(repo), "--from", saved,
                       "--update-programme", str(other))
    assert code == 1 and "not a programme page" in err
    assert other.read_text(encoding="utf-8") == "---\nid: x\n---\n# X\n"


def test_files_writes_every_format_beside_the_printed_sheet(capsys, tmp_path, good):
    code, out, err = run(capsys, *good, "--files", str(tmp_path / "day"))
    assert code == 0 and out.startswith("SESSION PLAN")
    assert sorted(p.name for p in (tmp_path / "day").iterdir()) == [
        "run-sheet.docx", "run-sheet.html", "run-sheet.json", "run-sheet.pdf"]


def test_the_profile_audience_stands_in_for_a_missing_flag(capsys, tmp_path):
    plan_root = copy_planner_root(tmp_path / "root")
    request = ["plan", "--root", str(plan_root), "--minutes", "120", "--co-trainer",
               "--cover", "trust,q:honest", "--format", "json"]
    code, _, err = run(capsys, *request)
    assert code == 1 and "give --audience" in err
    (plan_root / "heard.toml").write_text('[edition]\naudience = "students"\n',
                                          encoding="utf-8")
    code, out, err = run(capsys, *request)
    assert code == 0 and json.loads(out)["audience"] == "students"
    # a flag still wins over the profile
    code, out, _ = run(capsys, *request, "--audience", "managers")
    assert code == 0 and json.loads(out)["audience"] == "managers"

"""The heard command: exit codes, output formats, bad input, scaffolds and the schema."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, edit
from heard.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_curriculum_exits_0(capsys, curriculum):
    code, out, err = run(capsys, "check", str(curriculum), "--today", "2026-11-22")
    assert code == 0 and out == "" and "no problems" in err


def test_problem_exits_1_naming_file_line_and_fix(capsys, curriculum):
    edit(curriculum / "modules/heard.md", ":duration: 40", ":duration: 45")
    code, out, _ = run(capsys, "check", str(curriculum), "--today", "2026-11-22")
    assert code == 1
    assert out.splitlines()[0] == ("modules/heard.md:6: H040 activities add up to 65 minutes "
                                   "but `duration` is 60")
    assert out.splitlines()[1].startswith("    fix: ")


def test_usage_errors_exit_2(capsys, tmp_path):
    assert run(capsys, "check", str(tmp_path / "missing"))[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--today", "tomorrow"])
    assert exc.value.code == 2


def test_json_and_github_formats(capsys, curriculum):
    edit(curriculum / "case_stories/alpha.md", "by one NQSW", "by one ASYE")
    code, out, _ = run(capsys, "check", str(curriculum), "--format", "json")
    assert code == 1
    [problem] = json.loads(out)
    assert problem == {"path": "case_stories/alpha.md", "line": 29, "code": "H080",
                       "message": "abbreviation `ASYE` is not in the glossary",
                       "hint": "add `ASYE` to docs/glossary.md, or write it out in full the first time, as in \"words in full (ASYE)\""}
    code, out, _ = run(capsys, "check", str(curriculum), "--format", "github")
    assert out.startswith("::error file=case_stories/alpha.md,line=29,title=H080::H080 ")


def test_checking_one_file_reports_only_that_file(capsys, curriculum):
    edit(curriculum / "case_stories/alpha.md", "by one NQSW", "by one ASYE")
    edit(curriculum / "modules/heard.md", ":duration: 40", ":duration: 45")
    code, out, _ = run(capsys, "check", str(curriculum / "modules/heard.md"))
    assert code == 1 and "H040" in out and "alpha.md" not in out


@pytest.mark.parametrize("data, code", [
    (b"---\ntitle: [unclosed\n---\n", "H003"),
    (b"\xff\xfe\x00b", "H001"),
    (b"", "H002"),
    (b"---\nid: alpha\n", "H003"),
])
def test_malformed_input_is_a_located_problem_not_a_traceback(capsys, curriculum, data, code):
    (curriculum / "case_stories/alpha.md").write_bytes(data)
    status, out, err = run(capsys, "check", str(curriculum))
    assert status == 1 and "Traceback" not in out + err
    assert "case_stories/alpha.md:" in out and f" {code} " in out


def test_duplicate_story_id_is_located(capsys, curriculum):
    text = (curriculum / "case_stories/alpha.md").read_text()
    (curriculum / "case_stories/copy.md").write_text(text)
    status, out, _ = run(capsys, "check", str(curriculum))
    assert status == 1
    assert "case_stories/copy.md:2: H020 duplicate story id `alpha`, already used at " \
           "case_stories/alpha.md:2" in out


@pytest.mark.parametrize("kind, folder", [("story", "case_stories"), ("module", "modules")])
def test_new_scaffolds_a_valid_file_and_never_overwrites(capsys, curriculum, kind, folder):
    code, out, _ = run(capsys, "new", kind, "local-one", "--root", str(curriculum),
                       "--today", "2026-11-22")
    target = curriculum / folder / "local-one.md"
    assert code == 0 and target.is_file() and "created" in out
    from heard.loader import load_file
    doc = load_file(curriculum, target)
    assert doc.meta is not None and doc.problems == [], doc.problems
    if kind == "story":
        assert str(doc.meta.permission.review_by) == "2027-11-22"
    target.write_text("my own words")
    code, _, err = run(capsys, "new", kind, "local-one", "--root", str(curriculum))
    assert code == 1 and "already exists" in err
    assert target.read_text() == "my own words"


def test_new_rejects_a_bad_id(capsys, curriculum):
    code, _, err = run(capsys, "new", "story", "Bad Id", "--root", str(curriculum))
    assert code == 2 and "not a valid id" in err


def test_schema_validates_real_front_matter(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    code, out, _ = run(capsys, "schema", "--kind", "story")
    schema = json.loads(out)
    text = (REPO / "case_stories/emily-and-kirsty.md").read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    front = json.loads(json.dumps(front, default=str))  # dates as strings, as editors see them
    jsonschema.validate(front, schema)
    front["reuse"]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(front, schema)


def test_schema_output_folder(capsys, tmp_path):
    code, _, _ = run(capsys, "schema", "--output", str(tmp_path))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert code == 0 and "heard.schema.json" in names and "module.schema.json" in names
    combined = json.loads((tmp_path / "heard.schema.json").read_text())
    assert len(combined["anyOf"]) == 9  # every kind but page, with assessment and answer-key

"""Careless and hostile input (issue 12 §3-§5): located problems, never a crash or a hang."""

from __future__ import annotations

import json
import pickle
import shutil
import time
from pathlib import Path

import pytest

from conftest import edit
from heard import language
from heard.cli import main
from heard.curriculum import Curriculum
from heard.loader import load_text
from heard.problems import Problem
from heard.rules import Context, run_rules
from test_rules import ALPHA, MODULE, TODAY

ALPHA_FRONT = "id: alpha\n"


def codes_at(root, path):
    found = run_rules(Curriculum.load(root), Context(today=TODAY))
    return [(p.code, p.line) for p in found if p.path == path], found


# (what to put after `id: alpha` in the story's front matter, the code and line expected)
FRONT_MATTER = {
    "impossible date": ("extra: 2026-02-30\n", "H003", 3),
    "year zero": ("extra: 0000-01-01\n", "H003", 3),
    "hour 25": ("extra: 2026-01-01 25:00:00\n", "H003", 3),
    "timestamp tag on a word": ("extra: !!timestamp hello\n", "H003", 3),
    "recursive alias": ("extra: &a [*a]\n", "H003", 3),
    "billion laughs": ("a: &a [x, x, x, x, x, x, x, x, x]\n"
                       + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
                                 for i in range(8)), "H003", 4),
    "999-deep list": ("extra: " + "[" * 999 + "]" * 999 + "\n", "H003", 3),
    "kind is a list": ("kind: [story]\n", "H012", 3),
    "duplicate key": ("title: Again\n", "H003", 4),
}


@pytest.mark.parametrize("case", sorted(FRONT_MATTER))
def test_hostile_front_matter_is_a_located_problem(curriculum, case):
    insert, code, line = FRONT_MATTER[case]
    edit(curriculum / ALPHA, ALPHA_FRONT, ALPHA_FRONT + insert)
    start = time.perf_counter()
    found, _ = codes_at(curriculum, ALPHA)
    assert time.perf_counter() - start < 5
    assert (code, line) in found, found


def test_duplicate_keys_name_both_lines(curriculum):
    edit(curriculum / ALPHA, "  status: active\n", "  status: withdrawn\n  status: active\n")
    doc = load_text(ALPHA, (curriculum / ALPHA).read_text())
    assert [p.message for p in doc.problems] == [
        "the front matter: `status` is given twice, on lines 10 and 11"]


def test_an_impossible_date_in_a_directive_is_located(curriculum):
    edit(curriculum / MODULE, ":review-by: 2027-04-05", ":review-by: 2027-02-30")
    found, _ = codes_at(curriculum, MODULE)
    assert ("H013", 69) in found


def test_a_control_character_in_an_outcome(curriculum):
    edit(curriculum / MODULE, "outcomes: [Identify what", 'outcomes: ["\\x1f", Identify what')
    found, _ = codes_at(curriculum, MODULE)
    assert ("H012", 8) in found


def test_a_page_audience_is_validated(curriculum):
    edit(curriculum / "docs/glossary.md", "kind: glossary", "kind: glossary\naudience: lerners")
    found, _ = codes_at(curriculum, "docs/glossary.md")
    assert ("H012", 3) in found
    page = load_text("docs/page.md", "---\naudience: [learners]\n---\n# Page\n")
    assert [p.code for p in page.problems] == ["H012"]


def test_a_programme_without_its_kind_is_named(curriculum):
    edit(curriculum / "trainer_kit/day.md", "kind: programme\n", "")
    found, everything = codes_at(curriculum, "trainer_kit/day.md")
    assert found == [("H010", 1)], everything
    assert "kind: programme" in next(p.hint for p in everything if p.code == "H010")


def test_a_file_over_the_size_limit_is_one_problem():
    doc = load_text("modules/big.md", "- item\n" * 200_000)
    assert [p.code for p in doc.problems] == ["H005"]


def test_a_bom_is_accepted(curriculum):
    path = curriculum / ALPHA
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert codes_at(curriculum, ALPHA)[1] == []


def test_a_long_paragraph_of_abbreviations_is_quick():
    text = "Words In Full (WIF) and " * 4000 + "".join(f"A{i:04d}B " for i in range(4000))
    start = time.perf_counter()
    assert language.undefined_abbreviations(text, ()) != []
    assert time.perf_counter() - start < 5  # quadratic matching took 51 s on 100 KB


def test_language_and_the_rule_agree_on_an_expansion_after_first_use(curriculum):
    text = "One NQSW came. Then a newly qualified social worker (NQSW) came."
    assert language.undefined_abbreviations(text, ()) == ["NQSW"]
    edit(curriculum / ALPHA, "A parent felt judged by one NQSW and heard by the next.",
         "A parent felt judged by one ASYE worker. Later an assessed and supported year in "
         "employment (ASYE) worker came.")
    found, _ = codes_at(curriculum, ALPHA)
    lines = (curriculum / ALPHA).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "one ASYE worker" in text)
    assert ("H080", line) in found


@pytest.mark.parametrize("content", ["[1, 2, 3]", '{"k": "not a list"}', '{"k": [1, 2]}'])
def test_a_bad_score_cache_counts_as_empty(tmp_path, monkeypatch, content):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language.cache_file().parent.mkdir(parents=True)
    language.cache_file().write_text(content)
    assert language.readability("Short words. Easy to read.").words == 5


def test_control_characters_are_escaped_in_reports():
    line = Problem("a.md", 3, "H070", "brief `x\nmodules/b.md:1: H000 fake`", "fix\x1b").as_text()
    assert line.count("\n") == 1 and "\\n" in line and "\\x1b" in line


# -- the command line under stress (§5) -----------------------------------------------------


@pytest.mark.parametrize("argv, code", [
    (["new", "story", "good-id\n"], 2),
    (["new", "story", "a" * 300], 2),
    (["new", "story", "later", "--today", "9999-05-05"], 2),
    (["new", "story", "anywhere", "--root", "/does/not/exist"], 2),
])
def test_new_refuses_bad_names_and_roots(capsys, curriculum, argv, code):
    before = sorted(p.name for p in (curriculum / "case_stories").iterdir())
    if "--root" not in argv:
        argv = [*argv, "--root", str(curriculum)]
    assert main(argv) == code
    assert "Traceback" not in capsys.readouterr().err
    assert sorted(p.name for p in (curriculum / "case_stories").iterdir()) == before


def test_new_over_a_dangling_symlink_or_a_file_named_modules(capsys, curriculum):
    (curriculum / "case_stories/gone.md").symlink_to(curriculum / "nowhere.md")
    assert main(["new", "story", "gone", "--root", str(curriculum)]) == 1
    assert not (curriculum / "nowhere.md").exists()
    (curriculum / "modules/heard.md").rename(curriculum / "heard.md")
    shutil.rmtree(curriculum / "modules")
    (curriculum / "modules").write_text("not a folder")
    assert main(["new", "module", "fresh", "--root", str(curriculum)]) == 1
    assert (curriculum / "modules").read_text() == "not a folder"


def test_schema_into_an_impossible_folder_is_a_usage_error(capsys):
    assert main(["schema", "-o", "/dev/null/x"]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_json_output_keeps_control_characters_as_data(capsys, curriculum):
    edit(curriculum / MODULE, ":role-title:", ":role-title: x\\n")
    main(["check", str(curriculum), "--format", "json", "--today", "2026-11-22"])
    json.loads(capsys.readouterr().out)  # valid JSON whatever the text holds


def test_an_impossible_date_in_a_yaml_option_block_is_located(curriculum):
    edit(curriculum / MODULE, ":source: src-two\n:checked: 2026-11-01\n:review-by: 2027-04-05",
         "---\nsource: src-two\nchecked: 2026-11-01\nreview-by: 2027-02-30\n---")
    found, everything = codes_at(curriculum, MODULE)
    assert found == [("H003", 73)], everything


def test_500_nested_colon_fences_do_not_crash():
    depth = 500
    text = "---\nkind: page\n---\n# Deep\n\n" + "".join(
        ":" * (depth + 3 - i) + "{note}\n" for i in range(depth)) + "deep\n" + "".join(
        ":" * (4 + i) + "\n" for i in range(depth))
    start = time.process_time()
    doc = load_text("docs/deep.md", text)
    assert time.process_time() - start < 5
    assert [p.code for p in doc.problems] == ["H017"]


@pytest.mark.parametrize("key", ["null", "1", "2026-01-01", "<<"])
def test_a_key_yaml_reads_as_another_type_is_located(key):
    doc = load_text(ALPHA, f"---\nid: alpha\n{key}: x\n---\n# Alpha\n")
    assert [(p.code, p.line) for p in doc.problems] == [("H003", 3)]


class _Planted:
    """A pickle that would create a file when loaded: what a hostile cache could hold."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_cache_folder_from_someone_else_is_never_unpickled(curriculum, tmp_path, capsys):
    from heard import cache

    marker = tmp_path / "ran"
    payload = pickle.dumps((cache.fingerprint(), {"x": _Planted(marker)}))
    folder = curriculum / cache.FOLDER
    folder.mkdir()
    for name in ("results.pickle", "documents-trainer.pickle"):
        # Unsigned, and signed with a key that is not this user's.
        (folder / name).write_bytes(cache.sign(payload, b"k" * 32) + payload)
    assert main(["check", str(curriculum)]) == 0
    assert not marker.exists()
    assert "no problems" in capsys.readouterr().err


def test_a_block_where_a_record_belongs_is_reported_on_one_line(tmp_path):
    # Found by the fuzz test: a story whose `reuse:` became a text block showed the block's
    # lines in the message, so the report spread over several lines.
    from heard.frontmatter import shown

    assert shown("basis: published account\nstatus: active") == \
        "`basis: published account\\nstatus: active`"

"""The loader decides what is trainer-only as Sphinx reads the page (issue 12 §2, checker side)."""

from __future__ import annotations

import pytest

from conftest import edit
from heard import loader
from heard.curriculum import Curriculum
from heard.rules import Context, run_rules
from test_rules import MODULE, TODAY

ANSWERS = "```{suggested-answers}\nTrainerprobe-answer honesty builds trust.\n```"


def check(root):
    return run_rules(Curriculum.load(root), Context(today=TODAY))


def learner_text(root) -> str:
    doc = loader.load_file(root, root / MODULE, edition="learner")
    return " ".join(text for text, _line in doc.prose)


def test_directive_names_match_whatever_their_case(curriculum):
    edit(curriculum / MODULE, ANSWERS, ANSWERS.replace("suggested-answers", "Suggested-Answers"))
    assert "Trainerprobe-answer" not in learner_text(curriculum)
    assert check(curriculum) == []  # accepted: Sphinx knows the name too


@pytest.mark.parametrize("typo", ["suggested-answer", "trainer-note", "Trainer-Notess"])
def test_a_near_miss_of_a_trainer_directive_is_an_error_and_stays_hidden(curriculum, typo):
    edit(curriculum / MODULE, ANSWERS, ANSWERS.replace("suggested-answers", typo))
    assert "Trainerprobe-answer" not in learner_text(curriculum)
    found = [(p.code, p.line, p.hint) for p in check(curriculum)]
    assert found[0][:2] == ("H014", 65) and "did you mean" in found[0][2], found


def test_a_title_on_trainer_notes_is_an_error(curriculum):
    edit(curriculum / MODULE, "```{trainer-notes}", "```{trainer-notes} Secret title")
    assert [(p.code, p.line) for p in check(curriculum)] == [("H016", 61)]


@pytest.mark.parametrize("shape", ["indented", "no braces"])
def test_a_trainer_block_learners_would_see_as_code(curriculum, shape):
    broken = ("\n".join("    " + line for line in ANSWERS.splitlines()) if shape == "indented"
              else ANSWERS.replace("{suggested-answers}", "suggested-answers"))
    edit(curriculum / MODULE, ANSWERS, broken)
    assert [(p.code, p.line) for p in check(curriculum)] == [("H016", 65)]


def test_an_unclosed_block_swallowing_the_trainer_notes(curriculum):
    edit(curriculum / MODULE, ":why: So that people hear it first-hand.\n```\n",
         ":why: So that people hear it first-hand.\n")
    found = [(p.code, p.line) for p in check(curriculum)]
    assert found == [("H006", 47)], found  # one mistake, one error
    assert "Trainerprobe" not in learner_text(curriculum)


@pytest.mark.parametrize("directive", ["include", "literalinclude"])
def test_including_trainer_files_from_a_learner_page(curriculum, directive):
    edit(curriculum / "case_stories/index.md", "# Stories",
         f"# Stories\n\n```{{{directive}}} ../modules/heard.md\n```")
    assert [(p.code, p.line) for p in check(curriculum)] == [("H018", 3)]


def test_downloading_a_trainer_file_from_a_learner_page(curriculum):
    edit(curriculum / "case_stories/index.md", "# Stories",
         "# Stories\n\nGet {download}`the day <../trainer_kit/day.md>`.")
    assert [(p.code, p.line) for p in check(curriculum)] == [("H018", 3)]


def test_including_inside_trainer_notes_or_a_plain_file_is_accepted(curriculum):
    edit(curriculum / MODULE, "Trainerprobe-module-note keep time.",
         "Trainerprobe-module-note keep time.\n\n{download}`kit <../trainer_kit/day.md>`")
    (curriculum / "case_stories/extra.txt").write_text("plain words")
    edit(curriculum / "case_stories/index.md", "# Stories",
         "# Stories\n\n```{literalinclude} extra.txt\n```")
    assert check(curriculum) == []


def test_withdrawn_stories_are_found_anywhere_under_case_stories(curriculum):
    folder = curriculum / "case_stories/more"
    folder.mkdir()
    text = (curriculum / "case_stories/alpha.md").read_text()
    withdrawn = text.replace("status: active", "status: withdrawn")
    (folder / "deep.md").write_bytes(b"\xef\xbb\xbf" + withdrawn.replace("id: alpha",
                                                                         "id: deep").encode())
    (folder / "broken.md").write_text(withdrawn.replace("id: alpha", "id: [broken"))
    (curriculum / "case_stories/alpha.md").write_text(withdrawn)
    assert loader.withdrawn_documents(curriculum) == {
        "alpha": "case_stories/alpha.md", "broken": "case_stories/more/broken.md",
        "deep": "case_stories/more/deep.md"}


def test_a_local_file_in_raw_html_is_an_error(curriculum):
    edit(curriculum / MODULE, "A dated fact about payment.",
         'A dated fact.\n\n<a rel="attachment" href="file:///etc/hostname">x</a>')
    assert [(p.code, p.line) for p in check(curriculum)] == [("H019", 76)]

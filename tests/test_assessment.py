"""Assessment for universities: the assessment page and answer key, the GIFT export read back
by its parser, and answers and marking guidance kept out of everything learners get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heard.cartridge.check import read_package
from heard.cartridge.quiz import GiftAnswer, GiftError, GiftQuestion, parse_gift, write_gift

TRAINER_ONLY = ("Trainerprobe-feedback", "Trainerprobe-accept", "Trainerprobe-marking")


@pytest.fixture
def built(small_cc) -> Path:
    return small_cc


def files_containing(folder: Path, needle: bytes) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and needle in p.read_bytes()]


def test_the_assessment_page_shows_hours_level_task_criteria_reading_and_questions(built):
    page = (built / "learner/modules/assessment/heard.html").read_text()
    for text in ("5 hours", "1 hour taught", "4 hours of independent study",
                 "qualifying degree", "ASYE", "A short reflective account", "up to 800 words",
                 "Names what helped the parent trust the worker", "The first source",
                 "What helped the parent in the story trust the worker?", "Using long words"):
        assert text in page, text


def test_answers_and_marking_guidance_are_in_the_trainer_edition_only(built):
    key = (built / "trainer/trainer_kit/assessment/heard.html").read_text()
    assert all(probe in key for probe in TRAINER_ONLY)
    for probe in TRAINER_ONLY:
        assert files_containing(built / "learner", probe.encode()) == [], probe
        assert files_containing(built / ".doctrees" / "learner", probe.encode()) == [], probe


def test_the_trainer_cartridge_holds_the_gift_quiz_and_answer_key_for_instructors(built):
    trainer = read_package(built / "cc/heard-trainer.imscc")
    gift = trainer["web_resources/quiz/heard.gift.txt"].decode()
    assert (built / "cc/gift/heard.gift").read_text() == gift  # also beside the cartridges
    questions = parse_gift(gift)
    assert [q.kind for q in questions] == ["multiple-choice", "short-answer"]
    assert [a.text for a in questions[1].answers] == ["honest", "truthful"]
    assert questions[0].answers[0] == GiftAnswer(
        "Being on time and honest", True,
        "Trainerprobe-feedback the parent said honesty and keeping time mattered.")
    manifest = trainer["imsmanifest.xml"].decode()
    quiz = manifest.split('href="web_resources/quiz/heard.gift.txt"')[1].split("</resource>")[0]
    assert "<lom:value>Instructor</lom:value>" in quiz
    assert "web_resources/trainer/trainer_kit/assessment/heard.html" in trainer
    for name in ("cc/heard-learner.imscc", "cc/modules/heard-heard-learner.imscc"):
        learner = read_package(built / name)
        assert not any("quiz" in path or "trainer_kit" in path for path in learner)
        text = b" ".join(learner.values())
        assert [p for p in TRAINER_ONLY if p.encode() in text] == [], name
        assert "web_resources/modules/assessment/heard.html" in learner


TRICKY = ["Plain words", "A {brace} and a = sign", "Costs ~£10: #1 choice", "Back\\slash",
          "Colon: here", "multi\nline   text"]


@pytest.mark.parametrize("text", TRICKY)
def test_gift_reads_back_what_it_writes_with_special_characters(text):
    flat = " ".join(text.split())
    questions = [GiftQuestion(f"t: {flat}", flat, (GiftAnswer(flat, True, flat),
                                                   GiftAnswer("other", False, "no"))),
                 GiftQuestion("short", f"Why {flat}?", (GiftAnswer(flat, True, ""),))]
    written = write_gift(questions, "a heading\nover two lines")
    assert parse_gift(written) == questions


@pytest.mark.parametrize("text, message", [
    ("::t:: A question with no answers", "not `::title::text {answers}`"),
    ("::t:: Q {\n~wrong\n~also wrong\n}", "no right answer"),
    ("::t:: Q {\nno mark\n}", "does not start with = or ~"),
])
def test_gift_parser_rejects_what_moodle_could_not_read(text, message):
    with pytest.raises(GiftError, match=message):
        parse_gift(text)


def test_the_assessment_fixture_passes_every_rule(curriculum):
    import datetime as dt

    from assessment_fixture import add_assessment
    from heard.curriculum import Curriculum
    from heard.rules import Context, run_rules

    cur = Curriculum.load(add_assessment(curriculum))
    assert set(cur.assessments) == {"heard"} and set(cur.answer_keys) == {"heard"}
    assert run_rules(cur, Context(today=dt.date(2026, 11, 22))) == []


def test_an_assessment_directive_on_a_page_of_another_kind_is_a_located_warning(
        curriculum, tmp_path, capsys):
    from assessment_fixture import ASSESSMENT, add_assessment
    from conftest import edit
    from heard.cli import main

    add_assessment(curriculum)
    edit(curriculum / ASSESSMENT, "kind: assessment\n", "")
    # without `kind` the file is a plain page, which accepts any front matter, so only the
    # directive can tell the author what is wrong
    assert main(["build", "--edition", "learner", "--strict", "--root", str(curriculum),
                 "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"modules/assessment/heard\.md:\d+: ", err), err
    assert "the {assessment} directive needs a page with `kind: assessment`" in err

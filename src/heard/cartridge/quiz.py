"""Each module's knowledge check in Moodle's GIFT quiz format, and a parser for the part of
GIFT written here, so every export is checked by reading it back.

The subset: one question per paragraph, `::title::` then the question text, then answers in
braces. Multiple choice: `=right #feedback` and `~wrong`. Short answer: every answer `=`,
each with the same `#feedback`. Comments start with `//`. The characters ~ = # { } : and \\
are escaped with a backslash inside titles, questions and answers (Moodle's GIFT rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import load, model
from . import manifest as mf
from .package import Entry

SPECIAL = "~=#{}:\\"


@dataclass(frozen=True)
class GiftAnswer:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class GiftQuestion:
    title: str
    text: str
    answers: tuple[GiftAnswer, ...] = field(default_factory=tuple)

    @property
    def kind(self) -> str:
        return "short-answer" if all(a.correct for a in self.answers) else "multiple-choice"


class GiftError(ValueError):
    """GIFT text that this parser cannot read."""


def escape(text: str) -> str:
    return "".join(f"\\{c}" if c in SPECIAL else c for c in " ".join(text.split()))


def questions_of(assessment: model.Assessment, key: model.AnswerKey) -> list[GiftQuestion]:
    answers = {a.question: a for a in key.answers}
    found = []
    for question in assessment.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue  # the checker reports it (H172)
        if question.type == "multiple-choice":
            # every option carries the feedback, so whichever is chosen, it says why
            choices = tuple(GiftAnswer(text, number in answer.correct, answer.feedback)
                            for number, text in enumerate(question.options, 1))
        else:
            choices = tuple(GiftAnswer(text, True, answer.feedback) for text in answer.accept)
        found.append(GiftQuestion(f"{assessment.module}: {question.id}", question.question,
                                  choices))
    return found


def write_gift(questions: list[GiftQuestion], heading: str = "") -> str:
    lines = [f"// {line}" for line in heading.splitlines()]
    for question in questions:
        lines += ["", f"::{escape(question.title)}::{escape(question.text)} {{"]
        for answer in question.answers:
            mark = "=" if answer.correct else "~"
            note = f" #{escape(answer.feedback)}" if answer.feedback else ""
            lines.append(f"    {mark}{escape(answer.text)}{note}")
        lines.append("}")
    return "\n".join(lines).lstrip("\n") + "\n"


UNESCAPED = r"(?<!\\)"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", " ".join(text.split()))


def _split(text: str, marks: str) -> list[str]:
    """Split at unescaped characters in marks, keeping each mark at the start of its part."""
    parts, start = [], 0
    for match in re.finditer(UNESCAPED + f"[{re.escape(marks)}]", text):
        if match.start() > start:
            parts.append(text[start:match.start()])
        start = match.start()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def parse_gift(text: str) -> list[GiftQuestion]:
    """Read GIFT written in the subset above; GiftError names the question it cannot read."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    found = []
    for number, block in enumerate(re.split(r"\n\s*\n", body.strip()), 1):
        match = re.fullmatch(r"\s*::(.*?)" + UNESCAPED + r"::(.*?)" + UNESCAPED + r"\{(.*)"
                             + UNESCAPED + r"\}\s*", block, re.S)
        if match is None:
            raise GiftError(f"question {number}: not `::title::text {{answers}}`")
        title, question, inside = match.groups()
        answers = []
        for part in _split(inside, "=~"):
            mark, rest = part.strip()[0], part.strip()[1:]
            if mark not in "=~":
                raise GiftError(f"question {number}: answer does not start with = or ~")
            pieces = re.split(UNESCAPED + "#", rest, maxsplit=1)
            answers.append(GiftAnswer(_unescape(pieces[0]), mark == "=",
                                      _unescape(pieces[1]) if len(pieces) > 1 else ""))
        if not answers or not any(a.correct for a in answers):
            raise GiftError(f"question {number}: no right answer")
        found.append(GiftQuestion(_unescape(title), _unescape(question), tuple(answers)))
    return found


@lru_cache(maxsize=4)
def _trainer_curriculum(root: Path):
    return load(root, "trainer")


def module_gift(root: Path, module_id: str) -> str | None:
    """A module's knowledge check as GIFT, or None if it has no assessment and answer key."""
    cur = _trainer_curriculum(root)
    assessment, key = cur.assessments.get(module_id), cur.answer_keys.get(module_id)
    if assessment is None or key is None:
        return None
    questions = questions_of(assessment.meta, key.meta)
    text = write_gift(questions, f"Heard: knowledge check for {module_id}\n"
                                 "Import into Moodle: Question bank > Import > GIFT format.")
    if parse_gift(text) != questions:  # read it back: what Moodle reads is what we meant
        raise GiftError(f"{module_id}: the GIFT export does not read back as written")
    return text


def gift_entries(root: Path, module_id: str, edition: str) -> list[Entry]:
    """The trainer cartridge's quiz file for a module (it holds the answers)."""
    if edition != "trainer":
        return []
    text = module_gift(root, module_id)
    if text is None:
        return []
    return [Entry("file", "Knowledge check for Moodle's question bank (GIFT file)",
                  path=f"web_resources/quiz/{module_id}.gift.txt", data=text.encode("utf-8"),
                  role=mf.INSTRUCTOR)]

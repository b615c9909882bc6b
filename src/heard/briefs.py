"""6W briefs: is a brief complete, and what to send the person it is for."""

from __future__ import annotations

from dataclasses import dataclass

from .curriculum import Curriculum


@dataclass(frozen=True)
class BriefGaps:
    missing: list[str]  # 6W item ids with no answer
    unknown: list[str]  # answers that are not 6W items

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unknown


def questions(cur: Curriculum) -> list[tuple[str, str, bool]]:
    """The 6W framework's items as (id, question, added by the curriculum)."""
    framework = cur.frameworks.get("six-w")
    if framework is None:
        return []
    return [(item.id, item.name, item.origin == "curriculum") for item in framework.meta.items]


def gaps(answers: dict[str, str], pillars: list[str]) -> BriefGaps:
    answered = {key for key, value in answers.items() if str(value).strip()}
    return BriefGaps([p for p in pillars if p not in answered],
                     sorted(set(answers) - set(pillars)) if pillars else [])


def check_brief(answers: dict[str, str], cur: Curriculum) -> BriefGaps:
    """Which 6W questions a brief leaves unanswered, judged against the curriculum's 6W."""
    return gaps(answers, [item_id for item_id, _q, _own in questions(cur)])


def summary(role_title: str, answers: dict[str, str], cur: Curriculum) -> str:
    """A plain-language message to send a service-user trainer: each question, then its
    answer. Raises ValueError if the brief is incomplete, so nothing half-done is sent."""
    found = check_brief(answers, cur)
    if not found.complete:
        raise ValueError("the brief does not answer: " + ", ".join(found.missing + found.unknown))
    lines = [f"About the role: {role_title}", ""]
    for item_id, question, _own in questions(cur):
        lines += [question, answers[item_id].strip(), ""]
    lines.append("Before you say yes, you can talk to an independent welfare rights adviser "
                 "about how any payment might affect your benefits. You can say no, or change "
                 "your mind, at any time.")
    return "\n".join(lines)

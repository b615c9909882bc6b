"""Levelled outcomes: the stage tables the checker, module page and planner share."""

from __future__ import annotations

from typing import get_args

import pytest

from heard import levels
from heard.model import Audience, OutcomeLevel, PcfLevel, StudyLevel


def test_no_stage_accepts_a_verb_a_marker_cannot_see():
    refused = {word.split()[0].lower() for word in levels.REJECTED}
    for stage, verbs in levels.VERBS.items():
        assert not verbs & refused, stage


def test_the_tables_cover_every_audience_stage_and_pcf_level_in_the_model():
    assert set(levels.STAGES_FOR_AUDIENCE) == set(get_args(Audience))
    assert set(levels.PCF_LEVELS_FOR_STAGE) == set(levels.VERBS) == set(get_args(StudyLevel))
    assert set(levels.PCF_LEVEL_NAMES) == set(get_args(PcfLevel))


@pytest.mark.parametrize(("text", "verb"), [
    ("Critically evaluate the claim.", "evaluate"),
    ("Analyse, with care, the record.", "analyse"),
    ("Be aware of the law.", "be"),
    ("", ""),
])
def test_the_verb_is_the_first_word_or_the_one_after_critically(text, verb):
    assert levels.first_verb(text) == verb


def test_students_need_both_degree_levels_in_a_fixed_order():
    assert levels.needed_stages(["managers", "students"]) == ["fheq-6", "fheq-7", "advanced"]
    assert OutcomeLevel.model_fields["pcf_level"].is_required()

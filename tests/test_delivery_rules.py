"""Safety rules: an honest basis for each story, a fallback when a co-trainer is required,
and no placeholder text left on course pages. Each rejects one fixture and accepts one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from heard.curriculum import Curriculum
from heard.rules import Context, run_rules

from conftest import edit

TODAY = dt.date(2026, 11, 22)
ALPHA = "case_stories/alpha.md"
MODULE = "modules/heard.md"
REUSE = """reuse:
  basis: published account
  status: active
  recorded: 2026-01-01
  review_by: 2027-01-01
  publisher: A test publisher
  published: not given
  licence: no licence; retold in our own words
  subject_contacted: false
"""
CONSENT = """consent:
  basis: first-hand account
  status: active
  recorded: 2026-01-01
  review_by: 2027-01-01
  lawful_basis: consent
  special_category: none
  retention: kept by the training lead; deleted two years after the last use
  third_parties: the child is not named and no detail identifies them
  capacity: the parent is an adult and was judged to have capacity
  withdrawal: tell the contact person; the story leaves the next build
"""


def codes(root: Path) -> list[tuple[str, str, int]]:
    return [(p.code, p.path, p.line) for p in run_rules(Curriculum.load(root), Context(TODAY))]


def _both(root: Path) -> None:
    edit(root / ALPHA, REUSE, REUSE + CONSENT)


def _required_without_fallback(root: Path) -> None:
    edit(root / MODULE, "co_delivery: recommended", "co_delivery: required")


def _placeholder_in_module(root: Path) -> None:
    edit(root / MODULE, "Discuss {quality}", "[Team to add the fee.] Discuss {quality}")


# code -> (how to break the valid curriculum, the file and line the problem must name);
# test_rules.py runs these with every other rule's fixture.
DELIVERY_BREAKS = {
    "H150": (_both, ALPHA, 17),
    "H151": (_required_without_fallback, MODULE, 13),
    "H152": (_placeholder_in_module, MODULE, 44),
}


def test_a_first_hand_story_with_a_full_consent_record_passes(curriculum):
    edit(curriculum / ALPHA, REUSE, CONSENT)
    assert codes(curriculum) == []


def test_a_published_story_cannot_carry_a_consent_record(curriculum):
    edit(curriculum / ALPHA, REUSE, REUSE.replace("reuse:", "consent:"))
    found = codes(curriculum)
    assert ("H012", ALPHA, 9) in found  # basis must be first-hand account
    assert {c for c, _p, _l in found} >= {"H010", "H011"}  # consent fields missing, reuse extra


def test_a_consent_record_needs_every_field(curriculum):
    edit(curriculum / ALPHA, REUSE, CONSENT.replace("  third_parties: the child is not named "
                                                   "and no detail identifies them\n", ""))
    assert ("H010", ALPHA, 8) in codes(curriculum)


def test_a_story_without_any_record_is_rejected(curriculum):
    edit(curriculum / ALPHA, REUSE, "")
    assert ("H150", ALPHA, 1) in codes(curriculum)


def test_withdrawing_a_first_hand_story_is_one_status_line(curriculum):
    edit(curriculum / ALPHA, REUSE, CONSENT.replace("status: active", "status: withdrawn"))
    cur = Curriculum.load(curriculum)
    assert cur.withdrawn == {"alpha": ALPHA}
    assert "H060" in {p.code for p in run_rules(cur, Context(TODAY))}


def test_a_required_module_with_a_fallback_passes(curriculum):
    edit(curriculum / MODULE, "co_delivery: recommended",
         "co_delivery: required\nif_no_co_trainer: Postpone the session.")
    assert codes(curriculum) == []


def test_a_placeholder_on_the_local_details_page_passes(curriculum):
    (curriculum / "trainer_kit/organisation.md").write_text(
        "# Your organisation\n\nSafeguarding lead: [Your organisation adds a name.]\n")
    edit(curriculum / "trainer_kit/index.md", "day\n", "day\norganisation\n")
    assert codes(curriculum) == []


def test_a_placeholder_in_a_six_w_brief_is_found(curriculum):
    edit(curriculum / MODULE, ":ask: Tell the story.", ":ask: [Team to add what we ask.]")
    assert ("H152", MODULE, 47) in codes(curriculum)

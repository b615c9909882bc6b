"""Every rule rejects one broken fixture and accepts the valid one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from heard.curriculum import Curriculum
from heard.rules import LOAD_CODES, RULES, Context, run_rules

from assessment_fixture import ANSWER_KEY, ASSESSMENT, add_assessment
from conftest import edit
from test_delivery_rules import DELIVERY_BREAKS

TODAY = dt.date(2026, 11, 22)
ALPHA = "case_stories/alpha.md"
MODULE = "modules/heard.md"


def problems(root: Path):
    return run_rules(Curriculum.load(root), Context(today=TODAY))


def write(path: str, data: bytes):
    def writer(root: Path) -> None:
        (root / path).parent.mkdir(exist_ok=True)
        (root / path).write_bytes(data)
    return writer


def replace(path: str, old: str, new: str):
    return lambda root: edit(root / path, old, new)


def with_profile(toml: str, *then):
    """Add an organisation profile (heard.toml), then make any further breaks."""
    def apply(root: Path) -> None:
        (root / "heard.toml").write_text(toml, encoding="utf-8")
        for step in then:
            step(root)
    return apply


HARD_PARAGRAPH = " ".join(
    ["Notwithstanding organisational considerations, the practitioner's preliminary "
     "institutional assessment, incorporating multidisciplinary documentation and "
     "consideration of statutory responsibilities, necessitated comprehensive "
     "reconsideration of the interdepartmental safeguarding arrangements"] * 6) + "."


# code -> (how to break the valid curriculum, the file and line the problem must name)
BREAKS = {
    "H001": (write(ALPHA, b"---\nid: alpha\n\xff\xfe\n---\n"), ALPHA, 3),
    "H002": (write(MODULE, b"  \n"), MODULE, 1),
    "H003": (replace(ALPHA, "title: The alpha story", "title: The: alpha: story"), ALPHA, 3),
    "H004": (write(ALPHA, b"---\n- a list\n- not fields\n---\n# Alpha\n"), ALPHA, 1),
    "H005": (write(MODULE, b"- item\n" * 200_000), MODULE, 1),
    "H006": (replace(MODULE, "```{six-w-brief}\n:role-title: Co-trainer\n:ask: Tell the story.\n"
                     ":why: So that people hear it first-hand.\n```\n",
                     "```{six-w-brief}\n:role-title: Co-trainer\n:ask: Tell the story.\n"
                     ":why: So that people hear it first-hand.\n"), MODULE, 45),
    "H014": (replace(MODULE, "```{activity} Talk in pairs", "```{activty} Talk in pairs"),
             MODULE, 37),
    "H015": (replace(MODULE, "{quality}`qualities:honest`", "{qualty}`qualities:honest`"),
             MODULE, 42),
    "H016": (replace(MODULE, "```{suggested-answers}\nTrainerprobe-answer honesty builds trust.\n```",
                     "    ```{suggested-answers}\n    Trainerprobe-answer honesty builds "
                     "trust.\n    ```"), MODULE, 63),
    "H017": (write(MODULE, ("---\nkind: page\n---\n# Deep\n\n" + "".join(
        f"{':' * (60 - i)}{{note}}\n" for i in range(30)) + "Deep text.\n" + "".join(
        f"{':' * (31 + i)}\n" for i in range(30))).encode()), MODULE, 26),
    "H018": (replace("case_stories/index.md", "# Stories", "# Stories\n\n```{include} "
                     "../trainer_kit/day.md\n```"), "case_stories/index.md", 3),
    "H019": (replace(MODULE, "A dated fact about payment.",
                     'A dated fact. <img src="file:///etc/hostname" alt="x">'), MODULE, 72),
    "H130": (replace(ALPHA, "summary: A story about being heard.",
                     "summary: TODO one or two plain sentences."), ALPHA, 4),
    "H140": (write("notebooks/n.ipynb", b'{"cells": [\n'), "notebooks/n.ipynb", 2),
    "H141": (write("notebooks/n.ipynb", b'{"cells": [], "metadata": {"kernelspec": {"language": '
                   b'"R", "name": "ir", "display_name": "R"}}, "nbformat": 4, '
                   b'"nbformat_minor": 5}'), "notebooks/n.ipynb", 1),
    "H142": (write("notebooks/n.ipynb", b'{"cells": [{"cell_type": "code", "metadata": {}, '
                   b'"execution_count": null, "outputs": [], "source": "plt.show()", "id": "c"}],'
                   b'\n"metadata": {"kernelspec": {"language": "python", "name": "p", '
                   b'"display_name": "P"}}, "nbformat": 4, "nbformat_minor": 5}'),
             "notebooks/n.ipynb", 1),
    "H143": (write("notebooks/n.ipynb", b'{"cells": [{"cell_type": "code", "metadata": {}, '
                   b'"execution_count": null, "outputs": [], "id": "c", "source": '
                   b'"figures[\\"none\\"]"}],\n"metadata": {"kernelspec": {"language": '
                   b'"python", "name": "p", "display_name": "P"}}, "nbformat": 4, '
                   b'"nbformat_minor": 5}'), "notebooks/n.ipynb", 1),
    "H010": (replace(ALPHA, "summary: A story about being heard.\n", ""), ALPHA, 1),
    "H011": (replace(ALPHA, "setting:", "colour: blue\nsetting:"), ALPHA, 6),
    "H012": (replace(ALPHA, "review_by: 2027-01-01", "review_by: next year"), ALPHA, 12),
    "H013": (replace(MODULE, ":format: pairs\n", ""), MODULE, 37),
    "H020": (replace("case_stories/lists/qualities.md", "id: on-time", "id: honest"),
             "case_stories/lists/qualities.md", 9),
    "H030": (replace(MODULE, "{story}`alpha`", "{story}`beta`"), MODULE, 42),
    "H040": (replace(MODULE, ":duration: 40", ":duration: 45"), MODULE, 6),
    "H041": (replace("trainer_kit/day.md", "duration: 75", "duration: 90"),
             "trainer_kit/day.md", 6),
    "H042": (replace("trainer_kit/day.md", "sessions:\n  - module: heard",
                     "sessions:\n  - title: Welcome\n    minutes: 20\n  - module: heard"),
             "trainer_kit/day.md", 7),
    "H050": (replace(MODULE, ", qualities:on-time]", "]"), "case_stories/lists/qualities.md", 9),
    "H051": (replace(MODULE, "stories: [alpha]", "stories: []"), ALPHA, 2),
    "H052": (replace(MODULE, "\npcf: [values-and-ethics]", "\npcf: []"), "docs/frameworks/pcf.md", 7),
    "H060": (replace(ALPHA, "status: active", "status: withdrawn"), MODULE, 11),
    # The same withdrawal also leaves a toctree entry behind: a follow-up, not an H060.
    "H062": (replace(ALPHA, "status: active", "status: withdrawn"), "case_stories/index.md", 7),
    "H061": (replace(ALPHA, "review_by: 2027-01-01", "review_by: 2026-11-21"), ALPHA, 12),
    "H063": (replace(MODULE, ":review-by: 2027-04-05", ":review-by: 2026-04-05"), MODULE, 67),
    "H070": (replace(MODULE, ":why: So that people hear it first-hand.\n", ""), MODULE, 45),
    "H080": (replace(ALPHA, "by one NQSW", "by one ASYE"), ALPHA, 29),
    "H081": (replace(ALPHA, "A parent felt judged by one NQSW and heard by the next.",
                     HARD_PARAGRAPH), ALPHA, 1),
    "H090": (replace(MODULE, "Identify what", "Understand what"), MODULE, 8),
    "H100": (replace("case_stories/index.md", "alpha\n", ""), ALPHA, 1),
    "H110": (replace(ALPHA, "```{content-note}\nThis story talks about a child who might be "
                     "removed.\n```\n", ""), ALPHA, 24),
    "H121": (replace(ALPHA, "# The alpha story", "# The beta story"), ALPHA, 21),
    "H120": (replace(MODULE, "```{cpd-prompt}", "```{note}"), MODULE, 1),
    # The organisation profile and overlay (heard.organisation, heard.overlay).
    "H300": (with_profile('[organisation]\nname = "Northshire"\n', replace(
        MODULE, "Discuss {quality}", "Ask {org}`safeguarding-lead`. Discuss {quality}")),
        MODULE, 42),
    "H301": (with_profile('[organisation]\nnmae = "Northshire"\n'), "heard.toml", 2),
    "H302": (with_profile("[payment]\nfee = 20\nas_of = 2025-01-01\nreview_by = 2026-01-01\n"),
             "heard.toml", 4),
    "H303": (with_profile('[edition]\nleave_out_modules = ["nope"]\n'), "heard.toml", 1),
    "H304": (with_profile('[edition]\nleave_out_stories = ["alpha"]\n'), MODULE, 11),
    "H043": (replace(MODULE, ":materials: Question sheet", ":materials: Question sheet; a mystery "
                     "box"), MODULE, 37),
    # Levelled outcomes (rules/levels.py); the fixture's `levels` sit on line 7.
    "H180": (replace(MODULE, "audiences: [students]", "audiences: [students, managers]"),
             MODULE, 7),
    "H181": (replace(MODULE, "pcf_level: end-of-last-placement, outcomes: [{text: Analyse",
                     "pcf_level: asye, outcomes: [{text: Analyse"), MODULE, 7),
    "H182": (replace(MODULE, 'swe: ["2.1"]}]}, {level: fheq-7', 'swe: ["3.4"]}]}, {level: fheq-7'),
             MODULE, 7),
    "H183": (replace(MODULE, "text: Analyse what", "text: Describe what"), MODULE, 7),
    "H184": (replace(MODULE, "```{portfolio-reflection}", "```{note}"), MODULE, 5),
}


def _assessed(change):
    """Add the assessment fixture (tests/data/assessment), then break it."""
    def breaker(root):
        add_assessment(root)
        change(root)
    return breaker


BREAKS.update({
    "H170": (_assessed(replace(ASSESSMENT, "outcomes: [1]", "outcomes: [2]")), ASSESSMENT, 11),
    "H171": (_assessed(replace(ASSESSMENT, "reading: [src-one]", "reading: [src-nine]")),
             ASSESSMENT, 16),
    "H172": (_assessed(replace(ANSWER_KEY, "    accept: [honest, truthful]\n", "")), ANSWER_KEY,
             8),
})


BREAKS.update(DELIVERY_BREAKS)


def test_every_rule_has_a_breaking_fixture():
    codes = {rule.code for rule in RULES} | set(LOAD_CODES)
    assert codes == set(BREAKS)


def test_the_valid_fixture_passes_every_rule(curriculum):
    assert problems(curriculum) == []


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_rule_rejects_its_fixture(curriculum, code):
    breaker, path, line = BREAKS[code]
    breaker(curriculum)
    found = [p for p in problems(curriculum) if p.code == code]
    assert found, f"{code} not reported"
    assert (found[0].path, found[0].line) == (path, line), found[0].as_text()
    assert found[0].hint, "every problem says how to fix it"


def test_a_material_for_an_unknown_activity_is_reported(curriculum):
    edit(curriculum / "modules/materials/heard.md", ":activity: Talk in pairs\n:provides: "
         "question sheet\n\n1.", ":activity: Talk in threes\n:provides: question sheet\n\n1.")
    found = [p for p in problems(curriculum) if p.code == "H043"]
    assert [(p.path, p.line) for p in found] == [("modules/materials/heard.md", 3)]
    assert "unknown activity 'Talk in threes'" in found[0].message


def test_everyday_and_curriculum_items_need_no_material():
    from heard.rules.materials import needs_material

    for item in ("flipchart and pens", "sticky notes in two colours", "a timer", "blank cards",
                 "the story card", "the learner handout", "the Suffolk key qualities list",
                 "the sticky-note sheet from the welcome"):
        assert not needs_material(item), item
    for item in ("a card with the three roles", "the Suffolk key qualities list as an observer "
                 "checklist", "printed copies of the made-up case note below"):
        assert needs_material(item), item


def test_withdrawn_story_is_not_itself_an_error(curriculum):
    edit(curriculum / ALPHA, "status: active", "status: withdrawn")
    edit(curriculum / MODULE, "stories: [alpha]", "stories: []")
    edit(curriculum / MODULE, "{story}`alpha`", "the story")
    edit(curriculum / MODULE, "```{story-card} alpha\n```\n", "")
    edit(curriculum / "case_stories" / "index.md", "alpha\n", "")  # else an H062 follow-up
    assert [p.code for p in problems(curriculum)] == []


def test_a_reasoned_exception_lets_a_hard_page_pass(curriculum):
    BREAKS["H081"][0](curriculum)
    edit(curriculum / ALPHA, "themes: [trust]",
         "themes: [trust]\nplain_language_exception: quotes a legal text word for word")
    assert [p.code for p in problems(curriculum)] == []


def test_an_abbreviation_written_out_on_first_use_needs_no_glossary_entry(curriculum):
    edit(curriculum / ALPHA, "by one NQSW",
         "by one assessed and supported year in employment (ASYE) worker, then one ASYE")
    assert [p.code for p in problems(curriculum)] == []


def test_review_dates_are_judged_as_of_the_given_day(curriculum):
    cur = Curriculum.load(curriculum)
    late = run_rules(cur, Context(today=dt.date(2027, 6, 1)))
    assert {p.code for p in late} == {"H061", "H063"}


def test_an_activity_may_say_who_leads_it(curriculum):
    edit(curriculum / MODULE, ":format: pairs\n", ":format: pairs\n:lead: co-trainer\n")
    assert problems(curriculum) == []
    leads = {a.title: a.lead for a in Curriculum.load(curriculum).modules["heard"].activities}
    assert leads == {"Read the story": None, "Talk in pairs": "co-trainer"}


def test_an_unknown_lead_is_a_located_h013(curriculum):
    edit(curriculum / MODULE, ":format: pairs\n", ":format: pairs\n:lead: volunteer\n")
    found = [p for p in problems(curriculum) if p.code == "H013"]
    assert [(p.path, p.line) for p in found] == [(MODULE, 37)]
    assert "lead" in found[0].message + found[0].hint
    assert "co-trainer" in found[0].message + found[0].hint  # names the allowed values

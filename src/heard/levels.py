"""Levelled outcomes: which stages each audience needs, which PCF levels fit each stage, and
the verbs an outcome at each stage may start with. Sphinx-free; the checker (rules/levels.py),
the module page and the planner read these tables.

The PCF level names are BASW's ("Levels within the PCF"; see docs/frameworks/pcf.md for the
pages they were checked against). The verb lists are the curriculum's own (the authoring
guide, docs/authoring/content-model.md, explains them).
"""

from __future__ import annotations

# Each audience a module names needs outcomes at these stages.
STAGES_FOR_AUDIENCE: dict[str, tuple[str, ...]] = {
    "students": ("fheq-6", "fheq-7"),
    "nqsw-asye": ("asye",),
    "experienced": ("experienced",),
    "managers": ("advanced",),
}

# The PCF levels an outcome at each stage may be mapped at.
PCF_LEVELS_FOR_STAGE: dict[str, tuple[str, ...]] = {
    "fheq-6": ("readiness-for-direct-practice", "end-of-first-placement",
               "end-of-last-placement"),
    "fheq-7": ("readiness-for-direct-practice", "end-of-first-placement",
               "end-of-last-placement"),
    "asye": ("asye",),
    "experienced": ("social-worker", "experienced-social-worker"),
    "advanced": ("advanced", "strategic"),
}

STAGE_NAMES = {
    "fheq-6": "Degree at level 6",
    "fheq-7": "Master's at level 7",
    "asye": "ASYE",
    "experienced": "Experienced practitioners",
    "advanced": "Managers and advanced roles",
}

PCF_LEVEL_NAMES = {
    "entry": "Point of entry to training",
    "readiness-for-direct-practice": "Readiness for direct practice",
    "end-of-first-placement": "End of first placement",
    "end-of-last-placement": "End of last placement",
    "asye": "ASYE",
    "social-worker": "Social worker",
    "experienced-social-worker": "Experienced social worker",
    "advanced": "Advanced",
    "strategic": "Strategic",
}

# Verbs whose result a marker can see and judge at each stage. Students are asked to analyse
# and evaluate with law, theory and research; later stages add leading and changing practice.
_SHARED = {"apply", "explain", "justify", "plan", "produce", "rewrite", "write", "use"}
VERBS: dict[str, frozenset[str]] = {
    "fheq-6": frozenset(_SHARED | {"analyse", "assess", "compare", "construct", "critique",
                                   "demonstrate", "discuss", "evaluate", "examine",
                                   "interpret"}),
    "fheq-7": frozenset(_SHARED | {"analyse", "appraise", "argue", "assess", "compare",
                                   "construct", "critique", "design", "evaluate", "formulate",
                                   "propose", "synthesise"}),
    "asye": frozenset(_SHARED | {"analyse", "demonstrate", "evaluate", "review", "record"}),
    "experienced": frozenset(_SHARED | {"analyse", "coach", "demonstrate", "evaluate", "lead",
                                        "model", "review", "improve", "audit"}),
    "advanced": frozenset(_SHARED | {"audit", "design", "develop", "evaluate", "lead",
                                     "improve", "review", "commission", "appraise"}),
}
# A leading adverb that sharpens a verb without being one ("Critically evaluate ...").
ADVERBS = frozenset({"critically"})
# Verbs that name no work a marker can see; named in the checker's message.
REJECTED = ("Identify", "Describe", "Understand", "Know", "Practise", "Be aware")


def first_verb(text: str) -> str:
    """The outcome's verb, lower case: its first word, or its second after an adverb."""
    words = [w.strip(",.:;").lower() for w in text.split()]
    if len(words) > 1 and words[0] in ADVERBS:
        return words[1]
    return words[0] if words else ""


def needed_stages(audiences: list[str]) -> list[str]:
    """The stages a module's audiences need, in the order above."""
    wanted = {stage for a in audiences for stage in STAGES_FOR_AUDIENCE.get(a, ())}
    return [stage for stage in STAGE_NAMES if stage in wanted]

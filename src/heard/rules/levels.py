"""Rules about levelled outcomes: each audience has its stage, each stage its PCF level, each
mapping a real PCF domain and SWE standard, and each outcome a verb a marker can judge."""

from __future__ import annotations

from .. import levels as lv
from ..problems import Problem
from . import rule


def _modules(cur):
    return sorted(cur.modules.values(), key=lambda doc: doc.path)


@rule("H180", "levels-missing", "A module's audiences need outcomes at a stage its `levels` "
      "does not have (students: fheq-6 and fheq-7; nqsw-asye: asye; experienced: experienced; "
      "managers: advanced).")
def levels_cover_audiences(cur, ctx):
    for doc in _modules(cur):
        have = {entry.level for entry in doc.meta.levels}
        missing = [stage for stage in lv.needed_stages(doc.meta.audiences) if stage not in have]
        if missing:
            where = doc.line_of("levels") if doc.meta.levels else doc.line_of("audiences")
            names = ", ".join(missing)
            yield Problem(doc.path, where, "H180",
                          f"module `{doc.id}` is for {', '.join(doc.meta.audiences)} but has no "
                          f"outcomes at: {names}",
                          f"add a `levels:` entry for each of {names}, with its pcf_level and "
                          "outcomes (see the authoring guide)")


@rule("H181", "pcf-level-wrong-stage", "A level's `pcf_level` does not fit its stage.")
def pcf_level_fits(cur, ctx):
    for doc in _modules(cur):
        for index, entry in enumerate(doc.meta.levels):
            allowed = lv.PCF_LEVELS_FOR_STAGE[entry.level]
            if entry.pcf_level not in allowed:
                yield Problem(doc.path, doc.line_of("levels", index, "pcf_level"), "H181",
                              f"`{entry.level}` outcomes are mapped at PCF level "
                              f"`{entry.pcf_level}`, which is not a {entry.level} level",
                              f"set pcf_level to one of: {', '.join(allowed)}")


def _known(cur, framework_id):
    doc = cur.frameworks.get(framework_id)
    if doc is None:
        return None
    if framework_id == "pcf":
        return {item.id for item in doc.meta.items}
    return {point.number for item in doc.meta.items for point in item.points}


@rule("H182", "outcome-mapping-unknown", "A levelled outcome names a PCF domain that is not in "
      "the PCF framework, or a Social Work England standard number that is not in the SWE "
      "framework's checked points.")
def mappings_exist(cur, ctx):
    pcf, swe = _known(cur, "pcf"), _known(cur, "swe")
    for doc in _modules(cur):
        for i, entry in enumerate(doc.meta.levels):
            for j, outcome in enumerate(entry.outcomes):
                for field, known, fix in (
                        ("pcf", pcf, "use a domain id from docs/frameworks/pcf.md"),
                        ("swe", swe, "use a standard number listed under `points` in "
                                     "docs/frameworks/swe.md (only checked ones are listed)")):
                    if known is None:
                        continue
                    for k, value in enumerate(getattr(outcome, field)):
                        if value not in known:
                            yield Problem(doc.path,
                                          doc.line_of("levels", i, "outcomes", j, field, k),
                                          "H182", f"{field} `{value}` is not in the {field} "
                                          "framework", fix)


@rule("H183", "outcome-verb-not-assessable", "A levelled outcome does not start with a verb "
      "from its stage's list in the authoring guide.")
def verbs_assessable(cur, ctx):
    for doc in _modules(cur):
        for i, entry in enumerate(doc.meta.levels):
            verbs = lv.VERBS[entry.level]
            for j, outcome in enumerate(entry.outcomes):
                verb = lv.first_verb(outcome.text)
                if verb not in verbs:
                    yield Problem(doc.path, doc.line_of("levels", i, "outcomes", j, "text"),
                                  "H183", f"{entry.level} outcome starts with {verb!r}, which a "
                                  f"marker cannot judge at this level: {outcome.text!r}",
                                  f"start with one of: {', '.join(sorted(verbs))} (not "
                                  f"{', '.join(lv.REJECTED)})")


@rule("H184", "portfolio-reflection-missing", "A module for students has no "
      "{portfolio-reflection} block.")
def portfolio_for_students(cur, ctx):
    for doc in _modules(cur):
        if "students" in doc.meta.audiences and not doc.has_block("portfolio-reflection"):
            yield Problem(doc.path, doc.line_of("audiences"), "H184",
                          f"module `{doc.id}` is for students but has no portfolio reflection",
                          "add a ```{portfolio-reflection}``` block after the CPD prompt: a "
                          "reflection students can put in their practice portfolio")

"""Rules about assessment: every outcome is assessed, every criterion names an outcome, the
mappings resolve, and every knowledge-check question has an answer."""

from __future__ import annotations

from ..problems import Problem
from . import rule

PCF = "pcf"


def _assessments(cur):
    return sorted(cur.assessments.values(), key=lambda doc: doc.path)


@rule("H170", "outcome-not-assessed", "A module outcome is assessed by no marking criterion, or "
      "a criterion names no outcome of its module.")
def outcomes_assessed(cur, ctx):
    for doc in _assessments(cur):
        module = cur.modules.get(doc.meta.module)
        if module is None:
            continue  # H171 reports it
        count = len(module.meta.outcomes)
        assessed = set()
        for index, criterion in enumerate(doc.meta.criteria):
            for place, number in enumerate(criterion.outcomes):
                if not 1 <= number <= count:
                    yield Problem(doc.path, doc.line_of("criteria", index, "outcomes", place),
                                  "H170", f"criterion `{criterion.id}` names outcome {number}, "
                                  f"but module `{module.id}` has {count} outcomes",
                                  f"use outcome numbers from 1 to {count}, in the order of the "
                                  "module's `outcomes`")
                else:
                    assessed.add(number)
        for number in range(1, count + 1):
            if number not in assessed:
                yield Problem(doc.path, doc.line_of("criteria"), "H170",
                              f"outcome {number} of module `{module.id}` is assessed by no "
                              f"criterion: {module.meta.outcomes[number - 1]!r}",
                              f"add {number} to the `outcomes` of a criterion that assesses it")


@rule("H171", "assessment-reference", "An assessment names an unknown module, source or PCF "
      "domain, or a PCF domain its module is not mapped to.")
def assessment_references(cur, ctx):
    seen: dict[str, str] = {}
    for doc in sorted((d for d in cur.documents if getattr(d.meta, "kind", "") == "assessment"),
                      key=lambda d: d.path):
        if doc.meta.module in seen:
            yield Problem(doc.path, doc.line_of("module"), "H171",
                          f"module `{doc.meta.module}` already has an assessment in "
                          f"{seen[doc.meta.module]}", "keep one assessment file per module")
        seen.setdefault(doc.meta.module, doc.path)
    for doc in _assessments(cur):
        module = cur.modules.get(doc.meta.module)
        if module is None:
            yield Problem(doc.path, doc.line_of("module"), "H171",
                          f"unknown module `{doc.meta.module}`", "use the id of a module")
            continue
        for index, criterion in enumerate(doc.meta.criteria):
            for place, domain in enumerate(criterion.pcf):
                if domain not in module.meta.pcf:
                    yield Problem(doc.path, doc.line_of("criteria", index, "pcf", place),
                                  "H171", f"criterion `{criterion.id}` maps to PCF `{domain}`, "
                                  f"which module `{module.id}` is not mapped to",
                                  "use one of the module's pcf domains: "
                                  + ", ".join(module.meta.pcf))
        for index, source in enumerate(doc.meta.reading):
            if source not in cur.sources:
                yield Problem(doc.path, doc.line_of("reading", index), "H171",
                              f"unknown source `{source}` in the reading list",
                              "use the id of an entry in docs/sources.md")
        for index, question in enumerate(doc.meta.questions):
            if question.type == "multiple-choice" and len(question.options) < 2:
                yield Problem(doc.path, doc.line_of("questions", index), "H171",
                              f"multiple-choice question `{question.id}` has fewer than two "
                              "options", "give it at least two `options`")


@rule("H172", "answer-key-incomplete", "A knowledge-check question has no answer, an answer "
      "names no question, or a criterion has no marking guidance.")
def answer_keys_complete(cur, ctx):
    if not any(doc.path.startswith("trainer_kit/") for doc in cur.documents):
        return  # the learner edition never reads the trainer kit, where answer keys live
    for doc in _assessments(cur):
        key = cur.answer_keys.get(doc.meta.module)
        if key is None:
            yield Problem(doc.path, doc.line_of("questions"), "H172",
                          f"no answer key for module `{doc.meta.module}`",
                          f"add trainer_kit/assessment/{doc.meta.module}.md with "
                          "`kind: answer-key`")
            continue
        questions = {q.id: q for q in doc.meta.questions}
        answered = {a.question for a in key.meta.answers}
        for index, question in enumerate(doc.meta.questions):
            if question.id not in answered:
                yield Problem(doc.path, doc.line_of("questions", index), "H172",
                              f"question `{question.id}` has no answer in {key.path}",
                              f"add an answer with `question: {question.id}` to the key")
        for index, answer in enumerate(key.meta.answers):
            question = questions.get(answer.question)
            where = key.line_of("answers", index)
            if question is None:
                yield Problem(key.path, where, "H172", f"answer for unknown question "
                              f"`{answer.question}`", "use the id of a question in "
                              f"{doc.path}")
            elif question.type == "multiple-choice" and (not answer.correct or any(
                    not 1 <= n <= len(question.options) for n in answer.correct)):
                yield Problem(key.path, where, "H172", f"question `{question.id}` needs "
                              f"`correct` option numbers from 1 to {len(question.options)}",
                              "list the numbers of the right options")
            elif question.type == "short-answer" and not answer.accept:
                yield Problem(key.path, where, "H172", f"short-answer question "
                              f"`{question.id}` has no answers to `accept`",
                              "list the answers Moodle should accept")
        guided = {m.criterion for m in key.meta.marking}
        for criterion in doc.meta.criteria:
            if criterion.id not in guided:
                yield Problem(key.path, key.line_of("marking"), "H172",
                              f"criterion `{criterion.id}` has no marking guidance",
                              f"add `criterion: {criterion.id}` with guidance to `marking`")

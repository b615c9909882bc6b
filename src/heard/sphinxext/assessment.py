"""The `{assessment}` and `{answer-key}` directives: a module's assessment page (hours, level,
task, marking criteria, reading, knowledge check) and its answer key (trainer kit only),
rendered from their front matter and the module's own outcomes.

The module file is read directly (it is small) and noted as a dependency, so editing a
module's outcomes rebuilds its assessment pages.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import loader, model

LOGGER = logging.getLogger("heard")

# PCF levels by the names BASW gives them (docs/frameworks/pcf.md, basw-pcf-2018).
LEVELS = {
    "qualifying": "qualifying degree (PCF level: end of last placement)",
    "asye": "ASYE (PCF level: Assessed and Supported Year in Employment)",
    "post-qualifying": "post-qualifying (PCF levels: Social Worker and Experienced Social Worker)",
}


def hours_text(value: float) -> str:
    text = f"{value:g}"
    return f"{text} hour" + ("" if value == 1 else "s")


class _FromFrontMatter(SphinxDirective):
    has_content = False

    kind = ""

    def meta(self):
        """The page's front matter, if the page is of the kind this directive shows; else a
        located warning, so a forgotten `kind:` fails a strict build."""
        doc = self.env.get_domain("heard").documents.get(self.env.docname)
        meta = getattr(doc, "meta", None)
        if getattr(meta, "kind", None) != self.kind:
            LOGGER.warning(f"the {{{self.name}}} directive needs a page with `kind: {self.kind}` "
                           "front matter (see docs/authoring/content-model.md)",
                           location=self.get_location(), type="heard", subtype="assessment")
            return None
        return meta

    def load(self, rel: str) -> model.Document | None:
        path = Path(self.env.srcdir) / rel
        if not path.is_file():
            return None
        self.env.note_dependency(str(path))
        return loader.load_file(Path(self.env.srcdir), path, self.env.config.heard_edition)

    def module(self, module_id: str) -> model.Module | None:
        doc = self.load(f"modules/{module_id}.md")
        return doc.meta if doc and isinstance(doc.meta, model.Module) else None

    def render(self, text: str) -> list[nodes.Node]:
        return self.parse_text_to_nodes(text, allow_section_headings=True)


def _outcome_list(module: model.Module | None, numbers: list[int]) -> str:
    if module is None:
        return ", ".join(str(n) for n in numbers)
    return "; ".join(f"{n}. {module.outcomes[n - 1]}" if 1 <= n <= len(module.outcomes)
                     else str(n) for n in numbers)


class AssessmentDirective(_FromFrontMatter):
    kind = "assessment"

    def run(self) -> list[nodes.Node]:
        meta = self.meta()
        if meta is None:
            return []
        module = self.module(meta.module)
        lines = ["## At a glance", "", f"- **Module:** {{module}}`{meta.module}`"]
        lines.append("- **Suits:** " + "; ".join(LEVELS[level] for level in meta.levels))
        total = meta.hours.contact + meta.hours.independent
        lines.append(f"- **Guided learning hours:** {hours_text(total)}: "
                     f"{hours_text(meta.hours.contact)} taught, and "
                     f"{hours_text(meta.hours.independent)} of independent study")
        if module is not None:
            lines.append("- **PCF domains:** " + ", ".join(
                f"{{framework}}`pcf:{domain}`" for domain in module.pcf))
        lines += ["", f"## Assessment task: {meta.task.title}", ""]
        words = f", up to {meta.task.words} words" if meta.task.words else ""
        lines += [f"**What you hand in:** {meta.task.format}{words}.", "", meta.task.brief, ""]
        if module is not None:
            lines += ["## Learning outcomes", "",
                      "By the end of the module you will be able to:", ""]
            lines += [f"{n}. {text}" for n, text in enumerate(module.outcomes, 1)] + [""]
        lines += ["## Marking criteria", "",
                  "Each criterion says which learning outcomes and PCF domains it assesses.", "",
                  "```{list-table}", ":header-rows: 1", ":stub-columns: 1", "",
                  "* - Criterion", "  - What the marker looks for", "  - Outcomes",
                  "  - PCF domains"]
        for criterion in meta.criteria:
            lines += [f"* - {criterion.id.replace('-', ' ').capitalize()}",
                      f"  - {criterion.text}",
                      f"  - {', '.join(str(n) for n in criterion.outcomes)}",
                      "  - " + ", ".join(f"{{framework}}`pcf:{d}`" for d in criterion.pcf)]
        lines += ["```", "", "## Reading", ""]
        # Harvard references with quality labels, filled in at write time (render.py).
        lines += ["```{reading-list}", f":sources: {' '.join(meta.reading)}", "```"]
        lines += ["", "## Knowledge check", "",
                  "Answer these on your own after the session. Your tutor or trainer has "
                  "the answers.", ""]
        for number, question in enumerate(meta.questions, 1):
            kind = "Choose one answer" if question.type == "multiple-choice" else \
                "Answer in a few words"
            lines += [f"{number}. {question.question} ({kind}.)", ""]
            lines += [f"   - {option}" for option in question.options]
            lines.append("")
        return self.render("\n".join(lines))


class AnswerKeyDirective(_FromFrontMatter):
    kind = "answer-key"

    def run(self) -> list[nodes.Node]:
        meta = self.meta()
        if meta is None:
            return []
        module = self.module(meta.module)
        doc = self.load(f"modules/assessment/{meta.module}.md")
        assessment = doc.meta if doc and isinstance(doc.meta, model.Assessment) else None
        questions = {q.id: q for q in assessment.questions} if assessment else {}
        criteria = {c.id: c for c in assessment.criteria} if assessment else {}
        lines = ["## About this key", "",
                 f"- **Module:** {{module}}`{meta.module}`",
                 "- **For:** trainers and tutors only. It holds the knowledge check answers and "
                 "the guidance for marking the assessment task.", "",
                 "## Knowledge check answers", ""]
        for number, answer in enumerate(meta.answers, 1):
            question = questions.get(answer.question)
            lines.append(f"{number}. **{question.question if question else answer.question}**")
            lines.append("")
            if question and question.type == "multiple-choice":
                right = [question.options[n - 1] for n in answer.correct
                         if 1 <= n <= len(question.options)]
                lines.append(f"   Answer: {'; '.join(right)}.")
            else:
                lines.append(f"   Accept: {'; '.join(answer.accept)}.")
            lines += ["", f"   {answer.feedback}", ""]
        lines += ["## Marking guidance", ""]
        for guide in meta.marking:
            criterion = criteria.get(guide.criterion)
            name = guide.criterion.replace("-", " ").capitalize()
            assessed = f" (outcomes {_outcome_list(module, criterion.outcomes)})" \
                if criterion else ""
            lines += [f"- **{name}**{assessed}: {guide.guidance}"]
        return self.render("\n".join(lines))


def setup_assessment(app) -> None:
    app.add_directive("assessment", AssessmentDirective)
    app.add_directive("answer-key", AnswerKeyDirective)

"""Directives for authors. Content directives render at read time; listing directives leave a
placeholder that `render.py` fills at write time, when every document has been read."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .. import features
from ..model import Document
from .domain import anchor


class placeholder(nodes.General, nodes.Element):
    """Stands in for generated content until every document has been read."""


def edition(env) -> str:
    return env.config.heard_edition


def boxed(kind: str, title: str, children: list[nodes.Node]) -> nodes.Element:
    """A titled box; its title is a real heading only when the page needs one."""
    box = nodes.admonition(classes=["heard-box", f"heard-{kind}"])
    box += nodes.title(title, title)
    box.extend(children)
    return box


class Boxed(SphinxDirective):
    """A titled box around parsed content; the argument, if given, replaces the title."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    title = ""
    css = ""

    def run(self) -> list[nodes.Node]:
        children = self.parse_content_to_nodes(allow_section_headings=True)
        if not self.title:
            return children
        box = boxed(self.css, self.arguments[0] if self.arguments else self.title, children)
        self.set_source_info(box)
        return [box]


class TrainerOnly(Boxed):
    """Kept in the trainer edition; dropped before parsing in the learner edition."""

    css = "trainer-only"

    def run(self) -> list[nodes.Node]:
        return super().run() if edition(self.env) == "trainer" else []


class TrainerNotes(TrainerOnly):
    title = "Trainer notes"
    css = "trainer-notes"


class SuggestedAnswers(TrainerOnly):
    title = "Suggested answers"
    css = "suggested-answers"


class ContentNote(Boxed):
    title = "Content note"
    css = "content-note"


class ReflectionQuestions(Boxed):
    title = "Reflection questions"
    css = "reflection"


class CpdPrompt(Boxed):
    title = "CPD reflection"
    css = "cpd"


class PortfolioReflection(Boxed):
    """For students: a reflection for their practice portfolio, in place of a CPD prompt."""

    title = "Portfolio reflection"
    css = "portfolio"


# How an activity's :lead: reads on its page (unset: the module's co-delivery says).
LEAD_WORDS = {"staff": "staff trainer leads", "co-trainer": "co-trainer leads",
              "both": "both trainers lead"}


class Activity(SphinxDirective):
    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    # Values are checked once, by the model (loader problem H013), not here as well.
    option_spec: ClassVar = {"duration": directives.unchanged,
                             "format": directives.unchanged,
                             "materials": directives.unchanged,
                             "lead": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0]
        box = nodes.container(classes=["heard-box", "heard-activity"])
        heading = nodes.rubric(title, title, classes=["heard-activity-title"])
        heading["heading-level"] = 3
        box += heading
        facts = nodes.paragraph(classes=["heard-activity-facts"])
        facts += nodes.strong("", f"{self.options.get('duration', '?')} minutes")
        facts += nodes.Text(f" · {self.options.get('format', '')}")
        if self.options.get("lead"):
            facts += nodes.Text(f" · {LEAD_WORDS.get(self.options['lead'], '')}")
        box += facts
        materials = [m.strip() for m in self.options.get("materials", "").split(";") if m.strip()]
        if materials:
            box += nodes.paragraph("", "", nodes.strong("", "Materials: "),
                                   nodes.Text("; ".join(materials) + "."))
        box.extend(self.parse_content_to_nodes())
        box["ids"].append(nodes.make_id(f"activity-{title}"))
        self.set_source_info(box)
        return [box]


class AnyOption(dict):
    """An option_spec that accepts any option, for 6W briefs, whose items come from data."""

    def __missing__(self, key: str):
        return directives.unchanged


class Placeholder(SphinxDirective):
    """A directive whose output depends on other documents."""

    optional_arguments = 1
    final_argument_whitespace = True
    what = ""

    has_content = True  # so that a missing closing fence is our located error, not docutils'

    def run(self) -> list[nodes.Node]:
        if self.content:
            # Usually an unclosed fence: everything after it, trainer notes too, fell inside.
            inner = next((line.strip() for line in self.content
                          if line.lstrip().startswith(("```", ":::"))), "")
            raise self.error(
                f"`{{{self.name}}}` takes no content, but has {len(self.content)} lines"
                + (f", including `{inner}`" if inner else "")
                + ". Its closing fence is probably missing: close it right after its options, "
                "so the text after it is not swallowed.")
        node = placeholder(what=self.what, argument=" ".join(self.arguments),
                           options=dict(self.options))
        self.set_source_info(node)
        return [node]


def placeholder_directive(name: str, **extra) -> type[Placeholder]:
    return type(f"Placeholder_{name}", (Placeholder,), {"what": name, **extra})


class SixWBrief(Placeholder):
    what = "six-w-brief"
    # Not empty: MyST only reads options when a directive declares some.
    option_spec: ClassVar = AnyOption({"role-title": directives.unchanged_required})


class Fact(SphinxDirective):
    has_content = True
    option_spec: ClassVar = {"source": directives.unchanged,  # checked by the model (H013)
                             "checked": directives.unchanged,
                             "review-by": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=["heard-fact"])
        box.extend(self.parse_content_to_nodes())
        note = nodes.paragraph(classes=["heard-fact-note"])
        note += nodes.Text(f"Checked {self.options.get('checked', '?')} against ")
        note += source_ref(self.options.get("source", ""))
        note += nodes.Text(f". Due for review by {self.options.get('review-by', '?')}.")
        box += note
        self.set_source_info(box)
        return [box]


def source_ref(source_id: str) -> nodes.Node:
    from sphinx import addnodes

    ref = addnodes.pending_xref("", refdomain="heard", reftype="source", reftarget=source_id,
                                refexplicit=False, refwarn=False)
    ref += nodes.inline(source_id, source_id)
    return ref


class GlossaryTerms(SphinxDirective):
    """The glossary page's terms, as a Sphinx glossary so {term} links work."""

    def run(self) -> list[nodes.Node]:
        doc: Document | None = self.env.get_domain("heard").documents.get(self.env.docname)
        terms = getattr(doc.meta, "terms", []) if doc else []
        lines = [":::{glossary}", ":sorted:", ""]
        for term in terms:
            meaning = f"{term.expansion}. " if term.expansion else ""
            lines += [term.term, f"  {meaning[:1].upper()}{meaning[1:]}{term.definition}", ""]
        lines.append(":::")
        return self.parse_text_to_nodes("\n".join(lines))


class RulesReference(SphinxDirective):
    """The checker's rules, from the registry itself, so the reference cannot drift."""

    def run(self) -> list[nodes.Node]:
        from ..rules import LOAD_CODES, RULES
        from .render import table

        rows = [[code, name, summary] for code, (name, summary) in LOAD_CODES.items()]
        rows += [[r.code, r.name, r.summary + ("" if r.in_sphinx else " (heard check only)")]
                 for r in RULES]
        return [table(["Code", "Name", "What it finds"], sorted(rows), "The checker's rules")]


# Every listing but the 6W brief, which takes options (SixWBrief above).
LISTINGS = tuple(name for name in features.LISTINGS if name != SixWBrief.what)


def setup_directives(app) -> None:
    app.add_node(placeholder)
    for name, cls in {"trainer-only": TrainerOnly, "trainer-notes": TrainerNotes,
                      "suggested-answers": SuggestedAnswers, "content-note": ContentNote,
                      "reflection-questions": ReflectionQuestions, "cpd-prompt": CpdPrompt,
                      "portfolio-reflection": PortfolioReflection,
                      "activity": Activity, "six-w-brief": SixWBrief, "fact": Fact,
                      "glossary-terms": GlossaryTerms, "heard-rules": RulesReference}.items():
        app.add_directive(name, cls)
    for name in LISTINGS:
        app.add_directive(name, placeholder_directive(name))


__all__ = ["anchor", "placeholder", "setup_directives"]

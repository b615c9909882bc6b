"""The {material} directive: a worksheet, card set, checklist or card that one activity of one
module hands out. It renders as a box on the page, and the delivery kit prints each module's
materials as a pack (see heard.printing.materials)."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model import MaterialKind
from .render import para, xref

KINDS: tuple[str, ...] = MaterialKind.__args__
LABELS = {"worksheet": "Worksheet", "card-set": "Card set", "observer-checklist":
          "Observer checklist", "role-card": "Role card", "scenario-card": "Scenario card",
          "story-card": "Story card", "handout": "Handout"}


class Material(SphinxDirective):
    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {"kind": lambda value: directives.choice(value, KINDS),
                             "module": directives.unchanged_required,
                             "activity": directives.unchanged_required,
                             "provides": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0]
        kind = self.options.get("kind", "handout")
        box = nodes.container(classes=["heard-box", "heard-material", f"heard-material-{kind}"])
        box["material_kind"] = kind
        box["material_title"] = title
        box["material_module"] = self.options.get("module", "")
        box["material_activity"] = self.options.get("activity", "")
        heading = nodes.rubric(title, f"{LABELS[kind]}: {title}",
                               classes=["heard-material-title"])
        heading["heading-level"] = 2  # materials stand under their page's title
        box += heading
        box += para("For the activity “", box["material_activity"], "” in ",
                    xref("module", box["material_module"]), ".",
                    classes=["heard-material-for"])
        box.extend(self.parse_content_to_nodes())
        box["ids"].append(nodes.make_id(f"material-{box['material_module']}-{title}"))
        self.set_source_info(box)
        return [box]


def setup_materials(app) -> None:
    app.add_directive("material", Material)

"""The {screen-only} directive: text for the site that means nothing on paper, such as "Print
this page for learners". The site shows it; the print builders and the delivery kit drop it
by its node's class, never by its wording."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

SCREEN_ONLY = "heard-screen-only"


class ScreenOnly(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=[SCREEN_ONLY])
        box.extend(self.parse_content_to_nodes())
        self.set_source_info(box)
        return [box]


def drop_screen_only(tree: nodes.Node) -> None:
    for node in list(tree.findall(nodes.container)):
        if SCREEN_ONLY in node["classes"] and node.parent is not None:
            node.parent.remove(node)


def setup_screen_only(app) -> None:
    app.add_directive("screen-only", ScreenOnly)

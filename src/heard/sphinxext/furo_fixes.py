"""Fixes to what the Furo theme does to a page's document tree.

Furo wraps each table in a `div.table-wrapper` (so a wide table scrolls in its own box) and
copies every attribute of the table to the wrapper, ids included: each table's id is then in
the page twice, which HTML forbids and the print outputs report as "Anchor defined twice".
This transform runs after Furo's and leaves the ids on the table only.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class OneIdPerTable(SphinxPostTransform):
    formats = ("html",)
    default_priority = 501  # Furo's WrapTableAndMathInAContainerTransform is 500

    def run(self, **kwargs) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"] or "math-wrapper" in wrapper["classes"]:
                wrapper["ids"] = []

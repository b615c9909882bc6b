"""Module pages list their delivery kit as downloads when the site is built with the kit
(`heard build --format kit` sets heard_kit_links): the trainer edition lists every file, the
learner edition only the learner files. The kit itself lands in the edition's kit/ folder."""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..printing.kitfiles import kit_files


class KitLinks(SphinxPostTransform):
    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs) -> None:
        if not self.config.heard_kit_links:
            return
        cur = self.env.get_domain("heard").curriculum()
        doc = next((d for d in cur.modules.values() if d.docname == self.env.docname), None)
        top = self.document.next_node(nodes.section)
        if doc is None or top is None:
            return
        has_materials = any(m.module == doc.id for d in cur.documents for m in d.materials)
        folder = posixpath.dirname(self.env.docname)
        listing = nodes.bullet_list()
        for name, label in kit_files(doc.id, self.config.heard_edition, has_materials):
            uri = posixpath.relpath(f"kit/{doc.id}/{name}", folder or ".")
            link = nodes.reference("", label, refuri=uri, classes=["heard-kit-download"])
            listing += nodes.list_item("", nodes.paragraph("", "", link))
        section = nodes.section(ids=["delivery-kit"], classes=["heard-kit"])
        section += nodes.title("", "Delivery kit")
        section += nodes.paragraph("", "Files to print, edit and present from, made from this "
                                       "page.")
        section += listing
        top += section


def setup_kit_links(app) -> None:
    app.add_config_value("heard_kit_links", False, "html", types=frozenset({bool, int}))
    app.add_post_transform(KitLinks)

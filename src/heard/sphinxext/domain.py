"""The Heard domain: every document's record, keyed by docname, safe for parallel builds."""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from .. import citations, features
from ..curriculum import Curriculum
from ..model import Document

WITHDRAWN_TEXT = "a withdrawn story"
ROLES = tuple(features.ROLES)
anchor = features.anchor


class HeardDomain(Domain):
    name = "heard"
    label = "Heard curriculum"
    initial_data: ClassVar[dict[str, Any]] = {"documents": {}, "withdrawn": {}}
    data_version = 1

    # -- storage ---------------------------------------------------------------------------

    @property
    def documents(self) -> dict[str, Document]:
        return self.data["documents"]

    def note_document(self, doc: Document) -> None:
        self.documents[doc.docname] = doc
        self._forget()

    def set_withdrawn(self, withdrawn: dict[str, str]) -> None:
        self.data["withdrawn"] = dict(withdrawn)
        self._forget()

    def set_local(self, loaded, plan) -> None:
        """The organisation profile and overlay plan (heard.organisation, heard.overlay)."""
        self.data["organisation"], self.data["overlay"] = loaded, plan
        self._forget()

    def clear_doc(self, docname: str) -> None:
        self.documents.pop(docname, None)
        self._forget()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Copy only the documents this worker read: `otherdata` also holds stale copies.
        for docname in docnames:
            if docname in otherdata["documents"]:
                self.documents[docname] = otherdata["documents"][docname]
        self._forget()

    def _forget(self) -> None:
        self.__dict__.pop("_curriculum", None)

    def curriculum(self) -> Curriculum:
        """The whole curriculum, built once per change from the stored records."""
        if "_curriculum" not in self.__dict__:
            docs = [self.documents[name] for name in sorted(self.documents)]
            self.__dict__["_curriculum"] = Curriculum(
                docs, dict(self.data["withdrawn"]), organisation=self.data.get("organisation"),
                overlay=self.data.get("overlay"))
        return self.__dict__["_curriculum"]

    # -- cross-references ------------------------------------------------------------------

    def locate(self, typ: str, target: str) -> tuple[str, str, str] | None:
        """(docname, anchor, display text) of a reference target, or None."""
        found = features.resolve(self.curriculum(), typ, target)
        return (found.docname, found.anchor, found.text) if found else None

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "story" and target in self.data["withdrawn"]:
            # The story's title is part of it: the link becomes plain words.
            return nodes.inline(WITHDRAWN_TEXT, WITHDRAWN_TEXT, classes=["heard-withdrawn"])
        found = self.locate(typ, target)
        if found is None:
            return None
        docname, anchor_id, text = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(text, text, classes=["heard-ref", f"heard-ref-{typ}"])
        title = text
        if typ == "source":  # the link's tooltip is the full Harvard reference
            title = citations.harvard_text(self.curriculum().sources[target])
        return make_refnode(builder, fromdocname, docname, anchor_id, contnode, title)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        cur = self.curriculum()
        for table, typ in ((cur.stories, "story"), (cur.modules, "module")):
            for key, doc in table.items():
                yield key, doc.meta.title, typ, doc.docname, "", 1

"""The curriculum as a whole: documents indexed by id, for rules and generated pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import loader, model, organisation, overlay
from .model import Document


@dataclass
class Curriculum:
    documents: list[Document]
    # Stories left out of this build because their consent was withdrawn: id -> path.
    excluded_stories: dict[str, str] = field(default_factory=dict)
    # The organisation profile (heard.toml) as loaded, and the overlay plan (local/).
    organisation: organisation.Loaded | None = None
    overlay: overlay.Plan | None = None

    def __post_init__(self) -> None:
        self.stories: dict[str, Document] = {}
        self.lists: dict[str, Document] = {}
        self.frameworks: dict[str, Document] = {}
        self.modules: dict[str, Document] = {}
        self.sources: dict[str, model.Source] = {}
        self.source_docs: dict[str, Document] = {}
        self.terms: dict[str, model.Term] = {}
        self.withdrawn: dict[str, str] = dict(self.excluded_stories)
        self.source_doc: Document | None = None
        self.glossary_doc: Document | None = None
        tables = {model.Story: self.stories, model.QualityList: self.lists,
                  model.Framework: self.frameworks, model.Module: self.modules}
        for doc in self.documents:
            meta = doc.meta
            if isinstance(meta, model.Story) and meta.consent.status == "withdrawn":
                self.withdrawn.setdefault(meta.id, doc.path)
            elif type(meta) in tables:
                tables[type(meta)].setdefault(meta.id, doc)
            elif isinstance(meta, model.SourceRegister):
                self.source_doc = self.source_doc or doc
                for source in meta.sources:
                    self.sources.setdefault(source.id, source)
                    self.source_docs.setdefault(source.id, doc)  # local/ may add a register
            elif isinstance(meta, model.Glossary):
                self.glossary_doc = self.glossary_doc or doc
                for term in meta.terms:
                    self.terms.setdefault(term.term, term)

    @classmethod
    def load(cls, root: Path, edition: str = "trainer") -> Curriculum:
        profile = organisation.load_profile(root)
        plan = overlay.plan(root, profile.profile)
        documents = loader.load_curriculum(root, edition, plan.files)
        overlay.retarget_documents(documents, plan)
        return cls(documents, organisation=profile, overlay=plan)

    @property
    def profile(self) -> organisation.Profile | None:
        return self.organisation.profile if self.organisation else None

    @property
    def left_out(self) -> dict[str, str]:
        """Module and story ids the profile leaves out: id -> path."""
        return self.overlay.left_out if self.overlay else {}

    # -- lookups ---------------------------------------------------------------------------

    def quality_items(self) -> Iterator[tuple[str, Document, model.QualityItem]]:
        """Every quality item as (list-id:item-id, its list document, the item)."""
        for list_id, doc in sorted(self.lists.items()):
            for item in doc.meta.items:
                yield f"{list_id}:{item.id}", doc, item

    def quality_item(self, ref: str) -> model.QualityItem | None:
        list_id, _, item_id = ref.partition(":")
        doc = self.lists.get(list_id)
        return next((i for i in doc.meta.items if i.id == item_id), None) if doc else None

    def framework_item(self, framework_id: str, item_id: str) -> model.FrameworkItem | None:
        doc = self.frameworks.get(framework_id)
        return next((i for i in doc.meta.items if i.id == item_id), None) if doc else None

    def modules_using_story(self, story_id: str) -> list[Document]:
        return [doc for doc in self.modules.values() if story_id in doc.meta.stories]

    def modules_teaching(self, ref: str) -> list[Document]:
        return [doc for doc in self.modules.values() if ref in doc.meta.teaches]

    def document(self, docname: str) -> Document | None:
        return next((doc for doc in self.documents if doc.docname == docname), None)

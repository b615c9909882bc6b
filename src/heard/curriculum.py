"""The curriculum as a whole: documents indexed by id, for rules and generated pages."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import loader, model, organisation, overlay
from .model import Document


class Stories(dict):
    """Stories by id; asking for a withdrawn one says so (a notebook run in Jupyter shows
    this message, not a bare KeyError)."""

    def __init__(self, withdrawn: dict[str, str]) -> None:
        super().__init__()
        self.withdrawn = withdrawn

    def __missing__(self, story_id: str):
        if story_id in self.withdrawn:
            raise KeyError(f"the story {story_id!r} has been withdrawn by the people it "
                           "belongs to, so this exercise cannot use it")
        raise KeyError(story_id)


@dataclass
class Curriculum:
    documents: list[Document]
    # Stories left out of this build because their consent was withdrawn: id -> path.
    excluded_stories: dict[str, str] = field(default_factory=dict)
    # The folder it was loaded from, when there is one: rules that read files' text need it.
    root: Path | None = None
    # The organisation profile (heard.toml) as loaded, and the overlay plan (local/).
    organisation: organisation.Loaded | None = None
    overlay: overlay.Plan | None = None

    def __post_init__(self) -> None:
        self.withdrawn: dict[str, str] = dict(self.excluded_stories)
        self.stories: dict[str, Document] = Stories(self.withdrawn)
        self.lists: dict[str, Document] = {}
        self.frameworks: dict[str, Document] = {}
        self.modules: dict[str, Document] = {}
        self.sources: dict[str, model.Source] = {}
        self.source_docs: dict[str, Document] = {}
        self.terms: dict[str, model.Term] = {}
        self.source_doc: Document | None = None
        self.glossary_doc: Document | None = None
        # Documents that failed to load: the id they meant to have -> path. Rules stay silent
        # about references to them, so one broken file gives one error, not one per use.
        self.failed: dict[str, str] = {}
        tables = {model.Story: self.stories, model.QualityList: self.lists,
                  model.Framework: self.frameworks, model.Module: self.modules}
        for doc in self.documents:
            meta = doc.meta
            if doc.withdrawn and doc.kind == "story":
                self.withdrawn.setdefault(doc.id or doc.intended_id or doc.docname, doc.path)
            elif meta is None and doc.intended_id:
                self.failed.setdefault(doc.intended_id, doc.path)
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
        # A module's assessment and its answer key (trainer edition only), by module id.
        self.assessments: dict[str, Document] = {}
        self.answer_keys: dict[str, Document] = {}
        for doc in self.documents:
            if isinstance(doc.meta, model.Assessment):
                self.assessments.setdefault(doc.meta.module, doc)
            elif isinstance(doc.meta, model.AnswerKey):
                self.answer_keys.setdefault(doc.meta.module, doc)

    @classmethod
    def load(cls, root: Path, edition: str = "trainer", cache=None, sources=None,
             plan: overlay.Plan | None = None,
             profile: organisation.Loaded | None = None) -> Curriculum:
        """The curriculum under root: upstream files and the organisation's overlay (local/),
        less what its profile leaves out. `cache` (heard.cache.CheckCache) reuses unchanged
        files' records; `sources`, `plan` and `profile` may be passed in when already read."""
        from . import guard

        root = Path(root)
        if profile is None:
            profile = organisation.load_profile(root)
        if plan is None:
            plan = overlay.plan(root, profile.profile)
        files = plan.files
        if guard.active():
            # Inside a learner build's notebook: the learner edition, without the trainer kit.
            guard.refuse_trainer_edition(edition)
            files = [path for path in files if not guard.is_trainer_only(path)]
            sources = None
        if sources is None:
            sources = loader.read_sources(root, files)
        documents = loader.load_curriculum(root, edition, cache, sources)
        overlay.retarget_documents(documents, plan)
        return cls(documents, root=root, organisation=profile, overlay=plan)

    @property
    def profile(self) -> organisation.Profile | None:
        return self.organisation.profile if self.organisation else None

    @property
    def left_out(self) -> dict[str, str]:
        """Module and story ids the profile leaves out: id -> path."""
        return self.overlay.left_out if self.overlay else {}

    def reading_order(self) -> list[str]:
        """Every document in table-of-contents order, from the root page down, as the loaded
        toctrees give it (in the learner edition, without trainer-only ones)."""
        docs = {doc.docname: doc for doc in self.documents}
        order: list[str] = []
        seen: set[str] = set()
        stack = ["index"]
        while stack:  # depth first, in toctree order, without recursion
            docname = stack.pop()
            if docname in seen or docname not in docs:
                continue
            seen.add(docname)
            order.append(docname)
            folder = posixpath.dirname(docname)
            targets = [target.lstrip("/") if target.startswith("/")
                       else posixpath.normpath(posixpath.join(folder, target))
                       for target, _line in docs[docname].toctree]
            stack.extend(reversed(targets))
        return order

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

    def untaught_items(self) -> list[str]:
        """Quality items (list-id:item-id) that no module teaches: the coverage gaps."""
        taught = {ref for doc in self.modules.values() for ref in doc.meta.teaches}
        return [ref for ref, _doc, _item in self.quality_items() if ref not in taught]

    def unaddressed(self, framework_id: str) -> list[str]:
        """Items of a module-mapped framework (pcf, swe) that no module addresses."""
        doc = self.frameworks.get(framework_id)
        if doc is None:
            return []
        mapped = {item for module in self.modules.values()
                  for item in getattr(module.meta, framework_id)}
        return [item.id for item in doc.meta.items if item.id not in mapped]

    def modules_teaching(self, ref: str) -> list[Document]:
        return [doc for doc in self.modules.values() if ref in doc.meta.teaches]

    def document(self, docname: str) -> Document | None:
        return next((doc for doc in self.documents if doc.docname == docname), None)

"""Incremental builds: when a record changes, rewrite exactly the pages that show it.

Sphinx rewrites a page when its own source changes. Heard pages also show other documents
(story cards, indexes, matrices, link titles), so we remember each record's fingerprint before
the read phase and, after it, add every page that uses a changed record to the write set.
"""

from __future__ import annotations

import hashlib
import pickle

from .. import features, model
from ..model import Document

# Listing directives and the kinds of record they show (from the registry).
LISTING_USES = {name: listing.uses for name, listing in features.LISTINGS.items()
                if listing.uses}

# The record kind a cross-reference role points at (its link text is that record's title).
ROLE_KINDS = {name: role.kind for name, role in features.ROLES.items() if role.kind}


def provides(doc: Document) -> set[str]:
    keys = {f"kind:{doc.kind}"}
    if doc.id:
        keys.add(f"{doc.kind}:{doc.id}")
    if isinstance(doc.meta, model.SourceRegister):
        keys.add("kind:source-register")
    return keys


def uses(doc: Document) -> set[str]:
    keys: set[str] = set()
    for ref in doc.roles:
        if ref.role in ROLE_KINDS:
            keys.add(f"{ROLE_KINDS[ref.role]}:{ref.target.split(':')[0]}")
        elif ref.role == "source":
            keys.add("kind:source-register")
    for block in doc.blocks:
        keys.update(LISTING_USES.get(block.name, ()))
        if block.name == "story-card":
            keys.add(f"story:{block.argument}")
        elif block.name == "timetable":
            keys.update(f"module:{m}" for m in block.argument.split())
        elif block.name == "fact":
            keys.add("kind:source-register")
    meta = doc.meta
    if isinstance(meta, model.Programme):
        keys.update(f"module:{s.module}" for s in meta.sessions if s.module)
    if isinstance(meta, model.Assessment):
        keys.add("kind:source-register")  # its reading list shows Harvard references
    if isinstance(meta, model.Module):
        keys.update(f"story:{s}" for s in meta.stories)
        keys.update(f"quality-list:{ref.split(':')[0]}" for ref in meta.teaches)
        keys.update({"framework:pcf", "framework:swe"})
    if doc.has_block("story-card") or doc.has_block("module-overview"):
        keys.add("kind:source-register")
    return keys


def fingerprint(doc: Document) -> str:
    meta = doc.meta.model_dump_json() if doc.meta is not None else ""
    body = pickle.dumps((doc.activities, doc.kind), protocol=4)
    return hashlib.sha1(meta.encode() + body).hexdigest()


class Dependencies:
    def __init__(self, app) -> None:
        self.app = app
        self.before: dict[str, tuple[set[str], str]] = {}
        self.reading: set[str] = set()

    def connect(self) -> None:
        self.app.connect("env-get-outdated", self.remember)
        self.app.connect("env-before-read-docs", self.note_reading)
        self.app.connect("env-get-updated", self.dependants)

    def remember(self, app, env, added, changed, removed) -> list[str]:
        documents = env.get_domain("heard").documents
        self.before = {name: (provides(documents[name]), fingerprint(documents[name]))
                       for name in (changed | removed) if name in documents}
        self.reading = set(added) | set(changed)
        return []

    def note_reading(self, app, env, docnames) -> None:
        self.reading |= set(docnames)  # including those other extensions marked outdated

    def dependants(self, app, env) -> list[str]:
        documents = env.get_domain("heard").documents
        changed: set[str] = set()
        for name, (keys, old) in self.before.items():
            doc = documents.get(name)
            if doc is None or fingerprint(doc) != old:
                changed |= keys
        for name in self.reading:
            doc = documents.get(name)
            if doc is not None and (name not in self.before or provides(doc) != self.before[name][0]):
                changed |= provides(doc)
        reading, self.before, self.reading = self.reading, {}, set()
        if not changed:
            return []
        return sorted(name for name, doc in documents.items()
                      if name not in reading and uses(doc) & changed)

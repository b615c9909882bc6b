"""Rules about documents as a whole: unique ids, required parts, no orphan pages."""

from __future__ import annotations

import posixpath
from collections import defaultdict

from .. import model
from ..problems import Problem
from . import rule

REQUIRED_BLOCKS = {
    "story": ("reflection-questions", "trainer-notes"),
    "module": ("reflection-questions", "cpd-prompt", "trainer-notes"),
}


@rule("H020", "duplicate-id", "Two documents, items, terms or sources share an id.")
def duplicate_ids(cur, ctx):
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for doc in cur.documents:
        meta = doc.meta
        if meta is None or doc.kind == "page":
            continue
        keyed: list[tuple[str, str, int]] = []
        if hasattr(meta, "id"):
            keyed.append((doc.kind, meta.id, doc.line_of("id")))
        for field, attr in (("items", "id"), ("sources", "id"), ("terms", "term")):
            for index, entry in enumerate(getattr(meta, field, None) or ()):
                scope = f"{doc.kind}:{meta.id}" if field == "items" else field
                keyed.append((scope, getattr(entry, attr), doc.line_of(field, index, attr)))
        for scope, key, line in keyed:
            if (scope, key) in seen:
                first_path, first_line = seen[(scope, key)]
                what = scope.split(":")[0].replace("-", " ").rstrip("s")
                yield Problem(doc.path, line, "H020", f"duplicate {what} id `{key}`, "
                              f"already used at {first_path}:{first_line}",
                              "give each one its own id; ids must be unique")
            else:
                seen[(scope, key)] = (doc.path, line)


@rule("H120", "missing-part", "A story or module lacks a required part (reflection questions, "
      "trainer notes, CPD prompt).")
def missing_parts(cur, ctx):
    for doc in cur.documents:
        if doc.meta is None or doc.kind not in REQUIRED_BLOCKS:
            continue
        if isinstance(doc.meta, model.Story) and doc.meta.withdrawn:
            continue
        for name in REQUIRED_BLOCKS[doc.kind]:
            if not doc.has_block(name):
                yield Problem(doc.path, doc.meta_line, "H120",
                              f"{doc.kind} `{doc.id}` has no {{{name}}} block",
                              f"add a ```{{{name}}}``` block; see docs/authoring/content-model.md")


@rule("H100", "orphan-page", "A page is not in any toctree, so readers cannot reach it.",
      in_sphinx=False)
def orphan_pages(cur, ctx):
    linked: set[str] = set()
    for doc in cur.documents:
        base = posixpath.dirname(doc.docname)
        for target, _line in doc.toctree:
            if target.startswith(("http://", "https://")) or target == "self":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            linked.add(posixpath.normpath(path).removesuffix(".md").removesuffix(".ipynb"))
    names = defaultdict(list)
    for doc in cur.documents:
        names[doc.docname].append(doc)
    for docname, docs in sorted(names.items()):
        doc = docs[0]
        withdrawn = isinstance(doc.meta, model.Story) and doc.meta.withdrawn
        # docs/snippets/ holds text included into other pages, never linked (conf.py
        # excludes it from the build).
        if docname == "index" or docname in linked or withdrawn or getattr(doc.meta, "orphan",
                                                                            False) \
                or docname.startswith("docs/snippets/"):
            continue
        yield Problem(doc.path, 1, "H100", f"`{doc.path}` is not in any toctree",
                      "list it in the toctree of its folder's index.md")


@rule("H121", "title-mismatch", "A page's heading differs from its front matter title, so links "
      "and the page would disagree.")
def titles_match(cur, ctx):
    for doc in cur.documents:
        title = getattr(doc.meta, "title", None)
        if title is None or doc.kind == "page":
            continue
        first = next(((text, line) for level, text, line in doc.headings if level == 1), None)
        if first is None or _plain(first[0]) != _plain(title):
            yield Problem(doc.path, first[1] if first else doc.line_of("title"), "H121",
                          f"the page heading {first[0] if first else '(none)'!r} differs from "
                          f"the title {title!r}",
                          "make the `# heading` and the `title:` field the same")


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").replace("`", "").split())

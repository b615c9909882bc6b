"""Citations on the page: Harvard references with quality labels, a module's reading list with
its RIS and BibTeX files, and the module's lived-experience review record.

The HTML builders (html, dirhtml) write each module's reading list as RIS and BibTeX next to
the module page when the build finishes; the list links to them by file name, so the links
work from the page's own folder in both builders. Other builders (PDF, EPUB, kit) show the
list without the links.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes

from .. import citations, exports, model

FILE_BUILDERS = ("html", "dirhtml")
NOT_REVIEWED = "Not yet reviewed by anyone with lived experience."


def reference(source: model.Source) -> list[nodes.Node]:
    """A source's Harvard reference as inline nodes: italics and links kept."""
    out: list[nodes.Node] = []
    for part in citations.harvard(source):
        if part.link:
            out.append(nodes.reference(part.text, part.text, refuri=part.link))
        elif part.italic:
            out.append(nodes.emphasis(part.text, part.text))
        else:
            out.append(nodes.Text(part.text))
    return out


def quality_label(source: model.Source) -> list[nodes.Node]:
    text = citations.label(source)
    if not text:
        return []
    return [nodes.Text(" "), nodes.inline("", f"Kind of source: {text}",
                                          classes=["heard-quality-label"])]


def citation(source: model.Source) -> nodes.paragraph:
    """The reference, then its quality label, as one paragraph."""
    node = nodes.paragraph(classes=["heard-citation"])
    node.extend(reference(source) + quality_label(source))
    return node


def quality_legend() -> nodes.Node:
    """What each quality label means, for learners judging how far to rely on a source."""
    terms = nodes.definition_list(classes=["heard-quality-legend"])
    for name, meaning in citations.QUALITY.values():
        item = nodes.definition_list_item()
        item += nodes.term(name, name)
        item += nodes.definition("", nodes.paragraph(meaning, meaning))
        terms += item
    return terms


def reading_sources(cur, ids: list[str]) -> nodes.bullet_list:
    """Sources as a list of Harvard references with quality labels (unknown ids: H030)."""
    listing = nodes.bullet_list(classes=["heard-reading"])
    for source_id in ids:
        if source_id in cur.sources:
            listing += nodes.list_item("", citation(cur.sources[source_id]))
    return listing


def module_sources(cur, module: model.Module) -> list[model.Source]:
    """The register entries of a module's `reading:`, in order (unknown ids are H030)."""
    return [cur.sources[i] for i in module.reading if i in cur.sources]


def reading_list(cur, module: model.Module, builder_name: str) -> list[nodes.Node]:
    """The module's `reading:` as Harvard references, with links to the RIS and BibTeX files."""
    if not module_sources(cur, module):
        return []
    box = nodes.container(classes=["heard-reading-list"])
    title = nodes.rubric("", "Reading list")
    title["heading-level"] = 2
    box += title
    box += reading_sources(cur, list(module.reading))
    if builder_name in FILE_BUILDERS:
        stem = exports.file_stem(module.id)
        line = nodes.paragraph(classes=["heard-reading-files"])
        line += nodes.Text("For reference managers (Zotero, EndNote, Mendeley): ")
        line += nodes.reference("", "RIS file", refuri=f"{stem}.ris")
        line += nodes.Text(", ")
        line += nodes.reference("", "BibTeX file", refuri=f"{stem}.bib")
        line += nodes.Text(".")
        box += line
    return [box]


def review_box(module: model.Module) -> list[nodes.Node]:
    """Who with lived experience shaped or reviewed the module, when, and what changed."""
    record = module.lived_experience_review
    box = nodes.container(classes=["heard-box", "heard-lived-experience-review"])
    title = nodes.rubric("", "Lived-experience review")
    title["heading-level"] = 2
    box += title
    if record is None or not record.reviews:
        box += nodes.paragraph(NOT_REVIEWED, NOT_REVIEWED)
    if record is not None and record.reviews:
        listing = nodes.bullet_list()
        for review in record.reviews:
            text = review_line(review, "the module")
            listing += nodes.list_item("", nodes.paragraph(text, text))
        box += listing
    if record is not None and record.note:
        box += nodes.paragraph(record.note, record.note, classes=["heard-note"])
    return [box]


def review_summary(module: model.Module) -> tuple[str, str]:
    """(status in words, details) of a module's record, for the trainer kit's table."""
    record = module.lived_experience_review
    if record is None:
        return "Not recorded", "The module does not say whether anyone has reviewed it."
    if not record.reviews:
        return "Not yet reviewed", record.note or NOT_REVIEWED
    return "Reviewed", "; ".join(review_line(r) for r in record.reviews)


def review_line(review: model.Review, what: str = "") -> str:
    """`Role (credit), date: contribution [what]. What changed: ...`"""
    who = review.role + (f" ({review.credit})" if review.credit else "")
    done = f"{review.contribution} {what}".strip()
    return f"{who}, {review.date.isoformat()}: {done}. What changed: {review.changed}"


def write_reading_files(app, exception) -> None:
    """build-finished: each module's reading list as RIS and BibTeX beside its page."""
    if exception is not None or app.builder.name not in FILE_BUILDERS:
        return
    cur = app.env.get_domain("heard").curriculum()
    for doc in cur.modules.values():
        sources = module_sources(cur, doc.meta)
        if not sources or doc.docname not in app.env.found_docs:
            continue
        folder = Path(app.outdir, posixpath.dirname(app.builder.get_target_uri(doc.docname)))
        folder.mkdir(parents=True, exist_ok=True)
        stem = exports.file_stem(doc.meta.id)
        (folder / f"{stem}.ris").write_text(exports.ris(sources), encoding="utf-8")
        (folder / f"{stem}.bib").write_text(exports.bibtex(sources), encoding="utf-8")


def setup_reading(app) -> None:
    app.connect("build-finished", write_reading_files)

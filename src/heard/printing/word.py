"""Editable Word documents (DOCX) from blocks, with python-docx: real Word headings, tables
and lists, British English set as the document's language, and the title in its properties,
so the files open and edit cleanly in Word and LibreOffice and read well with a screen reader.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .blocks import Block, Box, Heading, ListBlock, Para, Quote, Table

LANGUAGE = "en-GB"
TEXT_COLOUR = RGBColor(0x1F, 0x38, 0x64)  # dark blue: 11.6:1 on white
BOX_TITLES = {"trainer-notes": "Trainer notes", "suggested-answers": "Suggested answers",
              "reflection": "Reflection questions", "cpd": "CPD reflection",
              "portfolio": "Portfolio reflection",
              "content-note": "Content note"}


def new_document(title: str, subject: str, *, keywords: str = "", stamp: str = "") -> Document:
    """A new A4 document; `stamp` (heard.stamp: version, edition, organisation) goes in every
    page's footer and in the file's comments, so a printed or sent copy names its version."""
    document = Document()
    props = document.core_properties
    props.title, props.subject, props.author = title, subject, "The Heard contributors"
    props.language, props.keywords, props.comments = LANGUAGE, keywords, stamp
    for style in document.styles:
        if style.type == 1 and style.element.rPr is not None or style.name == "Normal":
            rpr = style.element.get_or_add_rPr()
            lang = rpr.find(qn("w:lang")) or OxmlElement("w:lang")
            lang.set(qn("w:val"), LANGUAGE)
            rpr.append(lang)
    document.styles["Normal"].font.size = Pt(11)
    for style in document.styles:  # Word's light blues fail WCAG AA contrast on white
        if style.type == 1 and (style.name.startswith(("Heading", "Title")) or
                                style.name in ("Caption", "Quote", "Intense Quote")):
            style.font.color.rgb = TEXT_COLOUR
    for part in document.sections:  # A4 with 2 cm margins, not Word's US Letter
        part.page_width, part.page_height = Cm(21), Cm(29.7)
        part.left_margin = part.right_margin = part.top_margin = part.bottom_margin = Cm(2)
        if stamp:
            footer = part.footer.paragraphs[0]
            footer.text = stamp
            footer.runs[0].font.size = Pt(8)
    return document


class Writer:
    """Writes blocks into a python-docx document, one list numbering per list."""

    def __init__(self, document, heading_offset: int = 0):
        self.document = document
        self.offset = heading_offset

    def add(self, blocks: list[Block], level: int = 0) -> None:
        for item in blocks:
            self.one(item, level)

    def one(self, item: Block, level: int) -> None:
        if isinstance(item, Heading):
            self.document.add_heading(item.text, min(max(item.level + self.offset, 1), 9))
        elif isinstance(item, Para):
            self.runs(self.document.add_paragraph(), item.runs)
        elif isinstance(item, ListBlock):
            self.listing(item, level)
        elif isinstance(item, Table):
            self.table(item)
        elif isinstance(item, Quote):
            for inner in item.blocks:
                if isinstance(inner, Para):
                    self.runs(self.document.add_paragraph(style="Quote"), inner.runs)
                else:
                    self.one(inner, level)
        elif isinstance(item, Box):
            title = item.title or BOX_TITLES.get(item.kind, "")
            if title:
                self.document.add_heading(title, 3 if item.kind == "activity" else 4)
            self.add(item.blocks, level)

    @staticmethod
    def runs(paragraph, runs) -> None:
        for text, bold, italic in runs:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None

    def listing(self, item: ListBlock, level: int) -> None:
        base = "List Number" if item.ordered else "List Bullet"
        style = base if level == 0 else f"{base} {min(level + 1, 3)}"
        num_id = self.restart(style) if item.ordered else None
        for entry in item.items:
            first = True
            for inner in entry:
                if isinstance(inner, Para) and first:
                    paragraph = self.document.add_paragraph(style=style)
                    if num_id is not None:
                        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                        numpr.get_or_add_ilvl().val = 0
                        numpr.get_or_add_numId().val = num_id
                    self.runs(paragraph, inner.runs)
                    first = False
                elif isinstance(inner, ListBlock):
                    self.listing(inner, level + 1)
                else:
                    self.one(inner, level + 1)

    def restart(self, style_name: str) -> int | None:
        """A new numbering instance for an ordered list, so each list counts from 1 (Word's
        List Number style otherwise carries on from the list before)."""
        style = self.document.styles[style_name]
        numpr = style.element.pPr.numPr if style.element.pPr is not None else None
        if numpr is None or numpr.numId is None:
            return None
        numbering = self.document.part.numbering_part.element
        abstract = numbering.num_having_numId(numpr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def table(self, item: Table) -> None:
        if item.title:
            self.document.add_paragraph(item.title, style="Caption")
        columns = max(len(row) for row in item.header + item.rows) if item.header + item.rows \
            else 1
        grid = self.document.add_table(rows=0, cols=columns)
        grid.style = "Table Grid"
        for row_number, cells in enumerate(item.header + item.rows):
            row = grid.add_row()
            for index, text in enumerate(cells):
                cell = row.cells[index]
                cell.text = text
                if row_number < len(item.header):
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            if row_number >= len(item.header) and len(cells) > 1 and not any(cells[1:]):
                row.height = Cm(2.5)  # an answer to write by hand: leave room for it
            if row_number < len(item.header):  # repeat as a header row on every page
                trpr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                trpr.append(header)


def write_docx(target: Path, title: str, subject: str, sections: list[tuple[str, list[Block]]],
               *, intro: list[str] = (), keywords: str = "", stamp: str = "") -> Path:
    """A document titled `title`, with one level-1 heading per (heading, blocks) section."""
    document = new_document(title, subject, keywords=keywords, stamp=stamp)
    document.add_heading(title, 0)
    for line in intro:
        document.add_paragraph(line)
    writer = Writer(document)
    for heading, blocks in sections:
        if heading:
            document.add_heading(heading, 1)
        writer.add(blocks)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)
    return target

"""A module's materials pack (PDF): every worksheet, checklist and handout on its own A4 page;
card sets, role cards and scenario cards laid out to cut, eight to a page, each naming its
activity and module; story cards large, two to a page, to read across a table.

The pack is made from blocks (see blocks.py), so the same content that the site shows is
printed, and WeasyPrint renders it as a tagged PDF, as it does the handouts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from . import blocks as b

STATIC = Path(__file__).parent / "static"
SHEETS = ("worksheet", "observer-checklist", "handout")
LABELS = {"worksheet": "Worksheet", "card-set": "Card set", "observer-checklist":
          "Observer checklist", "role-card": "Role card", "scenario-card": "Scenario card",
          "story-card": "Story card", "handout": "Handout"}


@dataclass
class Item:
    """One {material}: its kind, title, activity and content."""

    kind: str
    title: str
    activity: str
    blocks: list[b.Block]


def inline(block: b.Para) -> str:
    out = []
    for text, bold, italic in block.runs:
        piece = html.escape(text)
        if italic:
            piece = f"<em>{piece}</em>"
        if bold:
            piece = f"<strong>{piece}</strong>"
        out.append(piece)
    return "".join(out)


def to_html(blocks: list[b.Block], heading_base: int = 3) -> str:
    out = []
    for item in blocks:
        if isinstance(item, b.Heading):
            level = min(heading_base, 6)
            out.append(f"<h{level}>{html.escape(item.text)}</h{level}>")
        elif isinstance(item, b.Para):
            out.append(f"<p>{inline(item)}</p>")
        elif isinstance(item, b.ListBlock):
            tag = "ol" if item.ordered else "ul"
            entries = "".join(f"<li>{to_html(entry, heading_base)}</li>" for entry in item.items)
            out.append(f"<{tag}>{entries}</{tag}>")
        elif isinstance(item, b.Quote):
            out.append(f"<blockquote>{to_html(item.blocks, heading_base)}</blockquote>")
        elif isinstance(item, b.Table):
            head = "".join("<tr>" + "".join(f'<th scope="col">{html.escape(c)}</th>'
                                            for c in row) + "</tr>" for row in item.header)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row)
                           + "</tr>" for row in item.rows)
            caption = f"<caption>{html.escape(item.title)}</caption>" if item.title else ""
            out.append(f"<table>{caption}<thead>{head}</thead><tbody>{body}</tbody></table>")
        elif isinstance(item, b.Box):
            out.append(f'<div class="box">{to_html(item.blocks, heading_base)}</div>')
    return "".join(out)


def cards_of(item: Item) -> tuple[list[b.Block], list[list[b.Block]]]:
    """(a note for the trainer, the cards) of a card material: one card per item of its one
    list, with what comes before the list as the note; else the whole body is one card."""
    lists = [block for block in item.blocks if isinstance(block, b.ListBlock)]
    if len(lists) == 1 and len(lists[0].items) > 1:
        at = item.blocks.index(lists[0])
        return item.blocks[:at], lists[0].items + ([item.blocks[at + 1:]]
                                                    if item.blocks[at + 1:] else [])
    return [], [item.blocks]


def pack_body(module_title: str, items: list[Item]) -> str:
    esc = html.escape
    contents = "".join(f"<li>{esc(LABELS[i.kind])}: {esc(i.title)} (for “{esc(i.activity)}”)"
                       "</li>" for i in items)
    parts = [f'<section class="cover"><h1 class="doc-title">Materials: {esc(module_title)}'
             "</h1><p>Print this pack before the session. Worksheets and checklists are one "
             "to a page: print one per person or group. Cut card sheets along the dashed "
             "lines. Story cards are large, to read across a table.</p>"
             f"<ul>{contents}</ul></section>"]
    for item in items:
        label = f"{LABELS[item.kind]}: {item.title}"
        where = f"{item.activity} · {module_title}"
        if item.kind in SHEETS:
            parts.append(f'<section class="sheet {item.kind}"><h2>{esc(label)}</h2>'
                         f'<p class="for">For the activity “{esc(item.activity)}”.</p>'
                         f"{to_html(item.blocks)}</section>")
            continue
        note, cards = cards_of(item)
        cut = "".join(f'<div class="card">{to_html(card)}<p class="where">{esc(where)}</p>'
                      "</div>" for card in cards)
        parts.append(f'<section class="cards {item.kind}"><h2>{esc(label)}</h2>'
                     f'<p class="for">Cut along the dashed lines. For the activity '
                     f"“{esc(item.activity)}”.</p>{to_html(note)}{cut}</section>")
    return "".join(parts)


def write_pack(target: Path, module_title: str, module_id: str, items: list[Item], *,
               warn=None, version: str = "", stamp: str = "") -> Path:
    """Render the pack; renderer warnings go to `warn` (the kit builder's Sphinx logger, so
    a strict build fails on them)."""
    from .document import document
    from .build import write_pdf

    text = document(f"Materials: {module_title}", pack_body(module_title, items),
                    css=[STATIC / "print.css", STATIC / "materials.css"],
                    description=f"The printed materials for the Heard module {module_title}.",
                    running="Materials pack",
                    keywords=["Heard", "social work", "materials", module_id], version=version,
                    stamp=stamp)
    return write_pdf(text, target, strict=warn is None, warn=warn)

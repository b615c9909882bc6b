"""Run sheet outputs: text for the terminal, JSON for tools (with its JSON Schema), HTML in the
trainer edition's look, PDF (WeasyPrint) and DOCX (python-docx)."""

from __future__ import annotations

import html
import json
from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from .layout import RunSheet, longest_stretch
from .request import clock, start_minutes


class RowOut(BaseModel):
    start: str = Field(description="Clock time, HH:MM.")
    minutes: int
    kind: Literal["activity", "break", "setup"]
    module: str | None = Field(description="The module id; null for breaks, change-overs and "
                                           "the close.")
    activity: str = Field(description="The activity's title (or the break's).")
    format: str
    who: str = Field(description="staff trainer, co-trainer, both, or empty for a break.")
    resources: list[str]
    purpose: str = Field(description="The module outcome the activity serves.")


class Uncovered(BaseModel):
    item: str
    why: str


class LeftOut(BaseModel):
    module: str
    why: str


class ContentNote(BaseModel):
    story: str
    notes: list[str]


class Levelled(BaseModel):
    module: str
    stage: str
    pcf_level: str
    outcomes: list[str]


class RunSheetOut(BaseModel):
    """A run sheet from `heard plan --format json`."""

    title: str = ""
    minutes: int
    start: str
    audience: str
    co_trainer: bool
    rows: list[RowOut]
    uncovered: list[Uncovered]
    covered: list[str]
    left_out: list[LeftOut] = Field(description="Modules this request cannot use, and why.")
    content_notes: list[ContentNote] = Field(description="For joining instructions.")
    levelled_outcomes: list[Levelled] = Field(
        default_factory=list, description="The chosen modules' outcomes at this audience's "
                                          "stages, with the PCF level they are mapped at.")
    setup_from: str = Field(description="When trainers arrive to set up, before the start.")
    longest_stretch: int = Field(description="Longest run of minutes without a break.")
    totals: dict[str, int] = Field(description="Minutes by kind: activity, break, setup.")


def as_model(sheet: RunSheet) -> RunSheetOut:
    req = sheet.request
    return RunSheetOut(
        title=req.title, minutes=req.minutes, start=req.start, audience=req.audience,
        co_trainer=req.co_trainer,
        rows=[RowOut(start=clock(r.start), minutes=r.minutes, kind=r.kind, module=r.module,
                     activity=r.title, format=r.format, who=r.who, resources=r.resources,
                     purpose=r.purpose) for r in sheet.rows],
        uncovered=[Uncovered(item=item, why=why) for item, why in sheet.uncovered],
        covered=sheet.covered,
        left_out=[LeftOut(module=m, why=why) for m, why in sheet.excluded],
        content_notes=[ContentNote(story=s, notes=n) for s, n in sheet.content_notes],
        levelled_outcomes=[Levelled(module=m, stage=s, pcf_level=p, outcomes=o)
                           for m, s, p, o in sheet.levelled],
        setup_from=clock(start_minutes(req.start) - req.setup),
        longest_stretch=longest_stretch(sheet.rows),
        totals={kind: sheet.minutes_of(kind) for kind in ("activity", "break", "setup")})


def as_json(sheet: RunSheet) -> str:
    return json.dumps(as_model(sheet).model_dump(), indent=2, ensure_ascii=False)


def schema() -> dict:
    found = RunSheetOut.model_json_schema()
    found["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return found


def hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return " ".join(p for p in (f"{h} h" if h else "", f"{m} min" if m else "") if p) or "0 min"


def heading(sheet: RunSheet) -> list[str]:
    req = sheet.request
    title = req.title or "Session plan"
    setup = f" Set up the room from {clock(start_minutes(req.start) - req.setup)}." \
        if req.setup else ""
    return [title, f"{hours(req.minutes)} from {req.start}, for {req.audience}, "
            + ("with" if req.co_trainer else "without") + " a co-trainer with lived experience."
            + setup]


def as_text(sheet: RunSheet) -> str:
    out = heading(sheet)
    out[0] = out[0].upper()
    out.append("")
    for row in sheet.rows:
        label = row.title if row.kind != "activity" or not row.module else \
            f"{row.title} [{row.module}]"
        detail = ", ".join(p for p in (row.format, row.who) if p)
        out.append(f"{clock(row.start)}  {row.minutes:>3} min  {label}"
                   + (f" ({detail})" if detail else ""))
        if row.kind == "activity":
            if row.purpose:
                out.append(f"{'':17}Purpose: {row.purpose}")
            if row.resources:
                out.append(f"{'':17}Resources: {'; '.join(row.resources)}")
    out.append(f"{clock(sheet.rows[-1].start + sheet.rows[-1].minutes) if sheet.rows else ''}"
               "  end")
    out += ["", totals_line(sheet)]
    out += section("Covered", sheet.covered)
    out += section("Not covered", [f"{item}: {why}" for item, why in sheet.uncovered])
    out += section("Modules left out", [f"{m}: {why}" for m, why in sheet.excluded])
    for title, outcomes in levelled_sections(sheet):
        out += section(title, outcomes)
    out += section("Content notes (for joining instructions)",
                   [f"{story}: {', '.join(notes)}" for story, notes in sheet.content_notes])
    return "\n".join(out) + "\n"


def levelled_sections(sheet: RunSheet) -> list[tuple[str, list[str]]]:
    """The chosen modules' outcomes at the audience's stages, one titled list a stage; every
    format shows the same ones."""
    return [(f"Outcomes for {stage} [{module}], at PCF level {pcf_level}", outcomes)
            for module, stage, pcf_level, outcomes in sheet.levelled]


def totals_line(sheet: RunSheet) -> str:
    return (f"Total {hours(sheet.total)}: activities {hours(sheet.minutes_of('activity'))}, "
            f"breaks {hours(sheet.minutes_of('break'))}, change-overs "
            f"{hours(sheet.minutes_of('setup'))}. Longest stretch without a break: "
            f"{longest_stretch(sheet.rows)} min (maximum {sheet.request.max_stretch}).")


def section(title: str, lines: list[str]) -> list[str]:
    return ["", f"{title}:", *[f"  - {line}" for line in lines]] if lines else []


# -- HTML, PDF, DOCX -----------------------------------------------------------------------

COLUMNS = ("Time", "Minutes", "Activity", "Format", "Who", "Resources", "Purpose")
EXTRA_CSS = """
/* enough to read well on its own, should the theme's stylesheet be missing */
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; }
table.run { border-collapse: collapse; width: 100%; }
table.run th, table.run td { border: 1px solid #c9ced4; padding: 0.3rem 0.5rem;
  text-align: left; vertical-align: top; }
main.run-sheet { max-width: 70rem; margin: 0 auto; padding: 1rem 1.5rem; }
table.run { font-size: 0.9rem; }
table.run td:nth-child(3) { width: 22%; font-weight: 600; }
table.run td:nth-child(6), table.run td:nth-child(7) { width: 24%; }
table.run small { font-weight: 400; }
.run-sheet tr.break td, .run-sheet tr.setup td { background: var(--soft, #f4f6f8); }
@page { size: A4 landscape; margin: 12mm; }
"""


def theme_css() -> str:
    """The trainer edition's stylesheet, inlined so the file loads nothing from elsewhere."""
    try:
        return (files("heard") / "sphinxext" / "theme" / "heard" / "static" / "heard.css"
                ).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def as_html(sheet: RunSheet) -> str:
    e = html.escape
    title, subtitle = heading(sheet)
    body = []
    for row in sheet.rows:
        name = e(row.title) + (f"<br><small>{e(row.module)}</small>" if row.module else "")
        cells = [clock(row.start), str(row.minutes), name, e(row.format), e(row.who),
                 "; ".join(e(r) for r in row.resources), e(row.purpose)]
        body.append(f'<tr class="{row.kind}">' + "".join(f"<td>{c}</td>" for c in cells)
                    + "</tr>")
    lists = "".join(
        f"<h2>{e(name)}</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>"
        for name, items in (
            ("Covered", sheet.covered),
            ("Not covered", [f"{i}: {w}" for i, w in sheet.uncovered]),
            ("Modules left out", [f"{m}: {why}" for m, why in sheet.excluded]),
            *levelled_sections(sheet),
            ("Content notes for joining instructions",
             [f"{s}: {', '.join(n)}" for s, n in sheet.content_notes])) if items)
    head = "".join(f'<th scope="col">{c}</th>' for c in COLUMNS)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}: run sheet</title>
<style>{theme_css()}{EXTRA_CSS}</style></head>
<body class="edition-trainer">
<header class="site-header"><span class="site-title">Heard</span>
<span class="edition-badge">Trainer edition</span></header>
<main class="run-sheet"><h1>{e(title)}</h1><p>{e(subtitle)}</p>
<table class="docutils heard-table run"><caption>Run sheet</caption>
<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>
<p>{e(totals_line(sheet))}</p>{lists}</main></body></html>
"""


def write_pdf(sheet: RunSheet, path: Path) -> None:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class NothingFetched(URLFetcher):  # the page is self-contained: nothing to load, anywhere
        def fetch(self, url, headers=None):
            raise FatalURLFetchingError(f"refusing to fetch {url}: a run sheet loads nothing")

    HTML(string=as_html(sheet), url_fetcher=NothingFetched()).write_pdf(
        path, pdf_variant="pdf/ua-1", pdf_tags=True)


def write_docx(sheet: RunSheet, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    title, subtitle = heading(sheet)
    doc.add_heading(title, level=1)
    doc.add_paragraph(subtitle)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS):
        cell.text = name
    for row in sheet.rows:
        cells = table.add_row().cells
        values = [clock(row.start), str(row.minutes), row.title + (f" ({row.module})"
                  if row.module else ""), row.format, row.who, "; ".join(row.resources),
                  row.purpose]
        for cell, value in zip(cells, values):
            cell.text = value
    doc.add_paragraph(totals_line(sheet))
    for name, items in (("Not covered", [f"{i}: {w}" for i, w in sheet.uncovered]),
                        *levelled_sections(sheet),
                        ("Content notes for joining instructions",
                         [f"{s}: {', '.join(n)}" for s, n in sheet.content_notes])):
        if items:
            doc.add_heading(name, level=2)
            for item in items:
                doc.add_paragraph(item, style="List Bullet")
    doc.save(path)


WRITERS = {"html": lambda s, p: p.write_text(as_html(s), encoding="utf-8"),
           "pdf": write_pdf, "docx": write_docx,
           "json": lambda s, p: p.write_text(as_json(s) + "\n", encoding="utf-8"),
           "text": lambda s, p: p.write_text(as_text(s), encoding="utf-8")}


def as_programme(sheet: RunSheet, cur) -> str:
    """The `duration` and `sessions` of a programme page (kind: programme) for this run
    sheet, so a programme's timetable matches its saved plan. Programmes run whole modules."""
    import yaml

    sessions: list[dict] = []
    kept: dict[str, list[str]] = {}
    for row in sheet.rows:
        if row.module:
            if not sessions or sessions[-1].get("module") != row.module:
                sessions.append({"module": row.module})
                kept[row.module] = []
            kept[row.module].append(row.title)
        elif row.kind == "break" and sessions and "module" in sessions[-1] \
                and kept[sessions[-1]["module"]] != [
                    a.title for a in cur.modules[sessions[-1]["module"]].activities]:
            sessions[-1].setdefault("breaks", []).append(
                {"after": kept[sessions[-1]["module"]][-1], "minutes": row.minutes,
                 "title": row.title})
        else:
            sessions.append({"title": row.title, "minutes": row.minutes})
    for module_id, titles in kept.items():
        if titles != [a.title for a in cur.modules[module_id].activities]:
            raise ValueError(f"the plan leaves out activities of {module_id}; a programme "
                             "runs whole modules")
    data = {"duration": sheet.total, "sessions": sessions}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96)

"""A WeasyPrint finisher that gives every table header cell a /Scope.

WeasyPrint 70 links data cells to their headers (/Headers and /IDs) but writes no /Scope on
the header cells, so validators cannot tell which cells a header heads (PDF/UA-1 7.5,
`pdfua` rule UA-15-003). A header cell in a table's head (THead) heads its column; one in
the body (a stub, as in Heard's timetables and matrices) heads its row; one in a table with
no head or body sections heads its column when it is in the first row, else its row.
"""

from __future__ import annotations

import pydyf


def scope_table_headers(document, pdf: pydyf.PDF) -> None:
    by_reference = {obj.reference: obj for obj in pdf.objects
                    if isinstance(obj, pydyf.Object) and hasattr(obj, "reference")}

    def parent(element):
        return by_reference.get(element.get("P"))

    for element in list(by_reference.values()):
        if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/TH":
            continue
        attributes = element.get("A")
        if not isinstance(attributes, pydyf.Dictionary) or "Scope" in attributes:
            continue
        row = parent(element)
        section = parent(row) if row is not None else None
        kind = section.get("S") if section is not None else None
        if kind == "/THead":
            scope = "/Column"
        elif kind in ("/TBody", "/TFoot"):
            scope = "/Row"
        else:
            first = section is not None and section.get("K") and \
                section["K"][0] == row.reference
            scope = "/Column" if first else "/Row"
        attributes["Scope"] = scope

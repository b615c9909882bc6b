"""A complete HTML document for the PDF renderer: metadata (title, language, description,
keywords) and page furniture (the running head), around a body the print builders render."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

LANGUAGE = "en-GB"


def document(title: str, body: str, *, css: Iterable[str], description: str,
             running: str, keywords: Iterable[str] = (), version: str = "",
             first_page_plain: bool = False, stamp: str = "") -> str:
    """A complete HTML document for the PDF renderer, with its metadata and page furniture:
    `running` is the header's right-hand text; `stamp` (heard.stamp) the footer's left-hand
    text, so a printed page names the version it came from; a plain first page has none."""
    keywords = [*keywords, *([stamp] if stamp else [])]
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(Path(c).resolve().as_uri())}">'
                      for c in css)
    page_css = f'@page {{ @top-right {{ content: "{css_string(running)}"; }}'
    if stamp:
        # Its size is the stylesheets' (print.css, larger in large-print.css).
        page_css += (f' @bottom-left {{ content: "{css_string(stamp)}"; '
                     "vertical-align: top; padding-top: 3mm; width: 70%; }")
    page_css += " }"
    if first_page_plain:
        page_css += ("\n@page :first { @top-left { content: none; } "
                     "@top-right { content: none; } @bottom-right { content: none; } "
                     "@bottom-left { content: none; } }")
    return f"""<!DOCTYPE html>
<html lang="{LANGUAGE}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="author" content="The Heard contributors">
<meta name="description" content="{html.escape(description)}">
<meta name="keywords" content="{html.escape(', '.join(keywords))}">
<meta name="generator" content="heard {html.escape(version)}">
{links}
<style>
{page_css}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')

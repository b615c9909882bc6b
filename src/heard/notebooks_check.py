"""Load a notebook (.ipynb) for the checker: valid JSON and nbformat, a Python kernel, a text
alternative for every chart, no trainer files read, and the ids it reads from the model.

Notebooks read the model as `cur.stories["id"]`, `cur.modules["id"]`,
`cur.frameworks["id"]` and a story's `figures["id"]` (see src/heard/notebook.py); those
reads become references, so a missing or withdrawn story is reported like any other use.
"""

from __future__ import annotations

import json
import re
import sys

from .model import Document, RoleRef
from .problems import Problem

READS = re.compile(r"""\bcur\.(stories|modules|frameworks)\[\s*["']([^"']+)["']\s*\]""")
FIGURE_READS = re.compile(r"""\bfigures\[\s*["']([^"']+)["']\s*\]""")
ROLE_OF = {"stories": "story", "modules": "module", "frameworks": "framework"}
CHART = re.compile(r"\bshow_chart\s*\(")
BARE_SHOW = re.compile(r"\bplt\.show\s*\(|\bfig\.show\s*\(")
TRAINER_READ = re.compile(r"trainer_kit")


def check_notebook(doc: Document, text: str) -> None:
    lines = text.split("\n")

    def line_of(snippet: str) -> int:
        """The notebook file's line holding this source text (JSON-escaped), or 1."""
        escaped = json.dumps(snippet)[1:-1][:60]
        return next((i + 1 for i, line in enumerate(lines) if escaped and escaped in line), 1)

    def problem(line: int, code: str, message: str, fix: str) -> None:
        doc.problems.append(Problem(doc.path, line, code, message, fix))

    try:
        notebook = json.loads(text)
    except ValueError as exc:
        problem(getattr(exc, "lineno", 1), "H140", f"the notebook is not valid JSON: "
                f"{getattr(exc, 'msg', exc)}", "open and save it again in Jupyter, or restore "
                "it from version control")
        doc.incomplete = True
        return
    reason = _nbformat_problem(notebook)
    if reason:
        problem(1, "H140", f"the notebook is not a valid Jupyter notebook: {reason}",
                "open and save it again in Jupyter, or restore it from version control")
        doc.incomplete = True
        return
    metadata = notebook.get("metadata", {})
    language = (metadata.get("kernelspec", {}).get("language")
                or metadata.get("language_info", {}).get("name") or "")
    if str(language).lower() != "python":
        problem(line_of('"kernelspec"') if '"kernelspec"' in text else 1, "H141",
                f"the notebook's kernel language is {language or 'not given'!r}, not Python",
                "choose the Python 3 kernel in Jupyter (Kernel > Change kernel) and save")
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") != "code":
            continue
        for number, code_line in enumerate(source.split("\n")):
            if not code_line.strip() or code_line.lstrip().startswith("#"):
                continue
            at = line_of(code_line)
            for match in READS.finditer(code_line):
                doc.roles.append(RoleRef(ROLE_OF[match.group(1)], match.group(2), at))
            for match in FIGURE_READS.finditer(code_line):
                doc.figure_reads.append((match.group(1), at))
            if TRAINER_READ.search(code_line):
                doc.includes.append(("read", "/trainer_kit/", at))
            if BARE_SHOW.search(code_line):
                problem(at, "H142", "a chart shown with show() has no text alternative",
                        "use show_chart(fig, alt=\"what the chart shows, with its numbers\") "
                        "from heard.notebook")
        for match in CHART.finditer(source):
            if not re.search(r"\balt\s*=", _arguments(source, match.end())):
                problem(line_of(source[match.start():].split("\n", 1)[0]), "H142",
                        "show_chart(...) is called without alt=", "add alt=\"what the chart "
                        "shows, with its numbers\"")
        for output in cell.get("outputs", []) or []:
            data = output.get("data", {}) if isinstance(output, dict) else {}
            meta = output.get("metadata", {}) if isinstance(output, dict) else {}
            for mime in data:
                if mime.startswith("image/") and not (meta.get(mime) or {}).get("alt"):
                    problem(line_of(source.split("\n", 1)[0]), "H142",
                            f"a saved {mime} output has no text alternative",
                            "draw charts with show_chart(fig, alt=...), or clear the outputs")


def _arguments(source: str, start: int) -> str:
    """The text of a call's arguments: from start up to the bracket that closes the call."""
    depth = 1
    for index in range(start, len(source)):
        depth += {"(": 1, ")": -1}.get(source[index], 0)
        if depth == 0:
            return source[start:index]
    return source[start:]


def _nbformat_problem(notebook: object) -> str | None:
    """Why nbformat refuses the notebook, or None. Without nbformat, only its shape."""
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return "it has no list of cells"
    # nbformat's jsonschema would load rfc3987-syntax, which builds a grammar for a second at
    # import; notebook schemas use no `format` checks, so it stays unloaded (as in conf.py).
    sys.modules.setdefault("rfc3987_syntax", None)
    try:
        import nbformat
    except ImportError:  # nbformat comes with the site extras; the shape check stands in
        return None
    try:
        nbformat.validate(nbformat.from_dict(notebook))
    except nbformat.ValidationError as exc:
        return str(exc).split("\n", 1)[0][:120]
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds on odd input
        return str(exc).split("\n", 1)[0][:120] or type(exc).__name__
    return None

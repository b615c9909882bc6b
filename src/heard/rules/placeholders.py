"""Rule H130: nothing `heard new` scaffolds as a placeholder may stay in the curriculum.

The templates (src/heard/templates/) mark each thing to write with TODO followed by what to
write, and name a placeholder source `todo-source-id` (`source-id` in a role). The fix each
problem gives is that instruction, so the author reads what to write where it is needed.
"""

from __future__ import annotations

import re

from ..problems import Problem
from . import rule

MARK = "TODO"
PLACEHOLDER_IDS = frozenset({"todo-source-id", "source-id"})
INSTRUCTION = re.compile(r"TODO\b[\s:,-]*([^\n]*)")


def _fix(text: str) -> str:
    match = INSTRUCTION.search(text)
    wanted = match.group(1).strip().rstrip(".") if match else ""
    return f"write {wanted[0].lower()}{wanted[1:]}, in place of the TODO" if wanted else \
        "write your own text in place of the TODO"


def _strings(value, where: tuple):
    """Every string in the front matter data, with its field path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))


@rule("H130", "placeholder-left", "A placeholder from `heard new` (TODO, todo-source-id) is "
      "still in the page.")
def placeholders_left(cur, ctx):
    for doc in cur.documents:
        if doc.meta is None:
            continue
        data = doc.meta.model_dump(by_alias=False, exclude_defaults=True)
        for where, text in _strings(data, ()):
            if MARK in text or text in PLACEHOLDER_IDS:
                fix = _fix(text) if MARK in text else \
                    "use the id of this account's source in docs/sources.md (add it there first)"
                field = ".".join(str(part) for part in where)
                yield Problem(doc.path, doc.line_of(*where), "H130",
                              f"`{field}` is still the template's placeholder: {text[:60]!r}",
                              fix)
        for line, text in doc.placeholders:
            yield Problem(doc.path, line, "H130", f"placeholder left in the page: {text[:60]!r}",
                          _fix(text))
        for ref in doc.roles:
            if ref.target in PLACEHOLDER_IDS:
                yield Problem(doc.path, ref.line, "H130",
                              f"{{{ref.role}}}`{ref.target}` is the template's placeholder",
                              f"use a real {ref.role} id, or delete the line")

"""The checker's rules: small functions over the curriculum, each with a code and a fix.

A rule is `def rule(cur, ctx) -> Iterable[Problem]`, registered with `@rule(code, name,
summary)`. The same registry runs under `heard check` and inside the Sphinx build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..curriculum import Curriculum
from ..problems import Problem


@dataclass(frozen=True)
class Context:
    today: dt.date
    in_sphinx: bool = False  # Sphinx already reports orphans, so that rule stands aside


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    check: Callable[[Curriculum, Context], Iterable[Problem]]
    in_sphinx: bool = True


RULES: list[Rule] = []

# Problems found while loading a file; listed here so the reference covers every code.
LOAD_CODES = {
    "H001": ("unreadable", "The file cannot be read, or is not UTF-8 text."),
    "H002": ("empty-file", "The file is empty."),
    "H003": ("bad-yaml", "The front matter is not valid YAML."),
    "H004": ("front-matter-not-mapping", "The front matter is not a set of fields."),
    "H010": ("missing-field", "A required front matter field is missing."),
    "H011": ("unknown-field", "The front matter has a field the model does not know."),
    "H012": ("bad-value", "A front matter value has the wrong form (id, date, number, choice)."),
    "H013": ("bad-directive", "A directive (activity, 6W brief, fact, material) lacks or "
             "misforms an option."),
}


def rule(code: str, name: str, summary: str, in_sphinx: bool = True):
    def register(func: Callable[[Curriculum, Context], Iterable[Problem]]):
        RULES.append(Rule(code, name, summary, func, in_sphinx))
        return func
    return register


def run_rules(cur: Curriculum, ctx: Context) -> list[Problem]:
    """Every problem in the curriculum: loading problems first, then each rule's."""
    problems = [p for doc in cur.documents for p in doc.problems]
    for entry in RULES:
        if entry.in_sphinx or not ctx.in_sphinx:
            problems.extend(entry.check(cur, ctx))
    return sorted(set(problems))


from . import documents, language, materials, people, references, teaching  # noqa: E402,F401  (register)

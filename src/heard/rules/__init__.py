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
    "H005": ("file-too-large", "The file is over the size limit of 1,000,000 characters."),
    "H006": ("unclosed-block", "A ``` or ::: block is never closed, so it takes in the rest "
             "of the page."),
    "H010": ("missing-field", "A required front matter field is missing."),
    "H011": ("unknown-field", "The front matter has a field the model does not know."),
    "H012": ("bad-value", "A front matter value has the wrong form (id, date, number, choice)."),
    "H013": ("bad-directive", "A directive (activity, 6W brief, fact, material) lacks or "
             "misforms an option."),
    "H014": ("unknown-directive", "A directive name the build does not know (names match "
             "whatever their case, as in Sphinx)."),
    "H015": ("unknown-role", "A role name the build does not know."),
    "H016": ("trainer-block-misformed", "A trainer-only block that learners would see: indented "
             "as code, written without braces, or given a title."),
    "H017": ("nested-too-deep", "Directives nested more than 20 deep."),
    "H140": ("notebook-invalid", "A notebook is not valid JSON or not a valid Jupyter notebook."),
    "H141": ("notebook-language", "A notebook's kernel is not Python."),
    "H142": ("chart-without-alt", "A notebook chart or saved image has no text alternative."),
    "H019": ("local-file-link", "A link or image points at a file: address on this computer."),
}


def rule(code: str, name: str, summary: str, in_sphinx: bool = True):
    def register(func: Callable[[Curriculum, Context], Iterable[Problem]]):
        entry = Rule(code, name, summary, func, in_sphinx)
        # Registering the same rule again (a re-import) replaces it: the registry holds each
        # rule once, whatever order modules and tests load in.
        RULES[:] = [r for r in RULES if (r.code, r.name) != (code, name)] + [entry]
        return func
    return register


# Rules that count the parts of a page's body: when the body could not be read in full (an
# unknown directive, an unclosed block), their findings only follow from that first error.
BODY_COUNTS = frozenset({"H040", "H043", "H070", "H110", "H120", "H184"})
# Rules about coverage across modules: a module that failed to load would make them wrong.
COVERAGE = frozenset({"H050", "H051", "H052"})


def run_rules(cur: Curriculum, ctx: Context) -> list[Problem]:
    """Every problem in the curriculum: loading problems first, then each rule's.

    One mistake, one error: problems that only follow from a file that failed to load, or
    from a body that could not be read, are left out.
    """
    problems = [p for doc in cur.documents for p in doc.problems]
    for entry in RULES:
        if entry.in_sphinx or not ctx.in_sphinx:
            problems.extend(entry.check(cur, ctx))
    incomplete = {doc.path for doc in cur.documents if doc.incomplete}
    module_failed = any(path.startswith("modules/") for path in cur.failed.values())
    problems = [p for p in problems
                if not (p.code in BODY_COUNTS and p.path in incomplete)
                and not (p.code in COVERAGE and module_failed)]
    return sorted(set(problems))


from . import (  # noqa: E402,F401  (register)
    assessment, breaks, delivery, documents, language, levels, materials, organisation,
    people, placeholders, references, safety, teaching, withdrawal)

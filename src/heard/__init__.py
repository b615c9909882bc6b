"""Heard: an open social work curriculum toolkit.

The public API, for notebooks and scripts::

    import heard
    cur = heard.load("path/to/curriculum")   # the whole curriculum, without Sphinx
    problems = heard.check(cur)              # every problem, as the checker reports it
    heard.briefs.check_brief(answers, cur)   # which 6W questions a brief leaves open
    heard.language.report(text, cur.terms)   # reading ease, abbreviations, jargon
    sheet = heard.plan(cur, minutes=150, audience="nqsw-asye", co_trainer=True,
                       cover=["trust", "plain-language"])   # a timed run sheet
    print(heard.plan.output.as_text(sheet))
    heard.stamp(root, "trainer")             # "Heard 0.1.0, trainer edition, for ..."

`heard` is also a Sphinx extension: list "heard" in `extensions`. The Sphinx parts are
imported only then, so `heard check` never loads Sphinx.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path as _Path

__version__ = "0.1.0"
__all__ = ["__version__", "briefs", "check", "language", "load", "plan", "stamp"]


def load(root: str | _Path = ".", edition: str = "trainer"):
    """Load the curriculum under root. In the learner edition trainer-only text is skipped."""
    from .curriculum import Curriculum

    return Curriculum.load(_Path(root), edition)


def check(cur, today: _dt.date | None = None) -> list:
    """Every problem in a loaded curriculum, as `heard check` reports them."""
    from .rules import Context, run_rules

    return run_rules(cur, Context(today=today or _dt.date.today()))


def stamp(root: str | _Path = ".", edition: str = "learner") -> str:
    """The version line every output shows (site footer, PDF, DOCX, PPTX, cartridge), so a
    programme can cite and pin what it approved, e.g.
    "Heard 0.1.0, trainer edition, for Northshire County Council"."""
    from .organisation import load_profile

    profile = load_profile(_Path(root)).profile
    name = profile.organisation.name if profile else None
    return f"Heard {__version__}, {edition} edition" + (f", for {name}" if name else "")


def __getattr__(name: str):
    if name in ("briefs", "language", "plan"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(name)


def setup(app):  # pragma: no cover - thin hand-off to the Sphinx extension
    from .sphinxext import setup as setup_extension

    return setup_extension(app)

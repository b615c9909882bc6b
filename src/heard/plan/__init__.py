"""The session planner: a timed run sheet for the time, audience and goals a trainer has.

    import heard
    sheet = heard.plan(".", minutes=150, audience="nqsw-asye", co_trainer=True,
                       cover=["trust", "plain-language"])
    print(heard.plan.output.as_text(sheet))

Modules: `request` (what is asked, and what `--cover` ids mean), `optimise` (the exact
dynamic programme), `layout` (breaks, change-overs, clock times), `planner` (ties them
together and explains gaps), `output` (text, JSON, HTML, PDF, DOCX), `command` (the CLI).
"""

from __future__ import annotations

from pathlib import Path

from . import output
from .layout import RunSheet, longest_stretch
from .request import PlanError, Request

__all__ = ["PlanError", "Request", "RunSheet", "longest_stretch", "output", "plan"]


def plan(root=".", minutes: int = 90, start: str = "09:30", audience: str = "nqsw-asye",
         co_trainer: bool = False, cover=(), **options) -> RunSheet:
    """Plan a session from the curriculum at root (a path or a loaded Curriculum)."""
    from ..curriculum import Curriculum
    from .planner import make_plan

    cur = root if isinstance(root, Curriculum) else Curriculum.load(Path(root))
    request = Request(minutes=minutes, start=start, audience=audience, co_trainer=co_trainer,
                      cover=list(cover), **options)
    return make_plan(cur, request)


class _CallableModule(__import__("types").ModuleType):
    """`heard.plan` is this package; calling it plans, as the brief's `heard.plan(...)`."""

    def __call__(self, *args, **kwargs) -> RunSheet:
        return plan(*args, **kwargs)


__import__("sys").modules[__name__].__class__ = _CallableModule

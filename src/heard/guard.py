"""Keep trainer text out of a learner build's notebooks.

The learner build runs each notebook in a kernel started with `learner_only(root)` (see
sphinxext/notebooks.py). From then on, in that kernel, opening any file under the trainer kit
raises PermissionError, and loading the curriculum in the trainer edition does too, so a
notebook cannot print trainer-only text into a learner page. Python's audit hooks see every
`open`, including pandas', NumPy's and the standard library's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TRAINER_FOLDERS = ("trainer_kit",)
_state: dict[str, Path] = {}


class LearnerBuildError(PermissionError):
    """A learner notebook tried to read trainer-only material."""


def learner_only(root: str | os.PathLike) -> None:
    """From now on, in this process, refuse trainer-only files and the trainer edition."""
    if "root" in _state:
        return
    _state["root"] = Path(root).resolve()
    sys.addaudithook(_audit)


def active() -> bool:
    return "root" in _state


def refuse_trainer_edition(edition: str) -> None:
    if active() and edition != "learner":
        raise LearnerBuildError(
            "this notebook is part of the learner edition, so it may load the curriculum only "
            "with edition=\"learner\"")


def is_trainer_only(path: str | os.PathLike) -> bool:
    """Whether a file lies in the curriculum's trainer-only folders."""
    try:
        rel = Path(os.path.abspath(os.fsdecode(path))).relative_to(_state["root"])
    except (ValueError, KeyError):
        return False
    return bool(rel.parts) and rel.parts[0] in TRAINER_FOLDERS


def _audit(event: str, args: tuple) -> None:
    if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    if is_trainer_only(args[0]):
        rel = Path(os.path.abspath(os.fsdecode(args[0]))).relative_to(_state["root"])
        raise LearnerBuildError(
            f"this notebook is part of the learner edition, so it may not read {rel.as_posix()} "
            "(trainer-only material)")

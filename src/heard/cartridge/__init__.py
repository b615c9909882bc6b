"""IMS Common Cartridge 1.1 packages of the curriculum, for Moodle, Canvas and Blackboard.

`heard build --format cc` builds the HTML editions (or reuses them: Sphinx rebuilds only what
changed), then writes, under OUT/cc/:

    heard-learner.imscc                  the learner edition
    heard-trainer.imscc                  the same, plus trainer versions and the trainer kit,
                                         marked for instructors
    modules/heard-MODULE-learner.imscc   one module and the pages it links to
    modules/heard-MODULE-trainer.imscc   the same, with its trainer material
    gift/MODULE.gift                     each module's knowledge check as a Moodle quiz

Each module's section also holds its handouts (learner handout as Word and tagged PDF; the
session plan in trainer cartridges), built first from the same doctrees (see handouts.py).

See docs/learning-platforms.md for importing them, and `check.py` for how they are checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .. import __version__, load
from ..problems import Problem
from . import manifest as mf
from .package import Packer
from .pages import Built
from .plan import ModuleFiles, edition_plan, module_plan

DESCRIPTION = ("Heard is an open training course for social work. It is built from what "
               "people who use services have said good practice looks like.")
KEYWORDS = ["social work", "co-production", "lived experience", "relationship-based practice",
            "Professional Capabilities Framework", "Social Work England"]


@dataclass
class Result:
    cartridges: list[Path] = field(default_factory=list)
    other: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def built(root: Path, folder: Path, edition: str) -> Built:
    cur = load(root, edition)
    sources = {doc.docname: doc.path for doc in cur.documents}
    return Built(folder, edition, sources, root)


def course(edition: str, title: str, description: str, keywords: list[str],
           ident: str) -> mf.Course:
    return mf.Course(ident, f"{title} ({edition} edition)",
                     f"{description} Version {__version__}.", __version__,
                     dt.date.today().isoformat(), keywords=keywords)


def module_hooks(root: Path, handouts: Path | None) -> list[ModuleFiles]:
    """What each module's section adds beside its pages: the knowledge check as a Moodle
    quiz file (trainer cartridge), and the handouts built under `handouts` (the output
    folder holding print/ and kit/)."""
    from .handouts import handout_entries
    from .quiz import gift_entries

    return [partial(gift_entries, root), partial(handout_entries, handouts)]


def build_cartridges(root: Path, html: dict[str, Path], out: Path, *,
                     editions: tuple[str, ...] = ("learner", "trainer"),
                     modules: bool = True, handouts: Path | None = None,
                     strict: bool = False) -> Result:
    """Write the cartridges from HTML builds: html maps "learner" (always needed) and
    "trainer" (for the trainer cartridges) to their build folders. Handouts found under the
    `handouts` output folder (handouts.handout_files) go into their module's section. With
    `strict`, a page that cannot be packaged whole means no cartridge is written (and none
    already there is replaced)."""
    result = Result()
    learner_cur = load(root, "learner")
    learner = built(root, html["learner"], "learner")
    trainer = built(root, html["trainer"], "trainer") if "trainer" in editions else None
    trainer_cur = load(root, "trainer") if trainer else None
    hooks = module_hooks(root, handouts)
    pending: list[tuple[Packer, Path, mf.Course]] = []
    for edition in editions:
        other = trainer if edition == "trainer" else None
        packer = Packer(learner, other, edition_plan(
            learner_cur, trainer_cur if other else None, learner, other, hooks))
        packer.build()
        result.problems += packer.problems
        pending.append((packer, out / f"heard-{edition}.imscc", course(
            edition, "Heard: an open course for social work", DESCRIPTION, KEYWORDS,
            f"heard-{edition}")))
        if not modules:
            continue
        for module_id, doc in sorted(learner_cur.modules.items()):
            packer = Packer(learner, other, module_plan(module_id, learner_cur, learner, other,
                                                        hooks))
            packer.build()
            result.problems += packer.problems
            pending.append((packer, out / "modules" / f"heard-{module_id}-{edition}.imscc",
                            course(edition, doc.meta.title, doc.meta.summary,
                                   [*KEYWORDS, *doc.meta.pcf], f"heard-{module_id}-{edition}")))
    result.problems = sorted(set(result.problems))
    if strict and result.problems:
        return result
    result.cartridges = [packer.write(target, about) for packer, target, about in pending]
    if "trainer" in editions:
        result.other = write_gift_files(root, sorted(learner_cur.modules), out / "gift")
    return result


def write_gift_files(root: Path, module_ids: list[str], folder: Path) -> list[Path]:
    """Each module's knowledge check as a GIFT file of its own, for Moodle's question bank."""
    from .quiz import module_gift

    written = []
    for module_id in module_ids:
        text = module_gift(root, module_id)
        if text is not None:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{module_id}.gift").write_text(text, encoding="utf-8")
            written.append(folder / f"{module_id}.gift")
    return written

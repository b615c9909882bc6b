"""Each module's handouts in its cartridge section: the learner handout as an editable Word
file and as a tagged PDF, and (trainer cartridges only, for instructors) the session plan.

They are made by the print and kit builders, which `heard build --format cc` runs over the
doctrees of the HTML build it has just made (nothing is read twice), only when a handout is
missing or older than that build (`make_handouts`). Where they are, under the output folder:

    print/learner/handouts/MODULE.pdf               learner handout, tagged PDF (heard-pdf)
    kit/learner/MODULE/MODULE-handout.docx          learner handout, Word (heard-kit)
    kit/trainer/MODULE/MODULE-session-plan.docx     session plan with trainer notes (heard-kit)

Learner files always come from the learner edition's builds, so no trainer-only text reaches
a learner cartridge.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import manifest as mf
from .package import Entry


def handout_files(out: Path, module_id: str, edition: str) -> list[tuple[Path, str, str]]:
    """(file, title, role) of a module's handouts for one edition's cartridge, whether built
    or not."""
    kit = out / "kit"
    files = [(kit / "learner" / module_id / f"{module_id}-handout.docx",
              "Learner handout (Word document, editable)", mf.LEARNER),
             (out / "print" / "learner" / "handouts" / f"{module_id}.pdf",
              "Learner handout (PDF, tagged for screen readers)", mf.LEARNER)]
    if edition == "trainer":
        files.append((kit / "trainer" / module_id / f"{module_id}-session-plan.docx",
                      "Session plan with trainer notes (Word document)", mf.INSTRUCTOR))
    return files


def handout_entries(out: Path | None, module_id: str, edition: str) -> list[Entry]:
    """The handouts that exist, as files to download (Moodle imports them as File
    resources), each under web_resources/handouts/MODULE/ with its built name."""
    if out is None:
        return []
    return [Entry("file", title, path=f"web_resources/handouts/{module_id}/{path.name}",
                  data=path.read_bytes(), role=role)
            for path, title, role in handout_files(out, module_id, edition) if path.is_file()]


def stale(paths: list[Path], built: Path) -> bool:
    """Whether any file is missing or older than the HTML build's environment."""
    since = built.stat().st_mtime if built.is_file() else float("inf")
    return any(not path.is_file() or path.stat().st_mtime < since for path in paths)


def make_handouts(root: Path, out: Path, module_ids: list[str], editions: tuple[str, ...], *,
                  jobs: str = "1", strict: bool = False) -> None:
    """Build the handouts the cartridges need that are missing or out of date, from the
    doctrees in out/.doctrees/EDITION: the learner handout PDFs (print builder) and each
    needed edition's kit (kit builder, which also writes its zip beside it)."""
    from ..printing.build import print_build
    from ..printing.kitbuild import build_kit

    if not module_ids:
        return
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # not page by page
    kits = {"learner": ["handout.docx"], "trainer": ["session-plan.docx"]}
    doctrees = out / ".doctrees"
    pdfs = [out / "print" / "learner" / "handouts" / f"{m}.pdf" for m in module_ids]
    if stale(pdfs, doctrees / "learner" / "environment.pickle"):
        print(f"heard build: learner handouts (PDF) -> {pdfs[0].parent}", file=sys.stderr)
        print_build(root, doctrees / "learner", out / "print" / "learner", "learner",
                    strict=strict)
    for edition in ("learner", "trainer") if "trainer" in editions else ("learner",):
        files = [out / "kit" / edition / m / f"{m}-{name}" for m in module_ids
                 for name in kits[edition]]
        if stale(files, doctrees / edition / "environment.pickle"):
            build_kit(root, out, edition=edition, jobs=jobs, strict=strict, site=False)

"""Which files each module's delivery kit holds, per edition: shared by the kit builder, which
writes them, and the site, which lists them as downloads (kept free of heavy imports)."""

from __future__ import annotations

LEARNER = (("handout.docx", "Learner handout (Word)"),
           ("slides.pptx", "Slides (PowerPoint)"),
           ("materials.pdf", "Materials pack: worksheets, cards and checklists (PDF)"),
           ("joining.docx", "Joining instructions (Word)"),
           ("certificate.docx", "Certificate of attendance and CPD record (Word)"))
TRAINER_ONLY = (("session-plan.docx", "Session plan with trainer notes (Word)"),)


def kit_files(module_id: str, edition: str, has_materials: bool) -> list[tuple[str, str]]:
    """(file name, label) of every file in a module's kit for one edition."""
    files = (*TRAINER_ONLY, *LEARNER) if edition == "trainer" else LEARNER
    return [(f"{module_id}-{name}", label) for name, label in files
            if has_materials or name != "materials.pdf"]

"""The hook that puts a module's handouts into its cartridge section, when they exist.

Handouts are made by other builds: the learner handout as a tagged PDF
(`heard build --format pdf` writes print/learner/handouts/MODULE.pdf) and, from the
delivery kit, editable DOCX files. This hook does not build them; it adds whatever is there
in the folders it is given, as files learners may download (Moodle imports them as File
resources), so the cartridge build stays fast and never fails for want of a handout.
"""

from __future__ import annotations

from pathlib import Path

from .package import Entry

KINDS = {".pdf": "PDF, tagged for screen readers", ".docx": "Word document, editable"}


def handout_files(folders: list[Path], module_id: str) -> list[Path]:
    """MODULE.pdf, MODULE.docx and MODULE-*.docx/pdf in the folders, in a stable order."""
    found: list[Path] = []
    for folder in folders:
        for suffix in KINDS:
            for path in sorted([*folder.glob(f"{module_id}{suffix}"),
                                *folder.glob(f"{module_id}-*{suffix}")]):
                if path.is_file() and path not in found:
                    found.append(path)
    return found


def handout_entries(folders: list[Path], module_id: str, edition: str) -> list[Entry]:
    entries = []
    for path in handout_files(folders, module_id):
        name = path.name
        entries.append(Entry("file", f"Handout: {name} ({KINDS[path.suffix]})",
                             path=f"web_resources/handouts/{module_id}/{name}",
                             data=path.read_bytes()))
    return entries

"""Each module's knowledge check as a Moodle GIFT file, for the trainer cartridge."""

from __future__ import annotations

from pathlib import Path

from .package import Entry


def gift_entries(root: Path, module_id: str, edition: str) -> list[Entry]:
    return []

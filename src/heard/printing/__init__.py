"""Print outputs from the same sources and editions as the site: a trainer pack and learner
handouts (standard and large print) as tagged PDFs, and an EPUB of the learner edition.

`heard build --format pdf|epub` runs these; docs/reference/print.md says why WeasyPrint
renders the PDFs and what each file holds.
"""

from __future__ import annotations

from .build import (PACK_NAME, PrintError, Result, build_epub, build_pdf, render_handouts,
                    render_trainer_pack, render_trainer_print)
from .epub import epubcheck

__all__ = ["PACK_NAME", "PrintError", "Result", "build_epub", "build_pdf", "epubcheck",
           "render_handouts", "render_trainer_pack", "render_trainer_print"]

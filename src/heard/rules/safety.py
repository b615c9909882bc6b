"""Rules that keep trainer-only text out of the learner edition."""

from __future__ import annotations

import posixpath

from ..problems import Problem
from . import rule

TRAINER_FOLDER = "trainer_kit/"


def _resolve(doc, target: str) -> str:
    """The curriculum path an include names, as Sphinx resolves it (leading / = the root)."""
    target = target.strip().strip("<>").split("#", 1)[0]
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc.path), target))


@rule("H018", "trainer-text-included", "A learner page includes or offers for download a file "
      "from trainer_kit/, or a page source that holds trainer notes.")
def trainer_text_included(cur, ctx):
    by_path = {doc.path: doc for doc in cur.documents}
    for doc in cur.documents:
        if doc.path.startswith(TRAINER_FOLDER):
            continue  # trainer pages are in the trainer edition only
        for what, target, line in doc.includes:
            path = _resolve(doc, target)
            source = by_path.get(path)
            if (path + "/").startswith(TRAINER_FOLDER) or source is not None and any(
                    block.trainer_only for block in source.blocks):
                shown = "reading trainer_kit/ files" if what == "read" else \
                    f"{{{what}}} of `{target}`"
                yield Problem(doc.path, line, "H018",
                              f"{shown} would put trainer-only text in the learner edition",
                              "link to the page with {doc} instead, or move the include into "
                              "a {trainer-only} block")

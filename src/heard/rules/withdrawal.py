"""Follow-ups after a story is withdrawn: the uses H060 does not cover (toctree entries,
Markdown links, notebooks, quotations). The build already handles each one (see
heard/withdrawal.py); the author removes them at leisure."""

from __future__ import annotations

from .. import withdrawal
from ..problems import Problem
from . import rule

# Front matter, story cards and roles are H060's (rules/references.py).
H060_USES = ("front matter", "story card", "role")


@rule("H062", "withdrawal-follow-up", "A toctree entry, link, notebook or quotation still uses "
      "a withdrawn story; the build withholds or drops it, and the author should remove it.")
def withdrawal_follow_ups(cur, ctx):
    uses = withdrawal.find_uses(cur.documents, cur.root)
    # A notebook's reads are roles to the loader, so H060 has already named that story there.
    told = {(use.path, use.story) for use in uses if use.how in H060_USES}
    for use in uses:
        if use.how not in H060_USES and (use.path, use.story) not in told:
            message, fix = withdrawal.describe(use)
            yield Problem(use.path, use.line, "H062", message, fix)

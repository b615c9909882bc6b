"""The directive and role names the build knows, so `heard check` can name a misspelt one.

Sphinx matches names case-insensitively, and so does the checker. The standard names are
those of docutils, Sphinx, MyST-Parser, sphinx-design and nbsphinx as the build loads them;
tests/test_vocabulary.py compares these lists with a live Sphinx application, so a directive
added to the build without being listed here fails the tests.
"""

from __future__ import annotations

import difflib

from . import features

# Heard's own directives and roles: the listings and cross-reference roles from their one
# home (features.py), and the rest from sphinxext/ (directives.py, assessment.py, local.py).
TRAINER_DIRECTIVES = frozenset({"trainer-notes", "suggested-answers", "trainer-only"})
HEARD_DIRECTIVES = TRAINER_DIRECTIVES | frozenset(features.LISTINGS) | frozenset("""
content-note reflection-questions cpd-prompt portfolio-reflection activity fact glossary-terms heard-rules
assessment answer-key material screen-only
""".split())
HEARD_ROLES = frozenset(features.ROLES) | frozenset({"org"})

STANDARD_DIRECTIVES = frozenset("""
admonition attention caution danger error hint important note tip warning seealso
topic sidebar line-block parsed-literal code code-block sourcecode highlight literalinclude
math rubric epigraph highlights pull-quote compound container table csv-table list-table
image figure figure-md contents sectnum header footer target-notes meta replace unicode date
class rst-class cssclass role default-role title raw include toctree only centered hlist
index glossary tabularcolumns productionlist acks versionadded versionchanged
versionremoved deprecated version-added version-changed version-deprecated
version-removed codeauthor sectionauthor moduleauthor default-domain describe object
program option cmdoption envvar confval eval-rst aside
grid grid-item grid-item-card card card-header card-footer card-carousel dropdown tab-set
tab-item tab-set-code button-link button-ref article-info div accordion step steps _all-octicon
nbinput nboutput nbinfo nbwarning nbgallery nblinkgallery
""".split())

STANDARD_ROLES = frozenset("""
doc ref term numref download any keyword option envvar token confval abbr command dfn
file guilabel kbd mailheader makevar manpage menuselection mimetype newsgroup program
regexp samp pep rfc cve cwe eq math code literal emphasis strong subscript superscript
sub sup title-reference abbreviation acronym raw index sub-ref octicon fa fas far fab
bdg bdg-ref bdg-link
""".split())
ROLE_PREFIXES = ("bdg-", "btn-", "fa-", "material-", "py:", "std:", "c:", "cpp:", "js:",
                 "rst:", "math:")
DIRECTIVE_PREFIXES = ("py:", "std:", "c:", "cpp:", "js:", "rst:")

KNOWN_DIRECTIVES = HEARD_DIRECTIVES | STANDARD_DIRECTIVES
KNOWN_ROLES = HEARD_ROLES | STANDARD_ROLES


def known_directive(name: str) -> bool:
    name = name.lower()
    return name in KNOWN_DIRECTIVES or name.startswith(DIRECTIVE_PREFIXES)


def known_role(name: str) -> bool:
    name = name.lower()
    return name in KNOWN_ROLES or name.startswith(ROLE_PREFIXES)


def suggest(name: str, known: frozenset[str]) -> str | None:
    """The closest known name, Heard's own first, or None if nothing is close."""
    for pool in (HEARD_DIRECTIVES | HEARD_ROLES, known):
        match = difflib.get_close_matches(name.lower(), sorted(pool & known), n=1, cutoff=0.75)
        if match:
            return match[0]
    return None


def near_trainer_directive(name: str) -> bool:
    """A misspelling of a trainer-only directive: its text must be treated as trainer-only."""
    return bool(difflib.get_close_matches(name.lower(), sorted(TRAINER_DIRECTIVES), n=1,
                                          cutoff=0.75))

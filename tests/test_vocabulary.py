"""The checker's directive and role names match what a Sphinx build of the curriculum knows."""

from __future__ import annotations

import pytest
from docutils.parsers.rst import directives, roles

from heard import vocabulary


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    return registered(tmp_path_factory.mktemp("vocabulary"))


def registered(tmp_path):
    """Names Sphinx registers for the real conf.py's extensions, without building."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "nbsphinx", "heard"]\n'
        'myst_enable_extensions = ["colon_fence", "deflist"]\n')
    (tmp_path / "index.md").write_text("# Index\n")
    # docutils' registries are global: read them inside a namespace that is put back after,
    # as sphinx-build does, or every later build in this process warns that each directive
    # and node is "already registered" (and fails under -W).
    with docutils_namespace():
        Sphinx(str(tmp_path), str(tmp_path), str(tmp_path / "_build"),
               str(tmp_path / "_doctrees"), "html", status=None, warning=None)
        names = set(directives._directives) | set(directives._directive_registry)
        role_names = set(roles._roles) | set(roles._role_registry)
    return {n for n in names if ":" not in n}, {n for n in role_names if ":" not in n}


@pytest.mark.site  # starting Sphinx with nbsphinx imports for seconds
def test_every_registered_name_is_known_to_the_checker(names):
    directive_names, role_names = names
    unknown_directives = {n for n in directive_names if not vocabulary.known_directive(n)}
    unknown_roles = {n for n in role_names if not vocabulary.known_role(n)}
    # docutils' own placeholders for unimplemented or test directives are never written.
    unknown_directives -= {"restructuredtext-test-directive"}
    unknown_roles -= {"restructuredtext-unimplemented-role", "anonymous-reference",
                      "citation-reference", "footnote-reference", "named-reference",
                      "pep-reference", "rfc-reference", "substitution-reference",
                      "uri-reference", "target"}
    assert unknown_directives == set() and unknown_roles == set(), \
        "add these to src/heard/vocabulary.py"
    assert {"trainer-notes", "activity", "toctree", "grid", "nbinput"} <= directive_names


@pytest.mark.site
def test_the_checker_knows_no_directive_the_build_lacks(names):
    directive_names, _roles = names
    stale = {n for n in vocabulary.HEARD_DIRECTIVES if n not in directive_names}
    assert stale == set(), "remove these from src/heard/vocabulary.py, or register them"


def test_a_misspelt_name_gets_the_closest_suggestion():
    assert vocabulary.suggest("activty", vocabulary.KNOWN_DIRECTIVES) == "activity"
    assert vocabulary.suggest("suggested-answer", vocabulary.KNOWN_DIRECTIVES) == \
        "suggested-answers"
    assert vocabulary.known_directive("Suggested-Answers")
    assert not vocabulary.known_directive("xyzzy")

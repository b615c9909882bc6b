"""Sphinx configuration for the Heard curriculum.

Learner edition (default):  sphinx-build . _build/learner
Trainer edition:            sphinx-build -t trainer . _build/trainer
The heard extension turns the `trainer` tag into `heard_edition`, leaves trainer-only content
and withdrawn stories out of the learner edition, and runs the checker's rules as warnings.
"""

import os
import sys

# Build speed: nbsphinx imports nbformat, whose jsonschema loads every optional format checker;
# one, rfc3987-syntax (installed by `jupyter`), builds a grammar at import, about a second in
# every build, rebuilds too. Notebook schemas use no `format` checks, so we leave it unloaded
# (jsonschema skips a checker it cannot import). See docs/performance.md.
sys.modules.setdefault("rfc3987_syntax", None)

project = "Heard"
author = "The Heard contributors"
copyright = "2026, The Heard contributors. Content CC BY 4.0, code MIT"
language = "en"

extensions = ["myst_parser", "sphinx_design", "nbsphinx", "heard"]

# Only the curriculum's own folders are pages: never README, tests or virtual environments.
include_patterns = ["index.md", "docs/**", "modules/**", "case_stories/**", "notebooks/**",
                    "trainer_kit/**"]
# Sphinx walks every folder under this one that no exclude pattern prunes, whatever
# include_patterns says: hidden folders (.venv, .git, caches) and the toolkit's own code and
# tests held thousands of files, 3 s of a 17 s build (docs/performance.md).
exclude_patterns = ["_build", ".*", "src", "tests", "benchmarks", "**/.ipynb_checkpoints",
                    "docs/snippets/**"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "heard"
html_title = "Heard"
html_short_title = "Heard"
html_last_updated_fmt = None
html_permalinks_icon = "#"
# Code colours in dark mode (Furo's setting): every token meets 4.5:1 on its background
# (tests/test_accessibility.py checks, as it does for the light style in theme.toml).
pygments_dark_style = "a11y-dark"

# Notebooks: nbsphinx converts Markdown cells with pandoc. The pypandoc-binary wheel ships
# one; put its folder on PATH so no system pandoc is needed.
try:
    import pypandoc

    os.environ["PATH"] = os.path.dirname(pypandoc.get_pandoc_path()) + os.pathsep + os.environ.get(
        "PATH", "")
except (ImportError, OSError):  # a system pandoc, if any, is used instead
    pass
nbsphinx_requirejs_path = ""  # no widget loader from a CDN
# nbsphinx would load MathJax (from a CDN) on every notebook page; no notebook uses maths.
nbsphinx_assume_equations = False
# Notebooks are stored without outputs and run when Sphinx reads them; Sphinx re-reads only
# changed notebooks (and the heard extension adds every notebook when the curriculum data or
# the toolkit changes). See docs/authoring/notebooks.md.
nbsphinx_execute = "always"
# HEARD_NOTEBOOKS=never builds without running them (pages then show no outputs): for quick
# checks of everything else, such as the withdrawal tests.
if os.environ.get("HEARD_NOTEBOOKS") == "never":
    nbsphinx_execute = "never"
nbsphinx_timeout = 180
nbsphinx_execute_arguments = ["--IPKernelApp.log_level=ERROR"]  # no kernel start-up chatter
# Each notebook page ends by offering its notebook (without outputs) to download and run.
# A notebook withheld because it read a withdrawn story offers nothing to download.
nbsphinx_epilog = """
{% if env.docname not in env.heard_withheld %}
.. only:: html

   .. note::

      You can run this exercise yourself.
      :download:`Download the notebook <{{ env.docname.rsplit('/', 1)[-1] }}.ipynb>`,
      then follow :doc:`the set-up steps </notebooks/index>`.
{% endif %}
"""

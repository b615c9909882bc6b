"""Heard: an open social work curriculum toolkit.

`heard` is also a Sphinx extension: list "heard" in `extensions`. The Sphinx parts are
imported only then, so `heard check` never loads Sphinx.
"""

from __future__ import annotations

__version__ = "0.1.0"


def setup(app):  # pragma: no cover - thin hand-off to the Sphinx extension
    from .sphinxext import setup as setup_extension

    return setup_extension(app)

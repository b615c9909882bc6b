"""A small site whose contents tree has what the real one has and more: nested toctrees,
a hidden toctree, captions, pages in subfolders, a page listed twice, a `self` entry, a link to
another site, and a page in no toctree. tests/test_navigation.py builds it with Heard's theme
and compares every page's menu with the one Furo computes itself."""

extensions = ["myst_parser", "heard"]
exclude_patterns = ["_build"]
html_theme = "heard"
heard_today = "2026-11-22"

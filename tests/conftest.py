"""Shared fixtures: Sphinx's test app, and a fresh copy of a small valid curriculum."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def curriculum(tmp_path: Path) -> Path:
    """A writable copy of tests/roots/test-curriculum, which passes every rule."""
    target = tmp_path / "curriculum"
    shutil.copytree(ROOTS / "test-curriculum", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a fixture file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

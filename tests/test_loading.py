"""A large curriculum is parsed by forked workers (heard.loader): they must load exactly what
one process loads, and their pickled records must come back through the check cache intact."""

from __future__ import annotations

import os
from pathlib import Path

from heard import cache, loader


def _marking_load(task):
    """loader._load_forked, leaving a file named after the process that ran it."""
    (Path(os.environ["HEARD_TEST_MARKS"]) / f"worker-{os.getpid()}").touch()
    return loader._load_chunk(loader._FORKED[task[0]:task[0] + loader.CHUNK], task[1])


def test_workers_load_what_one_process_loads(curriculum, tmp_path, monkeypatch):
    one = [repr(doc) for doc in loader.load_curriculum(curriculum)]
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)  # the fixture has a few files, not 200
    monkeypatch.setattr(loader, "CHUNK", 2)
    monkeypatch.setattr(loader, "_load_forked", _marking_load)
    monkeypatch.setenv("HEARD_TEST_MARKS", str(tmp_path))  # the forked workers inherit it
    parallel = [repr(doc) for doc in loader.load_curriculum(curriculum)]
    workers = {path.name for path in tmp_path.glob("worker-*")}
    assert workers and f"worker-{os.getpid()}" not in workers  # parsed elsewhere
    assert parallel == one and len(one) > 10


def test_cached_records_are_the_records(curriculum):
    store = cache.CheckCache(curriculum)
    first = [repr(doc) for doc in loader.load_curriculum(curriculum, cache=store)]
    stored = store.documents("trainer")
    assert set(stored) == {path for path, _raw in loader.read_sources(curriculum)}
    assert all(isinstance(pickled, bytes) for _digest, pickled in stored.values())
    again = [repr(doc) for doc in loader.load_curriculum(curriculum, cache=store)]
    assert again == first

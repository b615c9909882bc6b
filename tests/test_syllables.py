"""The cached syllable table gives textstat the same counts as the pronouncing dictionary."""

from __future__ import annotations

import pytest

from heard import syllables


@pytest.mark.site  # parses the whole dictionary: seconds, so in the slow tier
def test_table_matches_the_dictionary_for_every_word(tmp_path, monkeypatch):
    monkeypatch.setattr(syllables, "CACHE_DIR", tmp_path)
    words = syllables.table()
    assert syllables._table_path().is_file()
    expected = syllables.counts_from_dictionary()
    assert len(words) == len(expected)
    assert all(words.count(word) == n for word, n in expected.items())
    assert words["listened"] == [["0", "0"]]  # as textstat counts: stressed phones
    with pytest.raises(KeyError):
        words["zzqx"]  # textstat then falls back to Pyphen, as before


def test_textstat_counts_from_the_table_once_installed(tmp_path, monkeypatch):
    """With a made-up table, textstat's count follows it: the hook is live."""
    import textstat
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(syllables, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(syllables, "_installed", [])
    monkeypatch.setattr(_count_syllables, "get_cmudict", _count_syllables.get_cmudict)
    monkeypatch.setattr(syllables, "counts_from_dictionary", lambda: {"heardprobe": 7})
    assert syllables.install()
    assert textstat.syllable_count("heardprobe heardprobe") == 14

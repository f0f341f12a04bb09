"""The parsed n-gram tables cached on disk: a cache round trip scores exactly as a fresh parse, and a bad cache or
an unwritable cache dir falls back to parsing without failing."""
from __future__ import annotations

import numpy as np
import pytest

from unspun.edits import collocation
from unspun.edits.collocation import Collocations

_PAIRS = [("heavy", "rain"), ("weighty", "rain"), ("in", "september"), ("the", "zzqxv"), ("prime", "minister")]
_TEXT = "Heavy rain fell on the old bridge while the council's prime minister met reporters in September."


@pytest.fixture(scope="module")
def parsed() -> dict[str, np.ndarray]:
    """wordsegment's files parsed once for the module (~3 s)."""
    return collocation._parse()


@pytest.fixture()
def parse_calls(monkeypatch, parsed) -> list[int]:
    """`_parse` replaced by the module's parse, counting calls (a cache hit makes none)."""
    calls: list[int] = []

    def counted() -> dict[str, np.ndarray]:
        calls.append(1)
        return parsed

    monkeypatch.setattr(collocation, "_parse", counted)
    return calls


def _same_scores(a: Collocations, b: Collocations) -> None:
    assert np.array_equal(a.pmi_many(_PAIRS), b.pmi_many(_PAIRS), equal_nan=True)
    assert np.array_equal(a.text_pair_pmi(_TEXT), b.text_pair_pmi(_TEXT), equal_nan=True)
    assert a.unigrams(["the", "rain", "zzqxv"]).tolist() == b.unigrams(["the", "rain", "zzqxv"]).tolist()


def test_a_cache_round_trip_scores_as_a_fresh_parse(tmp_path, parse_calls, parsed):
    fresh = Collocations(cache_dir=None).load()
    first = Collocations(cache_dir=str(tmp_path)).load()  # parses and writes the cache
    assert len(parse_calls) == 2 and len(list(tmp_path.glob("*.npz"))) == 1
    cached = Collocations(cache_dir=str(tmp_path)).load()
    assert len(parse_calls) == 2  # read from the cache
    assert np.array_equal(cached._uni.keys, parsed["uni_keys"]) and np.array_equal(cached._bi.counts, parsed["bi_counts"])
    assert np.array_equal(cached._bigrams, fresh._bigrams) and np.array_equal(cached._words, fresh._words)
    _same_scores(cached, fresh)
    _same_scores(first, fresh)
    assert not list(tmp_path.glob("*.tmp"))  # the temp file was renamed into place


@pytest.mark.parametrize("garbage", [b"", b"not a zip file at all", b"PK\x03\x04 truncated"])
def test_a_corrupt_cache_falls_back_to_parsing(tmp_path, parse_calls, garbage):
    path = collocation._cache_path(str(tmp_path))
    path.write_bytes(garbage)
    colloc = Collocations(cache_dir=str(tmp_path)).load()
    assert len(parse_calls) == 1
    _same_scores(colloc, Collocations(cache_dir=str(tmp_path)).load())  # the rewritten cache reads back
    assert len(parse_calls) == 1


def test_a_cache_with_wrong_arrays_falls_back(tmp_path, parse_calls, parsed):
    bad = dict(parsed, uni_keys=parsed["uni_keys"][::-1].copy())  # unsorted keys would break the lookups
    np.savez(collocation._cache_path(str(tmp_path)), **bad)
    Collocations(cache_dir=str(tmp_path)).load()
    assert len(parse_calls) == 1


def test_an_unwritable_cache_dir_does_not_fail_the_load(tmp_path, parse_calls):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    colloc = Collocations(cache_dir=str(blocker / "collocations")).load()  # mkdir under a file fails
    assert len(parse_calls) == 1 and colloc.loaded


def test_words_with_newlines_are_looked_up_one_by_one(parse_calls):
    colloc = Collocations(cache_dir=None).load()
    counts = colloc.unigrams(["the", "the\nrain", "rain"])
    assert counts[1] == 0 and counts[0] == colloc.unigrams(["the"])[0] and counts[2] == colloc.unigrams(["rain"])[0]

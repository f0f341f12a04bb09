"""Records cross processes (the local engine's process pool, Dask workers): pickling must give equal records."""
from __future__ import annotations

import pickle

from unspun.clean import clean_article
from unspun.records import Article, ArticleSpin, Edit, Match, Pair, SpinSuspect, Story


def test_pairs_articles_stories_and_spins_come_back_equal_after_pickling():
    text = "The council voted on Monday.\nResidents said they had not been asked.\nThe council voted on Monday."
    clean = clean_article(Article("a1", text, "test", published="2024-03-01"))
    pair = Pair(
        "a1", "a2", "rewrite", 0.81, 0.9, 0.7,
        (Match((0, 28), (0, 30), "paraphrase", 0.8, (0,), (0,)),),
        channels=("minhash",), copy_coverage=0.2,
        edits=(Edit("synonym", (4, 11), (4, 9), "council", "board", "a synonym", "low"),),
    )
    spin = ArticleSpin("a1", 0.4, 0.1, 0.2, (SpinSuspect((0, 3), "The", "why"),), machine_words=(("to", 0.3, 2),))
    records = [clean, pair, Story("s1", ("a1", "a2"), original="a1", copies=("a2",)), spin]
    again = pickle.loads(pickle.dumps(records, protocol=5))
    assert again == records
    assert [type(r) for r in again] == [type(r) for r in records]
    assert clean.removed and again[0].removed == clean.removed  # the repeated line, set aside, travels too


def test_packed_pairs_read_back_as_the_whole_pairs_with_changes_made_to_the_light_ones():
    from dataclasses import replace

    from unspun.records import PackedPairs, pack_evidence

    match = Match((0, 28), (0, 30), "copy", 1.0, (0,), (0,))
    edit = Edit("number_change", (12, 14), (12, 15), "12", "120", "a figure changed", "high")
    whole = (
        Pair("a1", "a2", "rewrite", 0.8, 0.9, 0.7, (match,), edits=(edit,), original="a1"),
        Pair("a1", "a3", "same-story", 0.3, 0.2, 0.2, ()),
    )
    packed = [pack_evidence(p) for p in whole]
    assert all(not light.matches and not light.edits for light, _ in packed)
    light = [light for light, _ in packed]
    light[0] = replace(light[0], relation="sibling", original=None)  # what a pass after the pair stage does
    pairs = PackedPairs(light, {(p.a, p.b): blob for p, (_, blob) in zip(whole, packed)})
    expected = (replace(whole[0], relation="sibling", original=None), whole[1])
    assert pairs == expected and expected == pairs and list(pairs) == list(expected)
    assert pairs[0].edits == (edit,) and pairs[-1] == whole[1] and pairs[:1] == expected[:1]
    assert len(pairs) == 2 and pairs != whole
    assert pickle.loads(pickle.dumps(pairs)) == expected


def test_packed_evidence_comes_back_whole_whether_small_and_kept_as_is_or_large_and_compressed():
    from unspun.records import pack_evidence, unpack_evidence

    match = Match((0, 28), (0, 30), "paraphrase", 0.692, (0, 1), (0,))
    edit = Edit("synonym", (4, 11), (4, 9), "council", "board", "a synonym swapped in", "low")
    small = Pair("a1", "a2", "rewrite", 0.8, 0.9, 0.7, (match,) * 3)
    large = Pair("a1", "a2", "rewrite", 0.8, 0.9, 0.7, (match,) * 40, edits=(edit,) * 80)
    for pair in (small, large):
        light, blob = pack_evidence(pair)
        assert unpack_evidence(light, blob) == pair
    assert pack_evidence(small)[1][:1] == b"\x80"  # a bare pickle
    assert pack_evidence(large)[1][:1] != b"\x80" and len(pack_evidence(large)[1]) < 2048  # compressed

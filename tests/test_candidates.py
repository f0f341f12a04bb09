"""candidates: LSH banding over MinHash and the shared-rare-immutables channel."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import STORY_FIXTURES

from unspun.candidates import band_keys, bucket_pairs, immutable_candidates, lsh_candidates
from unspun.config import CandidateConfig, FingerprintConfig
from unspun.errors import ConfigError, UnspunError
from unspun.fingerprint import article_features, fingerprint


def random_signatures(n: int, perms: int = 128, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, perms), dtype=np.uint64).astype(np.uint32)


def signatures_of(story, names):
    return [fingerprint(story[n], article_features(story[n])) for n in names]


# --- banding ---------------------------------------------------------------------------------------


def test_band_keys_has_one_uint64_key_per_document_and_band():
    keys = band_keys(random_signatures(5), 32)
    assert keys.shape == (5, 32) and keys.dtype == np.uint64


@pytest.mark.parametrize("bands", [5, 0, -4, 256])
def test_band_keys_raises_config_error_when_bands_do_not_divide_num_perm(bands):
    with pytest.raises(ConfigError, match="must divide num_perm"):
        band_keys(random_signatures(3), bands)


def test_config_error_is_an_unspun_error():
    assert issubclass(ConfigError, UnspunError)


def test_lsh_candidates_rejects_a_bad_band_count_from_config():
    with pytest.raises(ConfigError):
        lsh_candidates(random_signatures(3), CandidateConfig(bands=48))


def test_band_keys_agree_exactly_on_bands_whose_rows_agree():
    sigs = random_signatures(2)
    sigs[1, :4] = sigs[0, :4]  # first band (4 rows) identical, the rest random
    keys = band_keys(sigs, 32)
    assert keys[0, 0] == keys[1, 0]
    assert np.sum(keys[0] == keys[1]) == 1


def test_identical_signatures_collide_and_random_ones_do_not():
    sigs = random_signatures(4)
    sigs[2] = sigs[0]
    assert lsh_candidates(sigs) == {(0, 2)}


def test_lsh_candidates_are_ordered_index_pairs():
    sigs = random_signatures(6)
    sigs[5] = sigs[1]
    sigs[3] = sigs[1]
    assert lsh_candidates(sigs) == {(1, 3), (1, 5), (3, 5)}


def test_an_oversized_bucket_is_skipped_as_boilerplate():
    sigs = random_signatures(6)
    sigs[1:5] = sigs[0]  # five identical documents: a bucket of 5 in every band
    assert lsh_candidates(sigs, CandidateConfig(max_bucket=4)) == set()
    assert len(lsh_candidates(sigs, CandidateConfig(max_bucket=5))) == 10


def test_oversized_bucket_in_one_band_does_not_hide_a_pair_found_in_another():
    keys = np.array([[1, 7], [1, 8], [1, 7], [1, 9]], dtype=np.uint64)
    assert bucket_pairs(keys, max_bucket=3) == {(0, 2)}


def test_fewer_than_two_documents_give_no_candidates():
    assert lsh_candidates(random_signatures(1)) == set()
    assert lsh_candidates(random_signatures(0)) == set()


def test_lsh_proposes_the_truncated_copy_but_not_the_unrelated_story(story):
    names = ["original", "truncated", "unrelated"]
    sigs = np.stack([s.minhash for s in signatures_of(story, names)])
    pairs = lsh_candidates(sigs)
    assert (0, 1) in pairs
    assert (0, 2) not in pairs and (1, 2) not in pairs


# --- immutables channel ----------------------------------------------------------------------------


def test_immutable_channel_proposes_the_spun_rewrite_that_shares_names_and_numbers(story):
    names = list(STORY_FIXTURES)
    sigs = signatures_of(story, names)
    pairs = immutable_candidates([s.immutables for s in sigs])
    i, j = names.index("original"), names.index("spun")
    assert (min(i, j), max(i, j)) in pairs
    unrelated = names.index("unrelated")
    assert not any(unrelated in p for p in pairs)


def test_spun_rewrite_is_missed_by_minhash_but_found_by_immutables(story):
    # the reason the immutables channel exists: a spinner leaves too few shared shingles
    sigs = signatures_of(story, ["original", "spun"])
    assert lsh_candidates(np.stack([s.minhash for s in sigs])) == set()
    assert immutable_candidates([s.immutables for s in sigs]) == {(0, 1)}


def test_immutable_channel_needs_min_shared_immutables():
    docs = [frozenset({"p:okafor", "n:1974"}), frozenset({"p:okafor", "n:1974", "p:castillo"})]
    assert immutable_candidates(docs) == set()
    docs = [frozenset({"p:okafor", "n:1974", "p:castillo"}), frozenset({"p:okafor", "n:1974", "p:castillo"})]
    assert immutable_candidates(docs) == {(0, 1)}


def test_immutable_channel_needs_a_minimum_overlap_share_of_the_smaller_set():
    shared = {"p:okafor", "n:1974", "p:castillo"}
    big_a = frozenset(shared | {f"n:{k}" for k in range(100, 120)})
    big_b = frozenset(shared | {f"n:{k}" for k in range(200, 220)})
    assert immutable_candidates([big_a, big_b]) == set()  # 3 of 23 < 25%
    assert immutable_candidates([big_a, big_b], CandidateConfig(min_immutable_overlap=0.1)) == {(0, 1)}


def test_immutable_channel_skips_immutables_too_common_in_the_corpus():
    # 30 wire items all mention the same city, agency and year; only 0 and 1 share rare ones.
    common = {"p:riverside", "p:council", "n:2024", "p:tuesday"}
    docs = [frozenset(common | {f"p:filler{k}"}) for k in range(30)]
    docs[0] = frozenset(docs[0] | {"p:okafor", "p:brightwater", "n:42"})
    docs[1] = frozenset(docs[1] | {"p:okafor", "p:brightwater", "n:42"})
    assert immutable_candidates(docs) == {(0, 1)}


def test_in_a_small_corpus_a_story_told_by_several_articles_keeps_its_names():
    # max_df never drops below min_immutable_df_cap, so 8 retellings of one story still pair up
    story_items = frozenset({"p:okafor", "p:castillo", "n:61500", "n:1974"})
    docs = [story_items] * 8 + [frozenset({f"p:other{k}", "n:5", "n:6"}) for k in range(4)]
    pairs = immutable_candidates(docs)
    assert len(pairs) == 8 * 7 // 2
    assert all(a < b < 8 for a, b in pairs)


def test_empty_immutable_sets_propose_nothing():
    assert immutable_candidates([frozenset(), frozenset()]) == set()
    assert immutable_candidates([]) == set()


def test_default_config_bands_divide_default_num_perm():
    assert FingerprintConfig().num_perm % CandidateConfig().bands == 0


# ---- the "details" channel (stop 41)

SOURCE = (
    "A glacier forms where snowfall outlasts the summer melt for many years. The buried snow recrystallises "
    "into firn, a granular layer halfway between snow and ice. As more snow accumulates, the weight squeezes "
    "the firn into dense blue ice and drives out most of the trapped air. Once the ice is thick enough, it "
    "begins to deform under its own weight and creeps slowly downhill. Crevasses open where the flow speeds "
    "up over steeper bedrock, and moraines of rubble pile up along the margins. Meltwater running beneath the "
    "glacier lubricates its bed and can make it surge several metres a day."
)
PARAPHRASE = (
    "A glacier takes shape where the snowfall of many years outlasts each summer's melt. Buried under more snow, "
    "it recrystallises into firn, a granular layer between snow and ice. The weight of the accumulating snow "
    "squeezes this firn into dense blue ice, driving most trapped air out. When thick enough, the ice deforms "
    "under its own weight and creeps downhill slowly. Over steeper bedrock the flow speeds up and crevasses "
    "open, while rubble piles up as moraines along its margins. Meltwater running beneath lubricates the bed "
    "of the glacier, so it can surge by several metres each day."
)
OWN_DETAILS = (
    "Mountain guides say the best season for crossing a glacier is early autumn, after the soft snow bridges "
    "have collapsed. Ropes, crampons and an ice axe are essential, and every party should carry pulleys for a "
    "crevasse rescue. Weather turns quickly at altitude, so guides watch for lenticular clouds and rising wind. "
    "Hut wardens keep a logbook of routes and expected return times for every climber."
)


def test_a_paraphrase_keeping_its_sources_details_is_proposed_and_a_text_with_its_own_details_is_not():
    from unspun.candidates import detail_candidates
    from unspun.fingerprint import detail_hashes

    details = [detail_hashes(t) for t in (SOURCE, PARAPHRASE, OWN_DETAILS)]
    assert detail_candidates(details) == {(0, 1)}


def test_a_lexical_scan_finds_a_fluent_rewrite_of_a_text_without_names_through_its_details():
    from unspun import Article, ScanConfig, scan_articles
    from unspun.config import CandidateConfig, EmbedConfig

    articles = [Article("src", SOURCE, "t"), Article("para", PARAPHRASE, "t"), Article("own", OWN_DETAILS, "t")]
    result = scan_articles(articles, ScanConfig(embed=EmbedConfig(enabled=False)))
    pair = next(p for p in result.pairs if {p.a, p.b} == {"src", "para"})
    assert pair.relation == "rewrite" and pair.channels == ("details",)  # neither MinHash nor immutables saw it
    off = ScanConfig(embed=EmbedConfig(enabled=False), candidates=CandidateConfig(min_shared_details=10**6))
    assert not [p for p in scan_articles(articles, off).pairs if {p.a, p.b} == {"src", "para"}]


def test_item_slots_counts_each_item_as_often_as_it_occurs():
    from unspun.count_kernel import item_slots

    rng = np.random.default_rng(7)
    items = rng.integers(1, 5000, 20_000).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # grows the table
    slot, counts, cap = item_slots(items)
    _, inverse, expected = np.unique(items, return_inverse=True, return_counts=True)
    assert (counts[slot] == expected[inverse]).all()
    assert len(np.unique(slot)) == len(expected) and cap >= 2 * len(expected)

"""End to end on the bundled demo corpus: the groups and relations its answer key names."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun import scan
from unspun.report import result_to_dict

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((ROOT / "examples" / "EXPECTED-demo.json").read_text())


@pytest.fixture(scope="module")
def demo():
    return scan([ROOT / "examples" / "demo"])


def _relations(result) -> dict[frozenset[str], str]:
    return {frozenset((p.a, p.b)): p.relation for p in result.pairs}


def test_every_demo_file_is_read_without_errors(demo):
    assert demo.errors == ()
    ids = {a.id for a in demo.articles}
    expected = {i for g in EXPECTED["groups"] for i in g["articles"]} | set(EXPECTED["singletons"])
    assert expected <= ids


@pytest.mark.parametrize("group", EXPECTED["groups"], ids=lambda g: g["name"][:40])
def test_expected_pairs_have_expected_relation(demo, group):
    relations = _relations(demo)
    for p in group["pairs"]:
        assert relations.get(frozenset((p["a"], p["b"]))) == p["relation"], p


@pytest.mark.parametrize("group", EXPECTED["groups"], ids=lambda g: g["name"][:40])
def test_each_group_is_exactly_one_story(demo, group):
    stories = [set(s.articles) for s in demo.stories if set(s.articles) & set(group["articles"])]
    assert stories == [set(group["articles"])]


def test_articles_about_same_people_but_other_events_are_not_paired(demo):
    relations = _relations(demo)
    for a, b in EXPECTED["must_not_pair"]:
        assert frozenset((a, b)) not in relations


def test_singletons_have_no_pairs(demo):
    paired = {x for p in demo.pairs for x in (p.a, p.b)}
    assert not paired & set(EXPECTED["singletons"])


def test_no_pairs_across_groups(demo):
    group_of = {i: n for n, g in enumerate(EXPECTED["groups"]) for i in g["articles"]}
    for p in demo.pairs:
        assert group_of.get(p.a) is not None and group_of.get(p.a) == group_of.get(p.b), (p.a, p.b)


def test_doubled_captions_are_reported_as_removed_with_offsets(demo):
    art = next(a for a in demo.articles if a.id == "ferry-captions-doubled")
    dups = [r for r in art.removed if r.kind == "duplicate_line"]
    assert len(dups) >= 2
    for r in dups:
        assert art.article.text[r.span[0]:r.span[1]] == r.text
        first = art.article.text[r.duplicate_of[0]:r.duplicate_of[1]]
        assert first != r.text  # the repeat differs in apostrophes/whitespace, yet was caught


def test_every_match_span_slices_its_article(demo):
    texts = {a.id: a.article.text for a in demo.articles}
    for p in demo.pairs:
        assert p.matches, p
        for m in p.matches:
            assert 0 <= m.a_span[0] < m.a_span[1] <= len(texts[p.a])
            assert 0 <= m.b_span[0] < m.b_span[1] <= len(texts[p.b])


def test_spun_rewrites_are_matched_as_paraphrase_not_copy(demo):
    pair = next(p for p in demo.pairs if {p.a, p.b} == {"fund-original", "fund-spin-2"})
    kinds = [m.kind for m in pair.matches]
    assert kinds.count("paraphrase") > kinds.count("copy")
    assert min(pair.coverage_a, pair.coverage_b) >= 0.6


def test_json_contract_round_trips(demo):
    data = json.loads(json.dumps(result_to_dict(demo)))
    assert {"articles", "pairs", "stories", "errors"} <= data.keys()
    pair = data["pairs"][0]
    assert {"a", "b", "relation", "score", "coverage", "matches"} <= pair.keys()
    assert {"a_span", "b_span", "kind", "score"} <= pair["matches"][0].keys()
    in_stories = [i for s in data["stories"] for i in s["articles"]]
    assert sorted(in_stories) == sorted(a["id"] for a in data["articles"])


def test_scan_without_edits_keeps_relations_and_matches_but_skips_edits():
    from unspun import ScanConfig
    from unspun.config import EmbedConfig

    fast = scan([ROOT / "examples" / "demo"], ScanConfig(edits=False, embed=EmbedConfig(enabled=False)))
    full = scan([ROOT / "examples" / "demo"], ScanConfig(embed=EmbedConfig(enabled=False)))
    # siblings need direction verdicts, which --no-edits skips: there they stay rewrites
    unsibled = {k: "rewrite" if v == "sibling" else v for k, v in _relations(full).items()}
    assert _relations(fast) == unsibled
    assert all(not p.edits for p in fast.pairs)
    assert any(p.edits for p in full.pairs)


def test_tables_rebuilt_on_demand_equal_the_prepared_ones() -> None:
    """The pair stage rebuilds feature tables instead of the parent holding them: a rebuilt table is the
    one `prepare` makes, and only the most recently used `keep` are held."""
    import numpy as np

    from unspun.config import ScanConfig
    from unspun.records import Article
    from unspun.scan import Tables, prepare

    config = ScanConfig()
    articles = [
        Article(f"a{k}", f"Officials in Town {k} said the river rose {k + 3} feet overnight. Schools stayed closed.", "t")
        for k in range(5)
    ]
    prepared = [prepare(a, config) for a in articles]
    tables = Tables([p.clean for p in prepared], keep=2)
    for k in (0, 1, 2, 0, 4):
        got, want = tables[k], prepared[k].table
        assert got.n_sentences == want.n_sentences
        for name in ("hashes", "sentence", "kind", "keys"):
            assert np.array_equal(getattr(got, name), getattr(want, name))
    assert len(tables._prepared) == 2 and list(tables._prepared) == [0, 4]

"""Event grouping: reports of one event group together; two events of one kind stay apart."""
from __future__ import annotations

from unspun.clean import clean_article
from unspun.config import CleanConfig
from unspun.events import EventConfig, group_events, signature
from unspun.records import Article

QUAKE_2005 = [
    "Earthquake kills dozens in southern Iran\n\nA strong earthquake struck the Zarand region of Kerman "
    "province in February 2005, killing at least 400 villagers, Iranian officials said.",
    "Zarand earthquake toll rises\n\nRescuers in Kerman province dug through mud-brick homes after the "
    "February 2005 earthquake near Zarand, Iran's Red Crescent said on Wednesday.",
    "Iran quake: villages flattened near Zarand\n\nThe 6.4 magnitude earthquake that hit Kerman province "
    "in 2005 flattened dozens of villages around Zarand, the Red Crescent reported.",
]
QUAKE_2012 = [
    "Twin earthquakes hit northwest Iran\n\nTwo earthquakes struck near Tabriz and Ahar in East Azerbaijan "
    "province in August 2012, killing more than 300 people, state television said.",
    "Ahar earthquakes: survivors sleep outside\n\nSurvivors of the August 2012 earthquakes near Ahar and "
    "Tabriz spent the night in tents as aftershocks shook East Azerbaijan province.",
    "Iran earthquake relief reaches Ahar\n\nAid convoys reached villages around Ahar in East Azerbaijan, "
    "where the 2012 earthquakes destroyed homes near Tabriz, officials said.",
]


def _clean(texts: list[str], prefix: str) -> list:
    return [clean_article(Article(f"{prefix}{n}", t, "test"), CleanConfig()) for n, t in enumerate(texts)]


def test_signature_reads_names_and_years_from_the_lead():
    sig = signature(_clean(QUAKE_2005[:1], "a")[0])
    assert {"zarand", "kerman"} <= sig.names
    assert sig.years == {"2005"}


def test_two_earthquakes_in_one_country_stay_apart_and_reports_of_each_group_together():
    articles = _clean(QUAKE_2005, "old") + _clean(QUAKE_2012, "new")
    groups = group_events(articles, None)
    as_sets = sorted(sorted(g) for g in groups)
    assert as_sets == [["new0", "new1", "new2"], ["old0", "old1", "old2"]]


def test_a_year_conflict_keeps_otherwise_identical_leads_apart():
    texts = [
        "Flood closes the Danube bridge in Passau in June 2013, city officials said on Monday.",
        "Flood closes the Danube bridge in Passau in June 2002, city officials said on Monday.",
    ]
    articles = _clean(texts, "f")
    assert len(group_events(articles, None)) == 2
    assert len(group_events(articles, None, EventConfig(year_conflict=0.0))) == 1


def test_large_corpora_get_no_grouping_instead_of_a_huge_matrix():
    articles = _clean(QUAKE_2005, "x")
    assert group_events(articles, None, EventConfig(max_articles=2)) == []


def test_lead_word_vectors_are_unit_tfidf_rows_whose_products_are_cosines():
    import math

    import numpy as np

    from unspun.events import _idf, _word_vectors

    sigs = [signature(a) for a in _clean(QUAKE_2005 + QUAKE_2012, "v")] + [signature(_clean(["Untitled"], "e")[0])]
    idf = _idf([s.words for s in sigs])

    def cosine(x, y):  # the TF-IDF cosine written out word by word
        dot = sum(idf[w] ** 2 for w in x.words & y.words)
        norm = math.sqrt(sum(idf[w] ** 2 for w in x.words)) * math.sqrt(sum(idf[w] ** 2 for w in y.words))
        return dot / norm if norm else 0.0

    vectors = _word_vectors(sigs)
    products = (vectors @ vectors.T).toarray()
    expected = np.array([[cosine(x, y) for y in sigs] for x in sigs])
    assert np.allclose(products, expected, atol=1e-12)
    assert np.allclose(np.diag(products)[:-1], 1.0)
    assert products[0, 3] < products[0, 1]  # another year's quake shares fewer lead words


def _naive_average_linkage(sims, threshold):
    """Average linkage written out: each step recomputes every live pair of groups' mean similarity."""
    groups = [[i] for i in range(len(sims))]
    while len(groups) > 1:
        scores = [(sum(sims[x][y] for x in g for y in h) / (len(g) * len(h)), i, j)
                  for i, g in enumerate(groups) for j, h in enumerate(groups) if i < j]
        best, i, j = max(scores)
        if best < threshold:
            break
        groups[i] = groups[i] + groups.pop(j)
    return sorted(sorted(g) for g in groups)


def test_average_linkage_merges_on_the_groups_mean_not_the_closest_pair():
    import numpy as np

    from unspun.events import average_linkage

    sims = np.array([[1.0, 0.9, 0.0], [0.9, 1.0, 0.5], [0.0, 0.5, 1.0]])
    assert average_linkage(sims, 0.4) == [[0, 1], [2]]  # single linkage would chain 2 in through 1 (0.5)
    assert average_linkage(sims, 0.2) == [[0, 1, 2]]  # the group mean (0.0 + 0.5) / 2 = 0.25 clears 0.2
    assert average_linkage(sims, 0.95) == [[0], [1], [2]]
    rng = np.random.default_rng(7)
    for _ in range(40):  # the compiled incremental merges against the written-out definition
        n = int(rng.integers(2, 14))
        x = rng.random((n, n))
        x = (x + x.T) / 2
        threshold = float(rng.uniform(0.3, 0.7))
        assert sorted(average_linkage(x, threshold)) == _naive_average_linkage(x.tolist(), threshold)


def test_events_name_the_stories_they_hold():
    from unspun.events import attach_events
    from unspun.records import Story

    stories = [Story(f"story-{k}", (f"s{k}a", f"s{k}b"), f"s{k}a") for k in range(3)]
    groups = [["s0a", "s0b", "s2a"], ["s1a", "s1b"], ["s2b"]]
    events, named, _ = attach_events(groups, stories, [])
    assert [(e.id, e.stories) for e in events] == [
        ("event-1", ("story-0", "story-2")), ("event-2", ("story-1",)), ("event-3", ())]
    assert [s.event for s in named] == ["event-1", "event-2", "event-1"]  # a tie goes to the first event met

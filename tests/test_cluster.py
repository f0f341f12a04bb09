"""Story clustering: copy groups stay whole, and a hub article does not chain two groups together."""
from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.cluster import cluster, structural_similarity
from unspun.config import ClusterConfig


def clique(names, w=0.9):
    return [(a, b, w) for a, b in combinations(names, 2)]


def as_sets(groups):
    return {frozenset(g) for g in groups}


def test_a_roundup_linked_to_two_copy_groups_joins_only_the_one_it_links_to_most():
    a = [f"a{i}" for i in range(5)]
    b = [f"b{i}" for i in range(5)]
    edges = clique(a) + clique(b) + [("roundup", x, 0.8) for x in a] + [("roundup", x, 0.5) for x in b]
    got = as_sets(cluster(a + b + ["roundup"], edges))
    assert got == {frozenset(a + ["roundup"]), frozenset(b)}


def test_connected_components_would_have_chained_the_hub_case():
    a, b = ["a0", "a1", "a2"], ["b0", "b1", "b2"]
    edges = clique(a) + clique(b) + [("hub", x, 0.6) for x in a + b]
    got = as_sets(cluster(a + b + ["hub"], edges))
    assert len(got) == 2 and not any(set(a) & g and set(b) & g for g in got)


def test_a_star_of_copies_around_one_original_stays_one_story():
    leaves = [f"copy{i}" for i in range(6)]
    got = cluster(["orig"] + leaves, [("orig", x, 0.9) for x in leaves])
    assert as_sets(got) == {frozenset(["orig"] + leaves)}


def test_a_dense_group_with_a_few_missing_links_stays_whole():
    names = [f"v{i}" for i in range(8)]
    edges = [e for e in clique(names) if (e[0], e[1]) not in {("v0", "v7"), ("v2", "v5"), ("v3", "v6")}]
    assert as_sets(cluster(names, edges)) == {frozenset(names)}


def test_unlinked_articles_are_singletons_and_order_is_largest_first():
    got = cluster(["x", "p", "q", "r"], clique(["p", "q", "r"]))
    assert got == [["p", "q", "r"], ["x"]]


def test_structural_similarity_is_one_for_an_isolated_pair_and_lower_for_a_hub_edge():
    nb = {"a": {"b"}, "b": {"a"}}
    assert structural_similarity(nb, "a", "b") == 1.0
    nb = {"h": {"a", "b", "c", "d"}, "a": {"h", "b"}, "b": {"h", "a"}, "c": {"h", "d"}, "d": {"h", "c"}}
    assert structural_similarity(nb, "h", "a") < ClusterConfig().min_structural


def test_a_stricter_threshold_only_splits_more():
    names = [f"n{i}" for i in range(6)]
    edges = clique(names[:3]) + clique(names[3:]) + [("n2", "n3", 0.5)]
    loose = as_sets(cluster(names, edges, ClusterConfig(min_structural=0.0)))
    strict = as_sets(cluster(names, edges, ClusterConfig(min_structural=0.8)))
    assert loose == {frozenset(names)}
    assert strict == {frozenset(names[:3]), frozenset(names[3:])}


@settings(max_examples=80, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.tuples(
            st.just([f"d{k}" for k in range(n)]),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.floats(0.1, 1.0)), max_size=30),
        )
    )
)
def test_result_is_a_partition_and_does_not_depend_on_edge_order(data):
    ids, raw = data
    edges = [(ids[i], ids[j], w) for i, j, w in raw if i != j]
    forward = cluster(ids, edges)
    backward = cluster(ids, list(reversed(edges)))
    assert sorted(x for g in forward for x in g) == sorted(ids)
    assert as_sets(forward) == as_sets(backward)

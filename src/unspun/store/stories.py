"""The index's stories, by the same definition `scan` uses (`provenance.story_groups`).

A story is not simply a connected component of the pair graph: `cluster` keeps one hub (a round-up
linking two groups) from chaining unrelated stories. The index used to keep connected components
and `verify()` compared them with the clustering, so it failed on every clean index whose graph had
a hub. Now a batch re-clusters only the components its new articles and links touch (a component's
grouping depends on nothing outside it), and a story is named by the smallest article `n` in it.
Articles are ordered by `n` (the order they were added), as `scan` orders them by input order.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..config import ClusterConfig
from ..provenance import COPY_RELATIONS, story_groups

_COPY = tuple(sorted(COPY_RELATIONS))


def _links_touching(con: Any, frontier: Sequence[int]) -> list[tuple[int, int, float]]:
    return [
        (int(a), int(b), float(s))
        for a, b, s in con.execute(
            "SELECT a, b, score FROM pairs WHERE relation IN (SELECT unnest(?::VARCHAR[])) "
            "AND (a IN (SELECT unnest(?::BIGINT[])) OR b IN (SELECT unnest(?::BIGINT[])))",
            [list(_COPY), list(frontier), list(frontier)],
        ).fetchall()
    ]


def component(con: Any, seeds: Iterable[int], limit: int | None = None
              ) -> tuple[list[int], list[tuple[int, int, float]]]:
    """(articles, copy links) of the connected components containing `seeds`, articles sorted by n. With `limit`,
    the walk outward stops once it has found more articles than that: more than `limit` articles back means "too
    big", and the component is then only partly read."""
    members = set(seeds)
    frontier = sorted(members)
    links: dict[tuple[int, int], float] = {}
    while frontier and (limit is None or len(members) <= limit):
        found = _links_touching(con, frontier)
        for a, b, s in found:
            links[(a, b)] = s
        fresh = {x for a, b, _ in found for x in (a, b)} - members
        members |= fresh
        frontier = sorted(fresh)
    return sorted(members), [(a, b, s) for (a, b), s in links.items()]


def assign(articles: Sequence[int], links: Sequence[tuple[int, int, float]], config: ClusterConfig) -> dict[int, int]:
    """article n -> story n (the smallest n of its group), by the shared story definition."""
    out: dict[int, int] = {}
    for group in story_groups(list(articles), links, config):
        name = min(group)
        out.update((n, name) for n in group)
    return out


def restory(con: Any, seeds: Sequence[int], config: ClusterConfig) -> None:
    """Re-cluster the components holding `seeds` and rewrite their story rows (inside the caller's
    transaction); articles without a story row yet get one."""
    if not len(seeds):
        return
    articles, links = component(con, seeds)
    stories = assign(articles, links, config)
    con.execute("DELETE FROM stories WHERE article IN (SELECT unnest(?::BIGINT[]))", [articles])
    table = {
        "article": np.array(articles, dtype=np.int64),
        "story": np.array([stories[n] for n in articles], dtype=np.int64),
    }
    con.register("_new_story_rows", table)
    try:
        con.execute("INSERT INTO stories (article, story) SELECT * FROM _new_story_rows")
    finally:
        con.unregister("_new_story_rows")


def expected_stories(con: Any, config: ClusterConfig) -> dict[int, int]:
    """article n -> story n for the whole index, recomputed from its pairs (for `Index.verify`)."""
    articles = [int(r[0]) for r in con.execute("SELECT n FROM articles ORDER BY n").fetchall()]
    links = [
        (int(a), int(b), float(s))
        for a, b, s in con.execute(
            "SELECT a, b, score FROM pairs WHERE relation IN (SELECT unnest(?::VARCHAR[]))", [list(_COPY)]
        ).fetchall()
    ]
    return assign(articles, links, config)

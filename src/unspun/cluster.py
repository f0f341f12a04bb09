"""Stories from the pair graph, without letting one hub chain unrelated groups together.

Connected components would put two unrelated stories in one group as soon as a single article (a
round-up quoting both) links to each. Instead an edge holds two articles together only when their
closed neighbourhoods overlap strongly (structural similarity, as in the SCAN graph clustering
algorithm of Xu et al., 2007): members of one copy group link to each other, so their edges are
strong, while a hub's edges into a group it merely touches are weak. Articles left alone after that
(the centre of a star of copies, or a hub) join the single neighbouring group they link to most.

Property: an article can keep two groups together only when each of them is a single article.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from .config import ClusterConfig

Edge = tuple[str, str, float]


def structural_similarity(neighbours: dict[str, set[str]], a: str, b: str) -> float:
    """Cosine of the closed neighbourhoods of a and b (1.0 for two articles linked only to each other)."""
    na, nb = neighbours[a] | {a}, neighbours[b] | {b}
    return len(na & nb) / math.sqrt(len(na) * len(nb))


def cluster(ids: Sequence[str], edges: Iterable[Edge], config: ClusterConfig = ClusterConfig()) -> list[list[str]]:
    """Partition `ids` into groups from weighted links; every id lands in exactly one group.

    Groups keep the order of `ids` inside; groups are ordered largest first, then by first member id.
    """
    position = {x: n for n, x in enumerate(ids)}
    neighbours: dict[str, set[str]] = {x: set() for x in ids}
    weight: dict[tuple[str, str], float] = {}
    for a, b, w in edges:
        if a == b or a not in position or b not in position:
            continue
        neighbours[a].add(b)
        neighbours[b].add(a)
        key = (a, b) if position[a] < position[b] else (b, a)
        weight[key] = max(weight.get(key, 0.0), w)

    parent = {x: x for x in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            if position[ra] > position[rb]:
                ra, rb = rb, ra
            parent[rb] = ra

    for a, b in sorted(weight, key=lambda k: (position[k[0]], position[k[1]])):
        if structural_similarity(neighbours, a, b) >= config.min_structural:
            union(a, b)

    size: dict[str, int] = {}
    for x in ids:
        r = find(x)
        size[r] = size.get(r, 0) + 1
    # Lone linked articles join one neighbouring group: the one they link to most (total weight),
    # ties to the larger group, then the earlier one. Lightly linked first, so a star's leaves and
    # centre end up together whichever order they come in.
    lonely = [x for x in ids if size[find(x)] == 1 and neighbours[x]]
    lonely.sort(key=lambda x: (len(neighbours[x]), position[x]))
    for x in lonely:
        if size[find(x)] != 1:
            continue  # a neighbour already joined it
        pull: dict[str, float] = {}
        for y in neighbours[x]:
            key = (x, y) if position[x] < position[y] else (y, x)
            r = find(y)
            pull[r] = pull.get(r, 0.0) + weight[key]
        best = max(pull, key=lambda r: (pull[r], size[r], -position[r]))
        size[find(best)] += 1
        size[find(x)] = 0
        rb = find(best)
        parent[x] = rb
        size[x] = 0

    groups: dict[str, list[str]] = {}
    for x in ids:
        groups.setdefault(find(x), []).append(x)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))

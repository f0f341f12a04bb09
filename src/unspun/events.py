"""Event-level stories: group reports of one event, keep two events of one kind apart.

Copy relations only join texts made from each other; several outlets reporting one event write
independent texts, so stories built from copies split one event into many pieces. Here each article
gets an event signature from its lead (title and first sentences): the names it mentions (who,
where) and the years it dates itself with (when). Two articles' event similarity is

    (1 - names_weight) * lead cosine + names_weight * IDF-weighted Jaccard of the lead names
    - year_conflict          (when both leads give years and share none)

and events are groups from average-linkage clustering at `min_similarity`. The lead cosine is the
scan's lead-vector cosine when embeddings ran, else a TF-IDF cosine of the lead words. A rare shared
name ("Lohan", "Mount Cook") says "same event" more than a common one ("Monday"); two leads dated
2008 and 2013 are two events of one kind however close their wording.

Chosen on ECB+ topics 1-22 (benchmarks/stories/run.py): see docs/how-it-works.md for the figures.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numba import njit
from scipy import sparse

from .config import EventConfig
from .fingerprint import sentence_immutables, tokens
from .tokens import STOPWORDS, stem
from .records import CleanArticle, Event, Pair, Story

_YEAR = re.compile(r"^n:(19[5-9]\d|20[0-4]\d)$")


@dataclass(frozen=True)
class EventSignature:
    """Who/where (names) and when (years) of an article's lead, plus its content words."""

    names: frozenset[str]
    years: frozenset[str]
    words: frozenset[str]


def signature(article: CleanArticle, lead_sentences: int = 4) -> EventSignature:
    """The event signature of an article's lead (its title line counts as the first sentence)."""
    names: set[str] = set()
    years: set[str] = set()
    words: set[str] = set()
    for sentence in article.sentences[:lead_sentences]:
        for item in sentence_immutables(sentence.text):  # only names and years are read: not the stems and skeleton
            if item.startswith("p:"):
                names.add(item[2:])
            elif (m := _YEAR.match(item)) is not None:
                years.add(m.group(1))
        words.update(stem(t) for t in tokens(sentence.text) if t.casefold() not in STOPWORDS and not t[0].isdigit())
    return EventSignature(frozenset(names), frozenset(years), frozenset(words))


def _idf(items: Sequence[frozenset[str]]) -> dict[str, float]:
    """Smoothed IDF (as scikit-learn's): a term in every article still weighs a little."""
    df = Counter(x for s in items for x in s)
    n = len(items)
    return {x: math.log((1 + n) / (1 + c)) + 1 for x, c in df.items()}


def _word_vectors(sigs: Sequence[EventSignature]) -> sparse.csr_matrix:
    """Unit TF-IDF vectors of the lead words (sparse): the lead cosine when no embeddings are available.

    Sparse because a lead has some 30 words out of a corpus vocabulary of thousands: the dense matrix
    (articles x vocabulary) and its product were 0.86 of 0.96 CPU-s at 2k articles (0.10 s sparse, same
    groups; the cosines now sum in float64, so they differ from the float32 product by < 1e-6)."""
    incidence, weights = _weighted_incidence([s.words for s in sigs])
    out = incidence.multiply(weights[None, :]).tocsr()
    norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
    return (sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ out).tocsr()


def _weighted_incidence(items: Sequence[frozenset[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """`_incidence` of the sets and each term's smoothed IDF (`_idf`), in the incidence's column order."""
    idf = _idf(items)
    return _incidence(items), np.array([idf[x] for x in sorted(idf)]) if idf else np.zeros(1)


def _incidence(items: Sequence[frozenset[str]]) -> sparse.csr_matrix:
    """Articles x terms, 1 where the article's set holds the term (terms in sorted order)."""
    vocab = {x: k for k, x in enumerate(sorted({x for s in items for x in s}))}
    rows = np.repeat(np.arange(len(items)), [len(s) for s in items])
    cols = np.fromiter((vocab[x] for s in items for x in s), dtype=np.int64, count=len(rows))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(items), max(len(vocab), 1)))


def similarity_matrix(
    sigs: Sequence[EventSignature], lead_vectors: np.ndarray | None, config: EventConfig = EventConfig()
) -> np.ndarray:
    """Event similarity of every pair of articles (dense; see the module docstring for the formula).

    The IDF-weighted name Jaccard of all pairs at once: shared weight = N diag(idf) N^T over the name
    incidence matrix N, union weight = each side's total minus the shared weight. The Jaccard term is worked
    out only where two leads share a name (a sparse product): elsewhere it is 0, so the dense n x n work is
    the cosines, the year conflicts and one sum (the all-pairs Jaccard was half of this function's time)."""
    if lead_vectors is not None:
        cosines = (lead_vectors @ lead_vectors.T).astype(float)
    else:
        words = _word_vectors(sigs)
        cosines = (words @ words.T).toarray()
    sims = (1 - config.names_weight) * cosines
    conflict = _year_conflicts(sigs)
    extra = np.where(conflict, -config.year_conflict, 0.0)
    names, weights = _weighted_incidence([s.names for s in sigs])
    shared = (names.multiply(weights[None, :]).tocsr() @ names.T).tocoo()
    rows, cols = shared.row, shared.col
    total = np.asarray(names @ weights).ravel()
    jaccard = shared.data / (total[rows] + total[cols] - shared.data)  # shared > 0, so the union is too
    extra[rows, cols] = config.names_weight * jaccard - np.where(conflict[rows, cols], config.year_conflict, 0.0)
    np.fill_diagonal(extra, 0.0)
    sims += extra
    return sims


def _year_conflicts(sigs: Sequence[EventSignature]) -> np.ndarray:
    """n x n: both leads give years and share none. The pairs sharing a year come from a sparse product; a dense
    product of the year incidence was an n x n float64 matrix (200 MB at 5k articles) only to test it for 0."""
    has_years = np.array([bool(s.years) for s in sigs])
    conflict = has_years[:, None] & has_years[None, :]
    years = _incidence([s.years for s in sigs])
    shared = (years @ years.T).tocoo()
    conflict[shared.row, shared.col] = False  # the product holds only nonzero entries: a shared year
    return conflict


def average_linkage(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of indices from average-linkage agglomerative clustering, stopped below `threshold`.

    Average linkage (not single): one loosely similar pair cannot chain two events together. Each row's
    best entry is kept and refreshed only where a merge touched it, so a merge costs O(n), not O(n^2);
    the pair merged is the first maximum in row-major order, as a full argmax would pick. The merges run
    compiled (`_merges`): as numpy steps they were ~1.0 CPU-s at 5k articles (0.4 compiled), a few thousand
    merges of a few vector operations each.
    """
    n = len(sims)
    work = sims.astype(float)  # a copy: the merges overwrite it
    members = {i: [i] for i in range(n)}
    for a, b in _merges(work, float(threshold)):
        members[a].extend(members.pop(b))
    return [sorted(g) for g in members.values()]


@njit(cache=True, nogil=True)
def _merges(work: np.ndarray, threshold: float) -> np.ndarray:
    """(a, b) of each merge in order, b merged into a, over `work` (overwritten). Each step as the numpy one
    it replaced (same arithmetic, same first-maximum ties, dead rows included), so the groups are the same."""
    n = len(work)
    for i in range(n):
        work[i, i] = -np.inf
    size = np.ones(n)
    best_col = np.empty(n, np.int64)
    best = np.empty(n)
    for i in range(n):
        best_col[i] = np.argmax(work[i])
        best[i] = work[i, best_col[i]]
    out = np.empty((max(n - 1, 0), 2), np.int64)
    done = 0
    merged = np.empty(n)
    while done < n - 1:
        a = np.argmax(best)
        b = best_col[a]
        if best[a] < threshold:
            break
        for j in range(n):
            merged[j] = (work[a, j] * size[a] + work[b, j] * size[b]) / (size[a] + size[b])
        for j in range(n):
            work[a, j] = merged[j]
            work[j, a] = merged[j]
        work[a, a] = -np.inf
        for j in range(n):  # b is gone: its row and column never win again
            work[b, j] = -np.inf
            work[j, b] = -np.inf
        size[a] += size[b]
        out[done, 0], out[done, 1] = a, b
        done += 1
        _refresh(work, best, best_col, a, b)
    return out[:done]


@njit(cache=True, nogil=True)
def _refresh(work: np.ndarray, best: np.ndarray, best_col: np.ndarray, a: int, b: int) -> None:
    """Each row's first maximum after row/column a changed and row/column b died."""
    n = len(work)
    stale = np.empty(n, np.bool_)
    for r in range(n):
        stale[r] = best_col[r] == a or best_col[r] == b
    stale[a] = stale[b] = True
    for r in range(n):
        if not stale[r]:
            c = work[r, a]
            if c > best[r] or (c == best[r] and a < best_col[r]):
                best[r], best_col[r] = c, a
    for r in range(n):
        if stale[r]:
            best_col[r] = np.argmax(work[r])
            best[r] = work[r, best_col[r]]


def group_events(
    articles: Sequence[CleanArticle], lead_vectors: np.ndarray | None, config: EventConfig = EventConfig()
) -> list[list[str]]:
    """Article ids grouped by event, largest group first (ties: first article's position).

    Returns [] when the corpus is larger than `config.max_articles` (the dense matrix would not fit).
    """
    if len(articles) > config.max_articles:
        return []
    sigs = [signature(a, config.lead_sentences) for a in articles]
    threshold = config.min_similarity if lead_vectors is not None else config.min_similarity_lexical
    groups = average_linkage(similarity_matrix(sigs, lead_vectors, config), threshold)
    groups.sort(key=lambda g: (-len(g), g[0]))
    return [[articles[i].id for i in g] for g in groups]


def with_family(story: Story, pairs: Sequence[Pair]) -> Story:
    """The story with its copy family: the articles copying it (exact / near-duplicate) and the
    rewrites, each article under the strongest relation it has inside the story."""
    return with_families([story], pairs)[0]


_FAMILY_RANK = {"exact": 2, "near-duplicate": 2, "rewrite": 1}


def with_families(stories: Sequence[Story], pairs: Sequence[Pair]) -> tuple[Story, ...]:
    """`with_family` of every story (stories hold disjoint articles) in one pass over the pairs.

    Story by story, each call read every pair: O(stories x pairs), measured as most of the scan's
    serial assembly at 20k articles (13k stories x 8k pairs); this indexes articles by story once.
    """
    story_of = {x: k for k, s in enumerate(stories) for x in s.articles}
    best: dict[int, dict[str, int]] = {}
    for p in pairs:
        rank = _FAMILY_RANK.get(p.relation)
        k = story_of.get(p.a)
        if rank is None or k is None or story_of.get(p.b) != k:
            continue
        members = best.setdefault(k, {})
        for x in (p.a, p.b):
            members[x] = max(members.get(x, 0), rank)
    out = []
    for k, story in enumerate(stories):
        got = best.get(k, {})
        rest = [x for x in story.articles if x != story.original and x in got]
        out.append(replace(
            story, copies=tuple(x for x in rest if got[x] == 2), rewrites=tuple(x for x in rest if got[x] == 1)
        ))
    return tuple(out)


def attach_events(
    groups: Sequence[Sequence[str]], stories: Sequence[Story], pairs: Sequence[Pair]
) -> tuple[tuple[Event, ...], tuple[Story, ...], tuple[Pair, ...]]:
    """Event records (each with the stories inside it), stories naming their event (the one holding
    most of their articles), and the pairs without `same-story` links across two events."""
    if not groups:
        return (), tuple(stories), tuple(pairs)
    event_of = {x: f"event-{n + 1}" for n, g in enumerate(groups) for x in g}
    named = []
    for s in stories:
        votes = Counter(event_of[x] for x in s.articles if x in event_of)
        named.append(replace(s, event=votes.most_common(1)[0][0] if votes else None))
    inside: dict[str | None, list[str]] = {}  # event -> its stories, in story order (one pass: a scan per event
    for s in named:                           # was 1.0 of 4.5 s of the events at 5k articles)
        inside.setdefault(s.event, []).append(s.id)
    events = tuple(
        Event(f"event-{n + 1}", tuple(g), tuple(inside.get(f"event-{n + 1}", ()))) for n, g in enumerate(groups)
    )
    kept = tuple(
        p for p in pairs if p.relation != "same-story" or event_of.get(p.a) == event_of.get(p.b)
    )
    return events, tuple(named), kept

"""Sentence alignment between two articles, with a score that survives synonym swaps.

A sentence pair is scored by weighted Dice overlap of three feature kinds: immutables (names, numbers,
quotes — a spinner keeps them), stems of content words (kept when the spinner skips a word), and
bigrams of the function-word skeleton (a spinner swaps content words but keeps the grammar around them).
Matching is one-to-one and order-free, because spinners reorder clauses and paragraphs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from .clean import clean_article
from .config import AlignConfig, CleanConfig
from .feature_kernel import identical_scores, lone_pairs, table_scores
from .fingerprint import (
    FeatureTable, PairFacts, SentenceFeatures, article_table, feature_table, sentence_key, sentence_lengths,
)
from .records import Article, CleanArticle, Match


@dataclass(frozen=True)
class Alignment:
    """Matched sentences of two articles and how much of each they cover."""

    matches: tuple[Match, ...]
    coverage_a: float
    coverage_b: float
    copy_coverage: float  # share of the shorter text (by chars) inside verbatim-copy matches
    score: float  # length-weighted match score over both texts, 0..1


def _weighted(features: SentenceFeatures, config: AlignConfig) -> dict[str, float]:
    """Feature -> weight for one sentence (reference form of what `score_matrix` computes in bulk)."""
    weights = {f: config.content_weight for f in features.content}
    weights.update({f: config.skeleton_weight for f in features.skeleton})
    weights.update({f: config.immutable_weight for f in features.immutables})
    return weights


def similarity(a: SentenceFeatures, b: SentenceFeatures, config: AlignConfig = AlignConfig()) -> float:
    """Weighted Dice overlap of two sentences' features, in 0..1."""
    wa, wb = _weighted(a, config), _weighted(b, config)
    total = sum(wa.values()) + sum(wb.values())
    if not total:
        return 0.0
    shared = sum(w for f, w in wa.items() if f in wb)
    return 2 * shared / total


Given = Sequence[SentenceFeatures] | FeatureTable | PairFacts | None
"""An article's features as a caller has them: sentence features, its table, its `PairFacts`, or None."""


def _tables(article: CleanArticle, given: Given) -> FeatureTable:
    if isinstance(given, FeatureTable):
        return given
    if isinstance(given, PairFacts):
        return given.table
    return article_table(article) if given is None else feature_table(given)


def score_matrix(ta: FeatureTable, tb: FeatureTable, config: AlignConfig = AlignConfig()) -> np.ndarray:
    """Weighted Dice score of every sentence pair (rows: a, columns: b), joined on feature hashes
    (`feature_kernel.table_scores`: one compiled pass)."""
    weights = np.array([config.content_weight, config.skeleton_weight, config.immutable_weight])
    return table_scores(ta.hashes, ta.sentence, weights[ta.kind], ta.n_sentences,
                        tb.hashes, tb.sentence, weights[tb.kind], tb.n_sentences)


def _lengths(article: CleanArticle, given: Given) -> np.ndarray:
    """Each sentence's text length (what ranks identical sentences), from its `PairFacts` when given."""
    return given.lengths() if isinstance(given, PairFacts) else sentence_lengths(article)


def _chars(article: CleanArticle, indices: Sequence[int] | None = None) -> int:
    sents = article.sentences if indices is None else [article.sentences[i] for i in indices]
    return sum(s.span[1] - s.span[0] for s in sents)


_IDENTICAL = 1.0 + 1e-4  # the score of two sentences with one match key: above any feature score (<= 1)


def assign(scores: np.ndarray, threshold: float, used_a: set[int] = frozenset(),
           used_b: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Sentence pairs (i, j) at or above `threshold` that maximise the total score, one-to-one.

    An assignment over all candidate pairs, not a path: a sentence pairs with its best counterpart
    wherever the rewrite moved it, and a weak pair never steals a sentence from a strong one.
    Rows/columns already used are left out."""
    return _assign(scores, threshold, _mask(used_a, scores.shape[0]), _mask(used_b, scores.shape[1]))


def _assign(scores: np.ndarray, threshold: float, used_a: np.ndarray, used_b: np.ndarray) -> list[tuple[int, int]]:
    """`assign` with the used rows and columns as boolean masks (what `align` keeps between its passes)."""
    # No row or column with two candidates at or above the threshold: those pairs are the assignment (each
    # has weight and none competes with another), with no solver to run.
    found, lone_a, lone_b = lone_pairs(scores, threshold, used_a, used_b)
    if found:
        return list(zip(lone_a.tolist(), lone_b.tolist()))
    from scipy.optimize import linear_sum_assignment

    above = scores >= threshold
    rows = np.flatnonzero(above.any(axis=1) & ~used_a).tolist()
    cols = np.flatnonzero(above.any(axis=0) & ~used_b).tolist()
    if not rows or not cols:
        return []
    sub = scores[np.ix_(rows, cols)]
    # Pairs below the threshold are worth nothing, so the solver only takes them to fill a square.
    weight = np.where(sub >= threshold, sub, 0.0)
    r, c = linear_sum_assignment(weight, maximize=True)
    return sorted((rows[i], cols[j]) for i, j in zip(r, c) if sub[i, j] >= threshold)


def _mask(used: set[int], n: int) -> np.ndarray:
    out = np.zeros(n, np.bool_)
    if used:
        out[list(used)] = True
    return out


def align(
    a: CleanArticle,
    b: CleanArticle,
    fa: Given = None,
    fb: Given = None,
    config: AlignConfig = AlignConfig(),
    semantic: np.ndarray | None = None,
) -> Alignment:
    """One-to-one sentence alignment (the assignment of highest total score), each match labelled copy
    or paraphrase.

    `semantic` (optional, shape sentences_a x sentences_b, 0..1) is another score per sentence pair,
    e.g. from embeddings; a pair scores the better of it and the lexical score. `PairFacts` for `fa`/`fb`
    also give the matched sentences' keys, worked out once per article.
    """
    ta, tb = _tables(a, fa), _tables(b, fb)
    key_a = fa.key if isinstance(fa, PairFacts) else lambda i: sentence_key(a.sentences[i].text)
    key_b = fb.key if isinstance(fb, PairFacts) else lambda j: sentence_key(b.sentences[j].text)
    keys_a, keys_b = ta.keys, tb.keys
    scores = score_matrix(ta, tb, config)
    if semantic is not None:
        scores = np.maximum(scores, semantic)
    # Identical sentences always align, even when they are too short to carry features; an identical
    # sentence beats one that only shares every feature, and of sentences with one key the closest in
    # length wins: a tie would go to whichever text is first, and align(a, b) and align(b, a) could pair
    # different sentences.
    identical_scores(scores, keys_a, keys_b, _lengths(a, fa), _lengths(b, fb), _IDENTICAL)
    used_a = np.zeros(len(keys_a), np.bool_)
    used_b = np.zeros(len(keys_b), np.bool_)
    matches: list[Match] = []
    # Second pass: once the texts are shown to be related, weaker sentence pairs among the leftovers
    # are heavily spun versions of each other rather than chance overlap.
    for second_pass, threshold in enumerate((config.min_score, config.context_min_score)):
        if second_pass and len(matches) < config.context_min_matches:
            break
        found = _assign(scores, threshold, used_a, used_b)
        if not found:
            continue
        rows = [i for i, _ in found]
        cols = [j for _, j in found]
        used_a[rows] = True
        used_b[cols] = True
        # the pass's scores and key tests read in two NumPy calls, not one per match
        for i, j, raw, same in zip(rows, cols, scores[rows, cols].tolist(), (keys_a[rows] == keys_b[cols]).tolist()):
            char_sim = 1.0 if same else fuzz.ratio(key_a(i), key_b(j)) / 100
            kind = "copy" if char_sim >= config.copy_score else "paraphrase"
            score = min(max(raw, char_sim), 1.0)
            matches.append(Match(a.sentences[i].span, b.sentences[j].span, kind, round(score, 4), (i,), (j,)))
    matches.sort(key=lambda m: m.a_span)
    kept = (fa.chars, fb.chars) if isinstance(fa, PairFacts) and isinstance(fb, PairFacts) else None
    return summarize(a, b, matches, kept)


def summarize(
    a: CleanArticle, b: CleanArticle, matches: Sequence[Match], totals: tuple[int, int] | None = None
) -> Alignment:
    """Coverage and score of a set of sentence matches; `totals` are the two texts' kept characters (`_chars`)
    when the caller has them."""
    total_a, total_b = totals or (_chars(a), _chars(b))
    if not total_a or not total_b:
        return Alignment(tuple(matches), 0.0, 0.0, 0.0, 0.0)
    # one loop for the five sums (was five generator passes); the float sum runs in match order, as before
    in_a = in_b = copied_a = copied_b = 0
    parts = []  # summed by `sum`, as before (its float addition is the version's own)
    for m in matches:
        len_a, len_b = m.a_span[1] - m.a_span[0], m.b_span[1] - m.b_span[0]
        in_a += len_a
        in_b += len_b
        if m.kind == "copy":
            copied_a += len_a
            copied_b += len_b
        parts.append(m.score * (len_a + len_b))
    weighted = sum(parts)
    cov_a, cov_b = in_a / total_a, in_b / total_b
    copy_cov = copied_a / total_a if total_a <= total_b else copied_b / total_b
    return Alignment(
        tuple(matches),
        round(min(cov_a, 1.0), 4),
        round(min(cov_b, 1.0), 4),
        round(min(copy_cov, 1.0), 4),
        round(weighted / (total_a + total_b), 4),
    )


def _adjacent(p: Match, m: Match, text_a: str, text_b: str) -> bool:
    """True when nothing but whitespace, or no unmatched sentence, separates p and m in both texts."""
    gap_a, gap_b = text_a[p.a_span[1] : m.a_span[0]], text_b[p.b_span[1] : m.b_span[0]]
    if m.a_span[0] < p.a_span[1] or m.b_span[0] < p.b_span[1]:
        return False
    consecutive = (
        bool(p.a_sentences and m.a_sentences and p.b_sentences and m.b_sentences)
        and m.a_sentences[0] == p.a_sentences[-1] + 1
        and m.b_sentences[0] == p.b_sentences[-1] + 1
    )
    return consecutive or (not gap_a.strip() and not gap_b.strip())


def merge_passages(matches: Sequence[Match], text_a: str, text_b: str, max_gap: int = 250) -> list[Match]:
    """Merge runs of matches that follow each other in both texts into passages.

    Only matches with no unmatched sentence between them are merged, and gaps longer than
    `max_gap` characters (e.g. a removed caption block) still split passages.
    """
    ordered = sorted(matches, key=lambda m: m.a_span)
    passages: list[Match] = []
    for m in ordered:
        if passages:
            p = passages[-1]
            gap_a = m.a_span[0] - p.a_span[1]
            gap_b = m.b_span[0] - p.b_span[1]
            if gap_a <= max_gap and gap_b <= max_gap and _adjacent(p, m, text_a, text_b):
                la, lb = p.a_span[1] - p.a_span[0], m.a_span[1] - m.a_span[0]
                passages[-1] = Match(
                    (p.a_span[0], m.a_span[1]),
                    (p.b_span[0], m.b_span[1]),
                    "copy" if p.kind == m.kind == "copy" else "paraphrase",
                    round((p.score * la + m.score * lb) / max(la + lb, 1), 4),
                    p.a_sentences + m.a_sentences,
                    p.b_sentences + m.b_sentences,
                )
                continue
        passages.append(m)
    return passages


def align_texts(
    text_a: str, text_b: str, config: AlignConfig | None = None, clean: CleanConfig | None = None
) -> list[Match]:
    """Align two raw texts; spans are offsets into `text_a` and `text_b` as given."""
    ca = clean_article(Article("a", text_a, "<text a>"), clean or CleanConfig())
    cb = clean_article(Article("b", text_b, "<text b>"), clean or CleanConfig())
    return list(align(ca, cb, config=config or AlignConfig()).matches)

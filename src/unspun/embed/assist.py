"""The scan's semantic pass: lead vectors as a candidate channel, sentence vectors for what the
lexical aligner left unmatched, and same-story for close unlinked pairs."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from ..align import Alignment, align, score_matrix
from ..config import AlignConfig, EmbedConfig
from ..errors import require
from ..fingerprint import FeatureTable
from ..provenance import COPY_RELATIONS, make_pair
from ..records import CleanArticle, Pair
from .models import Embedder


def nearest_pairs(
    vectors: np.ndarray, k: int, min_cosine: float, mutual_k: int = 0, mutual_min_cosine: float = 1.0
) -> dict[tuple[int, int], float]:
    """Pairs (i < j) among each vector's k nearest neighbours with cosine >= min_cosine, and pairs down to
    `mutual_min_cosine` that are among each other's `mutual_k` nearest (`_mutual`).

    Exact search up to `_EXACT_MAX` vectors, a usearch HNSW index above (approximate: it can miss neighbours).
    The index is built on one thread: built on several, its graph (and so the candidates) changed from
    run to run (measured: up to 0.8 in the distances of the same query), and a scan's result must not
    depend on thread timing. Searching it is read-only and stays parallel.
    """
    n = len(vectors)
    found: dict[tuple[int, int], float] = {}
    if n < 2 or k <= 0:
        return found
    k = min(k + 1, n)  # each vector finds itself first
    if n <= _EXACT_MAX:
        idx, neigh_sims = _exact_neighbours(vectors, k)
    else:
        usearch_index = require("usearch.index", "embed", "Nearest-neighbour candidates")
        index = usearch_index.Index(ndim=vectors.shape[1], metric="cos", dtype="f32")
        index.add(np.arange(n), vectors, threads=1)
        res = index.search(vectors, k)
        idx = np.asarray(res.keys).reshape(n, -1)
        neigh_sims = 1.0 - np.asarray(res.distances).reshape(n, -1)
    close = _mutual(idx, neigh_sims, mutual_k) if mutual_k > 0 else set()
    for i in range(n):
        for j, s in zip(idx[i], neigh_sims[i]):
            j = int(j)
            key = (i, j) if i < j else (j, i)
            if j == i or j < 0 or j >= n or s < min(min_cosine, mutual_min_cosine):
                continue
            if s < min_cosine and key not in close:
                continue
            found[key] = max(found.get(key, -1.0), float(s))
    return found


_EXACT_MAX = 20_000
"""Up to this many vectors the neighbours are found exactly, in blocks of rows: at 10k leads (256 dims) exact search
took 2.4 CPU-s and the HNSW index 6.0 (its build runs on one thread, see `nearest_pairs`), and the index missed 492
of the 7,633 pairs exact search finds (docs/semantic.md). The product grows as n^2 and the index as ~n log n."""


def _exact_neighbours(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each vector's k most similar (itself included), unordered, and their cosines: a block of rows at a time
    (~4M similarities, so memory stays ~50 MB at any n); a corpus that fits one block gets one product."""
    n = len(vectors)
    rows = max(1, (1 << 22) // n)
    idx = np.empty((n, k), np.int64)
    sims = np.empty((n, k), np.result_type(vectors.dtype, np.float32))
    for start in range(0, n, rows):
        block = vectors[start : start + rows] @ vectors.T
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        idx[start : start + rows] = part
        sims[start : start + rows] = np.take_along_axis(block, part, axis=1)
    return idx, sims


def _mutual(idx: np.ndarray, sims: np.ndarray, m: int) -> set[tuple[int, int]]:
    """Pairs (i < j) each among the other's m nearest (itself left out). A rewrite's lead is closest to its
    source's (and its siblings'), however far a fluent rewrite moves both leads' wording; texts written
    apart on one topic crowd around each other without being each other's nearest. So a mutual pair is a
    candidate below the plain cosine floor (ai-rewrites-wiki, m = 2, cosine >= 0.75: 16 extra pairs, 4 of
    them copies; all pairs down to 0.75: 79 more same-story pairs)."""
    top: list[set[int]] = []
    for i in range(len(idx)):
        ranked = [int(j) for j in idx[i][np.argsort(-sims[i], kind="stable")] if j >= 0 and j != i]
        top.append(set(ranked[:m]))
    return {(i, j) for i, near in enumerate(top) for j in near if i < j and i in top[j]}


def semantic_scores(cosines: np.ndarray, config: EmbedConfig) -> np.ndarray:
    """Map sentence cosines to the aligner's 0..1 scale: floor -> 0, ceiling -> 1, linear between.

    Only mutual best pairs (best in their row and in their column) score: two reports of one topic
    have many loosely similar sentences, while a rewrite has one clear counterpart per sentence.
    """
    if cosines.size == 0:
        return np.zeros_like(cosines, dtype=float)
    span = max(config.sentence_ceiling - config.sentence_floor, 1e-6)
    scaled = np.clip((cosines - config.sentence_floor) / span, 0.0, 1.0)
    mutual = (cosines >= cosines.max(axis=1, keepdims=True)) & (cosines >= cosines.max(axis=0, keepdims=True))
    return np.where(mutual, scaled, 0.0)


# --- the scan's semantic pass -------------------------------------------------------------------------

Decide = Callable[[int, int, frozenset[str], np.ndarray], "Pair | None"]
"""decide(i, j, channels, semantic): the scan's confirm step, re-run with a semantic score matrix."""


def lead_text(article: CleanArticle, n_sentences: int) -> str:
    """The text an article vector is made from: its first sentences (the model cuts long ones)."""
    return " ".join(s.text for s in article.sentences[:n_sentences])


def lead_vectors(
    articles: Sequence[CleanArticle], embedder: Embedder, n_sentences: int, languages: Sequence[str] | None = None,
    usable: Sequence[bool] | None = None,
) -> np.ndarray:
    """One unit vector per article from its lead; an article without sentences gets a zero vector,
    and so does one in a language outside `languages` (the model's vectors for it mean little: two
    unrelated Russian pages scored 0.78-0.92). A zero lead keeps an article out of the embedding
    candidate channel and out of `assist`, so it is matched lexically only. `usable` gives each
    article's `embeddable` verdict when the caller computed them (in parallel)."""
    if usable is None:
        usable = [embeddable(a, languages) for a in articles]
    texts = [lead_text(a, n_sentences) if ok else "" for a, ok in zip(articles, usable)]
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    present = [n for n, t in enumerate(texts) if t.strip()]
    if present:
        vectors[present] = embedder.encode([texts[n] for n in present])
    return vectors


def body_vectors(articles: Sequence[CleanArticle], embedder: Embedder, leads: np.ndarray, n_sentences: int = 0,
                 chunk: int = 2000) -> np.ndarray:
    """One unit vector per article from its first `n_sentences` sentences (0: all): their vectors' mean (what
    `_mean_cosine` compares over whole articles).
    A lead catches a rewrite that keeps its source's opening; a chatbot that drops or rewrites the first
    sentence moves the lead far (ai-rewrites-wiki with each rewrite's first sentence dropped: 53% of rewrites
    among their source's lead candidates, 97% among its two nearest bodies). An article with a zero lead (no
    sentences, or a language the model does not know) gets a zero vector. `chunk` articles are encoded at a
    time, so only their sentence vectors are held (every sentence of 10k articles would be ~300 MB)."""
    out = np.zeros_like(leads)
    for start in range(0, len(articles), chunk):
        part = [n for n in range(start, min(start + chunk, len(articles))) if leads[n].any()]
        if not part:
            continue
        cut = n_sentences or None
        sizes = [len(articles[n].sentences[:cut]) for n in part]
        vecs = embedder.encode([s.text for n in part for s in articles[n].sentences[:cut]], keep=True)
        sums = np.add.reduceat(vecs, np.cumsum([0] + sizes[:-1]), axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[part] = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
    return out


def embeddable(article: CleanArticle, languages: Sequence[str] | None) -> bool:
    """Whether the model knows the article's language (recorded at ingest, else identified here);
    an unidentifiable language ("": too little text) gets the benefit of the doubt."""
    if languages is None:
        return True
    from ..ingest.language import detect_language

    language = article.article.language or detect_language(article.article.text)
    return not language or language in languages


def _mean_cosine(va: np.ndarray, vb: np.ndarray) -> float:
    """Cosine of two articles' mean sentence vectors: whole-article topic, steadier than the lead
    alone for telling two reports of one event from two stories on one subject."""
    ma, mb = va.mean(axis=0), vb.mean(axis=0)
    norm = float(np.linalg.norm(ma) * np.linalg.norm(mb))
    return float(ma @ mb) / norm if norm else 0.0


def _leftovers(
    base: Alignment, rows: list[int], cols: list[int], lexical: np.ndarray, config: EmbedConfig
) -> tuple[list[int], list[int]]:
    """The unmatched sentences of a rewrite worth embedding: those with some word overlap with an
    unmatched sentence on the other side. The verdict is already settled, so this only refines the
    explanation; on the reuse benchmark the gate embeds ~27% of leftovers and keeps ~2/3 of the
    sentence matches embeddings add (a paraphrase usually keeps a name, number or content word)."""
    used_a = {k for m in base.matches for k in m.a_sentences}
    used_b = {k for m in base.matches for k in m.b_sentences}
    rows = [k for k in rows if k not in used_a]
    cols = [k for k in cols if k not in used_b]
    if not rows or not cols:
        return [], []
    sub = lexical[np.ix_(rows, cols)] >= config.leftover_min_lexical
    return [r for r, hit in zip(rows, sub.any(axis=1)) if hit], [c for c, hit in zip(cols, sub.any(axis=0)) if hit]


def _sentence_vectors(
    articles: Sequence[CleanArticle], wanted: Sequence[tuple[int, list[int]]], embedder: Embedder
) -> dict[tuple[int, int], np.ndarray]:
    """Vectors of the wanted sentences by (article, sentence), each embedded once in one batch."""
    keys = sorted({(i, k) for i, ks in wanted for k in ks})
    vecs = embedder.encode([articles[i].sentences[k].text for i, k in keys])
    return dict(zip(keys, vecs))


def assist(
    articles: Sequence[CleanArticle],
    tables: Sequence[FeatureTable],
    work: Sequence[tuple[int, int, frozenset[str]]],
    lexical: Sequence[Pair],
    leads: np.ndarray,
    embedder: Embedder,
    config: EmbedConfig,
    align_config: AlignConfig,
    decide: Decide,
    block: int = 2000,
) -> list[Pair]:
    """Re-decide candidate pairs the lexical pass left unsettled, with sentence vectors for leftovers.

    Only pairs that are not already copies and whose leads are semantically close are touched. For a
    pair the lexical pass already calls a rewrite only unmatched sentences with some word overlap
    are embedded (`_leftovers`); an unlinked or same-story pair has all its sentences embedded (each
    text once per block, in one batch): a lexical same-story verdict says the words fell short of a copy,
    which is what a fluent rewrite's do, so it must not keep the pair from its full semantic alignment.
    A pair still unlinked whose mean sentence vectors are very close becomes "same-story": reported,
    never a copy.

    Candidates are taken `block` at a time (`assist_block`) and each block's alignments and sentence
    vectors are dropped before the next: held for every candidate at once they grew the parent by ~750 MB
    at 20k articles. Each pair's verdict reads only its own vectors, so blocks change nothing for the
    static model (a text's vector does not depend on its batch); MiniLM's can move in the last float bits.
    """
    found = {(p.a, p.b): p for p in lexical}
    for start in range(0, len(work), block):
        apply_updates(found, assist_block(
            articles, tables, work[start : start + block], found, leads, embedder, config, align_config, decide
        ))
    return list(found.values())


Update = tuple[tuple[str, str], "Pair | None"]
"""((a id, b id), the pair's new verdict, or None when it is no longer reported)."""


def assist_block(
    articles: Sequence[CleanArticle],
    tables: Sequence[FeatureTable],
    work: Sequence[tuple[int, int, frozenset[str]]],
    lexical: Mapping[tuple[str, str], Pair],
    leads: np.ndarray,
    embedder: Embedder,
    config: EmbedConfig,
    align_config: AlignConfig,
    decide: Decide,
    aligned: Mapping[tuple[int, int], Alignment] | None = None,
) -> list[Update]:
    """`assist` over one block of candidates: the changed verdicts, in candidate order.

    `lexical` maps (a id, b id) to the lexical pass's pairs; only the block's own keys are read, so
    blocks can run anywhere (the scan maps them over its workers) and be applied in order after.
    `aligned` may hold the lexical pass's alignment of a candidate (i, j) (with `align_config`), not made again.
    """
    jobs = _jobs(articles, tables, work, lexical, leads, config, align_config, aligned or {})
    wanted = [(i, rows) for i, *_, rows, _ in jobs] + [(j, cols) for _, j, *_, cols in jobs]
    vectors = _sentence_vectors(articles, wanted, embedder)
    updates = (_redecide(articles, tables, job, vectors, config, align_config, decide) for job in jobs)
    return [u for u in updates if u is not None]


def apply_updates(found: dict[tuple[str, str], Pair], updates: Iterable[Update]) -> None:
    """Record `assist_block`'s verdicts in `found` (a pair no longer reported is removed)."""
    for key, pair in updates:
        if pair is not None:
            found[key] = pair
        else:
            found.pop(key, None)


_Job = tuple[int, int, frozenset[str], "Pair | None", float, "Alignment | None", list[int], list[int]]
"""(i, j, channels, lexical pair or None, lead cosine, lexical alignment, a's rows, b's cols to embed). The
alignment is None for a pair whose leads fell short (`_jobs`): it is aligned only if its whole texts are close."""


def _jobs(
    articles: Sequence[CleanArticle], tables: Sequence[FeatureTable], work: Sequence[tuple[int, int, frozenset[str]]],
    found: Mapping[tuple[str, str], Pair], leads: np.ndarray, config: EmbedConfig, align_config: AlignConfig,
    aligned: Mapping[tuple[int, int], Alignment],
) -> list[_Job]:
    """The candidates of `work` the semantic pass re-decides, with the sentences each needs embedded.

    A pair not yet linked as a copy whose leads are under `min_pair_cosine` is still a job when
    `min_pair_body_cosine` is set (checked in `_redecide`): a chatbot rewrite keeps its source's facts and their
    order but may open differently, so the lead is a cost bound, not evidence against derivation."""
    jobs: list[_Job] = []
    for i, j, channels in work:
        a, b = articles[i], articles[j]
        old = found.get((a.id, b.id))
        if old is not None and old.relation in ("exact", "near-duplicate"):
            continue
        cosine = float(leads[i] @ leads[j])
        rows, cols = list(range(len(a.sentences))), list(range(len(b.sentences)))
        if cosine < config.min_pair_cosine:
            if config.min_pair_body_cosine is not None and (old is None or old.relation == "same-story") and (
                leads[i].any() and leads[j].any() and rows and cols
            ):
                jobs.append((i, j, channels, old, cosine, None, rows, cols))
            continue
        base = aligned[i, j] if (i, j) in aligned else align(a, b, tables[i], tables[j], align_config)
        if old is not None and old.relation != "same-story":  # a rewrite: only its leftovers can gain a counterpart
            rows, cols = _leftovers(base, rows, cols, score_matrix(tables[i], tables[j], align_config), config)
        if rows and cols:
            jobs.append((i, j, channels, old, cosine, base, rows, cols))
    return jobs


def _redecide(
    articles: Sequence[CleanArticle], tables: Sequence[FeatureTable], job: _Job,
    vectors: dict[tuple[int, int], np.ndarray], config: EmbedConfig, align_config: AlignConfig, decide: Decide,
) -> Update | None:
    """One job's pair decided again with its sentence vectors; None when the lexical verdict stands."""
    i, j, channels, old, cosine, base, rows, cols = job
    a, b = articles[i], articles[j]
    va = np.stack([vectors[i, k] for k in rows])
    vb = np.stack([vectors[j, k] for k in cols])
    semantic = np.zeros((len(a.sentences), len(b.sentences)))
    semantic[np.ix_(rows, cols)] = semantic_scores(va @ vb.T, config)
    if base is None:  # the leads fell short (`_jobs`): only a copy verdict on close whole texts is taken
        if _mean_cosine(va, vb) < (config.min_pair_body_cosine or 1.0):
            return None
        pair = decide(i, j, channels, semantic)
        return None if pair is None or pair.relation not in COPY_RELATIONS else ((a.id, b.id), pair)
    rewrite = old is not None and old.relation != "same-story"
    if rewrite and len(align(a, b, tables[i], tables[j], align_config, semantic).matches) <= len(base.matches):
        return None  # the rewrite gained no sentence: keep the lexical verdict and its explanation
    pair = decide(i, j, channels, semantic)
    if pair is None and old is not None and not rewrite:
        return None  # still no copy: the lexical same-story verdict stands
    story = cosine if rewrite else _mean_cosine(va, vb)  # else every sentence was embedded
    if pair is None and story >= config.same_story_cosine:
        pair = dataclasses.replace(make_pair(a, b, base, "same-story", channels), score=round(story, 4))
    return (a.id, b.id), pair

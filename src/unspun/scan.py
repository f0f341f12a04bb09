"""The scan pipeline: read → clean → fingerprint → candidates → align → relation → stories.

Stages are plain functions; this module only wires them and reports progress.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from itertools import repeat
from typing import TypeVar

import numpy as np

from .align import Alignment, align, assign
from .edits.direction import story_verdict
from .edits.classify import SideCache, load_kernels as load_explain_kernels
from .edits.compare import explain_pair
from .edits.fluent import absent_source, contradicted
from .edits.typesetting import trio_source
from .candidates import detail_candidates, immutable_candidates, lsh_candidates
from .count_kernel import item_slots
from .clean import clean_article
from .edits.collocation import shared as shared_collocations, use_cache_dir
from .edits.machine_style import sentence_lengths
from .edits.spin import spin_article
from .edits.tokenize import article_tokens
from .config import ScanConfig
from .embed import (
    Decide, Embedder, assist_block, body_vectors, check_available, embeddable, lead_vectors, nearest_pairs,
)
from .errors import MissingExtraError
from .events import attach_events, group_events, with_families
from .fingerprint import FeatureTable, PairFacts, Signature, article_table, detail_hashes, fingerprint, load_details
from .provenance import compilations, make_pair, mark_siblings, relation, stories, undirected
from .sketch import trim_malloc
from .records import (
    Article, ArticleSpin, CleanArticle, Match, PackedPairs, Pair, ReadError, ScanResult, SpinSuspect, Story, pack_evidence,
    pairs_by_story, unpack_evidence,
)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as work advances; total is 0 when unknown."""
Packed = tuple[Pair, bytes]
"""A pair as the pair stage hands it over (`records.pack_evidence`): light pair, packed matches and edits."""
Evidence = dict[tuple[str, str], bytes]
"""Each confirmed pair's packed matches and edits, by its (a, b) key (`PackedPairs`)."""


@dataclass(frozen=True)
class Prepared:
    """A cleaned article with what later stages need from it."""

    clean: CleanArticle
    table: FeatureTable
    signature: Signature
    facts: PairFacts | None = None  # what the pair stage reads of it in every pair (`Tables`), when kept


def prepare(article: Article, config: ScanConfig) -> Prepared:
    """Clean, featurize and fingerprint one article (pure; safe to map over partitions)."""
    return _prepare(article, config, with_table=True)


def _prepare(article: Article, config: ScanConfig, with_table: bool) -> Prepared:
    """`prepare`; without the feature table (`_NO_TABLE`) when the pair stage rebuilds it (`Tables`)."""
    clean = clean_article(article, config.clean)
    table = article_table(clean) if with_table else _NO_TABLE
    return Prepared(clean, table, fingerprint(clean, None, config.fingerprint))


_NO_TABLE = FeatureTable(np.zeros(0, np.uint64), np.zeros(0, np.int32), np.zeros(0, np.int8), np.zeros(0, np.uint64), 0)
"""The table of a Prepared whose table is built where a pair needs it (`Tables`)."""


class Tables(Sequence[FeatureTable]):
    """The feature tables of a scan's articles, with the rest of what a pair reads of an article
    (`PairFacts`: each sentence's figures, names and match key), built on first use; the `keep` most
    recently used kept.

    A table is ~8 KB an article: held for every article through the pair stage, it was 850 MB of the
    parent (and of every forked worker) at 100k articles. Rebuilding one costs ~0.3 ms (`article_table`), paid only for
    articles in candidate pairs; pairs come sorted by first article, so most lookups hit. Each forked
    worker fills its own copy.
    """

    def __init__(self, cleans: Sequence[CleanArticle], keep: int = 2048) -> None:
        self._cleans = cleans
        self._keep = keep
        self._prepared: OrderedDict[int, Prepared] = OrderedDict()

    def __len__(self) -> int:
        return len(self._cleans)

    @property
    def cleans(self) -> Sequence[CleanArticle]:
        return self._cleans

    def __getitem__(self, i: int) -> FeatureTable:  # type: ignore[override]
        return self.facts(i).table

    def facts(self, i: int) -> PairFacts:
        """Article i's `PairFacts`."""
        return self.prepared(i).facts  # type: ignore[return-value]  # (`prepared` always sets it)

    def prepared(self, i: int) -> Prepared:
        """Article i as `confirm` reads it (its signature is spent by then), with its `PairFacts`."""
        prepared = self._prepared.get(i)
        if prepared is None:
            facts = PairFacts(self._cleans[i])
            prepared = self._prepared[i] = Prepared(self._cleans[i], facts.table, _SPENT, facts)
            if len(self._prepared) > self._keep:
                self._prepared.popitem(last=False)
        self._prepared.move_to_end(i)
        return prepared


def text_key(clean: CleanArticle) -> bytes:
    """The exact channel's key: a 128-bit digest of the case-folded normalized text (compact enough to
    gather from every article of a distributed scan)."""
    return hashlib.blake2b(clean.norm_text.casefold().encode(), digest_size=16).digest()


def candidate_pairs(prepared: list[Prepared], config: ScanConfig) -> dict[tuple[int, int], set[str]]:
    """Index pairs proposed by any channel, with the channels that proposed each."""
    return candidate_pairs_from([p.signature for p in prepared], [text_key(p.clean) for p in prepared], config)


def candidate_pairs_from(
    signatures: Sequence[Signature], text_keys: Sequence[bytes], config: ScanConfig
) -> dict[tuple[int, int], set[str]]:
    """`candidate_pairs` from compact per-article data only (what the Dask engine gathers)."""
    found: dict[tuple[int, int], set[str]] = {}
    usable = [i for i, s in enumerate(signatures) if s.n_tokens > 0]
    if len(usable) < 2:
        return found
    sigs = np.stack([signatures[i].minhash for i in usable])
    for a, b in lsh_candidates(sigs, config.candidates):
        found.setdefault((usable[a], usable[b]), set()).add("minhash")
    for a, b in immutable_candidates([signatures[i].immutables for i in usable], config.candidates):
        found.setdefault((usable[a], usable[b]), set()).add("immutables")
    for a, b in detail_candidates([signatures[i].details for i in usable], config.candidates):
        found.setdefault((usable[a], usable[b]), set()).add("details")
    by_text: dict[bytes, int] = {}
    for i in usable:
        key = text_keys[i]
        if key in by_text:
            found.setdefault((by_text[key], i), set()).add("exact")
        else:
            by_text[key] = i
    return found


def confirm(
    a: Prepared, b: Prepared, channels: Iterable[str], config: ScanConfig, semantic: np.ndarray | None = None,
    sides: SideCache | None = None,
) -> Pair | None:
    """Align a candidate pair and return it as a Pair when the evidence supports a relation.

    `semantic` optionally adds a sentence-pair score matrix (from embeddings) to the lexical one;
    `sides` reuses each article's explain tokens across the pairs it is in.
    """
    return _aligned(a, b, channels, config, semantic, sides)[1]


def _aligned(
    a: Prepared, b: Prepared, channels: Iterable[str], config: ScanConfig, semantic: np.ndarray | None = None,
    sides: SideCache | None = None,
) -> tuple[Alignment, Pair | None]:
    """`confirm`, with the alignment it decided on (the semantic pass starts from a candidate's lexical one)."""
    alignment = align(a.clean, b.clean, a.facts or a.table, b.facts or b.table, config.align, semantic)
    facts = (a.facts, b.facts) if a.facts is not None and b.facts is not None else None
    rel = relation(a.clean, b.clean, alignment, config.relation, facts)
    if rel is None:
        return alignment, None
    pair = make_pair(a.clean, b.clean, alignment, rel, channels)
    return alignment, _explained(pair, a.clean, b.clean, config, sides) if config.edits else pair


def _explained(pair: Pair, a: CleanArticle, b: CleanArticle, config: ScanConfig, sides: SideCache | None) -> Pair:
    """What `confirm` adds to a pair with edits on: its edits and direction (`explain_pair`), a same-story pair's
    direction then dropped (`undirected`). `_semantic_chunk` adds the same to lexical pairs decided without them."""
    return undirected(explain_pair(pair, a, b, config.explain, sides))


def _with_originals(groups: Sequence[Story], pairs: Sequence[Pair], cleans: Sequence[CleanArticle]) -> tuple[Story, ...]:
    """Stories with `original` set from dates, the pairs' direction verdicts or the texts (`story_verdict`)."""
    published = {c.id: c.article.published for c in cleans}
    # Each story is shown only the pairs whose first article it holds (the ones `story_verdict` reads, in
    # the same order).
    own = pairs_by_story(groups, pairs)
    texts = {c.id: c.norm_text for c in cleans}
    return tuple(story_verdict(s.articles, own.get(s.id, ()), published, texts).on(s)
                 if len(s.articles) > 1 else s for s in groups)


def _originals_not_siblings(marked: Sequence[Pair], before: Sequence[Pair], found: Sequence[Story]) -> list[Pair]:
    """The marked pairs, with a rewrite pair made "sibling" (two copies of a third text) given back its own verdict
    when one side is its story's original (or identical to it): the story, read from all its pairs, names that
    side the source, so it is no copy of a third. `marked` is `before` through `mark_siblings`, pair for pair."""
    source = {x for s in found if s.original for x in (s.original, *s.identical)}
    return [b if m.relation == "sibling" and b.relation == "rewrite" and (m.a in source or m.b in source) else m
            for m, b in zip(marked, before, strict=True)]


def corpus_verdicts(
    cleans: Sequence[CleanArticle], pairs: Sequence[Pair], groups: Sequence[Story] | None = None,
    matches_of: Callable[[Pair], Sequence[Match]] | None = None,
) -> tuple[list[Pair], tuple[Story, ...]]:
    """The verdicts that read more than one pair, in the scan's order: compilations withdraw a direction, siblings
    are marked (`mark_siblings`), each story names its original from all its pairs, and a story's original is no
    sibling. `cleans` must hold every article a pair names; `groups`: the stories when the caller keeps its own (the
    index), else grouped here from the marked pairs. Shared by the scan and the index, so the two say the same."""
    pairs = compilations(pairs, {c.id: len(c.article.text) for c in cleans}, matches_of)
    marked = mark_siblings(pairs, {c.id: c.article.text for c in cleans}, absent_source, contradicted, trio_source)
    found = _with_originals(stories([c.id for c in cleans], marked) if groups is None else groups, marked, cleans)
    return _originals_not_siblings(marked, pairs, found), found


def assemble(
    cleans: Sequence[CleanArticle], pairs: Sequence[Pair], errors: tuple[ReadError, ...], notes: tuple[str, ...],
    config: ScanConfig, leads: np.ndarray | None = None, evidence: Evidence | None = None,
) -> ScanResult:
    """The scan's result from its articles and confirmed pairs (both engines): compilations, siblings, stories and
    their originals, events (lead vectors when embedded, else TF-IDF leads). `evidence`: the pairs' packed matches
    and edits when the pairs are held without them."""
    def matches_of(p: Pair) -> Sequence[Match]:
        blob = None if evidence is None else evidence.get((p.a, p.b))
        return p.matches if blob is None else unpack_evidence(p, blob).matches

    pairs, found_stories = corpus_verdicts(cleans, pairs, None, matches_of)
    found_stories = with_families(found_stories, pairs)
    extra = list(notes)
    events, found_stories, kept = attach_events(_event_groups(cleans, leads, config, extra), found_stories, pairs)
    return ScanResult(
        articles=tuple(cleans), pairs=kept, stories=found_stories, events=events, errors=errors, notes=tuple(extra)
    )


_SPENT = Signature(np.zeros(0, np.uint32), frozenset(), 0)
"""The signature a Prepared keeps after the candidate stage (the pair stage does not read it)."""


_HELD = Article("", "", "held by the caller")
"""The article a cleaned article carries back from `_prepare_chunk`; the caller puts its own in."""


_KERNEL_PROBE = Article("probe", "Okafor said 1,200 people came. The council voted on Tuesday.", "probe")


def _load_kernels(config: ScanConfig) -> None:
    """Load the compiled kernels of prepare, of the pair stage's tables, keys, alignment and relation test and of the
    edit tokenizer (~0.35 CPU-s in a process, mostly numba starting up) in the parent, so that the forked workers
    inherit them instead of each loading its own; machine style's sentence kernel too (the spin and the pairs'
    direction votes read it); and scipy's solver, which a pair worker would import on its first contested
    assignment (~0.35 CPU-s, ~12 MB shared with the workers). A scan loads the prepare stage's before its pool
    forks and the rest while that pool works (`_load_prepare_kernels`, `_load_pair_kernels`)."""
    _load_prepare_kernels(config)
    _load_pair_kernels(config)


def _load_prepare_kernels(config: ScanConfig) -> None:
    """The kernels the prepare stage's workers run (cleaning, sketching, keys), loaded once in the parent."""
    prepare(_KERNEL_PROBE, config)


def _load_pair_kernels(config: ScanConfig) -> None:
    """`_load_kernels` less the prepare stage's: what the later stages' workers inherit."""
    probe = prepare(_KERNEL_PROBE, config).clean
    facts = PairFacts(probe)
    align(probe, probe, facts, facts, config.align)
    facts.agree(facts, [0], [0])
    facts.key(0)  # the sentence keys' kernel
    facts.folded_hash()  # and the folded text's
    assign(np.ones((2, 2)), 0.5)  # two candidates for one sentence: the solver runs
    sentence_lengths(_KERNEL_PROBE.text)
    article_tokens(_KERNEL_PROBE.text, [(0, len(_KERNEL_PROBE.text))])
    load_explain_kernels()  # the word diff's opcodes and role swaps
    item_slots(np.zeros(1, np.uint64))  # the details channel's counts (the candidate stage, in the parent)


def _prepare_chunk(
    articles: Sequence[Article], config: ScanConfig
) -> tuple[list[CleanArticle], bytes, list[bool] | None]:
    """The chunk's cleaned articles without their `Article`, its signatures and text keys pickled, and
    each article's `embeddable` verdict when the embedding channel asks for one (`_wants_languages`).

    Both serve the parent's memory. The article came back as an unpickled copy of its text (~4 KB)
    only to be swapped for the caller's. The signatures (~5 KB an article of small objects, spent after
    the candidate stage) unpickled between the cleaned articles left holes that kept the parent's RSS
    up for the rest of the scan; as one blob per chunk, unpickled after every cleaned article is in
    (`_signatures`), they are allocated apart and their memory goes back when they are dropped.
    The language check (~1 ms an article) runs here, where the article is at hand: run later over every
    cleaned article it forked workers of its own, each counting the parent's whole memory.
    """
    prepared = [_prepare(a, config, with_table=False) for a in articles]
    spent = ([p.signature for p in prepared], [text_key(p.clean) for p in prepared])
    usable = [embeddable(p.clean, config.embed.languages) for p in prepared] if _wants_languages(config) else None
    return [replace(p.clean, article=_HELD) for p in prepared], pickle.dumps(spent, pickle.HIGHEST_PROTOCOL), usable


def _wants_languages(config: ScanConfig) -> bool:
    """Whether the embedding channel will read each article's language (`embed.embeddable`): enabled,
    limited to some languages, and installed (else `_embedding_candidates` notes it and reads none)."""
    if not config.embed.enabled or config.embed.languages is None:
        return False
    try:
        check_available(config.embed)
    except MissingExtraError:
        return False
    return True


def _signatures(blobs: list[bytes]) -> tuple[list[Signature], list[bytes]]:
    """The signatures and text keys of `_prepare_chunk` blobs, in order; `blobs` is emptied on the way."""
    signatures: list[Signature] = []
    keys: list[bytes] = []
    blobs.reverse()
    while blobs:
        sigs, ks = pickle.loads(blobs.pop())
        signatures.extend(sigs)
        keys.extend(ks)
    return signatures, keys


def _confirm_chunk(
    items: Sequence[tuple[int, int, frozenset[str]]], config: ScanConfig, tables: Tables, sides: SideCache | None,
) -> list[Packed | None]:
    """The chunk's confirmed pairs, packed where they are made (a whole pair is ~35 KB of small objects)."""
    pairs = (confirm(tables.prepared(i), tables.prepared(j), channels, config, sides=sides) for i, j, channels in items)
    return [None if p is None else pack_evidence(p) for p in pairs]


def _spin_chunk(indices: range, config: ScanConfig, cleans: Sequence[CleanArticle]) -> list[ArticleSpin]:
    return [article_spin(cleans[i]) for i in indices]


def article_spin(clean: CleanArticle) -> ArticleSpin:
    """One article's spin score as a record (`edits.spin` scores it; spans index its original text)."""
    s = spin_article(clean)
    return ArticleSpin(
        article=clean.id, score=s.score, rare_word_share=s.rare_word_share,
        collocation_oddness=s.collocation_oddness,
        suspects=tuple(SpinSuspect(x.span, x.text, x.why) for x in s.suspects),
        machine_score=s.machine_score,
        machine_features=s.machine.features if s.machine else (),
        machine_words=s.machine.words if s.machine else (),
    )


T = TypeVar("T")


@dataclass(frozen=True)
class Twins:
    """Items with equal keys: `first[t]` is the index of the first item holding distinct key t, `of[k]` the
    distinct key of item k. Articles whose texts are byte-identical (syndicated copies, re-crawled pages) are
    twins: cleaning, fingerprinting and the lone-article spin read only an article's text, so each distinct
    text is worked once and its result given to every article holding it, under that article's own id. So are
    candidate pairs repeating two texts (`_pair_twins`)."""

    first: list[int]
    of: list[int]

    def counts(self) -> list[int]:
        """How many items hold each distinct key."""
        out = [0] * len(self.first)
        for t in self.of:
            out[t] += 1
        return out

    def covered(self, chunks: Iterable[T], size: Callable[[T], int] = len) -> Iterator[tuple[T, int]]:
        """Each chunk of results over the distinct keys, in order, with how many items the results so far stand
        for (progress is reported in items, not in distinct keys); `size` says how many keys a chunk holds."""
        counts, seen, done = self.counts(), 0, 0
        for chunk in chunks:
            n = size(chunk)
            done += sum(counts[seen:seen + n])
            seen += n
            yield chunk, done


def twins(keys: Iterable[Hashable]) -> Twins:
    """`Twins` of the keys, in order (one dict lookup per key: hashing a ~4 KB text costs a few microseconds)."""
    seen: dict[Hashable, int] = {}
    first: list[int] = []
    of: list[int] = []
    for k, key in enumerate(keys):
        t = seen.setdefault(key, len(first))
        if t == len(first):
            first.append(k)
        of.append(t)
    return Twins(first, of)


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _tapered(items: Sequence, size: int, tail: int) -> Iterator[Sequence]:
    """`_chunks` of `size`, the last `tail` chunks' worth cut five times finer: a pool's last tasks end closer
    together, so fewer of its workers wait idle for the last one."""
    cut = max(len(items) - tail * size, 0)
    yield from _chunks(items[:cut], size)
    yield from _chunks(items[cut:], max(size // 5, 1))


# Read-only data a worker process received from the pool initializer (`_init_worker`); written only in
# worker processes, once, before any task runs. The parent hands data over explicitly (`shared`).
_worker_shared: list[tuple] = []


def _init_worker(shared: tuple) -> None:
    _worker_shared[:] = [shared]


def _in_worker(fn: Callable, chunk: Sequence, config: ScanConfig) -> list:
    return fn(chunk, config, *_worker_shared[0])


def _map(workers: int, fn: Callable, chunks: Iterable, config: ScanConfig, shared: tuple = ()) -> Iterator:
    """fn(chunk, config, *shared) over chunks, in forked processes when workers > 1 (results keep their order).

    `shared` goes to each worker once, as the pool initializer's argument (a forked worker inherits it
    without pickling), instead of travelling with every task.
    """
    with _running(workers, fn, chunks, config, shared) as results:
        yield from results


@contextmanager
def _running(workers: int, fn: Callable, chunks: Iterable, config: ScanConfig, shared: tuple = ()) -> Iterator[Iterator]:
    """`_map`'s results, with every task handed to the pool on entry: the pool works while the block's body
    does something else before it reads them (one process: the work runs as they are read). When the block
    fails (an error, Ctrl-C) the tasks not yet started are cancelled: a pool's own exit would run them all."""
    if workers <= 1:
        yield (fn(chunk, config, *shared) for chunk in chunks)
        return
    with _pool(workers, shared) as pool:
        yield pool.map(_in_worker, repeat(fn), chunks, repeat(config))


@contextmanager
def _pool(workers: int, shared: tuple) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers that get `shared` once (`_init_worker`). When the block fails (an error, Ctrl-C)
    the tasks not yet started are cancelled: a pool's own exit would run them all."""
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker, initargs=(shared,)
    )
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _workers(config: ScanConfig, n_items: int) -> int:
    if n_items < config.parallel_min_articles:
        return 1
    return config.workers or os.cpu_count() or 1


def _split(items: Iterable[Article | ReadError], report: Progress) -> tuple[list[Article], list[ReadError]]:
    errors: list[ReadError] = []
    articles: list[Article] = []
    for item in items:
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            articles.append(item)
            report("read", len(articles), 0)
    return articles, errors


def _embedding_candidates(
    cleans: Sequence[CleanArticle], candidates: dict[tuple[int, int], set[str]], config: ScanConfig,
    embedder: Embedder | None, usable: Sequence[bool] | None, report: Progress, notes: list[str],
) -> tuple[np.ndarray | None, Embedder | None]:
    """Add the embedding channel's candidates (when enabled and installed); the lead vectors and embedder.

    `usable` holds each article's `embeddable` verdict from the prepare stage (None: not asked)."""
    if not config.embed.enabled or len(cleans) < 2:
        return None, embedder
    try:
        check_available(config.embed)
        embedder = embedder or Embedder(config.embed)
        report("embed", 0, len(cleans))
        leads = lead_vectors(cleans, embedder, config.embed.lead_sentences, config.embed.languages, usable)
        report("embed", len(cleans), len(cleans))
        for key in nearest_pairs(leads, config.embed.neighbours, config.embed.min_article_cosine,
                                 config.embed.mutual_neighbours, config.embed.mutual_min_cosine):
            candidates.setdefault(key, set()).add("embedding")
        if config.embed.body_neighbours > 0 and len(cleans) <= config.embed.body_max_articles:
            bodies = body_vectors(cleans, embedder, leads, config.embed.body_sentences)
            _add_body_candidates(cleans, candidates, bodies, config)
        elif config.embed.body_neighbours > 0:
            notes.append(f"the whole-text embedding channel is off above {config.embed.body_max_articles:,} articles "
                         f"(EmbedConfig.body_max_articles): rewrites that open differently from their source are "
                         f"found by the lead and lexical channels only")
        return leads, embedder
    except MissingExtraError as exc:
        notes.append(f"embeddings unavailable, matched lexically only: {exc}")
        return None, embedder


def _add_body_candidates(cleans: Sequence[CleanArticle], candidates: dict[tuple[int, int], set[str]],
                         bodies: np.ndarray, config: ScanConfig) -> None:
    """The "embedding-body" channel: each article's nearest texts by whole-text vector. A pair no other channel
    proposed is kept only when one side carries most of the other's details (`detail_hashes`; the floor is the least
    detail inclusion `provenance.derived` accepts on its details path): near bodies alone are what every report on one topic has
    (10k synthetic: 5,684 such pairs, none a copy), and each costs an alignment and its sentences embedded."""
    details: dict[int, np.ndarray] = {}

    def of(i: int) -> np.ndarray:
        if i not in details:
            details[i] = detail_hashes(cleans[i].article.text)
        return details[i]

    floor = config.relation.derived_plan_min_inclusion
    for key in nearest_pairs(bodies, config.embed.body_neighbours, config.embed.min_body_cosine):
        if key not in candidates:
            a, b = of(key[0]), of(key[1])
            shared = len(np.intersect1d(a, b, assume_unique=True))
            if not shared or shared < floor * min(len(a), len(b)):
                continue
        candidates.setdefault(key, set()).add("embedding-body")


_PAIR_CHUNK = 100
"""Candidate pairs per task of the lexical pair stage."""


def _confirm_all(
    tables: Tables, work: Sequence[tuple[int, int, frozenset[str]]], workers: int,
    config: ScanConfig, sides: SideCache, evidence: Evidence, report: Progress, twin_of: Sequence[int],
) -> list[Pair]:
    """The confirmed pairs, light; their packed matches and edits go into `evidence` by (a, b).

    `twin_of` is the articles' `Twins.of`: a candidate whose two texts, in the same order, with the same published
    dates and channels, were already confirmed is not confirmed again (`_pair_twins`): it gets that pair under its
    own ids, sharing the packed evidence."""
    pair_workers = workers if len(work) > 200 else 1
    if pair_workers > 1:
        _load_pair_tables(config)
    repeats = _pair_twins(work, twin_of, tables.cleans)
    found: list[Packed | None] = []
    distinct = _chunks([work[n] for n in repeats.first], _PAIR_CHUNK)
    for chunk, done in repeats.covered(_map(pair_workers, _confirm_chunk, distinct, config, (tables, sides))):
        found.extend(chunk)
        report("align", done, len(work))
    pairs: list[Pair] = []
    for (i, j, _), t in zip(work, repeats.of):
        if found[t] is not None:
            pairs.append(_keep(evidence, _renamed(found[t], tables.cleans[i].id, tables.cleans[j].id)))
    return pairs


def _load_pair_tables(config: ScanConfig) -> None:
    """What a pair stage's workers read, loaded once before they fork and inherit it: wordfreq's list with the
    common-word set (the relation test's details) and, with edits, the n-gram table (only the direction votes read
    it here; the spin loads it in its own stage)."""
    if config.edits:
        shared_collocations().load()
    load_details()


def _pair_twins(work: Sequence[tuple[int, int, frozenset[str]]], twin_of: Sequence[int],
                cleans: Sequence[CleanArticle]) -> Twins:
    """Candidates that repeat one another: the same two texts in the same order (`Twins.of`), the same published
    dates (the direction reads them) and channels. Everything `confirm` reads of an article is its text and date,
    so a repeat's pair is the first's, under its own ids."""
    return twins((twin_of[i], twin_of[j], cleans[i].article.published, cleans[j].article.published, channels)
                 for i, j, channels in work)


def _renamed(packed: Packed, a: str, b: str) -> Packed:
    """A packed pair under the ids a and b (its original renamed with it); the evidence blob is shared."""
    pair, blob = packed
    if (pair.a, pair.b) == (a, b):
        return packed
    original = {pair.a: a, pair.b: b}.get(pair.original) if pair.original is not None else None
    return replace(pair, a=a, b=b, original=original), blob


def _keep(evidence: Evidence, packed: Packed) -> Pair:
    """The light pair of `packed`, its blob recorded in `evidence`."""
    pair, blob = packed
    evidence[pair.a, pair.b] = blob
    return pair


def _semantic_all(
    cleans: Sequence[CleanArticle], tables: Tables, work: Sequence[tuple[int, int, frozenset[str]]], leads: np.ndarray,
    embedder: Embedder, workers: int, config: ScanConfig, sides: SideCache, evidence: Evidence, report: Progress,
    twin_of: Sequence[int],
) -> list[Pair]:
    """The confirmed pairs (light) with the semantic pass on: each block of candidates is decided lexically and then
    again with sentence vectors (`embed.assist`) in one task (`_semantic_chunk`), mapped over the workers; their
    packed matches and edits go into `evidence` by (a, b).

    One task does both passes of its block because the semantic pass reads only its block's own lexical verdicts:
    as two pools (a lexical pass, then the semantic one) each block's lexical alignments were made twice and a
    second set of workers paid its first touches again (ai-rewrites: ~0.3 s of a ~2 s scan). Pairs are kept in the
    order the two passes made them (lexical pairs in candidate order, then pairs only the semantic pass found), so
    the result is the serial `assist`'s. A candidate repeating another (`_pair_twins`: the same texts, dates and
    channels) is not worked again: it gets the first one's verdict under its own ids. MiniLM runs in the parent
    only (torch in forked workers is not fork-safe, and its vectors go to the parent's cache), so with it both
    passes run there.
    """
    parallel = config.embed.model == "static" and len(work) > 200
    if parallel and workers > 1:
        _load_pair_tables(config)
    report("assist", 0, len(work))
    repeats = _pair_twins(work, twin_of, cleans)
    distinct = [work[k] for k in repeats.first]
    block = _worker_block(len(distinct), workers) if parallel else _PARENT_BLOCK
    decided: list[tuple[bool, bool, Packed | None]] = []
    shared = (cleans, tables, leads, embedder, sides)
    for chunk, done in repeats.covered(_map(workers if parallel else 1, _semantic_chunk, _chunks(distinct, block),
                                            config, shared)):
        decided.extend(chunk)
        report("assist", done, len(work))
    embedder.flush()
    keys = [(cleans[i].id, cleans[j].id) for i, j, _ in work]
    # a lexical pair holds its place in the order even when the semantic pass replaces it (the serial pass's order)
    found: dict[tuple[str, str], Pair | None] = {key: None for key, t in zip(keys, repeats.of) if decided[t][0]}
    for key, t in zip(keys, repeats.of):  # in candidate order, as the serial pass applies its changes
        _, changed, packed = decided[t]
        if packed is not None:
            found[key] = _keep(evidence, _renamed(packed, *key))
        elif changed:
            found.pop(key, None)
    return [p for p in found.values() if p is not None]


_WORKER_BLOCK = 500
_PARENT_BLOCK = 2000  # `embed.assist`'s default block: MiniLM's vectors can move in the last bits with the batch
"""Candidates per block of the semantic pass, in the workers (at most) and in the parent."""


def _worker_block(n: int, workers: int) -> int:
    """The semantic pass's block for `n` candidates over `workers`: `_WORKER_BLOCK`, or less so that each worker
    gets at least four blocks. In blocks of 500, ai-rewrites' 1,209 candidates left one worker alone with the
    last 209 (~0.6 s) while the other idled; smaller blocks embed a sentence two blocks share twice (cheap for the
    static model, and the body channel's sentences are kept)."""
    return max(50, min(_WORKER_BLOCK, -(-n // (4 * workers))))


def _decider(config: ScanConfig, tables: Tables, sides: SideCache | None) -> Decide:
    """The semantic pass's `decide`: `confirm` again, with the sentence score matrix."""
    return lambda i, j, channels, semantic: confirm(
        tables.prepared(i), tables.prepared(j), channels, config, semantic, sides
    )


def _semantic_chunk(
    work: Sequence[tuple[int, int, frozenset[str]]], config: ScanConfig, cleans: Sequence[CleanArticle], tables: Tables,
    leads: np.ndarray, embedder: Embedder, sides: SideCache,
) -> list[tuple[bool, bool, Packed | None]]:
    """One block of `_semantic_all`: each candidate decided lexically without edits, then by `embed.assist_block`;
    a lexical verdict that stands is explained then (edits and direction, when `config` asks), so every pair is
    explained once, on its final matches. Per candidate: (the lexical pass found a pair, the semantic pass changed
    the verdict, the final pair packed or None)."""
    plain = replace(config, edits=False)
    lexical: dict[tuple[str, str], Pair] = {}
    alignments: dict[tuple[int, int], Alignment] = {}  # the semantic pass starts from these, not aligning again
    for i, j, channels in work:
        alignments[i, j], pair = _aligned(tables.prepared(i), tables.prepared(j), channels, plain, sides=sides)
        if pair is not None:
            lexical[pair.a, pair.b] = pair
    updates = dict(assist_block(
        cleans, tables, work, lexical, leads, embedder, config.embed, config.align, _decider(config, tables, sides),
        alignments,
    ))
    out: list[tuple[bool, bool, Packed | None]] = []
    for i, j, _ in work:
        key = (cleans[i].id, cleans[j].id)
        old = lexical.get(key)
        if key in updates:
            new = updates[key]
            out.append((old is not None, True, None if new is None else pack_evidence(new)))
        elif old is not None:
            final = _explained(old, cleans[i], cleans[j], config, sides) if config.edits else old
            out.append((True, False, pack_evidence(final)))
        else:
            out.append((False, False, None))
    return out


_SPIN_AHEAD = 0.125
"""The share of the spin's tasks handed to its pool as soon as the articles are cleaned (`_spinning`): about what
fills the core the parent leaves idle while it finds the candidates (~1 of ~9 CPU-s of spin at 10k articles). More
runs beside the pair stage's workers, four processes on two cores, which cost CPU in measured runs."""


@contextmanager
def _spinning(cleans: Sequence[CleanArticle], same: Twins, workers: int, config: ScanConfig,
              report: Progress) -> Iterator[_Spin]:
    """The articles' spin scores, started on entry (`same`: the articles' `Twins`, each distinct text scored once).

    An article's spin reads only its own text, so its pool starts as soon as the articles are cleaned: the first
    `_SPIN_AHEAD` of its tasks run while the parent finds the candidates (serial work that left a core idle); the
    block hands over the rest (`_Spin.release`) when the pair stage is down to its last tasks (`_releasing`) or
    over, so that they fill the cores those tasks and the parent's assembly (siblings, stories, events: serial
    too) leave idle, and collects the scores (`_Spin.collect`). The last tasks are smaller (`_tapered`). The
    pool's workers fork from the parent before the pair stage has grown it."""
    if not config.spin:
        yield _Spin(None, [], config, same, [], report)
        return
    distinct = [cleans[k] for k in same.first]
    chunks = list(_tapered(range(len(distinct)), 250, 2 * workers))
    if workers <= 1:
        yield _Spin(None, [partial(_spin_chunk, chunk, config, distinct) for chunk in chunks], config, same,
                    [c.id for c in cleans], report)
        return
    _load_spin(config)  # (a scan has done it while its articles were prepared: one probe article again)
    # Workers get the articles once, at fork; each task is an index range (no articles pickled per task).
    with _pool(workers, (distinct,)) as pool:
        spin = _Spin(pool, chunks, config, same, [c.id for c in cleans], report)
        spin.start(int(len(chunks) * _SPIN_AHEAD))
        yield spin


def _releasing(report: Progress, spin: _Spin, workers: int) -> Progress:
    """`report`, which also hands the spin's pool the rest of its tasks once the pair stage (the lexical one, or the
    semantic one with embeddings) has only its last tasks running (one per worker or fewer): the spin then fills
    the cores those leave idle."""
    def release(stage: str, done: int, total: int) -> None:
        if (stage == "align" and total - done <= workers * _PAIR_CHUNK
                or stage == "assist" and total - done <= workers * _worker_block(total, workers)):
            spin.release()
        report(stage, done, total)

    return release


def _load_spin(config: ScanConfig) -> None:
    """The n-gram tables read, the spin's kernels loaded and its word tables built once, before workers fork and
    inherit them (a second call costs one probe article's spin)."""
    if config.spin:
        article_spin(_prepare(_KERNEL_PROBE, config, with_table=False).clean)


class _Spin:
    """The spin's tasks in a pool, handed over in two steps (`_spinning`); with no pool, callables run as
    `collect` reads them."""

    def __init__(self, pool: ProcessPoolExecutor | None, tasks: list, config: ScanConfig, same: Twins,
                 ids: list[str], report: Progress) -> None:
        self._pool, self._tasks, self._config = pool, tasks, config
        self._same, self._ids, self._report = same, ids, report  # (ids: the articles', in order)
        self._futures: list = []

    def start(self, k: int) -> None:
        """Hand the pool its first k tasks (those not yet handed over)."""
        if self._pool is not None:
            for chunk in self._tasks[len(self._futures):k]:
                self._futures.append(self._pool.submit(_in_worker, _spin_chunk, chunk, self._config))

    def release(self) -> None:
        """Hand the pool every task not yet handed over."""
        self.start(len(self._tasks))

    def _results(self) -> Iterator[list[ArticleSpin]]:
        if self._pool is None:
            return (task() for task in self._tasks)
        self.release()
        return (f.result() for f in self._futures)

    def collect(self) -> tuple[ArticleSpin, ...]:
        """Every article's spin score, in order (each under its own id)."""
        if not self._tasks:
            return ()
        out: list[ArticleSpin] = []
        for chunk, done in self._same.covered(self._results()):
            out.extend(chunk)
            self._report("spin", done, len(self._ids))
        spins = (out[t] for t in self._same.of)
        return tuple(s if s.article == c else replace(s, article=c) for s, c in zip(spins, self._ids))


def scan_articles(
    items: Iterable[Article | ReadError],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> ScanResult:
    """Run the whole pipeline over articles (ReadErrors pass through to the result).

    With `config.embed.enabled` and the `embed` extra installed, sentence embeddings add a candidate
    channel and help align leftover sentences; pass an `embedder` to reuse its model and cache.
    """
    with fewer_collections():
        return _scan_articles(items, config, progress, embedder)


_SCAN_GC = (50_000, 50, 100)
"""The cycle collector's thresholds during a scan (Python's default: 700, 10, 10). A scan makes millions of
short-lived tuples (tokens, spans, matches) that reference counting frees; at the default the collector still
ran ~1,300 young-generation passes and 9 full ones over them, ~15% of the pair stage's CPU (1.9 of 11 CPU-s
at 1k articles with edits; about 0.5 s at these thresholds). The scan's data holds few reference cycles, so
collecting less often keeps little garbage longer (docs/benchmarks.md "Fewer collections")."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """`_SCAN_GC` while the block runs (forked workers inherit it; a Dask task sets it itself), the caller's
    thresholds after."""
    before = gc.get_threshold()
    gc.set_threshold(*_SCAN_GC)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _scan_articles(items: Iterable[Article | ReadError], config: ScanConfig | None, progress: Progress | None,
                   embedder: Embedder | None) -> ScanResult:
    config = config or ScanConfig()
    use_cache_dir(config.cache_dir)
    report = progress or (lambda stage, done, total: None)
    articles, errors = _split(items, report)
    workers = _workers(config, len(articles))
    cleans: list[CleanArticle] = []
    blobs: list[bytes] = []
    usable: list[bool] | None = [] if _wants_languages(config) else None
    if workers > 1:
        _load_prepare_kernels(config)  # once, before workers fork and inherit them
    if workers > 1 and usable is not None:
        from .ingest.language import load_identifier  # (ingest is imported on demand, as by `scan`)

        load_identifier()  # once, before workers fork and inherit it
    same = twins(a.text for a in articles)  # a text held by many articles is prepared once
    with _running(workers, _prepare_chunk, _chunks([articles[k] for k in same.first], 250), config) as prepared:
        if workers > 1:  # while the pool prepares: what the later stages' workers inherit
            _load_pair_kernels(config)
            _load_spin(config)
        for (chunk, blob, oks), done in same.covered(prepared, lambda result: len(result[0])):
            cleans.extend(chunk)
            blobs.append(blob)
            if usable is not None and oks is not None:
                usable.extend(oks)
            report("fingerprint", done, len(articles))
    cleans = [replace(cleans[t], article=a) for t, a in zip(same.of, articles)]
    usable = None if usable is None else [usable[t] for t in same.of]
    notes: list[str] = []
    with _spinning(cleans, same, workers, config, report) as spin:  # started now, beside the candidate stage
        staged = _releasing(report, spin, workers)
        pairs, evidence, leads = _relations(cleans, blobs, usable, same.of, workers, config, embedder, staged, notes)
        del usable
        trim_malloc()  # the pair stage's alignments, vectors and token caches
        spin.release()  # the rest of the spin (when not yet), scored while the parent assembles
        # Events' stopping similarity was chosen on MiniLM lead cosines; static leads use the TF-IDF route.
        event_leads = leads if config.embed.model == "minilm" else None
        result = assemble(cleans, pairs, tuple(errors), tuple(notes), config, event_leads, evidence)
        kept = {key: evidence[key] for p in result.pairs if (key := (p.a, p.b)) in evidence}
        result = replace(result, pairs=PackedPairs(result.pairs, kept), spin=spin.collect())
    del evidence
    if config.claims:
        from .claims import claims_for_articles  # spaCy is only needed when claims are asked for

        report("claims", 0, len(articles))
        own = pairs_by_story(result.stories, pairs)
        groups = [_story_group(s, own.get(s.id, ())) for s in result.stories]
        result = replace(result, claims=claims_for_articles(articles, groups, workers=config.workers))
        report("claims", len(articles), len(articles))
    return result


def _relations(
    cleans: list[CleanArticle], blobs: list[bytes], usable: list[bool] | None, twin_of: Sequence[int], workers: int,
    config: ScanConfig, embedder: Embedder | None, report: Progress, notes: list[str],
) -> tuple[list[Pair], Evidence, np.ndarray | None]:
    """The confirmed pairs (light), their packed evidence and the lead vectors (None without embeddings): the
    candidate stage from the prepare stage's signature `blobs` (emptied), then the pair stage (lexical, then the
    semantic pass and the deferred explain when embeddings are on); `twin_of` is the articles' `Twins.of`."""
    signatures, text_keys = _signatures(blobs)
    signatures, text_keys = [signatures[t] for t in twin_of], [text_keys[t] for t in twin_of]
    candidates = candidate_pairs_from(signatures, text_keys, config)
    # Past the candidate stage only the cleaned articles are held: signatures (MinHash, immutables: ~5 KB
    # an article) are spent, and feature tables were never kept (`Tables` builds them per pair worker).
    del signatures, text_keys
    trim_malloc()  # their small blocks sit among the cleaned articles: give the freed pages back
    leads, embedder = _embedding_candidates(cleans, candidates, config, embedder, usable, report, notes)
    work = [(i, j, frozenset(ch)) for (i, j), ch in sorted(candidates.items())]
    del candidates
    sides = SideCache()  # the scan's per-article explain inputs, computed once per article
    tables = Tables(cleans)
    evidence: Evidence = {}  # each pair's matches and edits, packed (`PackedPairs`)
    if leads is not None and embedder is not None:
        pairs = _semantic_all(cleans, tables, work, leads, embedder, workers, config, sides, evidence, report, twin_of)
    else:
        pairs = _confirm_all(tables, work, workers, config, sides, evidence, report, twin_of)
    return pairs, evidence, leads


def _event_groups(
    cleans: Sequence[CleanArticle], leads: np.ndarray | None, config: ScanConfig, notes: list[str]
) -> list[list[str]]:
    """Articles grouped by event (events.py); none, with a note, past the dense-matrix limit."""
    if len(cleans) < 2:
        return [[c.id for c in cleans]] if cleans else []
    if len(cleans) > config.events.max_articles:
        notes.append(f"no event grouping: {len(cleans)} articles > events.max_articles ({config.events.max_articles})")
        return []
    return group_events(cleans, leads, config.events)


def _story_group(story: Story, pairs: Sequence[Pair]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(story id, article ids, provenance order) for claim linking: the story's original first, then
    articles judged the original of some of its pairs (`pairs_by_story`); the rest are ordered by date by the
    linker."""
    order = [story.original] if story.original else []
    for p in pairs:
        if p.original and p.original not in order:
            order.append(p.original)
    return story.id, story.articles, tuple(order)


def scan(
    sources: Iterable[str | os.PathLike[str]],
    config: ScanConfig | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan files and folders (any format `unspun.ingest` reads)."""
    from .ingest import read_sources

    return scan_articles(read_sources(sources), config, progress)

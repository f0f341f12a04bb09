"""Fingerprints of a cleaned article: MinHash over word shingles and the "immutables" a spinner keeps.

Spinners swap content words for synonyms but leave names, numbers and quoted strings alone, so the
immutables signature finds rewrites that share too few shingles for MinHash.
"""
from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass
from collections.abc import Sequence

import numpy as np
from xxhash import xxh3_64_intdigest

from .clean import match_key, normalize
from .config import FingerprintConfig, NearDupConfig
from .records import CleanArticle
from .sketch import sketch_batch
from .tokens import FEATURE_TOKEN, STOPWORDS, stem, zipf

_QUOTED = re.compile(r'"([^"]{8,}?)"')

@dataclass(frozen=True)
class SentenceFeatures:
    """What the aligner compares: stems of content words, immutables, and the function-word skeleton."""

    content: frozenset[str]
    immutables: frozenset[str]
    skeleton: frozenset[str]
    key: str  # match_key of the sentence: equal keys mean a verbatim copy


KIND_CONTENT, KIND_SKELETON, KIND_IMMUTABLE = 0, 1, 2


@dataclass(frozen=True)
class FeatureTable:
    """All sentences' features of one article as flat arrays: compact to pickle, fast to join.

    Row r says sentence `sentence[r]` has the feature hashed to `hashes[r]` (hash salted by kind).
    """

    hashes: np.ndarray  # uint64
    sentence: np.ndarray  # int32
    kind: np.ndarray  # int8: KIND_CONTENT | KIND_SKELETON | KIND_IMMUTABLE
    keys: np.ndarray  # uint64: each sentence's match_key hashed (`key_hash`; 0 = empty key). Hashes, not the
    # strings: the strings were ~5 KB an article held for the whole pair stage (the aligner re-reads the two
    # keys of a matched pair from its sentences)
    n_sentences: int


@dataclass(frozen=True)
class Signature:
    """Per-article fingerprint used to propose candidate pairs."""

    minhash: np.ndarray  # uint32[num_perm]
    immutables: frozenset[str]
    n_tokens: int


def tokens(text: str) -> list[str]:
    """Word and number tokens of already-normalized text, original case kept."""
    return FEATURE_TOKEN.findall(text)


def number_key(tok: str) -> str:
    """Numbers compare by value digits: "1,200" and "1200" are the same immutable."""
    return "n:" + tok.replace(",", "").rstrip(".")


@lru_cache(maxsize=16384)
def sentence_features(text: str) -> SentenceFeatures:
    """Features of one sentence (any text), independent of its neighbours.

    Memoized on the text (pure; frozen result): the relation test (`provenance.immutables_agree`) asks
    for the sentences of each article once per pair it is in. `article_features` reads the uncached
    function, so preparing a corpus (every sentence once) does not fill the cache."""
    return _sentence_features(text)


def _sentence_features(text: str) -> SentenceFeatures:
    norm = normalize(text)
    toks = tokens(norm)
    content: set[str] = set()
    immutables: set[str] = set()
    skeleton_seq: list[str] = []
    for i, tok in enumerate(toks):
        low = tok.casefold()
        if tok[0].isdigit():
            key = number_key(tok)
            immutables.add(key)
            skeleton_seq.append(key)
        elif low in STOPWORDS:
            skeleton_seq.append(low)
        elif _proper(toks, i):
            immutables.add("p:" + low)
            skeleton_seq.append("p:" + low)
        else:
            content.add(stem(tok))
    immutables.update(_quoted(norm))
    skeleton = {a + " " + b for a, b in zip(skeleton_seq, skeleton_seq[1:])}
    return SentenceFeatures(frozenset(content), frozenset(immutables), frozenset(skeleton), match_key(norm))


def _proper(toks: Sequence[str], i: int) -> bool:
    """Token i (not a number, not a stopword) is a name: capitalized, and not only because it opens the
    sentence (unless the next word is capitalized too)."""
    return toks[i][0].isupper() and (i > 0 or (len(toks) > 1 and toks[1][0].isupper()))


def _quoted(norm: str) -> list[str]:
    """The quoted-string immutables of a normalized sentence."""
    return ["q:" + " ".join(t.casefold() for t in tokens(quoted)) for quoted in _QUOTED.findall(norm)]


def sentence_immutables(text: str) -> set[str]:
    """`_sentence_features(text).immutables` alone (as a set), by the same rules: all the signature
    needs. Preparing an article for the candidate stage skips the stems, skeleton and match key, which
    the pair stage builds again where it needs them (`scan.Tables`)."""
    norm = normalize(text)
    toks = tokens(norm)
    out = {number_key(tok) if tok[0].isdigit() else "p:" + tok.casefold() for i, tok in enumerate(toks)
           if tok[0].isdigit() or (tok[0].isupper() and tok.casefold() not in STOPWORDS and _proper(toks, i))}
    out.update(_quoted(norm))
    return out


def article_features(article: CleanArticle) -> tuple[SentenceFeatures, ...]:
    """Features of every kept sentence, in order."""
    return tuple(_sentence_features(s.text) for s in article.sentences)


def memo_article_features(article: CleanArticle) -> tuple[SentenceFeatures, ...]:
    """`article_features` through the sentence memo (`sentence_features`): what the pair stage builds its
    feature tables with, so the relation test (`provenance.immutables_agree`), asking for the same sentences
    of each article once per pair, finds them computed instead of computing each sentence a second time."""
    return tuple(sentence_features(s.text) for s in article.sentences)


def feature_table(features: Sequence[SentenceFeatures]) -> FeatureTable:
    """Flatten per-sentence feature sets into a FeatureTable (stable xxh3 hashes, any process)."""
    hashes: list[int] = []
    sentence: list[int] = []
    kind: list[int] = []
    for i, f in enumerate(features):
        for k, items, salt in (
            (KIND_CONTENT, f.content, "c"),
            (KIND_SKELETON, f.skeleton, "s"),
            (KIND_IMMUTABLE, f.immutables, "i"),
        ):
            for item in items:
                hashes.append(xxh3_64_intdigest(item.encode(), seed=ord(salt)))
                sentence.append(i)
                kind.append(k)
    return FeatureTable(
        np.asarray(hashes, dtype=np.uint64),
        np.asarray(sentence, dtype=np.int32),
        np.asarray(kind, dtype=np.int8),
        np.fromiter((key_hash(f.key) for f in features), dtype=np.uint64, count=len(features)),
        len(features),
    )


def key_hash(key: str) -> int:
    """A sentence's match_key as a stable 64-bit hash (0 for the empty key, which matches nothing)."""
    return xxh3_64_intdigest(key.encode(), seed=ord("k")) if key else 0


def sentence_key(text: str) -> str:
    """The match_key of a sentence exactly as `sentence_features` computes it."""
    return match_key(normalize(text))


def shingles(article: CleanArticle, size: int) -> list[str]:
    """Word n-gram shingles over the kept sentences (removed captions do not count)."""
    return text_shingles(article.norm_text, size)


def text_shingles(text: str, size: int) -> list[str]:
    """Word n-gram shingles of any text, case- and quote-insensitive."""
    words = tokens(normalize(text).casefold())
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def fingerprint(
    article: CleanArticle,
    features: tuple[SentenceFeatures, ...] | None = None,
    config: FingerprintConfig = FingerprintConfig(),
) -> Signature:
    """One-permutation MinHash of the kept text's word shingles plus the sentences' immutables (taken from
    `features` when given, else read from the sentences by `sentence_immutables`).

    The signature comes from the vectorised near-duplicate stage (`sketch.sketch_batch`), so scan,
    index and `dedup` share one hashing scheme and no Python runs per shingle.
    """
    sketch = sketch_batch([article.norm_text], sketch_config(config))
    if features is not None:
        immutables = frozenset().union(*(f.immutables for f in features))
    else:
        immutables = frozenset().union(*(sentence_immutables(s.text) for s in article.sentences))
    return Signature(sketch.signatures[0], immutables, int(sketch.n_shingles[0]))


def sketch_config(config: FingerprintConfig) -> NearDupConfig:
    """The NearDupConfig that hashes exactly like `fingerprint` (same permutations, shingles, seed)."""
    return NearDupConfig(
        num_perm=config.num_perm, shingle_size=config.shingle_size, seed=config.seed, tune_malloc=False
    )


DETAIL_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|\d+(?:[.,:]\d+)*")
_SPECIFIC_ZIPF = 5.0  # words rarer than this (wordfreq Zipf) carry content; "the", "said", "year" do not


@lru_cache(maxsize=4096)
def specific_words(text: str) -> frozenset[str]:
    """The details of `text`: figures and uncommon words, casefolded, a final plural "s" dropped ("votes" =
    "vote"). What a rewrite carries over from its source and an independent text on the topic has its own of.

    Memoized on the text (pure; frozen result): a scan asks for each article once per pair it is in."""
    out = set()
    for w in set(DETAIL_WORD.findall(text)):  # each distinct word once: a news text repeats most of its words
        key = w.casefold().replace("\u2019", "'")
        if key[0].isdigit():
            out.add(key)
        elif len(key) > 2 and zipf(key) < _SPECIFIC_ZIPF:
            out.add(key[:-1] if key.endswith("s") and not key.endswith("ss") and len(key) > 4 else key)
    return frozenset(out)


def detail_inclusion(text_a: str, text_b: str) -> tuple[float, float]:
    """(share of a's specific words that b also has, share of b's that a has): a derivative's details are
    mostly found in its source; two texts written independently on one topic each have their own."""
    a, b = specific_words(text_a), specific_words(text_b)
    shared = len(a & b)
    return (shared / len(a) if a else 0.0, shared / len(b) if b else 0.0)

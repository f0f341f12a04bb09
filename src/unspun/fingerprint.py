"""Fingerprints of a cleaned article: MinHash over word shingles and the "immutables" a spinner keeps.

Spinners swap content words for synonyms but leave names, numbers and quoted strings alone, so the
immutables signature finds rewrites that share too few shingles for MinHash.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from xxhash import xxh3_64_intdigest

from .clean import match_key, normalize
from . import feature_kernel as fk
from .key_kernel import folded_hash, key_hashes, key_text
from .config import FingerprintConfig, NearDupConfig
from .records import CleanArticle
from .sketch import sketch_batch
from .tokens import FEATURE_TOKEN, FEATURE_TOKEN_ASCII, STOPWORDS, common_words, stem, zipf_below

_QUOTED = re.compile(r'"([^"]{8,}?)"')
_QUOTED_IN_LINE = re.compile(r'"([^"\n]{8,}?)"')
"""`_QUOTED` over sentences joined by line breaks: the same matches as over each sentence (no match crosses a
line, and the search starts each line afresh, as it starts each sentence)."""

@dataclass(frozen=True)
class SentenceFeatures:
    """What the aligner compares: stems of content words, immutables, and the function-word skeleton."""

    content: frozenset[str]
    immutables: frozenset[str]
    skeleton: frozenset[str]
    key: str  # match_key of the sentence: equal keys mean a verbatim copy

    @property
    def words(self) -> frozenset[str]:
        """Content stems and immutables (names, figures, quoted strings): what a sentence is about, grammar aside."""
        return self.content | self.immutables


KIND_CONTENT, KIND_SKELETON, KIND_IMMUTABLE = fk.KIND_CONTENT, fk.KIND_SKELETON, fk.KIND_IMMUTABLE


@dataclass(frozen=True)
class FeatureTable:
    """All sentences' features of one article as flat arrays: compact to pickle, fast to join.

    Row r says sentence `sentence[r]` has the feature hashed to `hashes[r]` (xxh3 salted by kind; a skeleton
    bigram from its two words' hashes, `feature_kernel.skeleton_hash`).
    """

    hashes: np.ndarray  # uint64
    sentence: np.ndarray  # int32
    kind: np.ndarray  # int8: KIND_CONTENT | KIND_SKELETON | KIND_IMMUTABLE
    keys: np.ndarray  # uint64: each sentence's match_key hashed (`key_hash`; 0 = empty key). Hashes, not the
    # strings: the strings were ~5 KB an article held for the whole pair stage (the aligner re-reads the two
    # keys of a matched pair from its sentences)
    n_sentences: int


_NO_DETAILS = np.zeros(0, np.uint64)


@dataclass(frozen=True)
class Signature:
    """Per-article fingerprint used to propose candidate pairs."""

    minhash: np.ndarray  # uint32[num_perm]
    immutables: frozenset[str]
    n_tokens: int
    # `detail_hashes` of the text (uint64, sorted): the "details" channel (empty: none computed)
    details: np.ndarray = field(default_factory=lambda: _NO_DETAILS)


def tokens(text: str) -> list[str]:
    """Word and number tokens of already-normalized text, original case kept."""
    return (FEATURE_TOKEN_ASCII if text.isascii() else FEATURE_TOKEN).findall(text)


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


def _quoted(norm: str, pattern: re.Pattern[str] = _QUOTED) -> list[str]:
    """The quoted-string immutables of a normalized sentence (or, with `_QUOTED_IN_LINE`, of normalized
    sentences joined by line breaks)."""
    return ["q:" + " ".join(t.casefold() for t in tokens(quoted)) for quoted in pattern.findall(norm)]


@lru_cache(maxsize=16384)
def sentence_immutables(text: str) -> frozenset[str]:
    """`_sentence_features(text).immutables` alone, by the same rules: what the relation test reads of a
    matched sentence (`provenance.immutables_agree`), without the stems, skeleton and match key.

    Memoized on the text (pure; frozen result), as `sentence_features`: asked once per pair an article is
    in. `fingerprint` reads the uncached function (preparing reads every sentence once)."""
    return _sentence_immutables(text)


def _sentence_immutables(text: str) -> frozenset[str]:
    out = _norm_immutables(normalize(text), _immutable_words())
    out.discard("")
    return frozenset(out)


def _norm_immutables(norm: str, words: _ImmutableWords) -> set[str]:
    """The immutables of one normalized sentence, perhaps with "" (the caller drops it): numbers and names
    (`_immutables`), and quoted strings."""
    out = _immutables(tokens(norm), words)
    if '"' in norm:
        out.update(_quoted(norm))
    return out


def _immutables(toks: list[str], words: _ImmutableWords) -> set[str]:
    """The number and name immutables of one sentence's tokens, by `_sentence_features`' rules, and perhaps
    "" (the caller drops it): every number, every capitalized non-stopword but one opening the sentence
    whose next word is not capitalized (`_proper`). Each distinct word's verdict is looked up, not worked out."""
    out = set(map(words.__getitem__, toks[1:]))
    if toks and (first := words[toks[0]]) and (toks[0][0].isdigit() or (len(toks) > 1 and toks[1][0].isupper())):
        out.add(first)
    return out


class _ImmutableWords(dict):
    """token -> the immutable it is wherever `_proper` holds ("n:" number key, "p:" name), else ""; and for
    the compiled pass over ASCII text (`_ascii_immutables`), the tokens it met numbered (`ids`: number ->
    immutable) and looked up by the hash of their bytes (`by_hash`)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.by_hash = _HashIds()

    def __missing__(self, tok: str) -> str:
        if tok[0].isdigit():
            out = number_key(tok)
        elif tok[0].isupper() and (low := tok.casefold()) not in STOPWORDS:
            out = "p:" + low
        else:
            out = ""
        self[tok] = out
        return out

    def number(self, tok: str) -> int:
        """A number for `tok` in `ids` (the table asks once per token it lacks)."""
        self.ids.append(self[tok])
        return len(self.ids) - 1


def article_immutables(article: CleanArticle) -> frozenset[str]:
    """The union of `sentence_immutables` over the article's sentences, from its normalized text
    (`norm_text`: the sentences normalized, joined by line breaks)."""
    words = _immutable_words()
    norms = _norms(article)
    joined = "\n".join(norms)  # no normalized sentence holds a line break, and no token crosses one
    ascii_ = joined.isascii()
    if not ascii_:  # the rules are per sentence: the ASCII ones still take the compiled pass
        joined = "\n".join(norm for norm in norms if norm.isascii())
    out = _ascii_immutables(joined, words) if joined else set()
    if '"' in joined:
        out.update(_quoted(joined, _QUOTED_IN_LINE))
    if not ascii_:
        for norm in norms:
            if not norm.isascii():
                out |= _norm_immutables(norm, words)
    out.discard("")
    return frozenset(out)


def _ascii_immutables(joined: str, words: _ImmutableWords) -> set[str]:
    """The number and name immutables of ASCII normalized sentences joined by line breaks, as `_immutables`
    finds them per sentence, and perhaps "": one compiled pass (`feature_kernel.immutable_ids`) that applies
    the rule of place and looks up only the numbers and capitalized words by hash; Python sees a word the
    first time only."""
    buf, ids, starts, ends, hashes = _token_arrays(joined)
    k = fk.immutable_ids(buf, words.by_hash.slots, words.by_hash.ids, ids, starts, ends, hashes)
    found = ids[:k].tolist()
    if -1 in found:  # a word met for the first time
        found = _looked_up(joined, words.by_hash, words.number, ids[:k], starts, ends, hashes).tolist()
    return set(map(words.ids.__getitem__, set(found)))  # a set of ints: cheaper than np.unique at this size


def _norms(article: CleanArticle) -> list[str]:
    """Each sentence normalized: the lines of `norm_text` (no normalized sentence is empty or holds a line
    break; should one ever be, the sentences are normalized again)."""
    norms = article.norm_text.split("\n") if article.sentences else []
    if len(norms) != len(article.sentences) or not all(norms):
        return [normalize(s.text) for s in article.sentences]
    return norms


def article_features(article: CleanArticle) -> tuple[SentenceFeatures, ...]:
    """Features of every kept sentence, in order."""
    return tuple(_sentence_features(s.text) for s in article.sentences)


def feature_table(features: Sequence[SentenceFeatures]) -> FeatureTable:
    """Flatten per-sentence feature sets into a FeatureTable (stable xxh3 hashes, any process)."""
    hashes: list[int] = []
    sentence: list[int] = []
    kind: list[int] = []
    for i, f in enumerate(features):
        for k, items, hash_of in (
            (KIND_CONTENT, f.content, lambda item: _hash(item, "c")),
            (KIND_SKELETON, f.skeleton, _skeleton_item_hash),
            (KIND_IMMUTABLE, f.immutables, lambda item: _hash(item, "i")),
        ):
            for item in items:
                hashes.append(hash_of(item))
                sentence.append(i)
                kind.append(k)
    return FeatureTable(
        np.asarray(hashes, dtype=np.uint64),
        np.asarray(sentence, dtype=np.int32),
        np.asarray(kind, dtype=np.int8),
        np.fromiter((key_hash(f.key) for f in features), dtype=np.uint64, count=len(features)),
        len(features),
    )


_WORDS_MAX = 1 << 17
"""Distinct words a process's word table holds before it starts again (~20 MB when full)."""
_SPLIT_TOKEN = re.compile(FEATURE_TOKEN.pattern + r"|\n")  # FEATURE_TOKEN, and the line break between sentences


class _HashIds:
    """token hash -> id, an open-addressing table the compiled tokenizer reads (`feature_kernel.token_ids`),
    beside a word table that knows each token's id by its string."""

    def __init__(self) -> None:
        self.slots = np.zeros(1 << 12, np.uint64)  # token hashes, 0 for an empty slot
        self.ids = np.zeros(1 << 12, np.int64)
        self.count = 0

    def put(self, hashes: np.ndarray, ids: np.ndarray) -> None:
        """Enter each hashes[k] with ids[k], the table doubled first where it would pass half full."""
        if 2 * (self.count + len(hashes)) > len(self.slots):
            size = len(self.slots)
            while 2 * (self.count + len(hashes)) > size:
                size *= 2
            full = self.slots != 0
            old_hashes, old_ids = self.slots[full], self.ids[full]
            self.slots, self.ids = np.zeros(size, np.uint64), np.zeros(size, np.int64)
            fk.put_ids(self.slots, self.ids, old_hashes, old_ids)
        self.count += fk.put_ids(self.slots, self.ids, hashes, ids)


def _ascii_ids(text: str, table: _HashIds, details: bool, id_of: Callable[[str], int]) -> np.ndarray:
    """The ids of the tokens of ASCII `text` (`feature_kernel.token_ids`: `FEATURE_TOKEN_ASCII`'s tokens and line breaks, or with
    `details` `DETAIL_WORD`'s), in order, each from `table` by the hash of its bytes; a token the table lacks
    gets `id_of(token)` and is entered. One compiled pass instead of a regex and a dict lookup per token."""
    buf, ids, starts, ends, hashes = _token_arrays(text)
    k = fk.token_ids(buf, details, table.slots, table.ids, ids, starts, ends, hashes)
    return _looked_up(text, table, id_of, ids[:k], starts, ends, hashes)


def _token_arrays(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The bytes of ASCII `text` and room for a compiled tokenizer's (ids, starts, ends, hashes) of its tokens."""
    buf = np.frombuffer(text.encode(), np.uint8)
    n = len(buf)
    return buf, np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.uint64)


def _looked_up(text: str, table: _HashIds, id_of: Callable[[str], int], ids: np.ndarray, starts: np.ndarray,
               ends: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """`ids` of tokens a compiled tokenizer looked up in `table`, where a token the table lacks (-1) now has
    `id_of(token)`, entered in the table."""
    missing = np.flatnonzero(ids < 0)
    if len(missing):
        ids[missing] = [id_of(text[s:e]) for s, e in zip(starts[missing].tolist(), ends[missing].tolist())]
        table.put(hashes[missing], ids[missing])
    return ids


class _Words(dict):
    """token -> id, with each distinct token's feature facts in arrays indexed by id: an article's tokens
    become ids in one C-level `map`, and `feature_kernel.table_rows` applies the rules of
    `_sentence_features` to them. Every fact here reads only the token, by the same expressions as
    `_sentence_features`, so each is worked out once per process instead of once per token."""

    def __init__(self) -> None:
        super().__init__()
        # feature_kernel's DIGIT | STOP | UPPER (a name unless it opens its sentence alone) | LOWER | BREAK
        self.cls = np.zeros(1024, np.int8)
        self.upper = np.zeros(1024, np.bool_)  # tok[0].isupper()
        self.content = np.zeros(1024, np.uint64)  # hash of the stem, kind content (UPPER, LOWER)
        self.immutable = np.zeros(1024, np.uint64)  # hash of the immutable, kind immutable (DIGIT, UPPER)
        self.skeleton = np.zeros(1024, np.uint64)  # hash of the skeleton word (number key, stopword, "p:" name)
        self.by_hash = _HashIds()  # the ids of ASCII tokens by the hash of their bytes
        self.__missing__("\n")  # id 0: the sentence break

    def __missing__(self, tok: str) -> int:
        i = len(self)
        if i == len(self.cls):
            for name in ("cls", "upper", "content", "immutable", "skeleton"):
                setattr(self, name, np.concatenate([getattr(self, name), np.zeros_like(getattr(self, name))]))
        if tok == "\n":
            cls, word = fk.BREAK, ""
        elif tok[0].isdigit():
            cls, word = fk.DIGIT, number_key(tok)
        elif (low := tok.casefold()) in STOPWORDS:
            cls, word = fk.STOP, low
        else:
            cls, word = (fk.UPPER if tok[0].isupper() else fk.LOWER), "p:" + low
            self.content[i] = _hash(stem(tok), "c")
        if cls in (fk.DIGIT, fk.UPPER):
            self.immutable[i] = _hash(word, "i")
        self.cls[i] = cls
        self.upper[i] = tok[:1].isupper()
        self.skeleton[i] = _hash(word, "s")
        self[tok] = i
        return i


_local = threading.local()  # one word table per thread (the index and server may prepare in threads)


def _per_thread(name: str, make: type[dict]) -> dict:
    """This thread's word table `name`, started again once it holds `_WORDS_MAX` words."""
    table = getattr(_local, name, None)
    if table is None or len(table) > _WORDS_MAX:
        table = make()
        setattr(_local, name, table)
    return table


def _words() -> _Words:
    return _per_thread("words", _Words)


def _immutable_words() -> _ImmutableWords:
    return _per_thread("immutables", _ImmutableWords)


def _hash(item: str, salt: str) -> int:
    """The table hash of a feature string: xxh3 salted by its kind's letter."""
    return xxh3_64_intdigest(item.encode(), seed=ord(salt))


def _skeleton_item_hash(item: str) -> int:
    """The table hash of a skeleton bigram "x y" (`feature_kernel.skeleton_hash`: from its words' hashes;
    skeleton words never hold a space)."""
    x, y = item.split(" ")
    return int(fk.skeleton_hash(np.uint64(_hash(x, "s")), np.uint64(_hash(y, "s"))))


def article_table(article: CleanArticle) -> FeatureTable:
    """`feature_table(article_features(article))` without a Python loop per token: the same rows (as a set:
    each sentence's distinct features by kind, hashed alike), sorted by sentence, kind and hash.

    Every sentence is tokenized as `_sentence_features` does (`tokens(normalize(text))`), in one regex pass
    over the article, into word ids (`_Words`); `feature_kernel.table_rows` applies the feature rules to
    them and `key_kernel.key_hashes` hashes the match keys. The pair stage builds each article's table
    where a pair needs it (`scan.Tables`): ~0.3 ms here against ~1.2 ms for the per-sentence feature sets
    (docs/benchmarks.md, "i15prep")."""
    return _article_table(article, _words())[0]


def _article_table(article: CleanArticle, words: _Words) -> tuple[FeatureTable, np.ndarray]:
    """`article_table`, and the word ids of its tokens (sentence breaks included) in `words`."""
    norms = _norms(article)
    joined = "\n".join(norms)  # no normalized sentence holds a line break, and no token crosses one
    ids = _token_ids(joined, norms, words)
    quoted = [(k, _hash(q, "i")) for k, norm in enumerate(norms) if '"' in norm for q in _quoted(norm)]
    q_sentence = np.array([k for k, _ in quoted], np.int64)
    q_hash = np.array([h for _, h in quoted], np.uint64)
    if norms:
        hashes, sentence, kind = fk.table_rows(
            ids, words.cls, words.upper, words.content, words.immutable, words.skeleton, q_sentence, q_hash)
    else:
        hashes, sentence, kind = np.zeros(0, np.uint64), np.zeros(0, np.int32), np.zeros(0, np.int8)
    return FeatureTable(hashes, sentence, kind, _key_hashes(joined, norms), len(norms)), ids


def _token_ids(joined: str, norms: list[str], words: _Words) -> np.ndarray:
    """The word ids of `joined`'s tokens and line breaks (`_SPLIT_TOKEN`'s; `joined` is `norms` joined by line
    breaks). Runs of ASCII sentences go through the compiled tokenizer (`_ascii_ids`), and only the sentences
    that are not ASCII (a name with an accent) through the regex: no token crosses a line break, and of ASCII
    text the two find the same tokens. Was the regex over the whole article when any of it was not ASCII
    (~0.45 ms an article against ~0.06 ms)."""
    if joined.isascii():
        return _ascii_ids(joined, words.by_hash, False, words.__getitem__)
    brk = np.array([words["\n"]], np.int64)
    pieces: list[np.ndarray] = []
    start = 0
    for k, norm in enumerate(norms):
        if norm.isascii():
            continue
        if k > start:
            pieces += [_ascii_ids("\n".join(norms[start:k]), words.by_hash, False, words.__getitem__), brk]
        pieces.append(np.fromiter(map(words.__getitem__, FEATURE_TOKEN.findall(norm)), np.int64))
        if k + 1 < len(norms):
            pieces.append(brk)
        start = k + 1
    if start < len(norms):
        pieces.append(_ascii_ids("\n".join(norms[start:]), words.by_hash, False, words.__getitem__))
    return np.concatenate(pieces)


def sentence_lengths(article: CleanArticle) -> np.ndarray:
    """Each sentence's text length (int64), in order: what the aligner ranks identical sentences by."""
    sents = article.sentences
    return np.fromiter((len(s.text) for s in sents), np.int64, count=len(sents))


class PairFacts:
    """What the pair stage reads of one article in every pair it is in, worked out once (`scan.Tables` keeps
    the most recently used articles' facts): its feature table; each sentence's figures and names
    (`provenance.immutables_agree`) as their table hashes, told apart by the classes of the words they came
    from; each sentence's match key string (the aligner's character similarity of a matched pair) and the
    hash of its whole folded text (the exact-copy test), both on first use.

    The figures and names are sets of 64-bit hashes where `sentence_immutables` gives strings: the same
    verdicts, as the aligner's feature join already assumes (distinct features do not share a hash)."""

    __slots__ = ("article", "table", "chars", "_figures", "_keys", "_folded_hash", "_details", "_lengths")

    def __init__(self, article: CleanArticle) -> None:
        words = _words()
        self.article = article
        self.table, ids = _article_table(article, words)
        self.chars = sum(s.span[1] - s.span[0] for s in article.sentences)  # the kept characters
        # (figure bounds, figures, name bounds, names): each sentence's, sorted (`feature_kernel.figures_and_names`)
        self._figures = fk.figures_and_names(ids, words.cls, words.upper, words.immutable, self.table.n_sentences)
        self._keys: list[str] | None = None
        self._folded_hash: int | None = None
        self._details: np.ndarray | None = None
        self._lengths: np.ndarray | None = None

    def lengths(self) -> np.ndarray:
        """Each sentence's text length (int64): what the aligner ranks identical sentences by, on first use."""
        if self._lengths is None:
            self._lengths = sentence_lengths(self.article)
        return self._lengths

    def figures_and_names(self, k: int) -> tuple[frozenset[int], frozenset[int]]:
        """Sentence k's numbers and names (`sentence_immutables` less its quoted strings), hashed."""
        fb, figures, nb, names = self._figures
        return frozenset(figures[fb[k] : fb[k + 1]].tolist()), frozenset(names[nb[k] : nb[k + 1]].tolist())

    def agree(self, other: PairFacts, rows: Sequence[int], other_rows: Sequence[int]) -> list[bool]:
        """`provenance.immutables_agree` of each sentence pair (rows[m] here, other_rows[m] in `other`)."""
        return fk.immutables_agree(*self._figures, *other._figures, np.array(rows, np.int64),
                                   np.array(other_rows, np.int64)).tolist()

    def immutables(self) -> frozenset[int]:
        """Every sentence's immutables (quoted strings too), hashed: `sentence_immutables` over the article."""
        return frozenset(self.table.hashes[self.table.kind == KIND_IMMUTABLE].tolist())

    def key(self, k: int) -> str:
        """`sentence_key` of sentence k (all the article's, on first use: `sentence_keys`)."""
        if self._keys is None:
            self._keys = sentence_keys(self.article)
        return self._keys[k]

    def folded_hash(self) -> int:
        """A hash of the whole text normalized and casefolded: unequal hashes, unequal folded texts. Of ASCII text
        (and of a folded text that is ASCII) `key_kernel.folded_hash` from the bytes, with no string built."""
        if self._folded_hash is None:
            text = self.article.article.text
            if not text.isascii():
                text = normalize(text).casefold()
            if text.isascii():  # the kernel folds it as `normalize` and `casefold` do (a folded text: no change)
                self._folded_hash = int(folded_hash(np.frombuffer(text.encode(), np.uint8)))
            else:
                self._folded_hash = hash(text)
        return self._folded_hash

    def words(self, first: int, last: int) -> frozenset[int]:
        """The content stems and immutables (`SentenceFeatures.words`) of sentences first..last-1,
        hashed: their table rows (sorted by sentence), less the skeleton's."""
        t = self.table
        lo, hi = np.searchsorted(t.sentence, (first, last)).tolist()
        return frozenset(t.hashes[lo:hi][t.kind[lo:hi] != KIND_SKELETON].tolist())

    def detail_inclusion(self, other: PairFacts) -> tuple[float, float]:
        """`detail_inclusion` of the two whole texts, from each article's details hashed once (`detail_hashes`)."""
        a, b = self.details(), other.details()
        shared = _shared(a, b)
        return (shared / len(a) if len(a) else 0.0, shared / len(b) if len(b) else 0.0)

    def details(self) -> np.ndarray:
        """`detail_hashes` of the whole text."""
        if self._details is None:
            self._details = detail_hashes(self.article.article.text)
        return self._details


def _key_hashes(joined: str, norms: list[str]) -> np.ndarray:
    """`key_hash(match_key(norm))` of each normalized sentence (`sentence_features`' key); `joined` is them
    joined by line breaks. One compiled pass over the bytes: of an ASCII sentence `match_key` is the word runs,
    lowercased (`normalize` only folds whitespace, which `match_key` drops with the other non-word characters),
    which is what `key_kernel.key_hashes` hashes; only a sentence that is not ASCII is keyed again in Python."""
    out = np.zeros(len(norms), np.uint64)
    if norms:
        key_hashes(np.frombuffer(joined.encode(), np.uint8), out)
    if not joined.isascii():  # the kernel's keys of the lines that are not ASCII are not `match_key`'s
        for k, norm in enumerate(norms):
            if not norm.isascii():
                out[k] = key_hash(match_key(norm))
    return out


def key_hash(key: str) -> int:
    """A sentence's match_key as a stable 64-bit hash (0 for the empty key, which matches nothing): the hash
    `key_kernel.key_hashes` computes from the words of an ASCII sentence."""
    out = np.zeros(1, np.uint64)
    key_hashes(np.frombuffer(key.encode(), np.uint8), out)
    return int(out[0])


def sentence_keys(article: CleanArticle) -> list[str]:
    """`sentence_key` of every sentence, from one compiled pass over the normalized sentences' bytes
    (`key_kernel.key_text`; of ASCII text the key is the lowercased word runs) instead of a regex and a join per
    sentence; a sentence whose normalized form is not ASCII is keyed by `sentence_key`."""
    norms = _norms(article)
    if not norms:
        return []
    joined = "\n".join(norms)
    raw = np.frombuffer(joined.encode(), np.uint8)
    out = np.empty(len(raw), np.uint8)
    keys = out[: key_text(raw, out)].tobytes().decode().split("\n")
    if not joined.isascii():
        for k, norm in enumerate(norms):
            if not norm.isascii():
                keys[k] = sentence_key(article.sentences[k].text)
    return keys


def sentence_key(text: str) -> str:
    """The match_key of a sentence exactly as `sentence_features` computes it (of ASCII text, `normalize`
    only folds whitespace, which `match_key` folds again: one pass)."""
    return match_key(text if text.isascii() else normalize(text))


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
    `features` when given, else read from the sentences by `sentence_immutables`' rules), and the text's
    details (`detail_hashes`) when `config.details`.

    The signature comes from the vectorised near-duplicate stage (`sketch.sketch_batch`), so scan,
    index and `dedup` share one hashing scheme and no Python runs per shingle.
    """
    sketch = sketch_batch([article.norm_text], sketch_config(config))
    if features is not None:
        immutables = frozenset().union(*(f.immutables for f in features))
    else:
        immutables = article_immutables(article)
    details = detail_hashes(article.article.text) if config.details else _NO_DETAILS
    return Signature(sketch.signatures[0], immutables, int(sketch.n_shingles[0]), details)


@lru_cache(maxsize=64)  # pure, of a frozen config: `fingerprint` asks once per article
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

    Memoized on the text (pure; frozen result): a scan asks for each article once per pair it is in. Each
    distinct word's verdict is kept per thread (`_Details`), so a text costs one lookup per distinct word."""
    details = _details()
    if text.isascii():
        ids = _ascii_ids(text, details.by_hash, True, details.number)
        if len(details.seen) < len(details.keys):
            details.seen = np.zeros(len(details.hashes), np.bool_)
        # the distinct ids in one compiled pass (np.unique sorted them: ~60 us a text of ~550 words); key 0 is ""
        return frozenset(map(details.keys.__getitem__, fk.distinct_ids(ids, details.seen).tolist()))
    out = set(map(details.__getitem__, set(DETAIL_WORD.findall(text))))
    out.discard("")
    return frozenset(out)


class _Details(dict):
    """word -> its detail key in `specific_words` ("" when it is not a detail), worked out on first sight; the
    distinct keys numbered ("" is 0) for the compiled tokenizer, which looks ASCII words up by hash."""

    def __init__(self) -> None:
        super().__init__()
        self.keys = [""]
        self.numbers = {"": 0}
        self.by_hash = _HashIds()
        self.hashes = np.zeros(1024, np.uint64)  # each key's `_detail_hash` by its number ("" is 0)
        self.seen = np.zeros(0, np.bool_)  # `feature_kernel.distinct_ids`' marks, as long as `hashes` when used

    def number(self, w: str) -> int:
        """The number of word w's detail key."""
        key = self[w]
        k = self.numbers.get(key)
        if k is None:
            k = self.numbers[key] = len(self.keys)
            self.keys.append(key)
            if k == len(self.hashes):
                self.hashes = np.concatenate([self.hashes, np.zeros_like(self.hashes)])
            self.hashes[k] = _detail_hash(key)
        return k

    def __missing__(self, w: str) -> str:
        key = w.casefold().replace("\u2019", "'")
        if key[0].isdigit():
            out = key
        elif len(key) > 2 and zipf_below(key, _SPECIFIC_ZIPF):
            out = key[:-1] if key.endswith("s") and not key.endswith("ss") and len(key) > 4 else key
        else:
            out = ""
        self[w] = out
        return out


def load_details() -> None:
    """Read wordfreq's list and the common-word set `specific_words` reads (~0.4 CPU-s): a scan calls it before
    its pair workers fork, so that they inherit them instead of each reading its own; and the compiled pass that
    keeps each detail once (`feature_kernel.distinct_ids`), loaded there too."""
    common_words(_SPECIFIC_ZIPF)
    fk.distinct_ids(np.zeros(1, np.int64), np.zeros(1, np.bool_))


def _details() -> _Details:
    return _per_thread("details", _Details)


def detail_inclusion(text_a: str, text_b: str) -> tuple[float, float]:
    """(share of a's specific words that b also has, share of b's that a has): a derivative's details are
    mostly found in its source; two texts written independently on one topic each have their own."""
    a, b = specific_words(text_a), specific_words(text_b)
    shared = len(a & b)
    return (shared / len(a) if a else 0.0, shared / len(b) if b else 0.0)


def detail_hashes(text: str) -> np.ndarray:
    """`specific_words(text)`, each detail as its 64-bit hash (`_detail_hash`), sorted (uint64): what the pair stage
    keeps of an article (`PairFacts.details`) to compare details. Of ASCII text the words' numbered keys are looked
    up in one array, with no string set built (distinct details do not share a hash, as the feature tables assume)."""
    if text.isascii():
        details = _details()
        ids = _ascii_ids(text, details.by_hash, True, details.number)  # (may grow `details.hashes`)
        found = np.sort(details.hashes[ids])
    else:
        found = np.sort(np.fromiter(map(_detail_hash, specific_words(text)), np.uint64))
    distinct = np.ones(len(found), np.bool_)
    np.not_equal(found[1:], found[:-1], out=distinct[1:])
    distinct &= found != 0  # key 0 is "", no detail
    return found[distinct]


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted arrays of distinct values share."""
    if not len(a) or not len(b):
        return 0
    return int(np.count_nonzero(b[np.minimum(np.searchsorted(b, a), len(b) - 1)] == a))


def _detail_hash(key: str) -> int:
    """The hash of a detail key ("" hashes to 0)."""
    return _hash(key, "d") if key else 0

"""Normalization, sentence splitting with offsets, and removal of scraper noise (doubled captions).

Nothing is rewritten in `Article.text`: sentences and removed records carry spans into it, and the
normalized forms are only used as matching keys.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

import numpy as np

from . import clean_kernel as ck
from .config import CleanConfig
from .key_kernel import span_keys as _span_keys
from .records import Article, CleanArticle, Removed, Sentence, Span
from .tokens import WORD, WORD_ASCII

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
_FOLD = [_QUOTES.get(c, c) for c in range(max(_QUOTES) + 1)]
"""`_QUOTES` as a list by code point (a character past its end is left alone): `str.translate` reads a list
~3x faster than a dict, which raises and clears a KeyError for every character it does not map."""

# Sentence ends: terminal punctuation (optionally closing quotes/brackets) followed by whitespace and
# something that can start a sentence. Abbreviations are checked separately.
_SENT_END = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr inc ltd co corp dept univ "
    "jan feb mar apr jun jul aug sep sept oct nov dec vs etc approx est fig u.s u.k e.g i.e a.m p.m".split()
)


def normalize(text: str) -> str:
    """Fold the differences scrapers introduce (curly vs straight quotes, dashes, spacing, width)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return " ".join(text.split())


def match_key(text: str) -> str:
    """A case- and punctuation-insensitive key: two captions that differ only in quotes/spaces share it.

    The casefolded word runs joined by one space (what replacing every run of other characters by a space
    and splitting on whitespace leaves: no word character is whitespace), found in one pass. Of ASCII text,
    `normalize` only folds whitespace (which is not kept) and casefolding is lowercasing; of other text only
    its NFKC step counts: the quotes, dashes and spaces it then folds are not word characters, nor are what
    they become, so the word runs are the same without it (and the fold was ~20% of preparing real news)."""
    if text.isascii():
        return " ".join(WORD_ASCII.findall(text.lower()))
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


_FIGURE_AFTER = re.compile(r"\s+\d")


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at `end` belongs to an abbreviation or an initial, not a sentence."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].rstrip(".!?\"'\u201d\u2019)]").casefold().lstrip("(\"'\u201c\u2018")
    if not word:
        return False
    if word == "no":  # "No. 5" is an abbreviation, "voted no." ends a sentence
        return bool(_FIGURE_AFTER.match(text[end + 1 : end + 4]))
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _strip_span(text: str, start: int, end: int) -> Span:
    """text[start:end] without its leading and trailing whitespace (`str.isspace`)."""
    seg = text[start:end]
    s = start + len(seg) - len(seg.lstrip())
    return s, max(s, start + len(seg.rstrip()))


# A line's text from its first to its last non-space character (`\s` is `str.isspace`; `\n` is a space, so
# a match never crosses a line break): the stripped non-blank lines, one match each.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def line_spans(text: str) -> list[Span]:
    """Non-blank lines (paragraphs) of `text` as stripped spans."""
    return [m.span() for m in _LINE.finditer(text)]


_LINE_END_PUNCT = tuple(".!?:;\"')]\u201d\u2019")


def join_wrapped(text: str, lines: list[Span]) -> list[Span]:
    """Merge hard-wrapped lines back into paragraphs.

    A line continues into the next when it does not end a sentence, the next starts in lower case,
    and only one line break separates them: a copy that re-wraps text must split the same way.
    """
    blocks: list[Span] = []
    for span in lines:
        if blocks:
            prev = blocks[-1]
            gap = text[prev[1] : span[0]]
            if (
                gap.count("\n") == 1
                and not gap.strip()
                and not text[prev[1] - 1].endswith(_LINE_END_PUNCT)
                and text[span[0]].islower()
            ):
                blocks[-1] = (prev[0], span[1])
                continue
        blocks.append(span)
    return blocks


def cut_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """Cut a run-on sentence longer than `max_chars` into pieces, at clause punctuation where possible."""
    start, end = span
    if max_chars <= 0 or end - start <= max_chars:
        return [span]
    target = max(40, max_chars * 2 // 3)
    pieces: list[Span] = []
    while end - start > max_chars:
        window = text[start + target // 2 : start + max_chars]
        cut = max(window.rfind(c) for c in ",;:")
        if cut < 0:
            cut = window.rfind(" ")
        cut = start + target // 2 + cut + 1 if cut >= 0 else start + max_chars
        s, e = _strip_span(text, start, cut)
        if e > s:
            pieces.append((s, e))
        start = cut
    s, e = _strip_span(text, start, end)
    if e > s:
        pieces.append((s, e))
    return pieces


def split_sentences(
    text: str, start: int = 0, end: int | None = None, max_chars: int = 0
) -> list[Span]:
    """Sentence spans within text[start:end]; paragraphs never share a sentence.

    Hard-wrapped lines are joined first; sentences longer than `max_chars` (when > 0) are cut.
    """
    end = len(text) if end is None else end
    lines = [(s + start, e + start) for s, e in line_spans(text[start:end])]
    return [span for block in join_wrapped(text, lines) for span in block_sentences(text, block, max_chars)]


def block_sentences(text: str, block: Span, max_chars: int = 0) -> list[Span]:
    """Sentence spans of one paragraph, a block of `join_wrapped` over `line_spans`: `split_sentences` of
    the block's text (whose lines join back into this one block, so they are not split again)."""
    line_start, line_end = block
    spans: list[Span] = []
    cursor = line_start
    for m in _SENT_END.finditer(text, line_start, line_end):
        if m.end() - m.start() == 1 and text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        s, e = _strip_span(text, cursor, m.end())
        if e > s:
            spans.extend(cut_long(text, (s, e), max_chars))
        cursor = m.end()
    s, e = _strip_span(text, cursor, line_end)
    if e > s:
        spans.extend(cut_long(text, (s, e), max_chars))
    return spans


def span_keys(text: str, spans: list[Span], hashed: bool = True) -> list[tuple[str | int, int]]:
    """(identity, length) of each span's `match_key`: spans of equal keys have equal identities. The key
    itself, or (`hashed`) its 64-bit hash from one compiled pass (`key_kernel.span_keys`) over the text's
    bytes (ASCII text) or over each span's bytes or key string, where a caller finding two spans of one hash
    compares their keys (`_clean`)."""
    if not hashed:
        return [(key, len(key)) for key in (match_key(text[s:e]) for s, e in spans)]
    hashes = np.zeros(len(spans), np.uint64)
    lengths = np.zeros(len(spans), np.int64)
    if not spans:
        return []
    if text.isascii():
        _span_keys(np.frombuffer(text.encode(), np.uint8), *_bounds(spans), hashes, lengths)
        return list(zip(hashes.tolist(), lengths.tolist()))
    # Other text: a span of ASCII is hashed from its own bytes, any other from its key string, which hashes
    # alike (the key is its word runs, lowercased, one space apart); that key's length counts characters.
    pieces = [text[s:e] for s, e in spans]
    keys = [None if piece.isascii() else match_key(piece) for piece in pieces]
    blobs = [(piece if key is None else key).encode() for piece, key in zip(pieces, keys)]
    sizes = np.fromiter(map(len, blobs), np.int64, len(blobs))
    ends = np.cumsum(sizes)
    _span_keys(np.frombuffer(b"".join(blobs), np.uint8), ends - sizes, ends, hashes, lengths)
    return list(zip(hashes.tolist(), [n if key is None else len(key) for key, n in zip(keys, lengths.tolist())]))


def _bounds(spans: list[Span]) -> tuple[np.ndarray, np.ndarray]:
    """The starts and the ends of `spans`, as contiguous int64 arrays for a compiled pass (one array type for
    every call: numba compiles, and each worker loads, one version per argument type)."""
    flat = np.fromiter(chain.from_iterable(spans), np.int64, 2 * len(spans))
    return flat[0::2].copy(), flat[1::2].copy()


class _HashCollision(Exception):
    """Two different keys of one article share a hash (`span_keys`): that article is cleaned on the keys."""


def clean_article(article: Article, config: CleanConfig = CleanConfig()) -> CleanArticle:
    """Split into sentences and set aside repeated lines/sentences (doubled captions) as `Removed`."""
    try:
        return _clean(article, config, hashed=True)
    except _HashCollision:
        return _clean(article, config, hashed=False)


def _check(text: str, first: Span, span: Span, hashed: bool) -> None:
    """Two spans of one key identity: raise if it is a hash that two different keys share."""
    if hashed and match_key(text[first[0]:first[1]]) != match_key(text[span[0]:span[1]]):
        raise _HashCollision


def _clean(article: Article, config: CleanConfig, hashed: bool) -> CleanArticle:
    text = article.text
    removed: list[Removed] = []
    lines = line_spans(text)
    kept_lines = _first_copies(text, lines, span_keys(text, lines, hashed), 0, config.min_duplicate_chars,
                               "duplicate_line", removed, hashed)
    spans = _sentence_spans(text, kept_lines, config.max_sentence_chars)
    kept = _first_copies(text, spans, span_keys(text, spans, hashed), config.min_sentence_chars,
                         config.min_duplicate_chars, "duplicate_sentence", removed, hashed)
    removed.sort(key=lambda r: r.span)
    sentences = tuple(map(Sentence, range(len(kept)), kept, [text[s:e] for s, e in kept]))
    return CleanArticle(article, sentences, tuple(removed), _norm_text(text, kept))


def _first_copies(text: str, spans: list[Span], keys: list[tuple[str | int, int]], min_chars: int,
                  min_duplicate_chars: int, reason: str, removed: list[Removed], hashed: bool) -> list[Span]:
    """The spans whose key has at least `min_chars` characters, less each later copy of a key of at least
    `min_duplicate_chars` (appended to `removed` as `reason`, with the span of its first copy)."""
    identities = [key for key, _ in keys]
    if len(set(identities)) == len(identities):  # no key repeats (most articles): nothing to look up
        return [span for span, (_, size) in zip(spans, keys) if size >= min_chars]
    seen: dict[str | int, Span] = {}
    kept: list[Span] = []
    for span, (key, size) in zip(spans, keys):
        if size < min_chars:
            continue
        first = seen.get(key)
        if first is not None:
            _check(text, first, span, hashed)
            if size >= min_duplicate_chars:
                removed.append(Removed(reason, span, text[span[0]:span[1]], first))
                continue
        else:
            seen[key] = span
        kept.append(span)
    return kept


def _sentence_spans(text: str, lines: list[Span], max_chars: int) -> list[Span]:
    """The sentence spans of the kept lines: `block_sentences` of each `join_wrapped` paragraph, in one
    compiled pass over the text's bytes or its stand-in (`clean_kernel.sentence_spans`), run-ons then cut by
    `cut_long`; in Python where a character has no stand-in."""
    buf = _stand_in(text)
    if buf is None:
        return [span for block in join_wrapped(text, lines) for span in block_sentences(text, block, max_chars)]
    starts, ends = np.empty(len(buf), np.int64), np.empty(len(buf), np.int64)
    k = ck.sentence_spans(buf, *_bounds(lines), _ABBREVIATION_BYTES, _ABBREVIATION_LENGTHS, starts, ends)
    spans = list(zip(starts[:k].tolist(), ends[:k].tolist()))
    if max_chars > 0 and k and (ends[:k] - starts[:k]).max() > max_chars:
        return [piece for span in spans for piece in cut_long(text, span, max_chars)]
    return spans


def _stand_in(text: str) -> np.ndarray | None:
    """One byte per character of `text` for `clean_kernel.sentence_spans`: its bytes when ASCII, else each
    non-ASCII character as the byte of its class (`_char_class`); None when a character has none."""
    if text.isascii():
        return np.frombuffer(text.encode(), np.uint8)
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    high = points >= 128
    found, where = np.unique(points[high], return_inverse=True)
    classes = np.array([_char_class(chr(c)) for c in found.tolist()], np.int64)
    if (classes < 0).any():
        return None
    out = points.astype(np.uint8)
    out[high] = classes[where]
    out.setflags(write=False)  # read-only, as the bytes of an ASCII text: one compiled version serves both
    return out


_CURLY = "\u201c\u2018\u201d\u2019"


@lru_cache(maxsize=4096)
def _char_class(c: str) -> int:
    """The byte standing in for the non-ASCII character c in `clean_kernel` (its classes), or -1 when its
    casefold holds an ASCII character or a curly quote (an abbreviation or a strip could then read it)."""
    if c in _CURLY:
        return ck.CLOSE_X if c in "\u201d\u2019" else ck.OPEN_X
    if c.isspace():
        return ck.SPACE_X
    folded = c.casefold()
    if any(f.isascii() or f in _CURLY for f in folded):
        return -1
    if _DIGIT.match(c):
        return ck.DIGIT_X
    letter = len(folded) == 1 and folded.isalpha()
    if c.islower():
        return ck.LOWER_LETTER_X if letter else ck.LOWER_X
    return ck.LETTER_X if letter else ck.OTHER_X


_DIGIT = re.compile(r"\d")


_ABBREVIATION_LENGTHS = np.array([len(w) for w in sorted(_ABBREVIATIONS)], np.int64)
_ABBREVIATION_BYTES = np.array([list(w.encode().ljust(8, b"\0")) for w in sorted(_ABBREVIATIONS)], np.uint8)
"""`_ABBREVIATIONS` for the compiled sentence splitter: row k holds the k-th word's bytes (padded)."""


def _norm_text(text: str, spans: list[Span]) -> str:
    """The sentences at `spans` normalized and joined by line breaks; of ASCII text in one compiled pass
    (`clean_kernel.normalized`: there `normalize` only folds each run of whitespace to a space)."""
    if not (text.isascii() and spans):
        return "\n".join(normalize(text[s:e]) for s, e in spans)
    out = np.empty(len(text) + len(spans), np.uint8)
    m = ck.normalized(np.frombuffer(text.encode(), np.uint8), *_bounds(spans), out)
    return out[:m].tobytes().decode("ascii")

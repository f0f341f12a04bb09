"""Normalization, sentence splitting with offsets, and removal of scraper noise (doubled captions).

Nothing is rewritten in `Article.text`: sentences and removed records carry spans into it, and the
normalized forms are only used as matching keys.
"""
from __future__ import annotations

import re
import unicodedata

from .config import CleanConfig
from .records import Article, CleanArticle, Removed, Sentence, Span
from .tokens import WORD, WORD_ASCII

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)

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
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split())


def match_key(text: str) -> str:
    """A case- and punctuation-insensitive key: two captions that differ only in quotes/spaces share it.

    The casefolded word runs joined by one space (what replacing every run of other characters by a space
    and splitting on whitespace leaves: no word character is whitespace), found in one pass. Of ASCII text,
    `normalize` only folds whitespace (which is not kept) and casefolding is lowercasing."""
    if text.isascii():
        return " ".join(WORD_ASCII.findall(text.lower()))
    return " ".join(WORD.findall(normalize(text).casefold()))


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period ending at `end` belongs to an abbreviation or an initial, not a sentence."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].rstrip(".!?\"'\u201d\u2019)]").casefold().lstrip("(\"'\u201c\u2018")
    if not word:
        return False
    if word == "no":  # "No. 5" is an abbreviation, "voted no." ends a sentence
        return bool(re.match(r"\s+\d", text[end + 1 : end + 4]))
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line_spans(text: str) -> list[Span]:
    """Non-blank lines (paragraphs) of `text` as stripped spans."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = _strip_span(text, m.start(), m.end())
        if e > s:
            spans.append((s, e))
    return spans


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
    spans: list[Span] = []
    lines = [(s + start, e + start) for s, e in line_spans(text[start:end])]
    for line_start, line_end in join_wrapped(text, lines):
        cursor = line_start
        for m in _SENT_END.finditer(text, line_start, line_end):
            if m.group().startswith(".") and len(m.group()) == 1 and _is_abbreviation(text, m.start()):
                continue
            s, e = _strip_span(text, cursor, m.end())
            if e > s:
                spans.extend(cut_long(text, (s, e), max_chars))
            cursor = m.end()
        s, e = _strip_span(text, cursor, line_end)
        if e > s:
            spans.extend(cut_long(text, (s, e), max_chars))
    return spans


def clean_article(article: Article, config: CleanConfig = CleanConfig()) -> CleanArticle:
    """Split into sentences and set aside repeated lines/sentences (doubled captions) as `Removed`."""
    text = article.text
    removed: list[Removed] = []
    seen_lines: dict[str, Span] = {}
    kept_lines: list[Span] = []
    for span in line_spans(text):
        key = match_key(text[span[0]:span[1]])
        first = seen_lines.get(key)
        if first is not None and len(key) >= config.min_duplicate_chars:
            removed.append(Removed("duplicate_line", span, text[span[0]:span[1]], first))
            continue
        seen_lines.setdefault(key, span)
        kept_lines.append(span)

    seen_sentences: dict[str, Span] = {}
    sentences: list[Sentence] = []
    for block in join_wrapped(text, kept_lines):
        for span in split_sentences(text, *block, max_chars=config.max_sentence_chars):
            body = text[span[0]:span[1]]
            key = match_key(body)
            if len(key) < config.min_sentence_chars:
                continue
            first = seen_sentences.get(key)
            if first is not None and len(key) >= config.min_duplicate_chars:
                removed.append(Removed("duplicate_sentence", span, body, first))
                continue
            seen_sentences.setdefault(key, span)
            sentences.append(Sentence(len(sentences), span, body))
    removed.sort(key=lambda r: r.span)
    norm_text = "\n".join(normalize(s.text) for s in sentences)
    return CleanArticle(article, tuple(sentences), tuple(removed), norm_text)

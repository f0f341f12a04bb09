"""Information one version lost: the specific words (names, figures, dates, uncommon content words) that
only one side has.

A derivative is made from its source, so what it says specifically comes from the source: its specific
words are mostly found in the original, while the original keeps details the derivative dropped or
generalised ("in 1896 for men and 1928 for women" -> "since the late 19th century"). Two texts written
independently on one topic each have their own details. So per side: inclusion = the share of its specific
words that the other side also has. The side whose words are contained in the other is the derivative; a
large gap is evidence of who copied whom, whether the copy reads better (a chatbot) or worse (a thesaurus
spinner: its swapped-in synonyms are new words, balanced by the words it removed, so the gap stays small).
In a heavy rewrite with the same names and figures on both sides, only a large gap counts (`same_facts`):
a chatbot adds uncommon words of its own but no names or figures.
Costs one word pass per text and a set intersection. Fails when the derivative added details of its own
(a rewrite that adds facts from elsewhere) or when the original is a short summary the copy expanded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..fingerprint import DETAIL_WORD, specific_words  # the one definition of "details", shared with provenance.derived
from ..tokens import zipf
from .word_memo import remember

_MIN_WORDS = 5  # a side with fewer specific words says too little
# `\b[A-Z][A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*` with the capital read before the word boundary is checked
# (look-behind): the same matches, but the regex engine skips ahead to the next capital (~2x faster).
_CAPITALISED = re.compile(r"[A-Z](?<=\b[A-Z])[A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*")
# `_CAPITALISED` with the three characters before the capital captured in the look-behind (any character: DOTALL),
# so that `findall` hands out each word with what precedes it, without a match object a word.
_CAPITALISED_AFTER = re.compile(r"(?s)([A-Z](?<=\b[A-Z])(?<=(...)[A-Z])[A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*)")
_SENTENCE_OPENERS = frozenset(".!?:;\"'\u201c\u2018(\n")


class _InsideSentence(dict):
    """The three characters before a capital -> whether they put it inside a sentence: the last of them that is
    not a space or tab is there and opens no sentence. Worked out once per distinct three characters; emptied
    when it passes `_INSIDE_MAX` entries (a long run over many scripts meets ever more distinct triples)."""

    def __missing__(self, before: str) -> bool:
        kept = before.rstrip(" \t")
        inside = bool(kept) and kept[-1] not in _SENTENCE_OPENERS
        remember(self, before, inside, _INSIDE_MAX)
        return inside


_INSIDE_MAX = 1 << 16


_INSIDE = _InsideSentence()


def names(text: str) -> frozenset[str]:
    """Words `text` capitalises inside a sentence (not after a full stop, colon or opening quote), casefolded:
    its names. A capital at a sentence start says nothing about the word.

    Read from the three characters before each `_CAPITALISED` word (`_CAPITALISED_AFTER`); the text is searched
    behind three spaces, so a word near its start has three characters before it, and the spaces, stripped like
    any, leave what the text has there."""
    inside = _INSIDE
    found = {w for w, before in _CAPITALISED_AFTER.findall("   " + text) if inside[before]}
    return frozenset(w.casefold().replace("\u2019", "'") for w in found)


@lru_cache(maxsize=4096)
def details(text: str) -> frozenset[str]:
    """The specific words (`fingerprint.specific_words`) that are figures or names: what a rewrite cannot
    make up. A chatbot rewriting a text adds evaluative and literary words of its own ("esteemed",
    "globally", "victoriously", "pillaged") but no names or figures, so its uncommon lowercase words are not
    details its source lost; counted as such, they named a chatbot's rewrite the source."""
    found, words = names(text), specific_words(text)
    # `w in found or w + "s" in found` as two set intersections: only the figures need a test per word.
    plurals = {w[:-1] for w in found if w[-1] == "s"}
    return frozenset({w for w in words if w[0].isdigit()}.union(words & found, words & plurals))


_STEM = 6  # a name's form changes in a rewrite ("Antarctic" -> "Antarctica", "German" -> "Germany")


@lru_cache(maxsize=1024)
def _mentions(text: str) -> frozenset[str]:
    """Every form in which `text` mentions a word, casefolded: as written, without a possessive or plural
    ending, each part of a hyphenated word, and the first `_STEM` letters of a word that long, so a name it writes
    "Rome's", "Greco-Roman" or "Antarctica" counts as there.

    Memoized on the text (pure; frozen result): the siblings' tests on a pair ask for each text up to three times
    (`fluent.absent_source` both ways, then `fluent.contradicted`), and an article is in several pairs."""
    words = {w.casefold().replace("\u2019", "'").rstrip("'") for w in DETAIL_WORD.findall(text)}
    words |= {w[:-2] for w in words if w.endswith("'s")}
    words |= {part for w in words if "-" in w for part in w.split("-")}
    words |= {w[:-1] for w in words if w.endswith("s")}
    words.discard("")
    return frozenset(words | {"~" + w[:_STEM] for w in words if w[0].isalpha() and len(w) >= _STEM})


def _coarsened(figure: str) -> bool:
    """A round figure ("1600", "200,000") is what a rewriter makes of a precise one ("1670" -> "the 1600s",
    "146,385" -> "about 150,000"), not a fact of its own."""
    whole = figure.split(".")[0].replace(",", "")
    return whole.isdigit() and len(whole) >= 3 and whole.endswith("00")


def unmentioned(text_a: str, text_b: str) -> tuple[str, ...]:
    """a's names and figures (`details`) that b does not mention in any form (`_mentioned`): facts b lacks.
    Stricter than `information`'s set difference, which counts a name b writes at a sentence start, in the
    possessive or in another form as lost."""
    there = _mentions(text_b)
    return tuple(sorted(w for w in (d.rstrip("'") for d in details(text_a)) if w and not _mentioned(w, there)))


def _mentioned(word: str, there: frozenset[str]) -> bool:
    """`word` (a name or figure) is among `there` (`_mentions`) in some form. A hyphenated word counts when one
    of its parts does: a rewriter coins compounds from its source's names ("Roman-educated", "Soviet-Afghan").
    A round figure always does (`_coarsened`)."""
    if word[0].isdigit():
        return word in there or _coarsened(word)
    forms = (word, *word.split("-")) if "-" in word else (word,)
    return any(w in there or w + "s" in there or len(w) >= _STEM and "~" + w[:_STEM] in there for w in forms if w)


@dataclass(frozen=True)
class Information:
    """Inclusion of each side's specific words in the other, and examples of what only one side has."""

    inclusion_a: float  # share of a's specific words that b also has
    inclusion_b: float
    n_a: int
    n_b: int
    words_a: frozenset[str]  # the specific words compared, per side
    words_b: frozenset[str]

    @property
    def gap(self) -> float:
        """> 0: b's details are contained in a more than a's in b, so a looks like the source."""
        return self.inclusion_b - self.inclusion_a

    @property
    def only_a(self) -> tuple[str, ...]:
        """a's specific words missing from b (figures first, then rarest): sorted on request, since most
        comparisons cast no vote and never show them."""
        return _examples(self.words_a, self.words_b)

    @property
    def only_b(self) -> tuple[str, ...]:
        return _examples(self.words_b, self.words_a)


def _examples(words: frozenset[str], other: frozenset[str]) -> tuple[str, ...]:
    missing = words - other
    return tuple(sorted(missing, key=_example_key)[:6])


@lru_cache(maxsize=1 << 15)
def _example_key(word: str) -> tuple[bool, float, str]:
    """Where `word` goes among the examples: figures first, then the rarest. Memoized on the word (a lambda built
    the key for every missing word of every pair afresh: 146k keys for 1,550 pairs of 2,000 articles)."""
    return not word[0].isdigit(), zipf(word), word


def information(text_a: str, text_b: str, swapped: frozenset[str] = frozenset(), named_only: bool = False
                ) -> Information:
    """Compare the specific words of two versions (see the module docstring), leaving out `swapped`;
    `named_only`: only their names and figures (`details`)."""
    words = details if named_only else specific_words
    a, b = words(text_a), words(text_b)
    if swapped:  # (most pairs leave nothing out: no copy of either set)
        a, b = a - swapped, b - swapped
    shared = len(a & b)
    return Information(shared / len(a) if a else 0.0, shared / len(b) if b else 0.0, len(a), len(b), a, b)


_WORDING_GAP = 0.15  # with the same names and figures on both sides, smaller gaps are the rewriter's wording


def same_facts(text_a: str, text_b: str, swapped: frozenset[str] = frozenset()) -> bool:
    """True when both versions hold (nearly) the same names and figures, enough of them to say so. In a heavy
    rewrite a small gap in the other uncommon words is then the rewriter's wording, not facts one side lost:
    a chatbot adds its own ("esteemed", "globally", "victoriously") and would be named the source for them
    (gaps 0.06-0.13 on such pairs); a person trimming specifics drops many ("pupils", "buses", "ballot": 0.26)."""
    named = information(text_a, text_b, swapped, named_only=True)
    return min(named.n_a, named.n_b) >= _MIN_WORDS and abs(named.gap) < _MIN_GAP


_FULL_GAP = 0.4  # an inclusion gap this large gives the vote its full weight
_MIN_GAP = 0.04  # below this the two sides hold about equally much the other lacks (0.08 until a machine
# translation's small losses were measured: PAN13 round trips 0.76 precision at gaps >= 0.04, weight scales with the gap)
MAX_WEIGHT = 0.9


def information_vote(text_a: str, text_b: str, swapped: frozenset[str] = frozenset(), rewritten: bool = False
                     ) -> tuple[float, str] | None:
    """(weight in -MAX_WEIGHT..MAX_WEIGHT, why) when one side's details are contained in the other's.
    `swapped`: specific words to leave out (see `direction.swapped_details`); `rewritten`: a heavy rewrite
    (see `direction.rewrite_extent`), where the vote needs a larger gap when both keep the same facts (`same_facts`)."""
    info = information(text_a, text_b, swapped)
    least = _WORDING_GAP if rewritten and same_facts(text_a, text_b, swapped) else _MIN_GAP
    if min(info.n_a, info.n_b) < _MIN_WORDS or abs(info.gap) < least:
        return None
    weight = max(-1.0, min(1.0, info.gap / _FULL_GAP)) * MAX_WEIGHT
    src, copy = ("a", "b") if info.gap > 0 else ("b", "a")
    lost = info.only_a if info.gap > 0 else info.only_b
    inc_copy = info.inclusion_b if info.gap > 0 else info.inclusion_a
    inc_src = info.inclusion_a if info.gap > 0 else info.inclusion_b
    return weight, (f"{copy}'s specific words are {inc_copy:.0%} in {src}, {src}'s only {inc_src:.0%} in {copy} "
                    f"({copy} lost e.g. {', '.join(repr(w) for w in lost[:4])})")

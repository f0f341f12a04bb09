"""Word tokens, stopwords, stems and word frequency: the one place every stage and family takes them from.

Ground floor: imports nothing from unspun. The patterns below differ on purpose, each fitted to what its
stage compares; they are named here so that a stage says which one it uses instead of writing its own.
Changing a pattern changes what that stage sees (and its benchmark figures): add a new one instead.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

# ---------------------------------------------------------------- token patterns
# Edit diffing (edits/): letters or digits joined by inner . , ' ’ - ("1,200", "don't", "two-year", "U.S"),
# or a lone currency/percent sign, so a number keeps its unit and a compound stays one diffable word.
EDIT_TOKEN = re.compile(r"[^\W_]+(?:[.,'\u2019\-][^\W_]+)*|[$\u00a3\u20ac\u00a5%]")
# Sentence features (fingerprint, align): letter words (inner straight apostrophes kept) or numbers with
# . , : inside ("3.5", "10:30"); letters and digits never mix, so "2m" gives the number 2 and the word m.
FEATURE_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,:]\d+)*")
# FEATURE_TOKEN of ASCII text (there a letter is [A-Za-z] and a digit [0-9]): the same tokens, found faster.
FEATURE_TOKEN_ASCII = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,:][0-9]+)*")
# Passage extension (passages), match keys (clean): any run of word characters, punctuation ignored.
WORD = re.compile(r"\w+")
# WORD of ASCII text: the same runs, found faster.
WORD_ASCII = re.compile(r"[A-Za-z0-9_]+")
# Passage bags (passages): letters only; digits and underscores split words and are dropped.
LETTERS = re.compile(r"[^\W\d_]+")
# Clause order (edits/clause_order): lowercase ASCII words with one inner straight apostrophe, on
# casefolded text.
ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Collocation lookups (edits/collocation): ASCII letters/digits with an apostrophe ending ("Britain's"),
# as the web bigram table spells its words; hyphens split.
EDGE_WORD = r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?"
# Word choice (edits/direction): EDGE_WORD words joined by hyphens ("short-staffed" is one word).
COMPOUND = re.compile(rf"{EDGE_WORD}(?:-{EDGE_WORD})*")
# Digit groups inside a token ("1,200.5" -> one group, "3-4" -> two).
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")

# ---------------------------------------------------------------- stopwords
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according per since yet though although
    than whether upon within without among via may might must shall""".split()
)


# ---------------------------------------------------------------- stemmers
@lru_cache(maxsize=1 << 17)  # pure function of its argument; the cache only saves time
def stem(word: str) -> str:
    """A crude, fast suffix stripper: enough to let "walked"/"walks"/"walking" meet (aligner, passages).

    Truncates to 7 characters, so long words sharing their first seven letters meet ("internal",
    "international"): right for matching sentences on shared vocabulary, too loose for fixed expressions
    (see `light_stem`).
    """
    w = word.casefold()
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + repl
            break
    return w[:7]


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """One inflectional ending off ("moving"/"moved"/"moves" -> "mov"), no truncation: fixed expressions
    are matched on it, where `stem`'s 7-character cut would merge distinct words of an idiom."""
    w = word.casefold().replace("\u2019", "'")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


# ---------------------------------------------------------------- word frequency
@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (0 when unknown)."""
    if _LOWER_ASCII.fullmatch(word):
        return _frequency_zipf(_frequencies().get(word))
    # Imported on first use: wordfreq takes ~90 ms to import, half of `import unspun`.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's English word -> frequency table (its own, read once per process)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")


@lru_cache(maxsize=None)
def _frequency_zipf(freq: float | None) -> float:
    """`zipf_frequency` of a word of lowercase ASCII letters from its table frequency (None: not listed). Such a
    word is one wordfreq token as it is, so wordfreq's tokenizer (~15 us a first-seen word) is skipped and its
    arithmetic done here step by step: the minimum for an unlisted word, else the one token's 1 / (1 / f)
    rounded to three significant digits, then the Zipf value to two decimals. Kept per frequency (a few
    hundred buckets); checked equal to `zipf_frequency` on every such word of the list."""
    from wordfreq import freq_to_zipf, zipf_to_freq

    minimum = zipf_to_freq(0.0)
    if freq is None:
        return round(freq_to_zipf(minimum), 2)
    unrounded = max(1.0 / (0.0 + 1.0 / freq), minimum)
    return round(freq_to_zipf(round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)), 2)


_LOWER_ASCII = re.compile(r"[a-z]+")


def zipf_below(word: str, threshold: float) -> bool:
    """`zipf(word) < threshold`, without wordfreq's tokenizer for a word of lowercase ASCII letters: such a
    word is one wordfreq token, so it is at or above the threshold exactly when it is in
    `common_words(threshold)` (a word missing from wordfreq's list has Zipf 0)."""
    if _LOWER_ASCII.fullmatch(word):
        return word not in common_words(threshold)
    return zipf(word) < threshold


@lru_cache(maxsize=8)
def common_words(threshold: float) -> frozenset[str]:
    """The lowercase ASCII words of wordfreq's English list with `zipf` >= threshold (Zipf 5: ~1,300 words).

    Read from the list's most frequent buckets (bucket i holds the words of ~-i centibels, Zipf ~(900 - i) / 100)
    down to a tenth below the threshold, each word rated by `zipf` itself, so membership is `zipf`'s verdict.
    Such a word is one wordfreq token, so its Zipf is a function of its listed frequency: `zipf` is asked once
    per frequency (~600 calls instead of ~33,000 at Zipf 3)."""
    from wordfreq import get_frequency_dict, get_frequency_list

    listed = get_frequency_dict("en")
    rated: dict[float, float] = {}
    out = []
    for index, bucket in enumerate(get_frequency_list("en")):
        if (900 - index) / 100 < threshold - 0.1:
            break
        for w in filter(_LOWER_ASCII.fullmatch, bucket):
            f = listed[w]
            if f not in rated:
                rated[f] = zipf(w)
            if rated[f] >= threshold:
                out.append(w)
    return frozenset(out)

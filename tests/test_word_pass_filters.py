"""The compiled word pass's bit filter in front of its exact look-up: the same words marked as without it."""
from __future__ import annotations

from itertools import chain


def _spans(text: str) -> list[tuple[int, int]]:
    from unspun.clean import clean_article
    from unspun.records import Article

    return [s.span for s in clean_article(Article("t", text, "t")).sentences]


def test_every_number_word_fraction_and_ordinal_is_read_by_the_rules():
    """Each lowercase number word, fraction and ordinal (`tokenize._NOT_PLAIN`) is marked for the rules by the
    compiled pass (its bit filter passes it to the exact look-up), wherever it stands in a sentence."""
    from unspun.edits import tokenize as tk
    from unspun.edits.forms import ORDINAL_WORDS
    from unspun.edits.words import FRACTIONS, UNITS

    listed = sorted({w for w in chain(UNITS, FRACTIONS, ORDINAL_WORDS)
                     if w.isascii() and w.isalpha() and w.islower()})
    text = " ".join(f"The council met {w} times and voted {w}." for w in listed)
    words, _, _, (odd, _, _, _), _, _ = tk._words(text, _spans(text))
    marked = {words[n] for n in odd}
    assert set(listed) <= marked
    assert {"council", "met", "times", "voted"}.isdisjoint(marked)  # plain words pass the filter unread

"""The compiled word pass's bit filter in front of its exact look-ups, and the spin's words made as text slices:
the same words marked and the same strings as the exact paths."""
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


def test_the_spin_words_are_the_split_words():
    """`article_columns`' words (`tokenize.Slices`: strings made from the text when read) are `article_words`'
    words, one by one, picked and whole; the names found among the rules' words are `proper_names`."""
    from unspun.edits import tokenize as tk

    for text in ("Mayor Ellen Okafor opened the bridge on Tuesday. \"It took four years,\" Okafor said; "
                 "the crowd cheered. The council spent $12.5 million, a third of it from the state.",
                 "\u201cWe are not finished,\u201d said Ana\u00efs Dubois, the caf\u00e9\u2019s owner. Sales "
                 "rose 12% to \u00a34.2m \u2014 half of it online. NASA and the U.S. Army agreed."):
        spans = _spans(text)
        want = tk.article_words(text, spans).words
        got = tk.article_columns(text, spans).words
        assert isinstance(got, tk.Slices)
        assert got.tolist() == want and [got[k] for k in range(len(got))] == want and len(got) == len(want)
        assert got.pick([0, 3, len(want) - 1]) == [want[0], want[3], want[-1]]
        _, _, _, _, names, _ = tk._words(text, spans, lists=None)
        assert names == tk.proper_names(text, spans)

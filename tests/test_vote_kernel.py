"""The direction votes' compiled counting (`edits.vote_kernel`) gives what its Python definitions give: the words
of a span as `len(EDGE_WORD.findall(text, start, end))`, and each context-fit run summed as `np.add.reduce` sums
it, to the last bit."""
from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.edits import vote_kernel as vk
from unspun.tokens import EDGE_WORD

_WORDS = re.compile(EDGE_WORD)

SENTENCES = (
    "The council's \u201cfinal\u201d offer, worth \u00a31.2m, was rejected on Tuesday by 312 votes to 40.",
    "O\u2019Neill said the short-staffed ward couldn't cope: \u2018we're at 80% capacity\u2019, she told reporters.",
    "Caf\u00e9 owners in S\u00e3o Paulo say prices rose 3.5% in 2023 \u2013 the steepest rise since the '90s.",
    "Rock 'n' roll fans queued at 6am; the band's 2nd show sold out in 4 minutes (tickets: $45-$60).",
    "It's a re-run of last year's row \u2014 na\u00efve, said Ms Dubois' lawyer, citing rule 7(b)'s text.",
)


def test_word_total_counts_as_findall_in_every_span():
    for text in SENTENCES:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 2):
                assert vk.word_total(text, [(start, end)]) == len(_WORDS.findall(text, start, end)), (start, end)
        assert vk.word_total(text) == len(_WORDS.findall(text))


def test_word_total_sums_the_spans_and_clips_them_as_findall_does():
    text = " ".join(SENTENCES)
    spans = [(0, 14), (20, 61), (100, 100), (150, 10**6), (-5, 9)]
    assert vk.word_total(text, spans) == sum(len(_WORDS.findall(text, max(s, 0), e)) for s, e in spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Z09'\u2019-.\u00e9\u201c", max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_word_total_equals_findall_on_any_text(text, start, end):
    assert vk.word_total(text, [(start, end)]) == len(_WORDS.findall(text, start, end))


def test_runs_sum_as_numpy_reduces_them():
    rng = np.random.default_rng(7)
    for n in [*range(1, 300), 1000, 4099]:
        x = rng.normal(size=n + 3) * 10 ** rng.uniform(-3, 3, size=n + 3)
        assert vk._np_sum(x, 2, n) == np.add.reduce(x[2 : 2 + n]), n


def test_clipped_fit_total_equals_the_python_loop():
    rng = np.random.default_rng(11)
    for _ in range(200):
        lens = rng.integers(1, 40, size=2 * int(rng.integers(1, 30)))
        pmi = rng.normal(scale=4.0, size=int(lens.sum()))
        total, k = 0.0, 0
        for la, lb in zip(lens[::2], lens[1::2]):
            fa = np.add.reduce(pmi[k : k + la]) / la
            fb = np.add.reduce(pmi[k + la : k + la + lb]) / lb
            k += la + lb
            total += max(-4.0, min(4.0, float(fa - fb)))
        assert vk.clipped_fit_total(pmi, lens.astype(np.int64), 4.0) == total


def test_pmi_words_equals_pmi_many_of_the_pairs():
    from unspun.edits.collocation import shared

    pairs = [("heavy", "rain"), ("weighty", "rain"), ("the", "council"), ("zzqx", "vote"), ("short-staffed", "ward")]
    words = [w for p in pairs for w in p]
    got, want = shared().pmi_words(words), shared().pmi_many(pairs)
    assert np.array_equal(got, want, equal_nan=True) and len(got) == len(pairs)
    assert len(shared().pmi_words([])) == 0

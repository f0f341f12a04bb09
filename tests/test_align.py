"""align: one-to-one sentence alignment, copy vs paraphrase, coverage, passage merging."""
from __future__ import annotations

import pytest
from conftest import clean, fixture_text, load_article
from hypothesis import example, given, settings
from hypothesis import strategies as st

from unspun.align import align, align_texts, merge_passages, similarity
from unspun.config import AlignConfig
from unspun.fingerprint import sentence_features
from unspun.records import Match


def sliced(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]


# --- fixtures ----------------------------------------------------------------------------------------


def test_exact_copy_aligns_every_sentence_as_copy_with_full_coverage(story):
    a = story["original"]
    b = clean(load_article("original", "copy"))
    al = align(a, b)
    assert len(al.matches) == len(a.sentences)
    assert all(m.kind == "copy" and m.score == 1.0 for m in al.matches)
    assert all(m.a_span == m.b_span for m in al.matches)
    assert al.coverage_a == al.coverage_b == al.copy_coverage == al.score == 1.0


def test_spun_rewrite_aligns_most_sentences_as_paraphrase(story):
    a, b = story["original"], story["spun"]
    al = align(a, b)
    assert len(al.matches) >= 0.75 * min(len(a.sentences), len(b.sentences))
    paraphrases = [m for m in al.matches if m.kind == "paraphrase"]
    assert len(paraphrases) >= 0.75 * len(al.matches)
    assert al.coverage_a >= 0.8 and al.coverage_b >= 0.8
    assert al.copy_coverage < 0.2


def test_spun_rewrite_pairs_each_sentence_with_its_own_rewrite_despite_reordered_clauses(story):
    a, b = story["original"], story["spun"]
    ta, tb = a.article.text, b.article.text
    pairs = {sliced(ta, m.a_span): sliced(tb, m.b_span) for m in align(a, b).matches}
    assert pairs["Mayor Denise Okafor said the vote was overdue."].startswith("Mayor Denise Okafor stated")
    assert pairs[
        "The council will hold a public hearing on the new rate schedule on Oct. 14 at City Hall."
    ].startswith("At City Hall on Oct. 14")
    assert pairs[
        "The plant, which was built in 1974, serves roughly 61,500 households across the eastern half of the county."
    ].startswith("Roughly 61,500 homes")


def test_two_different_events_about_the_same_people_align_few_sentences(story):
    al = align(story["original"], story["other_event"])
    assert len(al.matches) <= 2
    assert al.coverage_a < 0.2 and al.coverage_b < 0.2


def test_unrelated_stories_align_nothing(story):
    al = align(story["original"], story["unrelated"])
    assert al.matches == () and al.coverage_a == al.coverage_b == al.score == 0.0


def test_truncated_copy_is_fully_covered_on_the_short_side(story):
    al = align(story["original"], story["truncated"])
    assert al.coverage_b == 1.0 and al.copy_coverage == 1.0
    assert al.coverage_a < 0.7


def test_a_changed_number_still_aligns_but_never_scores_as_a_perfect_match():
    a = "The plant serves roughly 61,500 households across the eastern half of the county."
    b = "The plant serves roughly 16,500 households across the eastern half of the county."
    (m,) = align_texts(a, b)
    assert m.score < 1.0


def test_curly_vs_straight_quotes_still_count_as_a_verbatim_copy():
    a = "\u201cWe cannot keep asking families to boil their water,\u201d Okafor said."
    b = '"We cannot keep asking families to boil their water," Okafor said.'
    (m,) = align_texts(a, b)
    assert m.kind == "copy" and m.score == 1.0


def test_align_texts_spans_point_into_the_raw_texts():
    a = fixture_text("original")
    b = fixture_text("spun")
    for m in align_texts(a, b):
        assert sliced(a, m.a_span).strip() == sliced(a, m.a_span)
        assert sliced(b, m.b_span) and sliced(a, m.a_span)


def test_alignment_is_one_to_one(story):
    for other in ("spun", "truncated", "doubled_caption", "other_event"):
        al = align(story["original"], story[other])
        assert len({m.a_span for m in al.matches}) == len(al.matches)
        assert len({m.b_span for m in al.matches}) == len(al.matches)


@pytest.mark.parametrize("other", ["spun", "truncated", "doubled_caption", "other_event", "unrelated"])
def test_align_is_symmetric_up_to_swapping_a_and_b(story, other):
    a, b = story["original"], story[other]
    ab, ba = align(a, b), align(b, a)
    assert (ab.coverage_a, ab.coverage_b) == (ba.coverage_b, ba.coverage_a)
    assert ab.score == ba.score and ab.copy_coverage == ba.copy_coverage
    assert sorted((m.a_span, m.b_span, m.kind) for m in ab.matches) == sorted(
        (m.b_span, m.a_span, m.kind) for m in ba.matches
    )


def test_similarity_is_symmetric_and_one_for_identical_sentences():
    x = sentence_features("Mayor Denise Okafor said the vote on the $48 million plan was overdue.")
    y = sentence_features("Mayor Denise Okafor stated the decision on the $48 million proposal was late.")
    assert similarity(x, x) == pytest.approx(1.0)
    assert similarity(x, y) == pytest.approx(similarity(y, x))
    assert 0.0 < similarity(x, y) < 1.0


def test_immutables_weigh_more_than_content_words():
    base = sentence_features("Okafor approved the $48 million plant upgrade on Tuesday.")
    same_names = sentence_features("Okafor endorsed the $48 million facility overhaul on Tuesday.")
    same_words = sentence_features("Castillo approved the $12 million plant upgrade on Friday.")
    assert similarity(base, same_names) > similarity(base, same_words)


def test_context_pass_does_not_run_without_enough_strong_matches():
    config = AlignConfig(min_score=0.99, context_min_score=0.0, context_min_matches=1)
    a = clean("Okafor approved the plan on Tuesday. The council met.")
    b = clean("Castillo rejected a budget on Friday. A parade passed.")
    assert align(a, b, config=config).matches == ()


def test_empty_article_aligns_with_zero_coverage(story):
    al = align(clean(""), story["original"])
    assert al.matches == () and al.coverage_a == al.coverage_b == al.score == 0.0


# --- merge_passages ------------------------------------------------------------------------------------

_A = "The vote passed 7-2. Okafor praised it. Castillo voted against it. A hearing is set for Oct. 14."


def _sentence_matches(text_a: str, text_b: str) -> list[Match]:
    return sorted(align_texts(text_a, text_b), key=lambda m: m.a_span)


def test_merge_passages_merges_matches_adjacent_in_both_texts():
    ms = _sentence_matches(_A, _A)
    assert len(ms) == 4
    (p,) = merge_passages(ms, _A, _A)
    assert p.a_span == (0, len(_A)) and p.b_span == (0, len(_A))
    assert p.kind == "copy" and p.a_sentences == (0, 1, 2, 3)


def test_merge_passages_keeps_matches_apart_when_order_differs_in_b():
    b = "A hearing is set for Oct. 14. Castillo voted against it. Okafor praised it. The vote passed 7-2."
    ms = _sentence_matches(_A, b)
    assert len(ms) == 4
    assert len(merge_passages(ms, _A, b)) == 4


def test_merge_passages_keeps_matches_apart_across_a_long_gap():
    filler = " ".join(["Residents lined up outside City Hall for hours."] * 8)
    b = f"The vote passed 7-2.\n\n{filler}\n\nOkafor praised it."
    a = "The vote passed 7-2. Okafor praised it."
    ms = _sentence_matches(a, b)
    assert len(ms) == 2
    assert len(merge_passages(ms, a, b, max_gap=250)) == 2


def test_merged_passage_of_copy_and_paraphrase_is_a_paraphrase():
    ms = [Match((0, 10), (0, 10), "copy", 1.0, (0,), (0,)), Match((11, 31), (11, 31), "paraphrase", 0.5, (1,), (1,))]
    text = "x" * 40
    (p,) = merge_passages(ms, text, text)
    assert p.kind == "paraphrase" and p.a_span == (0, 31)
    assert p.score == pytest.approx((1.0 * 10 + 0.5 * 20) / 30, abs=1e-4)


def test_merge_passages_does_not_swallow_an_unmatched_sentence_between_two_matches():
    a = "The vote passed 7-2. Residents cheered loudly outside. Okafor praised it."
    b = "The vote passed 7-2. The parade was cancelled due to rain. Okafor praised it."
    ms = _sentence_matches(a, b)
    assert len(ms) == 2
    assert len(merge_passages(ms, a, b)) == 2


# --- properties ----------------------------------------------------------------------------------------

_POOL = [
    "The Riverside City Council voted 7-2 on Tuesday to approve the upgrade.",
    "On Tuesday the Riverside City Council voted 7-2 to endorse the overhaul.",
    "Mayor Denise Okafor said the vote was overdue.",
    "Mayor Denise Okafor stated the decision was long overdue.",
    "\u201cWe cannot keep asking families to boil their water,\u201d Okafor said.",
    '"We cannot keep asking families to boil their water," Okafor said.',
    "Castillo voted against it.",
    "Advertisement",
    "The plant serves 61,500 households.",
    "The plant serves 16,500 households.",
    "Lakeview robotics team heads to the finals in Houston.",
]
_sentence = st.one_of(st.sampled_from(_POOL), st.text(min_size=1, max_size=40))
_article = st.lists(_sentence, max_size=7).flatmap(
    lambda sents: st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=len(sents), max_size=len(sents)).map(
        lambda seps: "".join(s + sep for s, sep in zip(sents, seps))
    )
)


@settings(max_examples=100, deadline=None)
@given(_article, _article)
def test_match_spans_are_within_bounds_and_sentence_aligned_for_random_texts(text_a, text_b):
    a, b = clean(text_a, "a"), clean(text_b, "b")
    al = align(a, b)
    sent_a = {s.span for s in a.sentences}
    sent_b = {s.span for s in b.sentences}
    for m in al.matches:
        assert 0 <= m.a_span[0] < m.a_span[1] <= len(text_a)
        assert 0 <= m.b_span[0] < m.b_span[1] <= len(text_b)
        assert m.a_span in sent_a and m.b_span in sent_b
        assert m.kind in {"copy", "paraphrase"}
        assert 0.0 <= m.score <= 1.0
    for value in (al.coverage_a, al.coverage_b, al.copy_coverage, al.score):
        assert 0.0 <= value <= 1.0
    for p in merge_passages(al.matches, text_a, text_b):
        assert 0 <= p.a_span[0] < p.a_span[1] <= len(text_a)
        assert 0 <= p.b_span[0] < p.b_span[1] <= len(text_b)


@settings(max_examples=100, deadline=None)
@given(_article, _article)
@example(  # two sentences with b's key in a, of different lengths: the tie must not follow the argument order
    "The Riverside City Council voted 7-2 on Tuesday to approve the upgrade. Advertisement\nAdvertisement \U00018cd6 ",
    "The Riverside City Council voted 7-2 on Tuesday to approve the upgrade. On Tuesday the Riverside City Council "
    "voted 7-2 to endorse the overhaul. Advertisement ",
)
def test_align_coverage_is_symmetric_for_random_texts(text_a, text_b):
    a, b = clean(text_a, "a"), clean(text_b, "b")
    ab, ba = align(a, b), align(b, a)
    assert (ab.coverage_a, ab.coverage_b) == (ba.coverage_b, ba.coverage_a)
    assert len(ab.matches) == len(ba.matches)


@settings(max_examples=100, deadline=None)
@given(_article)
def test_an_article_aligned_with_itself_is_a_full_copy(text):
    a = clean(text, "a")
    al = align(a, clean(text, "b"))
    assert len(al.matches) == len(a.sentences)
    assert all(m.kind == "copy" for m in al.matches)
    if a.sentences:
        assert al.coverage_a == al.coverage_b == 1.0


def _score_matrix_numpy(ta, tb, config=AlignConfig()):
    """The former NumPy join of `score_matrix` (np.add.at over the matched rows), the reference bit for bit."""
    import numpy as np

    weights = np.array([config.content_weight, config.skeleton_weight, config.immutable_weight])
    wa, wb = weights[ta.kind], weights[tb.kind]
    tot_a = np.bincount(ta.sentence, weights=wa, minlength=ta.n_sentences)
    tot_b = np.bincount(tb.sentence, weights=wb, minlength=tb.n_sentences)
    shared = np.zeros((ta.n_sentences, tb.n_sentences))
    order = np.argsort(tb.hashes, kind="stable")
    sorted_b = tb.hashes[order]
    left = np.searchsorted(sorted_b, ta.hashes, "left")
    count = np.searchsorted(sorted_b, ta.hashes, "right") - left
    total = int(count.sum())
    if total:
        rows_a = np.repeat(np.arange(len(ta.hashes)), count)
        offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        rows_b = order[np.repeat(left, count) + offsets]
        np.add.at(shared, (ta.sentence[rows_a], tb.sentence[rows_b]), wa[rows_a])
    denom = tot_a[:, None] + tot_b[None, :]
    return np.divide(2 * shared, denom, out=np.zeros_like(shared), where=denom > 0)


def test_the_compiled_score_matrix_equals_the_numpy_join_bit_for_bit(story):
    from unspun.align import score_matrix
    from unspun.fingerprint import article_table

    tables = [article_table(ca) for ca in story.values()] + [article_table(clean(""))]
    for ta in tables:
        for tb in tables:
            assert score_matrix(ta, tb).tobytes() == _score_matrix_numpy(ta, tb).tobytes()


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.data())
def test_assign_without_the_solver_gives_the_solvers_pairs(n, m, data):
    # When no sentence has two candidates at or above the threshold, the pairs above are taken as they are:
    # the same pairs as with the shortcut turned off (the solver always run).
    import importlib
    from unittest import mock

    import numpy as np

    from unspun.align import assign

    align_module = importlib.import_module("unspun.align")

    def _assign_by_solver(*args):
        with mock.patch.object(align_module, "lone_pairs", lambda *_: (False, None, None)):
            return assign(*args)

    cells = st.sampled_from([0.0, 0.1, 0.29, 0.3, 0.42, 0.5, 0.77, 1.0, 1.0001])
    scores = np.array(data.draw(st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n)))
    threshold = data.draw(st.sampled_from([0.3, 0.42]))
    used_a = data.draw(st.sets(st.integers(0, n - 1), max_size=2))
    used_b = data.draw(st.sets(st.integers(0, m - 1), max_size=2))
    assert assign(scores, threshold, used_a, used_b) == _assign_by_solver(scores, threshold, used_a, used_b)


def test_align_with_pair_facts_equals_align_without(story):
    from unspun.fingerprint import PairFacts

    for a in story.values():
        for b in story.values():
            assert align(a, b, PairFacts(a), PairFacts(b)) == align(a, b)


def _identical_numpy(scores, keys_a, keys_b, la_all, lb_all, identical):
    """The NumPy form `feature_kernel.identical_scores` replaced (align's rule for sentences with one match key)."""
    import numpy as np

    rows, cols = np.nonzero((keys_a[:, None] == keys_b[None, :]) & (keys_a != 0)[:, None])
    if len(rows):
        la, lb = la_all[rows], lb_all[cols]
        scores[rows, cols] = identical + 1e-6 * np.minimum(la, lb) / np.maximum(la, lb)


def test_the_compiled_identical_scores_equal_the_numpy_rule_bit_for_bit(story):
    # Repeated, reworded and trimmed sentences: equal keys of different lengths ("Police said." / "Police said..."),
    # a sentence met twice on one side, and an article against itself and against an empty one.
    import numpy as np

    from unspun.align import _IDENTICAL, _lengths, score_matrix
    from unspun.feature_kernel import identical_scores
    from unspun.fingerprint import article_table

    extra = clean("Police said. The mayor, Ana Ruiz, said 1,200 homes lost power. Police said!! "
                  "Crews worked through the night on Tuesday.")
    other = clean("POLICE SAID. Crews worked through the night on Tuesday. The mayor said homes lost power.")
    articles = list(story.values()) + [extra, other, clean("")]
    for a in articles:
        for b in articles:
            ta, tb = article_table(a), article_table(b)
            la, lb = _lengths(a, None), _lengths(b, None)
            want = score_matrix(ta, tb)
            got = want.copy()
            _identical_numpy(want, ta.keys, tb.keys, la, lb, _IDENTICAL)
            identical_scores(got, ta.keys, tb.keys, la, lb, _IDENTICAL)
            assert got.tobytes() == want.tobytes()
    ta, tb = article_table(extra), article_table(other)
    assert (ta.keys[:, None] == tb.keys[None, :]).any()  # the rule was exercised


def test_summarize_sums_as_the_generator_form_did(story):
    # `summarize` sums in one loop; the figures are those of one sum per quantity, over the same matches.
    from unspun.align import summarize

    for a in story.values():
        for b in story.values():
            got = align(a, b)
            m = got.matches
            ta = sum(s.span[1] - s.span[0] for s in a.sentences)
            tb = sum(s.span[1] - s.span[0] for s in b.sentences)
            if not ta or not tb:
                continue
            weighted = sum(x.score * ((x.a_span[1] - x.a_span[0]) + (x.b_span[1] - x.b_span[0])) for x in m)
            copied = (sum(x.a_span[1] - x.a_span[0] for x in m if x.kind == "copy") / ta if ta <= tb
                      else sum(x.b_span[1] - x.b_span[0] for x in m if x.kind == "copy") / tb)
            assert summarize(a, b, m) == got
            assert got.score == round(weighted / (ta + tb), 4)
            assert got.copy_coverage == round(min(copied, 1.0), 4)
            assert got.coverage_a == round(min(sum(x.a_span[1] - x.a_span[0] for x in m) / ta, 1.0), 4)

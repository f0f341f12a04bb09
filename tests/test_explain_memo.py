"""The explain word diff's shortcuts (issue 15, stop 35) give what the plain rules give.

The fixed-expression anchor test may only skip runs that hold no expression, and the per-process memo of the
word-only rules must key on everything those rules read (a run's words and keys, a "to" after run a).
"""
from __future__ import annotations

from unspun.clean import clean_article
from unspun.config import ExplainConfig
from unspun.edits import classify as c
from unspun.edits.words import IDIOM_ANCHORS, IDIOM_STEMS
from unspun.records import Article

_OLD = (
    "The ministry declined to comment on the report, which critics called the tip of the iceberg. "
    "Officials said the rescue plan was not a silver bullet and left pensioners out in the cold. "
    "The colour of the new trains was grey, and the Belarus delegation was unable to attend in May.")
_NEW = (
    "The ministry declined comment on the report, which critics called the top of the iceberg. "
    "Officials said the rescue plan was a silver lining and left pensioners in the warm. "
    "The color of the new trains was gray, and the Belarusian delegation was able to attend in June.")


def _sides():
    return (c._Side(clean_article(Article("a", _OLD, "t"))), c._Side(clean_article(Article("b", _NEW, "t"))))


def _plain_idiom_hits(tokens):
    """Fixed expressions found by trying every expression at every kept position (no anchor test, no memo)."""
    from unspun.tokens import light_stem

    kept = [(n, light_stem(t.key)) for n, t in enumerate(tokens) if t.key not in ("a", "an", "the")]
    stems = [s for _, s in kept]
    return sorted((n, kept[i][0], kept[i + len(idiom) - 1][0] + 1)
                  for i in range(len(stems)) for n, idiom in enumerate(IDIOM_STEMS)
                  if idiom and stems[i : i + len(idiom)] == list(idiom))


def test_every_fixed_expression_holds_one_of_the_anchor_stems():
    assert all(IDIOM_ANCHORS.intersection(stems) for stems in IDIOM_STEMS if stems)


def test_idiom_hits_with_the_anchor_test_equal_every_expression_tried_everywhere():
    found = 0
    for side in _sides():
        for i in range(len(side)):
            tokens = side.tok(i)
            assert sorted(c._idiom_hits(tokens)) == _plain_idiom_hits(tokens)
            found += len(_plain_idiom_hits(tokens))
        whole = [t for i in range(len(side)) for t in side.tok(i)]
        assert sorted(c._idiom_hits(whole)) == _plain_idiom_hits(whole)
    assert found >= 4  # tip of the iceberg, silver bullet, silver lining, out in the cold (not vacuous)


def _runs():
    """(tokens a, tokens b, run a, run b) for short runs at nearby positions of the aligned sentences."""
    sa, sb = _sides()
    for i in range(len(sa)):
        ta, tb = sa.tok(i), sb.tok(i)
        for lo in range(len(ta) + 1):
            for la in range(3):
                for shift in (-1, 0, 1):
                    for lb in range(3):
                        start = max(0, min(lo + shift, len(tb)))
                        yield ta, tb, (lo, min(lo + la, len(ta))), (start, min(start + lb, len(tb)))


def test_word_rules_memo_answers_what_the_rules_give_cold_and_warm():
    config = ExplainConfig()
    c._WORD_RULES.clear()
    kinds = set()
    for warm in (False, True):
        for ta, tb, ra, rb in _runs():
            a, b, after = ta[ra[0]:ra[1]], tb[rb[0]:rb[1]], ta[ra[1]:ra[1] + 1]
            got = c._word_rules(a, b, after, config)
            assert got == c._word_rules_of(a, b, after, config)
            kinds.update(n for n, x in enumerate(got) if x)
    assert kinds == {0, 1, 2}  # spelling variants, flips and name forms all met


def test_word_rules_memo_tells_declined_before_to_from_declined_alone():
    """The same run and words, once followed by "to" (a negation) and once not: the memo keeps them apart."""
    config = ExplainConfig()
    c._WORD_RULES.clear()
    sa, sb = _sides()
    ta, tb = sa.tok(0), sb.tok(0)
    k = [t.key for t in ta].index("declined")
    run_a, run_b = ta[k : k + 1], tb[k : k + 1]  # "declined" / "declined": no spelling, no name form
    to, other = ta[k + 1 : k + 2], ta[k + 2 : k + 3]
    assert to[0].key == "to" and other[0].key != "to"
    flipped = c._word_rules(run_a, (), to, config)
    plain = c._word_rules(run_a, (), other, config)
    assert flipped[1] and not plain[1]
    assert c._word_rules(run_a, (), to, config) == flipped and c._word_rules(run_a, (), other, config) == plain
    assert c._word_rules(run_a, run_b, to, config) == c._word_rules_of(run_a, run_b, to, config)


def test_explain_with_the_memo_warm_equals_explain_with_it_cold():
    from unspun.align import align
    from unspun.config import AlignConfig

    a, b = (clean_article(Article(i, t, "t")) for i, t in (("a", _OLD), ("b", _NEW)))
    matches = align(a, b, config=AlignConfig()).matches
    c._WORD_RULES.clear()
    cold = c.explain(a, b, matches)
    assert c._WORD_RULES and {"meaning_flip", "spelling_variant"} <= {e.kind for e in cold}
    assert c.explain(a, b, matches) == cold


def test_lazy_group_facts_answer_the_name_and_number_rules_as_the_facts_do():
    """`_GroupFacts` (computed on first read) holds `facts`, and the name and number rules given it (they skip it
    for runs without a name or figure) say what they say given the facts themselves."""
    from unspun.edits.groups import facts

    sa, sb = _sides()
    named = 0
    for ta, tb, ra, rb in _runs():
        a, b = ta[ra[0]:ra[1]], tb[rb[0]:rb[1]]
        eager, lazy = facts(ta, tb), c._GroupFacts(ta, tb)
        assert c._name(a, b, ta, tb, lazy) == c._name(a, b, ta, tb, eager)
        assert c._number(a, b, sa, sb, lazy) == c._number(a, b, sa, sb, eager)
        named += c._name(a, b, ta, tb, eager)[0] is not None
    assert named  # a name rule fires somewhere (Belarus / Belarusian runs against other words)
    lazy = c._GroupFacts(sa.tok(2), sb.tok(2))
    assert (lazy.names, lazy.values, lazy.keys_a, lazy.keys_b, lazy.made_common) == facts(sa.tok(2), sb.tok(2))

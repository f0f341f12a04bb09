"""'rewrite' needs evidence of derivation: independent reports of one event are not copies."""
from __future__ import annotations

from unspun.align import align
from unspun.clean import clean_article
from unspun.config import CleanConfig, RelationConfig
from unspun.provenance import derived, immutables_agree, relation
from unspun.records import Article, Match

ORIGINAL = (
    "A fire swept through a timber warehouse on Harbour Road in Dunmore late on Tuesday, forcing "
    "firefighters to evacuate 40 nearby homes. Chief Fire Officer Aileen Brandt said 65 firefighters "
    "fought the blaze for six hours before it was brought under control. No one was injured, but the "
    "warehouse owner, Coastline Timber, estimated the damage at 2.5 million euros. Investigators from "
    "the county fire service will examine the site on Thursday to establish the cause. Residents of "
    "Harbour Road were allowed to return to their homes shortly after midnight."
)
REWRITE = (
    "Late on Tuesday a blaze tore through a timber warehouse on Harbour Road in Dunmore, and "
    "firefighters had to evacuate 40 homes nearby. It took 65 firefighters six hours to bring the fire "
    "under control, Chief Fire Officer Aileen Brandt said. Nobody was hurt, although Coastline Timber, "
    "which owns the warehouse, put the damage at 2.5 million euros. On Thursday investigators from the "
    "county fire service will examine the site to find out the cause. Shortly after midnight residents "
    "of Harbour Road were allowed back into their homes."
)
INDEPENDENT = (
    "Coastline Timber's Dunmore warehouse was destroyed on Tuesday night. The company's managing "
    "director, Piet Olsen, told reporters the loss would hit the firm's spring orders hard. Neighbours "
    "described flames rising above the Harbour Road rooftops and ash falling on parked cars. The local "
    "councillor called for a review of fire safety rules for timber yards near homes. Fire crews from "
    "three stations attended, Aileen Brandt said, and the cause is not yet known."
)


def _clean(text: str, ident: str):
    return clean_article(Article(ident, text, "test"), CleanConfig())


def _relation(x: str, y: str) -> str | None:
    a, b = _clean(x, "a"), _clean(y, "b")
    return relation(a, b, align(a, b), RelationConfig())


def test_a_sentence_by_sentence_paraphrase_keeping_names_and_figures_is_a_rewrite():
    assert _relation(ORIGINAL, REWRITE) == "rewrite"


def test_an_independent_report_of_the_same_fire_is_not_a_rewrite():
    assert _relation(ORIGINAL, INDEPENDENT) in (None, "same-story")


def test_sentences_with_different_figures_are_not_paraphrases():
    a = _clean("The Yankees made an eight-year offer worth $22 million per season to the pitcher.", "a")
    b = _clean("The Yankees made seven-year offers worth $140 million to $160 million to the pitcher.", "b")
    match = Match(a.sentences[0].span, b.sentences[0].span, "paraphrase", 0.98, (0,), (0,))
    assert not immutables_agree(a, b, match)
    same = _clean("The Yankees made an eight-year offer worth $22 million per season to the pitcher.", "c")
    assert immutables_agree(a, same, Match(a.sentences[0].span, same.sentences[0].span, "paraphrase", 1.0, (0,), (0,)))


def test_a_short_brief_covered_by_one_sentence_of_a_long_report_is_not_derived():
    brief = _clean("A climber survived two nights on Mount Cook before rescuers reached him on Sunday.", "a")
    report = _clean(ORIGINAL + " A climber survived two nights on Mount Cook before rescuers found him.", "b")
    alignment = align(brief, report)
    assert alignment.matches  # the brief does match one sentence ...
    assert not derived(brief, report, alignment, RelationConfig())  # ... which is no evidence of copying


def test_relation_with_pair_facts_equals_relation_without(story):
    # The scan's pair stage reads figures, names, keys and the folded text's hash from `PairFacts`.
    from unspun.align import align
    from unspun.config import RelationConfig
    from unspun.fingerprint import PairFacts

    for a in story.values():
        for b in story.values():
            fa, fb = PairFacts(a), PairFacts(b)
            alignment = align(a, b, fa, fb)
            assert relation(a, b, alignment, RelationConfig(), (fa, fb)) == relation(a, b, alignment, RelationConfig())
            for m in alignment.matches:
                assert immutables_agree(a, b, m, (fa, fb)) == immutables_agree(a, b, m)

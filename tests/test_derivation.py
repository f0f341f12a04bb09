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


LONG_REPORT = (
    "Flood water from the River Aske breached the embankment at Millbrook early on Saturday, forcing 300 "
    "residents to leave their homes before dawn. The Environment Agency said the river rose 1.8 metres in six "
    "hours after two days of heavy rain across the Pennine uplands. Emergency crews from four counties set up "
    "pumps along Station Road, where water reached the first floors of a row of terraced houses. The mayor of "
    "Millbrook, Deborah Akinyemi, opened the town hall as a rest centre and said volunteers had served breakfast "
    "to more than 150 people by nine o'clock. A retired teacher, Colin Marsh, said he had lived on Station Road "
    "for forty years and had never seen the river so high. Network Rail closed the line between Millbrook and "
    "Hartley after ballast was washed away near the old goods yard. Engineers expect the line to stay shut until "
    "at least Wednesday while the track bed is rebuilt. The county council said 14 roads were closed and urged "
    "drivers not to try crossing flooded fords. Two people were rescued from the roof of a car trapped near "
    "Aske Bridge, according to the fire service. Both were taken to Hartley General Hospital with mild "
    "hypothermia and were said to be in a stable condition. Forecasters expect the rain to ease on Sunday, but "
    "warned that levels downstream at Hartley would peak on Monday afternoon. The agency has issued severe flood "
    "warnings for six communities along the lower valley. Insurers said it was too early to estimate the cost, "
    "though local businesses reported stock losses running into hundreds of thousands of pounds. The embankment "
    "was last strengthened in 2009 after a smaller flood damaged the same stretch of riverbank. Campaigners "
    "from the Aske Valley Residents' Association said they had warned the council in March that the bank was "
    "slumping near the allotments. A council spokesman said the inspection report from that month would be "
    "published next week. The local MP, Graham Pettifer, visited the rest centre on Saturday afternoon and "
    "called for an independent review of flood defences along the river. Schools in Millbrook will stay closed "
    "on Monday, the education authority said, because two of them are being used to store furniture rescued "
    "from flooded homes. The Red Cross sent a team of twelve volunteers with blankets and camp beds from its "
    "depot in Leeds. Power was cut to 900 properties for most of the morning after water entered a substation "
    "on Foundry Lane. Northern Powergrid said supplies had been restored to all but 40 homes by late afternoon. "
    "Residents were told to boil tap water until further notice after the treatment works at Low Aske was "
    "inundated. Bottled water is being handed out at the town hall and at the Co-op on Market Street. The "
    "agency said its staff would remain on the embankment overnight to watch for further slumping. Farmers "
    "upstream said hundreds of sheep had been moved to higher fields on Friday evening as the warnings came in. "
    "A livestock market planned for Tuesday at Hartley has been postponed by a week. The parish church of St "
    "Oswald, which stands on raised ground near the bridge, stayed dry and offered its hall to families with "
    "young children. Bus operators have diverted routes away from the valley floor until the water recedes. "
    "A public meeting on the future of the embankment will be held at the town hall once the clean-up is over."
)
SUMMARY = (
    "Flood water from the River Aske broke through the embankment at Millbrook early on Saturday, and 300 "
    "residents had to flee their homes before dawn. The Environment Agency said the river had climbed 1.8 metres "
    "in six hours following two days of heavy rain over the Pennine uplands. Mayor Deborah Akinyemi turned the "
    "town hall into a rest centre, where volunteers had served breakfast to more than 150 people by nine "
    "o'clock. Two people were rescued from the roof of a car stuck near Aske Bridge, the fire service said. The "
    "flood is a stark reminder of how exposed riverside towns remain as storms grow heavier each year."
)


def test_a_short_summary_retelling_a_long_report_sentence_by_sentence_is_derived():
    # A summary a sixth of its source's length: the pair's score weighs the long source's unmatched bulk and stays
    # under `derived_min_score` however close each retold sentence is; read on the summary's side it is retold well.
    from unspun.provenance import _retold_score

    summary, report = _clean(SUMMARY, "a"), _clean(LONG_REPORT, "b")
    alignment = align(summary, report)
    config = RelationConfig()
    assert alignment.score < config.derived_min_score
    assert max(alignment.coverage_a, alignment.coverage_b) < config.derived_plan_coverage  # the closing gloss
    assert _retold_score(alignment.matches, True, sum(s.span[1] - s.span[0] for s in summary.sentences)) >= 0.6
    assert derived(summary, report, alignment, config)
    assert not derived(summary, report, alignment, RelationConfig(derived_retold_score=1.01))  # the old rule
    assert relation(summary, report, alignment, config) == "rewrite"


def test_a_short_brief_with_its_own_details_is_not_derived_from_a_long_report_of_the_same_flood():
    brief = _clean(
        "Residents of Millbrook spent Saturday night in the town hall after the River Aske flooded. Local "
        "shopkeeper Imran Qureshi said his bakery on Mill Lane had lost its ovens and a week of flour. Volunteers "
        "from the rugby club carried sandbags to the care home on Bridge Street. The council has promised grants "
        "to families whose homes were damaged.", "a")
    report = _clean(LONG_REPORT, "b")
    assert not derived(brief, report, align(brief, report), RelationConfig())

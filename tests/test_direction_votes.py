"""Every direction verdict carries all its votes as data (kind, signed weight, why), both sides, in every output."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import make_article
from unspun import compare
from unspun.edits.direction import Vote, combine
from unspun.provenance import mark_siblings
from unspun.records import DirectionVote, Pair
from unspun.report.compare import comparison_to_dict, render_html
from unspun.report.json import pair_to_dict

TEXT = (
    "The council has cut back funding for the island ferry after a fall in passenger numbers, "
    "Councillor Maeve Dunleavy said on Tuesday. Councillor Maeve Dunleavy said the cuts were painful. "
    "Residents of the island said it was the tip of the iceberg."
)
SPUN = (TEXT.replace("Councillor Maeve Dunleavy", "Councillor Maeve Dunleary", 1)
        .replace("tip of the iceberg", "top of the iceberg")
        .replace("a fall in passenger", "a evident fall in passenger"))
MARKUP = "<script>alert('vote')</script>"


def _confidence(votes: tuple[DirectionVote, ...]) -> float:
    return min(1.0, 0.5 + abs(sum(v.weight for v in votes)) / 2)


def test_combine_keeps_both_sides_weightiest_first_with_rounded_weights():
    found = [Vote("wording", 0.41234, "a's words fit"), Vote("date", -0.8, "only b is dated"),
             Vote("idiom", 0.6, "idiom intact in a"), Vote("captions", -0.6, "a has a doubled caption")]
    verdict = combine(found, 0.55)
    assert [v.kind for v in verdict.votes] == ["date", "idiom", "captions", "wording"]  # ties as produced
    assert [v.weight for v in verdict.votes] == [-0.8, 0.6, -0.6, 0.412]
    assert verdict.original == "b"
    assert verdict.signals == ("only b is dated", "a has a doubled caption")  # the winning side only, as before
    assert verdict.confidence == pytest.approx(_confidence(verdict.votes), abs=1e-3)


def test_a_pair_whose_votes_disagree_shows_both_sides_summing_to_its_confidence():
    # the text names a the original; b's lone published date argues the other way and is outvoted
    result = compare(TEXT, SPUN, published_b="2024-05-01")
    assert result.original == "a"
    votes = result.original_votes
    assert any(v.weight > 0 for v in votes) and any(v.weight < 0 for v in votes)
    date = [v for v in votes if v.kind == "date"]
    assert len(date) == 1 and date[0].weight < 0 and "only b has a published date" in date[0].why
    assert result.original_confidence == pytest.approx(_confidence(votes), abs=1e-3 * len(votes))
    assert [abs(v.weight) for v in votes] == sorted((abs(v.weight) for v in votes), reverse=True)
    # the signals are the why-texts of the winning side's votes, in the same order
    assert result.original_signals == tuple(v.why for v in votes if v.weight > 0)


def test_dates_that_decide_outright_are_one_date_vote():
    result = compare(TEXT, SPUN, published_a="2024-03-02", published_b="2024-03-01")
    assert result.original == "b"
    assert [(v.kind, v.weight) for v in result.original_votes] == [("date", -1.0)]
    assert result.original_votes[0].why == result.original_signals[0]


VOTES = (DirectionVote("wording", 0.7, "a fits"), DirectionVote("length", -0.2, "a is shorter"))


def _pair(a: str, b: str, original: str | None) -> Pair:
    return Pair(a=a, b=b, relation="rewrite", score=0.8, coverage_a=0.5, coverage_b=0.9, matches=(),
                original=original, original_confidence=0.8 if original else 0.0, original_signals=("x",),
                original_votes=VOTES)


def test_settling_doubting_or_making_siblings_leaves_the_votes_as_they_were():
    trio = [_pair("src", "copy1", "src"), _pair("src", "copy2", "src"), _pair("copy1", "copy2", "copy1")]
    out = {(p.a, p.b): p for p in mark_siblings(trio)}
    assert out[("copy1", "copy2")].relation == "sibling"
    assert all(p.original_votes == VOTES for p in out.values())
    lone = [_pair("x", "y", "x")]
    doubted = mark_siblings(lone, {"x": "one", "y": "two"}, doubt=lambda original, copy: "the copy says more")[0]
    assert doubted.original is None and doubted.original_signals[1] == "overruled: x"
    assert doubted.original_votes == VOTES


def test_json_of_a_pair_and_a_comparison_carries_the_votes():
    result = compare(TEXT, SPUN, published_b="2024-05-01")
    shown = comparison_to_dict(result)["original_votes"]
    assert shown == [{"kind": v.kind, "weight": v.weight, "why": v.why} for v in result.original_votes]
    d = pair_to_dict(_pair("x", "y", "x"))
    assert list(d)[list(d).index("original_signals") + 1] == "original_votes"
    assert d["original_votes"] == [{"kind": "wording", "weight": 0.7, "why": "a fits"},
                                   {"kind": "length", "weight": -0.2, "why": "a is shorter"}]
    assert json.loads(json.dumps(d))["original_votes"][1]["weight"] == -0.2


def test_the_api_model_takes_the_pair_shape_with_its_votes():
    models = pytest.importorskip("unspun.server_models")
    out = models.PairOut.model_validate(pair_to_dict(_pair("x", "y", "x")))
    assert [(v.kind, v.weight) for v in out.original_votes] == [("wording", 0.7), ("length", -0.2)]


def test_the_store_keeps_the_votes_and_reads_old_rows_as_none(tmp_path):
    pytest.importorskip("duckdb")
    from unspun.store import db as store

    path = str(tmp_path / "old.duckdb")
    con = store.connect(path)
    con.execute("INSERT INTO articles (n, id, content_hash, url, title, source, origin, text, norm_hash, batch) "
                "VALUES (1, 'x', 'h1', '', '', '', '', 't', 1, 0), (2, 'y', 'h2', '', '', '', '', 't', 2, 0)")
    store.insert_pairs(con, [(1, 2, _pair("x", "y", "x"))], batch=0)
    _, _, back = store.pair_between(con, 2, 1)
    assert back.original_votes == VOTES and back.original_signals == ("x",)
    con.close()


def test_a_store_made_before_the_votes_migrates_and_reads_its_pairs_without_votes(tmp_path, monkeypatch):
    pytest.importorskip("duckdb")
    from unspun.store import db as store

    path = str(tmp_path / "old.duckdb")
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:1])
    con = store.connect(path)
    con.execute("INSERT INTO articles (n, id, content_hash, url, title, source, origin, text, norm_hash, batch) "
                "VALUES (1, 'x', 'h1', '', '', '', '', 't', 1, 0), (2, 'y', 'h2', '', '', '', '', 't', 2, 0)")
    con.execute("INSERT INTO pairs VALUES (1, 2, 'rewrite', 0.8, 0.5, 0.9, 0.0, [], 'x', 0.8, ['old'], '[]', 0)")
    con.close()
    monkeypatch.undo()
    con = store.connect(path)
    assert "0002_pair_votes" in store.applied_migrations(con)
    _, _, back = store.pair_between(con, 1, 2)
    assert back.original == "x" and back.original_signals == ("old",) and back.original_votes == ()
    con.close()


def test_html_shows_votes_for_and_against_and_escapes_their_texts():
    result = compare(TEXT, SPUN, published_b="2024-05-01")
    hostile = replace(result, original_votes=(DirectionVote("wording", 0.9, MARKUP),
                                              DirectionVote("date", -0.8, "only b is dated")))
    page = render_html(hostile)
    assert MARKUP not in page and "&lt;script&gt;" in page
    assert "+0.900" in page and "-0.800" in page


def test_the_scan_report_shows_each_pair_s_votes_escaped():
    from unspun.report import render_html as report_html
    from unspun.scan import scan_articles

    result = scan_articles([make_article("first", TEXT), make_article("second", SPUN)])
    assert result.pairs and result.pairs[0].original_votes
    pair = replace(result.pairs[0], original_votes=(DirectionVote("name", -0.5, MARKUP),))
    page = report_html(replace(result, pairs=(pair,)))
    assert MARKUP not in page and "&lt;script&gt;" in page and "-0.500" in page


def test_a_name_written_as_a_pronoun_on_the_other_side_casts_no_name_vote():
    from unspun.edits.direction import _name_votes
    from unspun.records import Edit

    a = "Attila ruled the Huns from 434. During his reign he crossed the Danube twice and plundered the Balkans."
    b = "Attila ruled the Huns from 434. During his reign Attila crossed the Danube twice and plundered the Balkans."
    at = a.index("he crossed"), b.index("Attila crossed")
    pronoun = Edit("name_change", (at[0], at[0] + 2), (at[1], at[1] + 6), "he", "Attila", "name changed", "high")
    assert _name_votes(a, b, [pronoun], heavy=True) == []  # a writer names "he" or shortens a name either way
    assert _name_votes(b, a, [replace(pronoun, a_text="Attila", b_text="he")], heavy=True) == []
    # a name turned into a common word still points at the copy
    spun = replace(pronoun, a_text="Danube", b_text="river")
    assert [(v.signal, v.weight) for v in _name_votes(a, b, [spun], heavy=True)] == [("name", 0.5)]


def test_a_scanner_garbled_word_is_not_read_as_a_spinners_look_alike_for_a_rare_name():
    from unspun.edits.direction import _name_votes
    from unspun.records import Edit

    a = "Coach Dana Rydell said the stadium will open in May. Means-tested grants paid for most of it."
    b = "Coach Dana Riddle said the stadium will open in May. Mcans-tested grants paid for most of it."
    look_alike = Edit("name_change", (a.index("Rydell"), a.index("Rydell") + 6), (b.index("Riddle"), b.index("Riddle") + 6),
                      "Rydell", "Riddle", "name differs", "high")
    # a spinner turned the rare surname into an everyday word: b, holding the everyday word, is the copy
    assert [(v.signal, v.weight) for v in _name_votes(a, b, [look_alike], heavy=False)] == [("name", 0.5)]
    garbled = Edit("name_change", (a.index("Means"), a.index("Means") + 5), (b.index("Mcans"), b.index("Mcans") + 5),
                   "Means", "Mcans", "name differs", "high")
    # "Mcans" is no word, one letter off "Means": an OCR slip, not a rare name the other side made common
    assert _name_votes(a, b, [garbled], heavy=False) == []

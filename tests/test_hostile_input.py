"""Hostile text through every public entry point: lone surrogates, control and bidi characters.

A lone surrogate (`"\\udc80"` in JSON) once crashed `scan` with a 0-byte report and aborted
`index add`; an ESC or RTL override in an id reached the terminal raw. Each test here inserts such
characters into a real article (so the pipeline does real work) and checks the entry point answers
with valid Unicode and no exception. `benchmarks/fuzz_entry_points.py` runs the same properties
with thousands of cases.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import unspun
from conftest import fixture_text
from unspun.ingest import read_sources
from unspun.records import Article, ReadError

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROLS = st.sampled_from([chr(c) for c in [*range(0, 32), 0x7F, *range(0x80, 0xA0)]])
BIDI = st.sampled_from(list("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"))
INVISIBLE = st.sampled_from(list("\u200b\u200c\u200d\ufeff\u00ad\u2028\u2029"))
HOSTILE = st.one_of(SURROGATES, CONTROLS, BIDI, INVISIBLE, st.just("\x1b[31m"), st.just("\x1b]0;owned\x07"))
FAST = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))

ORIGINAL = fixture_text("original")
SPUN = fixture_text("spun")


@st.composite
def spoiled(draw, base: str) -> str:
    """`base` with a few hostile characters inserted at drawn positions."""
    text = base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(HOSTILE) + text[at:]
    return text


def assert_valid(value: str) -> None:
    value.encode("utf-8")  # raises on a lone surrogate


@FAST
@given(ident=spoiled("wire-1"), title=spoiled("Budget vote"), text=spoiled(ORIGINAL))
def test_jsonl_with_hostile_fields_reads_as_valid_unicode(tmp_path_factory, ident, title, text):
    path = tmp_path_factory.mktemp("j") / "wire.jsonl"
    path.write_text(json.dumps({"id": ident, "title": title, "text": text}) + "\n", encoding="utf-8")
    items = list(read_sources([path]))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, ReadError):  # only acceptable for a text that is blank after all
        assert not text.strip()
        return
    for value in (item.id, item.title, item.text):
        assert_valid(value)
    assert len(item.text) == len(text.replace("\r\n", "\n"))  # one code point for one: offsets hold


@FAST
@given(a=spoiled(ORIGINAL), b=spoiled(SPUN))
def test_compare_of_hostile_texts_gives_offsets_into_them(a, b):
    result = unspun.compare(a, b)
    for edit in result.edits:
        if edit.a_span:
            assert 0 <= edit.a_span[0] <= edit.a_span[1] <= len(a)
        if edit.b_span:
            assert 0 <= edit.b_span[0] <= edit.b_span[1] <= len(b)


@FAST
@given(text=spoiled(ORIGINAL))
def test_claims_of_hostile_text_do_not_raise(text):
    from unspun.report.claims_json import claims_to_json

    found = unspun.claims(text)
    json.dumps(claims_to_json(found), ensure_ascii=False).encode("utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(ident=spoiled("wire-1"), text=spoiled(ORIGINAL), other=spoiled(SPUN))
def test_scan_json_report_of_hostile_articles_is_written(tmp_path_factory, ident, text, other):
    from unspun.report import write_json

    articles = [Article(id=ident, text=text, origin="<fuzz>"), Article(id="b", text=other, origin="<fuzz>")]
    result = unspun.scan_articles(articles)
    out = tmp_path_factory.mktemp("s") / "report.json"
    write_json(result, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data  # a complete, parseable report, never a 0-byte file


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(ident=spoiled("wire-1"), text=spoiled(ORIGINAL))
def test_index_add_keeps_every_good_record_next_to_a_hostile_one(tmp_path_factory, ident, text):
    pytest.importorskip("duckdb")
    db = tmp_path_factory.mktemp("i") / "news.duckdb"
    good = [Article(id=f"good-{k}", text=t, origin="<fuzz>") for k, t in enumerate((SPUN, fixture_text("unrelated")))]
    with unspun.Index(str(db)) as index:
        index.add([good[0], Article(id=ident, text=text, origin="<fuzz>"), good[1]])
        for article in good:
            assert index.article(article.id) is not None
        assert index.verify() == []

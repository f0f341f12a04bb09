"""The HTTP service: endpoints, limits, escaping rules, and checks running while articles are added."""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from conftest import fixture_text, make_article  # noqa: E402
from unspun.store.index import Index, IndexConfig  # noqa: E402
from unspun.report.segments import comparison_view, layered_segments, word_changes  # noqa: E402
from unspun.server import CSP, create_app  # noqa: E402

SCRIPTED = (
    'Council notes <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> '
    "were left in this page by a careless scraper. The harbour committee met on Tuesday and approved "
    "the budget of 4,500 pounds for repairs to the old pier, the chair Morwenna Tregothnan said."
)


@pytest.fixture()
def index(tmp_path):
    ix = Index(str(tmp_path / "server.duckdb"), IndexConfig(in_memory=True))
    ix.add([make_article(n, fixture_text(n), title=f"{n} title") for n in ("original", "other_event", "unrelated")])
    yield ix
    ix.close()


@pytest.fixture()
def client(index):
    return TestClient(create_app(index, max_body=200_000))


def test_page_and_assets_are_served_with_a_strict_csp(client):
    for path, ctype in (("/", "text/html"), ("/static/app.js", "javascript"), ("/static/style.css", "text/css")):
        r = client.get(path)
        assert r.status_code == 200 and ctype in r.headers["content-type"]
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def test_the_page_never_inserts_html():
    js = (Path(__file__).parent.parent / "src" / "unspun" / "static" / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/index.html/../../cli.py",
    "/static/app.js%00.txt", "/etc/passwd", "/static/", "/static/store.py",
])
def test_request_paths_never_reach_the_file_system(client, path):
    assert client.get(path).status_code == 404


def test_check_returns_matches_with_evidence_and_views(client):
    r = client.post("/api/check", json={"text": fixture_text("spun"), "title": "Spun", "views": True})
    assert r.status_code == 200
    body = r.json()
    assert [m["article"]["id"] for m in body["matches"]] == ["original"]
    hit = body["matches"][0]
    assert hit["pair"]["relation"] in {"rewrite", "near-duplicate"} and hit["pair"]["matches"]
    view = hit["view"]
    assert "".join(s["text"] for s in view["a_segments"]) == fixture_text("original")
    assert "".join(s["text"] for s in view["b_segments"]) == fixture_text("spun")
    assert view["changed_words"] > 0
    assert any("changed" in s["classes"] for s in view["b_segments"])
    assert client.get("/api/stats").json()["articles"] == 3  # checking stores nothing


def test_add_then_story_pair_and_article_endpoints(client):
    r = client.post("/api/articles", json={"articles": [
        {"id": "copy", "text": fixture_text("truncated"), "title": "Aggregator copy"},
        {"id": "copy-again", "text": fixture_text("truncated")},
    ]})
    assert r.status_code == 200
    assert r.json()["added"] == ["copy", "copy-again"] and r.json()["pairs"] >= 2
    again = client.post("/api/articles", json={"articles": [{"id": "copy", "text": fixture_text("truncated")}]}).json()
    assert again["added"] == [] and again["duplicates"] == [{"id": "copy", "existing": "copy"}]

    art = client.get("/api/article", params={"id": "copy"}).json()
    assert art["text"] == fixture_text("truncated") and art["story"].startswith("story-")
    stories = client.get("/api/stories").json()
    assert any({"original", "copy", "copy-again"} <= set(s["articles"]) for s in stories)
    story = client.get("/api/story", params={"id": art["story"]}).json()
    assert {a["id"] for a in story["articles"]} == {"original", "copy", "copy-again"}
    # the two identical truncated copies vote as one text; the story names the text they were cut from
    assert story["original"] == "original" and story["identical"] == []
    listed = next(s for s in stories if s["id"] == art["story"])
    assert listed["original"] == story["original"]  # the list names the original the story view names
    assert story["original_signals"][0].startswith("judged the original against")
    pair = client.get("/api/pair", params={"a": "copy", "b": "original"}).json()
    assert pair["a"]["id"] == "original" and pair["b"]["id"] == "copy"  # stored order: older first
    assert "".join(s["text"] for s in pair["view"]["b_segments"]) == fixture_text("truncated")


@pytest.mark.parametrize("path,params", [
    ("/api/article", {"id": "nope"}), ("/api/claims", {"id": "nope"}), ("/api/story", {"id": "story-999"}),
    ("/api/story", {"id": "../../etc"}), ("/api/pair", {"a": "original", "b": "unrelated"}),
])
def test_unknown_things_are_404(client, path, params):
    assert client.get(path, params=params).status_code == 404


def test_oversized_bodies_get_413_declared_or_streamed(client):
    big = {"text": "word " * 60_000}
    assert client.post("/api/check", json=big).status_code == 413

    def chunks():
        for _ in range(30):
            yield b"x" * 10_000

    r = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_bad_inputs_are_4xx_never_5xx(client):
    cases = [
        ("/api/check", {"text": ""}), ("/api/check", {"text": "ok", "format": "pdf"}),
        ("/api/articles", {"articles": []}),
        ("/api/check", {"text": "<html><body><nav>Home</nav></body></html>", "format": "html"}),
    ]
    for path, body in cases:
        assert 400 <= client.post(path, json=body).status_code < 500, body
    surrogate = b'{"text": "\\ud800 lone surrogate"}'  # valid JSON, not valid Unicode
    assert client.post("/api/check", content=surrogate, headers={"content-type": "application/json"}).status_code == 422
    assert client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_script_bearing_article_is_returned_as_plain_text(client):
    r = client.post("/api/articles", json={"articles": [{"id": "scripted", "text": SCRIPTED, "title": "<b>t</b>"}]})
    assert r.json()["added"] == ["scripted"]
    art = client.get("/api/article", params={"id": "scripted"})
    assert art.headers["content-type"].startswith("application/json")
    assert art.json()["text"] == SCRIPTED and art.json()["title"] == "<b>t</b>"


def test_html_bodies_are_extracted_before_matching(client):
    html = "<html><head><title>Copy</title></head><body><article>" + "".join(
        f"<p>{line}</p>" for line in fixture_text("original").split("\n") if line.strip()
    ) + "</article></body></html>"
    body = client.post("/api/check", json={"text": html, "format": "html"}).json()
    assert body["matches"] and body["matches"][0]["article"]["id"] == "original"


def test_openapi_spec_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/check", "/api/articles", "/api/stories", "/api/story", "/api/pair", "/api/article",
            "/api/claims", "/api/stats"} <= set(spec["paths"])


def test_word_changes_and_layered_segments():
    a = "The mayor said the bridge will close on Monday."
    b = "The mayor stated the bridge shall close on Monday."
    wa, wb = word_changes(a, (0, len(a)), b, (0, len(b)))
    assert [a[s:e] for s, e in wa] == ["said", "will"]
    assert [b[s:e] for s, e in wb] == ["stated", "shall"]
    segs = layered_segments(b, [((0, len(b)), "paraphrase", "#1")] + [(s, "changed", "") for s in wb])
    assert "".join(s["text"] for s in segs) == b
    assert [s["text"] for s in segs if "changed" in s["classes"]] == ["stated", "shall"]
    assert all("paraphrase" in s["classes"] for s in segs)
    assert layered_segments("abc", [((5, 9), "x", ""), ((2, 1), "y", "")]) == [{"text": "abc", "classes": [], "labels": []}]


def test_comparison_view_covers_both_texts(index):
    from unspun.records import Match, Pair

    a, b = "First sentence here. Second one.", "First sentence there. Other."
    pair = Pair("a", "b", "rewrite", 0.5, 0.5, 0.5, (Match((0, 20), (0, 21), "paraphrase", 0.8),))
    view = comparison_view(pair, make_article("a", a), make_article("b", b))
    assert "".join(s["text"] for s in view["a_segments"]) == a
    assert [s["text"] for s in view["b_segments"] if "changed" in s["classes"]] == ["there"]


def test_concurrent_checks_while_adding_see_whole_batches(tmp_path):
    """Checks in several threads during adds: no errors, and a check never sees part of a batch."""
    ix = Index(str(tmp_path / "c.duckdb"), IndexConfig(in_memory=True, batch_size=2))
    original = fixture_text("original")
    ix.add([make_article("seed", original)])
    client = TestClient(create_app(ix))
    errors: list[str] = []
    seen_counts: list[int] = []
    stop = threading.Event()

    def checker() -> None:
        while not stop.is_set():
            r = client.post("/api/check", json={"text": original})
            if r.status_code != 200:
                errors.append(f"check {r.status_code}")
                continue
            ids = {m["article"]["id"] for m in r.json()["matches"]}
            seen_counts.append(len(ids))
            # copies arrive two per batch (batch_size=2): a whole batch or none of it is visible
            copies = {i for i in ids if i.startswith("copy")}
            if len(copies) % 2:
                errors.append(f"torn read: {sorted(copies)}")
            s = client.get("/api/stats")
            if s.status_code != 200:
                errors.append(f"stats {s.status_code}")

    threads = [threading.Thread(target=checker) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for k in range(6):
            r = client.post("/api/articles", json={"articles": [
                # same text under new names: distinct articles that the exact channel always finds
                {"id": f"copy{k}a", "text": original},
                {"id": f"copy{k}b", "text": original},
            ]})
            assert r.status_code == 200 and len(r.json()["added"]) == 2
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert seen_counts and max(seen_counts) >= 1
    final = client.post("/api/check", json={"text": original}).json()
    assert len(final["matches"]) == 13
    assert ix.verify() == []
    ix.close()


def test_claims_are_off_unless_asked_for(client):
    r = client.get("/api/claims", params={"id": "original"})
    assert r.status_code == 200
    assert r.json()["available"] is False and "--claims" in r.json()["note"]


@pytest.mark.slow
def test_claims_extracted_at_add_are_stored_and_served(tmp_path):
    pytest.importorskip("spacy")
    quote = ('The mayor, Denise Okafor, said: "We will not raise the rates again this year." '
             "Councilmember Raymond Castillo denied that the plan was rushed.")
    with Index(str(tmp_path / "claims.duckdb"), IndexConfig(claims=True)) as ix:
        result = ix.add([make_article("quoted", quote)])
        if any("claims not stored" in n for n in result.notes):
            pytest.skip(result.notes[0])
        assert ix.stats()["claims"] == 1
        got = TestClient(create_app(ix)).get("/api/claims", params={"id": "quoted"}).json()
        assert got["available"] is True
        assert any("raise the rates" in c["text"] for c in got["claims"])


def _documented_pair_keys() -> tuple[set[str], set[str]]:
    """(top-level keys, all keys) of the `pairs` block of docs/json-format.md, the one JSON contract."""
    doc = (Path(__file__).parent.parent / "docs" / "json-format.md").read_text(encoding="utf-8")
    block = doc[doc.index(' "pairs": [{') + len(' "pairs": [{'):doc.index(' "stories":')]
    block = " ".join(line.split("//")[0] for line in block.splitlines())
    every = set(re.findall(r'"(\w+)":', block))
    while re.search(r"\{[^{}]*\}", block):  # drop nested objects, innermost first
        block = re.sub(r"\{[^{}]*\}", "", block)
    return set(re.findall(r'"(\w+)":', block)), every


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _assert_documented_pair(pair: dict) -> None:
    top, every = _documented_pair_keys()
    assert set(pair) == top, set(pair) ^ top
    assert _keys(pair) <= every, _keys(pair) - every
    assert set(pair["coverage"]) == {"a", "b"} and all(isinstance(v, float) for v in pair["coverage"].values())
    assert isinstance(pair["original_signals"], list) and all(isinstance(s, str) for s in pair["original_signals"])
    for m in pair["matches"]:
        assert len(m["a_span"]) == 2 and all(isinstance(x, int) for x in m["a_span"] + m["b_span"])
        assert m["kind"] in ("copy", "paraphrase") and isinstance(m["score"], float)
    for e in pair["edits"]:
        assert e["severity"] in ("high", "medium", "low") and (e["a_span"] is None or len(e["a_span"]) == 2)


def test_server_pairs_have_the_documented_scan_shape(client, index):
    from unspun.report.json import pair_to_dict

    client.post("/api/articles", json={"articles": [{"id": "spun", "text": fixture_text("spun")}]})
    view = client.get("/api/pair", params={"a": "original", "b": "spun"}).json()
    _assert_documented_pair(view["pair"])
    stored = index.pair("original", "spun")[0]
    assert view["pair"] == json.loads(json.dumps(pair_to_dict(stored)))  # the scan's serialiser, byte for byte
    checked = client.post("/api/check", json={"text": fixture_text("spun"), "id": "again"}).json()
    assert checked["matches"]
    for hit in checked["matches"]:
        _assert_documented_pair(hit["pair"])
    for p in client.get("/api/article", params={"id": "spun"}).json()["pairs"]:
        _assert_documented_pair(p)


def test_story_names_its_original_and_the_identical_republication(client):
    # a scraper republished the original word for word beside an aggregator's truncated copy
    r = client.post("/api/articles", json={"articles": [
        {"id": "mirror", "text": fixture_text("original")},
        {"id": "copy", "text": fixture_text("truncated")},
    ]})
    assert r.status_code == 200
    story = client.get("/api/story", params={"id": client.get("/api/article", params={"id": "copy"}).json()["story"]}).json()
    assert {story["original"], *story["identical"]} == {"original", "mirror"} and len(story["identical"]) == 1
    assert any("identical texts" in s for s in story["original_signals"])

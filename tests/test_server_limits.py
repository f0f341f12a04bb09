"""Server cost limits: the Host header, a body that stalls, the per-check work budget, bounded views."""
from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from conftest import fixture_text, make_article  # noqa: E402
from unspun.server import MAX_VIEWS, Guard, allowed_hosts, create_app  # noqa: E402
from unspun.store.index import Index, IndexConfig  # noqa: E402


@pytest.fixture()
def index(tmp_path):
    ix = Index(str(tmp_path / "s.duckdb"), IndexConfig(in_memory=True))
    ix.add([make_article(n, fixture_text(n)) for n in ("original", "other_event", "unrelated")])
    yield ix
    ix.close()


def test_a_foreign_host_header_is_refused_dns_rebinding(index):
    app = create_app(index, hosts=allowed_hosts("127.0.0.1"))
    assert TestClient(app, base_url="http://evil.example").get("/api/stats").status_code == 400
    for good in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        assert TestClient(app, base_url=good).get("/api/stats").status_code == 200
    assert allowed_hosts("0.0.0.0") is None  # every interface: names unknown, no check


def test_a_body_that_stalls_gets_408():
    async def never() -> dict:
        await asyncio.sleep(60)
        return {}

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def app(scope, receive, send):  # pragma: no cover - must not be reached
        raise AssertionError("the app ran although the body never came")

    scope = {"type": "http", "headers": [(b"host", b"localhost"), (b"content-length", b"100")]}
    asyncio.run(Guard(app, body_timeout=0.2)(scope, never, send))
    assert sent[0]["status"] == 408


def test_a_check_over_the_work_budget_is_a_clear_413(index):
    client = TestClient(create_app(index, max_check_words=500))
    text = fixture_text("original") * 3
    r = client.post("/api/check", json={"text": text})
    assert r.status_code == 413
    detail = r.json()["detail"][0]
    assert detail["type"] == "work_budget" and "at most 500" in detail["msg"]
    assert client.post("/api/check", json={"text": fixture_text("spun")}).status_code == 200


def test_views_are_bounded_per_check(tmp_path):
    ix = Index(str(tmp_path / "many.duckdb"), IndexConfig(in_memory=True))
    text = fixture_text("original")
    ix.add([make_article(f"copy{k}", text + f"\n\nEditor's note {k}.") for k in range(MAX_VIEWS + 3)])
    try:
        r = TestClient(create_app(ix)).post("/api/check", json={"text": text, "views": True})
        assert r.status_code == 200
        data = r.json()
        assert len(data["matches"]) > MAX_VIEWS
        assert sum(m.get("view") is not None for m in data["matches"]) == min(MAX_VIEWS, len(data["matches"]))
        assert data["views_omitted"] == max(0, len(data["matches"]) - MAX_VIEWS)
    finally:
        ix.close()

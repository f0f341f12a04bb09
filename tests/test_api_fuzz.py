"""Property tests of the HTTP API generated from its own OpenAPI spec (schemathesis, in-process ASGI).

Every operation gets generated valid and invalid inputs; no response may be a 5xx, and responses must
match the documented schemas. Bounded example counts keep the whole file well under a minute.
"""
from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from conftest import fixture_text, make_article  # noqa: E402
from unspun.store.index import Index, IndexConfig  # noqa: E402
from unspun.server import create_app  # noqa: E402

_tmp = Path(tempfile.mkdtemp(prefix="unspun-fuzz-"))
atexit.register(shutil.rmtree, _tmp, True)
INDEX = Index(str(_tmp / "fuzz.duckdb"), IndexConfig(in_memory=True))
INDEX.add([make_article(n, fixture_text(n)) for n in ("original", "truncated", "spun", "unrelated")])
atexit.register(INDEX.close)
APP = create_app(INDEX, max_body=300_000)

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_5xx_or_off_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.text(min_size=1, max_size=400),
    title=st.text(max_size=40),
    fmt=st.sampled_from(["text", "html"]),
)
def test_any_text_checks_without_server_error(text, title, fmt):
    from fastapi.testclient import TestClient

    client = TestClient(APP)
    body = {"text": text, "title": title, "format": fmt, "views": True}
    body_bytes = json.dumps(body).encode()  # ASCII escapes: lone surrogates arrive as \udXXX
    r = client.post("/api/check", content=body_bytes, headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text
    if r.status_code == 200 and fmt == "text":
        for m in r.json()["matches"]:  # a view always covers the checked text exactly
            assert "".join(s["text"] for s in m["view"]["b_segments"]) == text

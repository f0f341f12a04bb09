"""HTTP service over an `Index`: JSON endpoints, an OpenAPI spec, and the web page in `static/`.

Security rules this module keeps:
- binds 127.0.0.1 unless told otherwise; request bodies over `max_body` bytes get 413;
- article text only ever travels as JSON and the page inserts it with `textContent` (never HTML);
  a Content-Security-Policy forbids inline scripts, so even a mistake could not run one;
- nothing from a request names a file: the page's three files are read from the package once, at
  start-up, and served from memory by fixed routes.
"""
import asyncio
import difflib
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Annotated, Any

from .errors import require
from .store.index import CheckHit, Index, IndexConfig
from .records import Article, Pair, Span

MAX_BODY = 2 * 1024 * 1024
MAX_TEXT = 1_000_000
# Work budget of one /api/check: the words of the checked text (alignment and edit explanation grow
# faster than linearly with it: 300,000 characters with views took 15 s and answered 45 MB) and the
# matches that get a side-by-side view (the rest: GET /api/pair). Documented in docs/service.md.
MAX_CHECK_WORDS = 30_000
MAX_VIEWS = 10
BODY_TIMEOUT = 15.0  # seconds a client may take to send its body; a stalled upload gets 408
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
STATIC_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
}


# --------------------------------------------------------------------------------------------------
# The side-by-side view: text cut into segments, each with the highlight classes it gets


_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


def word_changes(a_text: str, a_span: Span, b_text: str, b_span: Span) -> tuple[list[Span], list[Span]]:
    """Spans of words that differ between two matched passages (a word-level diff, offsets absolute)."""
    a_tok = [(m.start() + a_span[0], m.end() + a_span[0], m.group().casefold())
             for m in _WORD.finditer(a_text[a_span[0]:a_span[1]])]
    b_tok = [(m.start() + b_span[0], m.end() + b_span[0], m.group().casefold())
             for m in _WORD.finditer(b_text[b_span[0]:b_span[1]])]
    sm = difflib.SequenceMatcher(None, [t[2] for t in a_tok], [t[2] for t in b_tok], autojunk=False)
    out_a: list[Span] = []
    out_b: list[Span] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            out_a.append((a_tok[i1][0], a_tok[i2 - 1][1]))
        if j2 > j1:
            out_b.append((b_tok[j1][0], b_tok[j2 - 1][1]))
    return out_a, out_b


def layered_segments(text: str, marks: Sequence[tuple[Span, str, str]]) -> list[dict[str, Any]]:
    """Cut `text` at every mark boundary; each piece lists the classes (and labels) covering it.

    Unlike a flat highlighter, marks may nest (a changed word inside a matched sentence).
    """
    n = len(text)
    clipped = [((max(0, s), min(n, e)), css, label) for (s, e), css, label in marks if min(n, e) > max(0, s)]
    cuts = sorted({0, n} | {s for (s, _), _, _ in clipped} | {e for (_, e), _, _ in clipped})
    out: list[dict[str, Any]] = []
    for start, end in zip(cuts, cuts[1:]):
        classes: list[str] = []
        labels: list[str] = []
        for (s, e), css, label in clipped:
            if s <= start and end <= e:
                if css not in classes:
                    classes.append(css)
                if label and label not in labels:
                    labels.append(label)
        if out and out[-1]["classes"] == classes and out[-1]["labels"] == labels:
            out[-1]["text"] += text[start:end]
        else:
            out.append({"text": text[start:end], "classes": classes, "labels": labels})
    return out


def comparison_view(pair: Pair, a: Article, b: Article) -> dict[str, Any]:
    """Both texts as segments: matched passages (copy/paraphrase), changed words inside them, edits."""
    marks_a: list[tuple[Span, str, str]] = []
    marks_b: list[tuple[Span, str, str]] = []
    changed = 0
    for i, m in enumerate(pair.matches, 1):
        label = f"#{i} {m.kind} {m.score:.2f}"
        marks_a.append((m.a_span, m.kind, label))
        marks_b.append((m.b_span, m.kind, label))
        wa, wb = word_changes(a.text, m.a_span, b.text, m.b_span)
        changed += len(wa) + len(wb)
        marks_a += [(s, "changed", "") for s in wa]
        marks_b += [(s, "changed", "") for s in wb]
    for e in pair.edits:
        tag = f"edit-{e.kind}"
        if e.a_span:
            marks_a.append((e.a_span, tag, f"{e.kind}: {e.why}"))
        if e.b_span:
            marks_b.append((e.b_span, tag, f"{e.kind}: {e.why}"))
    return {
        "a_segments": layered_segments(a.text, marks_a),
        "b_segments": layered_segments(b.text, marks_b),
        "changed_words": changed,
    }


# --------------------------------------------------------------------------------------------------
# JSON shapes


def _models() -> dict[str, Any]:
    """Pydantic models, built lazily so `import unspun.server` works without the server extra."""
    from pydantic import BaseModel, Field, field_validator

    def no_surrogates(v: Any) -> Any:
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("text must be valid Unicode (no lone surrogates)") from None
        return v

    class ArticleIn(BaseModel):
        text: str = Field(min_length=1, max_length=MAX_TEXT, description="Article text (or HTML, see format)")
        id: str | None = Field(None, min_length=1, max_length=300, description="Name; derived from the text if absent")
        title: str = Field("", max_length=2000)
        url: str = Field("", max_length=4000, description="Recorded only; never fetched")
        source: str = Field("", max_length=300)
        published: str | None = Field(None, max_length=100)
        format: str = Field("text", pattern="^(text|html)$", description="html: extract the main text first")

        _v = field_validator("text", "id", "title", "url", "source", "published")(no_surrogates)

    class AddRequest(BaseModel):
        articles: list[ArticleIn] = Field(min_length=1, max_length=500)

    class CheckRequest(ArticleIn):
        views: bool = Field(False, description="Include the side-by-side segments for each match")

    class MatchOut(BaseModel):
        a_span: tuple[int, int]
        b_span: tuple[int, int]
        kind: str
        score: float

    class EditOut(BaseModel):
        kind: str
        a_span: tuple[int, int] | None
        b_span: tuple[int, int] | None
        a_text: str
        b_text: str
        why: str
        severity: str

    class PairOut(BaseModel):
        a: str
        b: str
        relation: str
        score: float
        coverage_a: float
        coverage_b: float
        copy_coverage: float
        channels: list[str]
        original: str | None
        original_confidence: float
        matches: list[MatchOut]
        edits: list[EditOut]

    class ArticleMeta(BaseModel):
        id: str
        title: str
        url: str
        source: str
        published: str | None

    class Segment(BaseModel):
        text: str
        classes: list[str]
        labels: list[str]

    class View(BaseModel):
        a_segments: list[Segment]
        b_segments: list[Segment]
        changed_words: int

    class Hit(BaseModel):
        article: ArticleMeta
        story: str
        pair: PairOut
        view: View | None = None

    class CheckOut(BaseModel):
        article: ArticleMeta
        candidates: int
        matches: list[Hit]
        views_omitted: int = Field(0, description=f"matches beyond the first {MAX_VIEWS} get no view; ask /api/pair")

    class Duplicate(BaseModel):
        id: str
        existing: str

    class AddOut(BaseModel):
        added: list[str]
        duplicates: list[Duplicate]
        skipped: list[str]
        pairs: int

    class ArticleOut(ArticleMeta):
        text: str
        story: str
        pairs: list[PairOut]

    class StoryOut(BaseModel):
        id: str
        size: int
        articles: list[str]

    class StoryDetailOut(BaseModel):
        id: str
        articles: list[ArticleMeta]
        pairs: list[PairOut]

    class PairView(BaseModel):
        pair: PairOut
        a: ArticleMeta
        b: ArticleMeta
        view: View

    class ClaimsOut(BaseModel):
        article: str
        available: bool
        claims: list[dict[str, Any]]
        note: str

    class Problem(BaseModel):
        detail: str

    return {k: v for k, v in locals().items() if isinstance(v, type) and issubclass(v, BaseModel)}


def _meta(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "url": a.url, "source": a.source, "published": a.published}


def _pair_out(p: Pair) -> dict[str, Any]:
    return {
        "a": p.a, "b": p.b, "relation": p.relation, "score": p.score, "coverage_a": p.coverage_a,
        "coverage_b": p.coverage_b, "copy_coverage": p.copy_coverage, "channels": list(p.channels),
        "original": p.original, "original_confidence": p.original_confidence,
        "matches": [{"a_span": m.a_span, "b_span": m.b_span, "kind": m.kind, "score": m.score} for m in p.matches],
        "edits": [
            {"kind": e.kind, "a_span": e.a_span, "b_span": e.b_span, "a_text": e.a_text, "b_text": e.b_text,
             "why": e.why, "severity": e.severity}
            for e in p.edits
        ],
    }


def _hit_out(hit: CheckHit, checked: Article, views: bool) -> dict[str, Any]:
    out = {"article": _meta(hit.article), "story": hit.story, "pair": _pair_out(hit.pair)}
    if views:
        out["view"] = comparison_view(hit.pair, hit.article, checked)
    return out


def _to_article(body: Any, default_id: str) -> Article | None:
    """A request article as a record; None when an HTML body has no extractable text."""
    text, title, url, published = body.text, body.title, body.url, body.published
    if body.format == "html":
        from .ingest import extract_html

        page = extract_html(text, url or None)
        if page is None:
            return None
        text = page.text
        title = title or page.title
        published = published or page.published
    return Article(
        id=body.id or default_id, text=text, origin="<api>", source=body.source, title=title, url=url,
        published=published,
    )


def _text_id(text: str) -> str:
    import hashlib

    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------------------------------
# Middleware: body size limit and security headers (plain ASGI, no dependency on the framework)


def _host_name(value: bytes) -> str:
    """`Host` header value without its port, lowercased (`[::1]:8000` -> `[::1]`)."""
    host = value.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_hosts(bind: str) -> frozenset[str] | None:
    """Host names a server bound to `bind` answers to (a DNS-rebinding page names its own host);
    None (any) when bound to every interface, where the names are not known."""
    if bind in ("0.0.0.0", "::", ""):
        return None
    local = {"localhost", "127.0.0.1", "[::1]"}
    return frozenset(local | {bind.lower() if ":" not in bind else f"[{bind.lower()}]"})


class Guard:
    """Rejects bodies over `max_body` bytes with 413 (declared or streamed), a body that stalls
    with 408, a Host header not in `hosts` with 400, and adds security headers."""

    def __init__(self, app: Any, max_body: int = MAX_BODY, hosts: frozenset[str] | None = None,
                 body_timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts
        self.body_timeout = body_timeout

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers") or [])
        if self.hosts is not None and _host_name(headers.get(b"host", b"")) not in self.hosts:
            await _reply(send_with_headers, 400, b'{"detail":"Host header not allowed (serve with --host NAME)"}')
            return
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _reply(send_with_headers, 400, b'{"detail":"invalid Content-Length"}')
                return
            if int(declared) > self.max_body:
                await _reply(send_with_headers, 413, b'{"detail":"request body too large"}')
                return
        # buffer the body (it is small by construction) so an oversized stream is refused before use
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except asyncio.TimeoutError:
                await _reply(send_with_headers, 408, b'{"detail":"request body not received in time"}')
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _reply(send_with_headers, 413, b'{"detail":"request body too large"}')
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


async def _reply(send: Any, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------------------------------
# The app


def create_app(index: Index, max_body: int = MAX_BODY, hosts: frozenset[str] | None = None,
               max_check_words: int = MAX_CHECK_WORDS) -> Any:
    """The FastAPI app serving `index` (wrapped in the body-limit/host/security-header guard)."""
    fastapi = require("fastapi", "server", "the unspun server")
    from fastapi import Body, HTTPException, Query
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import Response

    M = _models()
    pages = {route: (resources.files("unspun").joinpath("static", name).read_bytes(), ctype)
             for route, (name, ctype) in STATIC_FILES.items()}
    app = fastapi.FastAPI(
        title="unspun",
        version="0.1.0",
        description="Is this article a copy or a spun rewrite of anything indexed? JSON API of `unspun serve`.",
        docs_url=None,  # Swagger UI loads assets from a CDN; the spec itself is at /openapi.json
        redoc_url=None,
    )
    not_found = {404: {"model": M["Problem"]}}

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Any, exc: RequestValidationError) -> Response:
        # FastAPI's default echoes the input back, which may be megabytes, or lone surrogates that
        # cannot be encoded as UTF-8 (a 500); say where and why only, as 7-bit JSON
        detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors()]
        return Response(json.dumps({"detail": detail}, ensure_ascii=True), status_code=422,
                        media_type="application/json")

    def page(route: str) -> Any:
        content, ctype = pages[route]

        def handler() -> Response:
            return Response(content, media_type=ctype, headers={"cache-control": "no-cache"})

        return handler

    for route in pages:
        app.add_api_route(route, page(route), methods=["GET"], include_in_schema=False)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)  # no icon; saves browsers a 404

    @app.get("/api/stats", summary="Counts of articles, pairs, stories and claims in the index")
    def stats() -> dict[str, Any]:
        return index.stats()

    @app.post("/api/articles", response_model=M["AddOut"], summary="Add articles to the index")
    def add_articles(body: Annotated[M["AddRequest"], Body()]) -> dict[str, Any]:
        arts, skipped = [], []
        for i, item in enumerate(body.articles):
            art = _to_article(item, _text_id(item.text))
            if art is None:
                skipped.append(item.id or f"#{i}")
            else:
                arts.append(art)
        result = index.add(arts)
        return {
            "added": list(result.added),
            "duplicates": [{"id": a, "existing": b} for a, b in result.duplicates],
            "skipped": skipped,
            "pairs": result.pairs,
        }

    @app.post("/api/check", response_model=M["CheckOut"], summary="Is this article a copy or rewrite of anything indexed?")
    def check(body: Annotated[M["CheckRequest"], Body()]) -> dict[str, Any]:
        art = _to_article(body, body.id or "checked")
        if art is None:
            raise HTTPException(422, [{"loc": ["body", "text"], "msg": "no article text could be extracted from this HTML",
                                       "type": "no_text"}])
        words = len(art.text.split())
        if words > max_check_words:
            raise HTTPException(413, [{"loc": ["body", "text"], "type": "work_budget",
                                       "msg": f"the text has {words:,} words; one check aligns at most "
                                              f"{max_check_words:,} (split it into articles)"}])
        result = index.check(art)
        hits = [_hit_out(h, art, body.views and k < MAX_VIEWS) for k, h in enumerate(result.hits)]
        return {
            "article": _meta(art),
            "candidates": result.candidates,
            "matches": hits,
            "views_omitted": max(0, len(result.hits) - MAX_VIEWS) if body.views else 0,
        }

    @app.get("/api/article", response_model=M["ArticleOut"], responses=not_found, summary="One indexed article")
    def article(id: Annotated[str, Query(max_length=300)]) -> dict[str, Any]:
        art = index.article(id)
        if art is None:
            raise HTTPException(404, "no indexed article has this id")
        pairs = index.article_pairs(id) or []
        return _meta(art) | {"text": art.text, "story": index.article_story(id), "pairs": [_pair_out(p) for p in pairs]}

    @app.get("/api/claims", response_model=M["ClaimsOut"], responses=not_found, summary="Claims of an indexed article")
    def claims(id: Annotated[str, Query(max_length=300)]) -> dict[str, Any]:
        found = index.claims(id)
        if found is None:
            raise HTTPException(404, "no indexed article has this id")
        return {"article": found.article, "available": found.available, "claims": list(found.claims), "note": found.note}

    @app.get("/api/stories", response_model=list[M["StoryOut"]], summary="Stories, biggest first")
    def stories(
        min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> list[dict[str, Any]]:
        return [{"id": s.id, "size": s.size, "articles": list(s.articles)} for s in index.stories(min_size, limit, offset)]

    @app.get("/api/story", response_model=M["StoryDetailOut"], responses=not_found, summary="A story: articles and pairs")
    def story(id: Annotated[str, Query(max_length=40)]) -> dict[str, Any]:
        found = index.story(id)
        if found is None:
            raise HTTPException(404, "no story has this id")
        return {"id": found.story.id, "articles": [_meta(a) for a in found.articles],
                "pairs": [_pair_out(p) for p in found.pairs]}

    @app.get("/api/pair", response_model=M["PairView"], responses=not_found,
             summary="Two indexed versions side by side, with matches and edits")
    def pair(a: Annotated[str, Query(max_length=300)], b: Annotated[str, Query(max_length=300)]) -> dict[str, Any]:
        found = index.pair(a, b)
        if found is None:
            raise HTTPException(404, "these two articles are not a confirmed pair")
        p, first, second = found
        return {"pair": _pair_out(p), "a": _meta(first), "b": _meta(second), "view": comparison_view(p, first, second)}

    return Guard(app, max_body, hosts)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, max_body: int = MAX_BODY,
          config: IndexConfig | None = None, log_level: str = "warning") -> None:
    """Open the index (postings loaded into memory) and serve it until interrupted."""
    uvicorn = require("uvicorn", "server", "the unspun server")
    from dataclasses import replace

    cfg = replace(config or IndexConfig(), in_memory=True)
    with Index(db, cfg) as index:
        # keep-alive and graceful-shutdown timeouts bound idle and stalled connections; the Guard
        # bounds a body that stops arriving (408)
        uvicorn.run(create_app(index, max_body, allowed_hosts(host)), host=host, port=port, log_level=log_level,
                    timeout_keep_alive=5, timeout_graceful_shutdown=10, limit_concurrency=64)

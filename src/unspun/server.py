"""HTTP service over an `Index`: JSON endpoints, an OpenAPI spec, and the web page in `static/`.

Security rules this module keeps:
- binds 127.0.0.1 unless told otherwise; request bodies over `max_body` bytes get 413;
- article text only ever travels as JSON and the page inserts it with `textContent` (never HTML);
  a Content-Security-Policy forbids inline scripts, so even a mistake could not run one;
- nothing from a request names a file: the page's three files are read from the package once, at
  start-up, and served from memory by fixed routes.
"""
import json
from importlib import resources
from typing import Annotated, Any

from .errors import require
from .records import Article
from .server_guard import BODY_TIMEOUT, CSP, MAX_BODY, Guard, allowed_hosts
from .report.json import article_meta, check_hit_to_dict, pair_to_dict
from .report.segments import comparison_view
from .store.index import CheckHit, Index, IndexConfig

# Work budget of one /api/check: the words of the checked text (alignment and edit explanation grow
# faster than linearly with it: 300,000 characters with views took 15 s and answered 45 MB) and the
# matches that get a side-by-side view (the rest: GET /api/pair). Documented in docs/service.md.
MAX_CHECK_WORDS = 30_000
MAX_VIEWS = 10
__all__ = ["BODY_TIMEOUT", "CSP", "MAX_BODY", "MAX_CHECK_WORDS", "MAX_VIEWS", "Guard", "allowed_hosts", "create_app", "serve"]
STATIC_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
}


def _hit_out(hit: CheckHit, checked: Article, views: bool) -> dict[str, Any]:
    out = check_hit_to_dict(hit.pair, hit.article, hit.story)
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
# The app


def create_app(index: Index, max_body: int = MAX_BODY, hosts: frozenset[str] | None = None,
               max_check_words: int = MAX_CHECK_WORDS) -> Any:
    """The FastAPI app serving `index` (wrapped in the body-limit/host/security-header guard)."""
    fastapi = require("fastapi", "server", "the unspun server")
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import Response

    app = fastapi.FastAPI(
        title="unspun",
        version="0.1.0",
        description="Is this article a copy or a spun rewrite of anything indexed? JSON API of `unspun serve`.",
        docs_url=None,  # Swagger UI loads assets from a CDN; the spec itself is at /openapi.json
        redoc_url=None,
    )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Any, exc: RequestValidationError) -> Response:
        # FastAPI's default echoes the input back, which may be megabytes, or lone surrogates that
        # cannot be encoded as UTF-8 (a 500); say where and why only, as 7-bit JSON
        detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors()]
        return Response(json.dumps({"detail": detail}, ensure_ascii=True), status_code=422,
                        media_type="application/json")

    _page_routes(app)
    _write_routes(app, index, max_check_words)
    _read_routes(app, index)
    return Guard(app, max_body, hosts)


def _page_routes(app: Any) -> None:
    """The web page's three files, read from the package once and served from memory by fixed routes."""
    from fastapi.responses import Response

    pages = {route: (resources.files("unspun").joinpath("static", name).read_bytes(), ctype)
             for route, (name, ctype) in STATIC_FILES.items()}

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


def _write_routes(app: Any, index: Index, max_check_words: int) -> None:
    """POST endpoints: add articles, check an article."""
    from fastapi import Body, HTTPException

    from . import server_models as M

    @app.post("/api/articles", response_model=M.AddOut, summary="Add articles to the index")
    def add_articles(body: Annotated[M.AddRequest, Body()]) -> dict[str, Any]:
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

    @app.post("/api/check", response_model=M.CheckOut, summary="Is this article a copy or rewrite of anything indexed?")
    def check(body: Annotated[M.CheckRequest, Body()]) -> dict[str, Any]:
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
        return {
            "article": article_meta(art),
            "candidates": result.candidates,
            "matches": [_hit_out(h, art, body.views and k < MAX_VIEWS) for k, h in enumerate(result.hits)],
            "views_omitted": max(0, len(result.hits) - MAX_VIEWS) if body.views else 0,
        }


def _read_routes(app: Any, index: Index) -> None:
    """GET endpoints over the index: stats, an article, its claims, stories, a story, a pair."""
    from fastapi import HTTPException, Query

    from . import server_models as M

    not_found = {404: {"model": M.Problem}}

    @app.get("/api/stats", summary="Counts of articles, pairs, stories and claims in the index")
    def stats() -> dict[str, Any]:
        return index.stats()

    @app.get("/api/article", response_model=M.ArticleOut, responses=not_found, summary="One indexed article")
    def article(id: Annotated[str, Query(max_length=300)]) -> dict[str, Any]:
        art = index.article(id)
        if art is None:
            raise HTTPException(404, "no indexed article has this id")
        pairs = index.article_pairs(id) or []
        return article_meta(art) | {"text": art.text, "story": index.article_story(id),
                                    "pairs": [pair_to_dict(p) for p in pairs]}

    @app.get("/api/claims", response_model=M.ClaimsOut, responses=not_found, summary="Claims of an indexed article")
    def claims(id: Annotated[str, Query(max_length=300)]) -> dict[str, Any]:
        found = index.claims(id)
        if found is None:
            raise HTTPException(404, "no indexed article has this id")
        return {"article": found.article, "available": found.available, "claims": list(found.claims), "note": found.note}

    @app.get("/api/stories", response_model=list[M.StoryOut], summary="Stories, biggest first")
    def stories(
        min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> list[dict[str, Any]]:
        return [{"id": s.id, "size": s.size, "articles": list(s.articles), "original": s.original}
                for s in index.stories(min_size, limit, offset)]

    @app.get("/api/story", response_model=M.StoryDetailOut, responses=not_found, summary="A story: articles and pairs")
    def story(id: Annotated[str, Query(max_length=40)]) -> dict[str, Any]:
        found = index.story(id)
        if found is None:
            raise HTTPException(404, "no story has this id")
        s = found.story
        return {"id": s.id, "original": s.original, "identical": list(s.identical),
                "original_signals": list(s.original_signals), "articles": [article_meta(a) for a in found.articles],
                "pairs": [pair_to_dict(p) for p in found.pairs]}

    @app.get("/api/pair", response_model=M.PairView, responses=not_found,
             summary="Two indexed versions side by side, with matches and edits")
    def pair(a: Annotated[str, Query(max_length=300)], b: Annotated[str, Query(max_length=300)]) -> dict[str, Any]:
        found = index.pair(a, b)
        if found is None:
            raise HTTPException(404, "these two articles are not a confirmed pair")
        p, first, second = found
        return {"pair": pair_to_dict(p), "a": article_meta(first), "b": article_meta(second),
                "view": comparison_view(p, first, second)}


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

"""Web archives (.warc, .warc.gz, .warc.zst): HTML response records via fastwarc (extra `scale`).

Only successful (2xx) HTTP responses whose content type is HTML are articles; images, scripts,
redirects and request/metadata records are skipped silently because a crawl is full of them.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import require
from ..records import Article, ReadError
from .common import DecodeFailure, error
from .html import decode_html, extract_html


def read_warc(path: Path, origin: str) -> Iterator[Article | ReadError]:
    """One article per HTML response record.

    id is the WARC-Record-ID (without `<>`), or the target URI when a record has none; origin is
    `path#record-id`; url is WARC-Target-URI; published is the page's own date, else WARC-Date
    (the capture time, which is only an upper bound on publication).
    """
    warc = require("fastwarc.warc", "scale", "Reading WARC files")
    pages = 0
    with open(path, "rb") as stream:
        try:
            records = warc.ArchiveIterator(
                stream,
                record_types=warc.WarcRecordType.response,
                parse_http=True,
                auto_decode="all",
            )
            for record in records:
                if not _is_html_ok(record):
                    continue
                pages += 1
                headers = record.headers
                record_id = (record.record_id or "").strip().strip("<>")
                url = (headers.get("WARC-Target-URI") or "").strip().strip("<>")
                where = f"{origin}#{record_id or url}"
                body = record.reader.read()
                try:
                    html = decode_html(body, record.http_charset, lenient=True)
                except DecodeFailure as exc:  # pragma: no cover - lenient decoding does not fail
                    yield error(where, None, str(exc))
                    continue
                page = extract_html(html, url or None)
                if page is None:
                    yield error(where, None, "HTML page has no extractable article text")
                    continue
                yield Article(
                    id=record_id or url or where,
                    text=page.text,
                    origin=where,
                    source=page.source,
                    title=page.title,
                    url=url or page.url,
                    published=page.published or (headers.get("WARC-Date") or "").strip() or None,
                )
        except OSError as exc:
            yield error(origin, None, f"not a readable WARC file: {exc}")
            return
    if pages == 0:
        yield error(origin, None, "no HTML response records found in the WARC file")


def _is_html_ok(record) -> bool:
    http = record.http_headers
    if http is None:
        return False
    if not 200 <= (http.status_code or 0) < 300:
        return False
    content_type = (record.http_content_type or "").lower()
    return "html" in content_type

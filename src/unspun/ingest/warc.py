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
from .charset import decode_html
from .html import extract_html


def read_warc(path: Path, origin: str) -> Iterator[Article | ReadError]:
    """One article per HTML response record.

    id is the WARC-Record-ID (without `<>`), or the target URI when a record has none; origin is
    `path#record-id`; url is WARC-Target-URI; published is the page's own date, else WARC-Date
    (the capture time, which is only an upper bound on publication). HTTP headers ending lines with
    LF only (ClueWeb09 and other early crawls) are read; a record cut short by the end of the file
    is a ReadError saying how much of it is there.
    """
    warc = require("fastwarc.warc", "scale", "Reading WARC files")
    pages = 0
    with open(path, "rb") as stream:
        try:
            # HTTP is parsed per record (below) rather than by the iterator, so that a record's
            # declared length can be compared with what the file holds before the payload is decoded.
            for record in warc.ArchiveIterator(stream, record_types=warc.WarcRecordType.response, parse_http=False):
                declared = record.content_length
                record.freeze()  # reads the block: content_length becomes what is really there
                present = record.content_length
                try:
                    record.parse_http(auto_decode="all", quirks_mode=True)
                except OSError as exc:  # bad HTTP headers spoil this record only
                    pages += 1
                    reason = _cut(present, declared) or f"unreadable HTTP headers in the response record: {exc}"
                    yield error(_where(record, origin), None, reason)
                    continue
                if not _is_html_ok(record):
                    continue
                pages += 1
                yield _article(record, origin, declared, present)
        except OSError as exc:
            yield error(origin, None, f"not a readable WARC file: {exc}")
            return
    if pages == 0:
        yield error(origin, None, "no HTML response records found in the WARC file")


def _article(record, origin: str, declared: int, present: int) -> Article | ReadError:
    """The article in one HTML response record, or the ReadError that says why there is none."""
    headers = record.headers
    record_id = (record.record_id or "").strip().strip("<>")
    url = (headers.get("WARC-Target-URI") or "").strip().strip("<>")
    where = f"{origin}#{record_id or url}"
    if present < declared:
        return error(where, None, _cut(present, declared))
    body = record.reader.read()
    try:
        html = decode_html(body, record.http_charset).text
    except DecodeFailure as exc:
        return error(where, None, str(exc))
    page = extract_html(html, url or None)
    if page is None:
        return error(where, None, "HTML page has no extractable article text")
    return Article(
        id=record_id or url or where,
        text=page.text,
        origin=where,
        source=page.source,
        title=page.title,
        url=url or page.url,
        published=page.published or (headers.get("WARC-Date") or "").strip() or None,
    )


def _where(record, origin: str) -> str:
    record_id = (record.record_id or "").strip().strip("<>")
    url = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>")
    return f"{origin}#{record_id or url}"


def _cut(present: int, declared: int) -> str:
    if present >= declared:
        return ""
    return (
        f"truncated WARC record: the file ends after {present:,} of its {declared:,} declared bytes "
        "(an interrupted download or crawl?)"
    )


def _is_html_ok(record) -> bool:
    http = record.http_headers
    if http is None:
        return False
    if not 200 <= (http.status_code or 0) < 300:
        return False
    content_type = (record.http_content_type or "").lower()
    return "html" in content_type

"""HTML pages (.html/.htm): main text and metadata via trafilatura.

`extract_html` is shared with the JSONL/CSV/Parquet `html` field and with WARC records.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import Article, ReadError
from .common import BOM, DecodeFailure, error, fix_newlines, open_binary

# Dates only from the page's own metadata/markup: the extensive search guesses a date from any
# year it sees (a copyright footer becomes "2019-01-01"), which would mislead direction finding.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# trafilatura falls back to whatever text a page has, so a menu-only page comes back as "Home | News".
# Article text needs at least one line of running prose; menus and link lists have none.
MIN_PROSE_WORDS = 5
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """What extraction found in one HTML document."""

    text: str
    title: str = ""
    url: str = ""
    published: str | None = None
    source: str = ""


def extract_html(html: str, url: str | None = None) -> Page | None:
    """Main article text (paragraphs joined by newlines) and metadata, or None when there is no text.

    "No text" includes pages where extraction only finds navigation: no line has five or more words.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        deduplicate=False,  # trafilatura's dedup cache is process-global state; never use it
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return None
    text = fix_newlines(doc.text or "")
    if not any(len(line.split()) >= MIN_PROSE_WORDS for line in text.split("\n")):
        return None
    return Page(
        text=text,
        title=(doc.title or "").strip(),
        url=(doc.url or "").strip(),
        published=doc.date or None,
        source=(doc.sitename or "").strip(),
    )


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if it names a codec Python knows."""
    match = _CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, http_charset: str | None = None, *, lenient: bool = False) -> str:
    """Decode page bytes: UTF-8 first, then the declared charset; raises DecodeFailure.

    UTF-8 is tried first because valid UTF-8 is almost never another encoding by accident, while
    pages often declare a charset they do not use. `lenient` (WARC captures) replaces bad bytes.
    """
    nul = data.find(b"\x00")
    if nul != -1 and not lenient:
        raise DecodeFailure(f"binary data: NUL byte at byte offset {nul}; this is not an HTML file")
    skip = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    for charset in (http_charset, declared_charset(data[:4096])):
        if not charset:
            continue
        try:
            return data[skip:].decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    if lenient:
        return data[skip:].decode(http_charset or "utf-8", errors="replace")
    bad = data[skip + first_error.start : skip + first_error.start + 1].hex()
    raise DecodeFailure(
        f"invalid UTF-8 at byte offset {skip + first_error.start} (byte 0x{bad}) and no other "
        "charset declared in a <meta> tag; re-encode the file as UTF-8 or declare its charset"
    )


def read_html(path: Path, origin: str, ident: str, compression: str | None) -> Iterator[Article | ReadError]:
    """One article per HTML file; id is the file name without extension."""
    with open_binary(path, compression) as stream:
        data = stream.read()
    if not data.strip():
        yield error(origin, None, "empty file (no content or only whitespace)")
        return
    try:
        html = decode_html(data)
    except DecodeFailure as exc:
        yield error(origin, None, str(exc))
        return
    page = extract_html(html)
    if page is None:
        yield error(origin, None, "HTML page has no extractable article text")
        return
    yield Article(
        id=ident,
        text=page.text,
        origin=origin,
        source=page.source,
        title=page.title,
        url=page.url,
        published=page.published,
    )

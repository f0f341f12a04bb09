"""One record of JSONL, CSV or Parquet -> an Article: the field mapping the three readers share.

Its own module so that `common` (bytes and streams) does not need `html` (extraction) and the two
do not import each other.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

from ..records import Article, valid_text
from .common import ColumnMap, DecodeFailure, fix_newlines
from .html import extract_html


def _scalar(value: object, field: str) -> str:
    """A metadata value as a stripped string; containers are an error, dates become ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, str):
        return valid_text(value).strip()
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DecodeFailure(f"field '{field}' must be a string, got {type(value).__name__}")
    return str(value)


def article_from_record(
    record: Mapping[str, object],
    columns: ColumnMap,
    *,
    origin: str,
    default_id: str,
) -> Article:
    """Build an Article from one JSONL/CSV/Parquet record; raises DecodeFailure saying what is wrong.

    A non-empty text field wins over the html field; html is run through the same extraction as
    .html files, and the record's own title/url/published fill in before extracted metadata.
    Lone surrogates (JSON `"\\udc80"` escapes) in any field become U+FFFD.
    """
    raw_text = record.get(columns.text)
    raw_html = record.get(columns.html)
    for name, value in ((columns.text, raw_text), (columns.html, raw_html)):
        if value is not None and not isinstance(value, str):
            raise DecodeFailure(f"field '{name}' must be a string, got {type(value).__name__}")
    ident = _scalar(record.get(columns.id), columns.id) or default_id
    url = _scalar(record.get(columns.url), columns.url)
    source = _scalar(record.get(columns.source), columns.source)
    title = _scalar(record.get(columns.title), columns.title)
    published = _scalar(record.get(columns.published), columns.published) or None

    if isinstance(raw_text, str) and raw_text.strip():
        text = valid_text(fix_newlines(raw_text))
    elif isinstance(raw_html, str) and raw_html.strip():
        page = extract_html(valid_text(raw_html), url or None)
        if page is None:
            raise DecodeFailure(f"field '{columns.html}' has no extractable article text")
        text = page.text
        title = title or page.title
        url = url or page.url
        published = published or page.published
        source = source or page.source
    elif raw_text is None and raw_html is None:
        raise DecodeFailure(f"record has no '{columns.text}' or '{columns.html}' field")
    else:
        raise DecodeFailure(f"record's '{columns.text}'/'{columns.html}' field is empty")
    return Article(
        id=ident, text=text, origin=origin, source=source, title=title, url=url, published=published
    )

"""HTML pages (.html/.htm): main text and metadata via trafilatura.

`extract_html` is shared with the JSONL/CSV/Parquet `html` field and with WARC records.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import Article, ReadError
from .charset import decode_html
from .common import DecodeFailure, error, fix_newlines, open_binary

# Dates only from the page's own metadata/markup: the extensive search guesses a date from any
# year it sees (a copyright footer becomes "2019-01-01"), which would mislead direction finding.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# trafilatura falls back to whatever text a page has, so a menu-only page comes back as "Home | News".
# Article text needs at least one line of running prose; menus and link lists have none. Prose is
# measured in words where a script separates words with spaces, and in characters where it does not
# (Chinese, Japanese, Thai, ...): about two such characters make one word (a Chinese word averages
# 1.5-2 characters), so "five words" is ten characters of Han, kana or Thai in one line.
MIN_PROSE_WORDS = 5
CHARS_PER_WORD_UNSPACED = 2
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)


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

    "No text" includes pages where extraction only finds navigation: no line is prose (`is_prose`).
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
    if not any(is_prose(line) for line in text.split("\n")):
        return None
    return Page(
        text=text,
        title=(doc.title or "").strip(),
        url=(doc.url or "").strip(),
        published=doc.date or None,
        source=(doc.sitename or "").strip(),
    )


def is_prose(line: str) -> bool:
    """A line of running text: five words, counting ten characters of an unspaced script as five."""
    words = line.split()
    if len(words) >= MIN_PROSE_WORDS:
        return True
    unspaced = len(_UNSPACED.findall(line))
    if not unspaced:
        return False
    spaced = sum(1 for word in words if not _UNSPACED.search(word))
    return spaced + unspaced / CHARS_PER_WORD_UNSPACED >= MIN_PROSE_WORDS


def read_html(path: Path, origin: str, ident: str, compression: str | None) -> Iterator[Article | ReadError]:
    """One article per HTML file; id is the file name without extension."""
    with open_binary(path, compression) as stream:
        data = stream.read()
    if not data.strip():
        yield error(origin, None, "empty file (no content or only whitespace)")
        return
    try:
        html = decode_html(data).text
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

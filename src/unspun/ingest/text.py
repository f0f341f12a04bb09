"""Plain text and Markdown files (.txt/.md): the whole file is the article text.

The title is taken from the first line when it looks like a heading, but that line stays in the
text: `Article.text` is the file content exactly as decoded (BOM dropped, CRLF -> LF), so offsets
computed downstream point into the file.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, ReadError
from .common import DecodeFailure, decode_utf8, error, open_binary

MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 25
_ATX = re.compile(r"^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_CLOSERS = "\"'\u201d\u2019)]*_"


def guess_title(text: str) -> str:
    """The first line as a title when it is a `#` heading, a setext heading, or a short headline.

    A headline is at most 150 characters / 25 words, does not end like a sentence fragment
    (`.`, `,`, `;`, `:`) and is followed by more text; otherwise the article has no title.
    """
    lines = text.lstrip().split("\n", 2)
    first = lines[0].strip()
    rest = "\n".join(lines[1:])
    if not first or not rest.strip():
        return ""
    atx = _ATX.match(first)
    if atx:
        return atx.group(1).strip()
    if len(lines) > 1 and _SETEXT.match(lines[1].strip()) and len(first) <= MAX_TITLE_CHARS:
        return first
    if len(first) > MAX_TITLE_CHARS or len(first.split()) > MAX_TITLE_WORDS:
        return ""
    if first.rstrip(_CLOSERS).endswith((".", ",", ";", ":")) or not any(c.isalnum() for c in first):
        return ""
    return first


def read_text(path: Path, origin: str, ident: str, compression: str | None) -> Iterator[Article | ReadError]:
    """One article per file; id is the file name without extension."""
    with open_binary(path, compression) as stream:
        data = stream.read()
    try:
        text = decode_utf8(data)
    except DecodeFailure as exc:
        yield error(origin, None, str(exc))
        return
    if not text.strip():
        yield error(origin, None, "empty file (no content or only whitespace)")
        return
    yield Article(id=ident, text=text, origin=origin, title=guess_title(text))

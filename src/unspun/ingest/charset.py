"""Web page bytes -> text: which charset a page is really in, as browsers and trafilatura read it.

Pages lie about their charset (a `gb2312` page uses GBK characters, an `iso-8859-1` page is
Windows-1252) and carry stray bytes (one bad byte in an otherwise UTF-8 page), so decoding tries, in
order: a byte-order mark; strict UTF-8; the declared charsets (HTTP header, then `<meta>`) under the
names browsers actually use for them; UTF-8 with a few bad bytes replaced when the rest of the page
is clearly UTF-8; charset detection (charset_normalizer, which trafilatura already depends on); and
last the best lenient decoding. Bad bytes become U+FFFD and are counted, never fatal; only bytes
that are not text at all (NUL-heavy binary data) are refused.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .common import DecodeFailure, split_bom, utf16_codec

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# WHATWG Encoding Standard: labels browsers decode as a superset (Python's codec names as keys).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
}
# A page is "UTF-8 with stray bytes" when its valid multi-byte characters outnumber the bad bytes
# this many times; a Latin-1 or GBK page read as UTF-8 has (almost) no valid multi-byte characters.
UTF8_MAJORITY = 10
# More control bytes (NUL and the other C0 codes text never uses) than this share of the page means
# binary data, not a page with a stray NUL.
MAX_CONTROL_SHARE = 0.01
_CONTROL = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])


@dataclass(frozen=True)
class Decoded:
    """A decoded page: its text, the codec used and how many undecodable bytes became U+FFFD."""

    text: str
    charset: str
    replaced: int = 0


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if it names a codec Python knows."""
    match = _CHARSET.search(head)
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def _codec(name: str | None) -> str | None:
    """Python's codec for a charset label, widened to the superset browsers use; None if unknown."""
    if not name:
        return None
    try:
        python_name = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return _SUPERSETS.get(python_name, python_name)


def _lenient(data: bytes, codec: str) -> Decoded:
    text = data.decode(codec, errors="replace")
    already = data.count(b"\xef\xbf\xbd") if codec == "utf-8" else 0  # U+FFFD written in the page
    return Decoded(text, codec, max(text.count("\ufffd") - already, 0))


def _detected(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a trafilatura dependency
        return None
    best = from_bytes(data[:65536]).best()
    return _codec(best.encoding) if best is not None else None


def decode_html(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes the way a browser would (see the module docstring); raises DecodeFailure
    only for binary data. NUL bytes in a text page are dropped and counted as replaced."""
    body, bom_codec = split_bom(data)
    if bom_codec is None and utf16_codec(body):
        bom_codec = utf16_codec(body)
    if bom_codec and bom_codec != "utf-8":
        return _lenient(body, bom_codec)
    nuls = body.count(b"\x00")
    controls = len(body) - len(body.translate(None, _CONTROL))
    if controls > MAX_CONTROL_SHARE * max(len(body), 1):
        first = min(i for i in (data.find(bytes([c])) for c in _CONTROL) if i >= 0)
        raise DecodeFailure(
            f"binary data: control byte 0x{data[first]:02x} at byte offset {first} ({controls:,} in all); "
            "this is not an HTML page"
        )
    if nuls:
        body = body.replace(b"\x00", b"")
    try:
        return Decoded(body.decode("utf-8"), "utf-8", nuls)
    except UnicodeDecodeError:
        pass
    declared = [c for c in dict.fromkeys((_codec(http_charset), declared_charset(body[:4096]))) if c]
    if bom_codec == "utf-8":
        declared = []  # a UTF-8 BOM outranks any label, as in browsers
    for codec in declared:
        try:
            return Decoded(body.decode(codec), codec, nuls)
        except (UnicodeDecodeError, LookupError):
            continue
    utf8 = _lenient(body, "utf-8")
    multibyte = sum(1 for ch in utf8.text if ord(ch) > 0x7F) - utf8.replaced
    if bom_codec == "utf-8" or multibyte >= UTF8_MAJORITY * utf8.replaced:
        return Decoded(utf8.text, "utf-8", utf8.replaced + nuls)
    guesses = [c for c in dict.fromkeys([*declared, _detected(body)]) if c]
    options = [_lenient(body, c) for c in guesses] + [utf8]
    best = min(options, key=lambda d: d.replaced)  # first of equals: declared before detected
    return Decoded(best.text, best.charset, best.replaced + nuls)

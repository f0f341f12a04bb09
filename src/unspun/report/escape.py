"""Input-derived strings made safe for a terminal: what a file name or id says is shown, not obeyed.

A file name or article id may hold an ESC sequence (which recolours, retitles or clears the
terminal), a right-to-left override (which makes `evil.txt\u202egpj.exe` read as something else) or
rich markup (`[bold]`, or a stray `[/]` that makes rich raise). `safe` shows each such character as
a visible escape (`\\x1b`, `\\u202e`) and escapes rich markup; every line the CLI prints about an
input goes through it.
"""
from __future__ import annotations

import re

# C0 and C1 controls (tab and newline too: one input field is one line of output), DEL, and the
# Unicode bidi controls, line/paragraph separators and the BOM.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(text: str) -> str:
    """`text` with control, bidi and surrogate characters shown as escapes (for plain print)."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def safe(text: object) -> str:
    """`plain(text)` with rich markup escaped too: for console.print of input-derived strings."""
    from rich.markup import escape

    return escape(plain(str(text)))

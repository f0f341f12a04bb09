"""Quote scanning (pure, no NLP): where quotations open and close, in any mark style."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span

_OPEN_DOUBLE = "“„«‟"
_CLOSE_FOR = {"“": "”", "„": "“”", "«": "»", "‟": "”", '"': '"', "‘": "’", "‚": "‘’", "‹": "›"}
# Mixed marks ("“It's unusual,“ said X", "“I disagree," said X", "\"Fine,” she said"): a wrong double
# mark closes a quote only in closing position, right after , . ! ? and before a space or the end
_MIXED_CLOSE = {"“": '"“', '"': "”"}


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: `pieces` are spans inside the marks (one per paragraph of a multi-paragraph quote)."""

    start: int  # position of the opening mark
    end: int  # position after the closing mark (or end of the last paragraph if unclosed)
    pieces: tuple[Span, ...]
    marks: str


_TWO_CHAR_MARKS = re.compile(r"``|''")


def double_marks(text: str) -> str:
    """Typewriter-style quotes (''like this'' in NYT archives, ``like this'' in treebank text) as
    straight double quotes, keeping every offset: an opening pair becomes ' "', a closing one '" '."""
    if "''" not in text and "``" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        i = m.start()
        prev = text[i - 1] if i else " "
        nxt = text[i + 2] if i + 2 < len(text) else " "
        opening = m.group() == "``" or ((prev.isspace() or prev in "([{—–-") and not nxt.isspace())
        return ' "' if opening else '" '

    return _TWO_CHAR_MARKS.sub(one, text)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotations in `text`: curly, straight, guillemets and low-9 marks; single marks only
    when they cannot be apostrophes.  Quotes nested inside another quote stay part of the outer one;
    a quote whose paragraph ends unclosed and whose next paragraph opens with a mark continues there
    (the newspaper convention for quotes that span paragraphs).  Typewriter double marks
    (''like this'') count as double quotes (`double_marks`; offsets are unchanged)."""
    text = double_marks(text)
    out: list[QuoteSpan] = []
    n = len(text)
    i = 0
    while (mark := _MARK.search(text, i)) is not None:
        i = mark.start()
        ch = text[i]
        if not _opening_at(text, i):
            i += 1
            continue
        closers = _CLOSE_FOR[ch]
        pieces: list[Span] = []
        piece_start = i + 1
        j = _next_stop(text, i + 1, ch)
        closed_at = -1
        while j < n:
            c = text[j]
            if c == "\n":
                # paragraph break inside a quote: continue only if the next paragraph reopens
                k = j
                while k < n and text[k] in " \t\r\n\u00a0":
                    k += 1
                if k < n and text[k] in (ch, *_OPEN_DOUBLE) and text[k] in _CLOSE_FOR and _opening_at(text, k):
                    pieces.append((piece_start, rstrip_end(text, piece_start, j)))
                    piece_start = k + 1
                    j = _next_stop(text, k + 1, ch)
                    continue
                break
            if j > i + 1 and (c in closers and _closing_at(text, j, ch) or _mixed_close(text, j, ch)):
                closed_at = j
                break
            j = _next_stop(text, j + 1, ch)
        if closed_at >= 0:
            pieces.append((piece_start, closed_at))
            end = closed_at + 1
            marks = ch + text[closed_at]
        else:
            stop = j if j <= n else n
            if not pieces and (stop - i) < 3:
                i += 1
                continue
            if ch in "‘‚‹" or (ch == '"' and not pieces and "\n" not in text[i:stop] and stop < n):
                # an unclosed single mark is usually an apostrophe or a typo: not a quote
                pass
            pieces.append((piece_start, rstrip_end(text, piece_start, stop)))
            end = pieces[-1][1]
            marks = ch
        pieces = [p for p in pieces if p[1] > p[0]]
        if pieces:
            out.append(QuoteSpan(i, end, tuple(pieces), marks))
        i = max(end, i + 1)
    return out


# why regexes: scanning character by character in Python cost more than parsing the quote-free text
_MARK = re.compile("[" + re.escape("".join(_CLOSE_FOR)) + "]")
_STOPS = {ch: re.compile("[\n" + re.escape(closers + _MIXED_CLOSE.get(ch, "")) + "]") for ch, closers in _CLOSE_FOR.items()}


def _next_stop(text: str, j: int, opener: str) -> int:
    """Position of the next line break or possible closing mark for `opener` at or after j (else len)."""
    m = _STOPS[opener].search(text, j)
    return m.start() if m else len(text)


def rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _opening_at(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in _CLOSE_FOR:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and ch != "«":
        return False
    if ch in "“„«‟":
        return True
    if ch == '"':
        return not _is_word(prev)
    # single marks: only where an apostrophe cannot be (not after a letter, followed by a letter)
    return not _is_word(prev) and (nxt.isalnum() or nxt in "‘“\"")


def _mixed_close(text: str, j: int, opener: str) -> bool:
    """A double mark of the other style closing the quote (see `_MIXED_CLOSE`)."""
    if text[j] not in _MIXED_CLOSE.get(opener, ""):
        return False
    nxt = text[j + 1] if j + 1 < len(text) else " "
    return text[j - 1] in ",.!?" and (nxt.isspace() or nxt in "—–")


def _closing_at(text: str, j: int, opener: str) -> bool:
    c = text[j]
    nxt = text[j + 1] if j + 1 < len(text) else " "
    if opener in "‘‚‹":
        # a closing single mark followed by a letter is an apostrophe (don’t, ’90s inside)
        return not _is_word(nxt)
    if c == '"':
        prev = text[j - 1]
        return not prev.isspace() or not _is_word(nxt)
    return True

"""Which of two clause orders of one sentence is news's usual one.

Spinners move a trailing adverbial clause to the front ("Entries closed early because demand was high" ->
"Because demand was high, entries closed early"). News writers put most such clauses last: in 33,400
PolNeAR sentences and 10,940 MRPC news sentences, 96% of "because" clauses and 95% of "before" clauses
trail, against 58-70% for "although", "despite" and "if". So when two matched sentences differ only in
where the clause sits, the fronted version is the likelier rewrite, by the log-odds of the two orders in
news: a log-likelihood ratio in bits, the same unit as the word-choice vote.
`benchmarks/edits/clause_order.py` recounts the table from the two corpora (read at run time, not shipped).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..tokens import ASCII_WORD, STOPWORDS

# Sentences of PolNeAR (train + dev) and MRPC (train + test) that start with the word and have a comma
# (fronted), and that use it after their first word (trailing): benchmarks/edits/clause_order.py.
# "as" is left out: most of its uses are not clauses ("as well as", "such as").
ORDER_COUNTS: dict[str, tuple[int, int]] = {
    "because": (33, 856),
    "before": (34, 685),
    "after": (242, 1440),
    "when": (229, 1213),
    "while": (228, 650),
    "although": (65, 97),
    "though": (62, 198),
    "if": (422, 989),
    "since": (80, 595),
    "unless": (8, 43),
    "until": (14, 265),
    "once": (22, 192),
    "despite": (67, 131),
}
_FRONTED = re.compile(r"\W*(" + "|".join(ORDER_COUNTS) + r")\b([^,;:]{3,200}),\s", re.IGNORECASE)
_MIN_SHARED = 0.6  # share of each part's content words found in its counterpart in the other sentence


@dataclass(frozen=True)
class Reorder:
    """A clause fronted on `side` and trailing on the other; `bits` favours the trailing side."""

    side: str  # "a" | "b": the version with the fronted clause
    word: str
    bits: float
    clause: str


def order_bits(word: str) -> float:
    """log2 of how much likelier news puts a `word` clause last than first (add-one smoothed)."""
    fronted, trailing = ORDER_COUNTS[word]
    return math.log2((trailing + 1) / (fronted + 1))


def _fronted(sentence: str) -> tuple[str, str, str] | None:
    """(word, clause, main clause) of a sentence that opens with a subordinate clause."""
    m = _FRONTED.match(sentence)
    return (m.group(1).casefold(), m.group(2), sentence[m.end():]) if m else None


def _content(text: str) -> list[str]:
    words = ASCII_WORD.findall(text.casefold())
    return [w for w in words if w not in STOPWORDS] or words


def _shared(part: str, pool: str) -> float:
    want, have = _content(part), set(ASCII_WORD.findall(pool.casefold()))
    return sum(w in have for w in want) / len(want) if want else 0.0


def _trails(sentence: str, word: str, clause: str, main: str) -> bool:
    """True when `sentence` is the same two clauses the other way round: what comes before `word` is mostly
    the main clause and what follows it mostly the subordinate clause, both ways (a shuffle, or a merged
    sentence that merely contains the word, is not a reordering)."""
    m = re.search(rf"(?<=\S)\W+{word}\b", sentence, re.IGNORECASE)
    if not m:
        return False
    head, tail = sentence[: m.start()], sentence[m.end():]
    shares = (_shared(clause, tail), _shared(tail, clause), _shared(main, head), _shared(head, main))
    return min(shares) >= _MIN_SHARED


def reorder(sentence_a: str, sentence_b: str) -> Reorder | None:
    """The clause that one version fronts and the other keeps trailing, or None."""
    fa, fb = _fronted(sentence_a), _fronted(sentence_b)
    if bool(fa) == bool(fb):
        return None
    side, (word, clause, main), other = ("a", fa, sentence_b) if fa else ("b", fb, sentence_a)
    if not _trails(other, word, clause, main):
        return None
    return Reorder(side, word, order_bits(word), clause.strip())

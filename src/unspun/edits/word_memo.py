"""Per-process memos of pure per-word answers (a stem, a spelling key, a word's kind), shared by the edit rules.

A corpus has a vocabulary, so an answer that depends on the word alone is worth keeping: a dict read in C per
word, where an `lru_cache` call costs ~4x as much. Each memo is bounded (cleared when full), and since every
answer is a pure function of its word, what was processed before never changes a result.
"""
from __future__ import annotations

from collections.abc import Callable

from ..tokens import light_stem

MEMO_MAX = 1 << 17


def remember(memo: dict, key: object, value: object, limit: int = MEMO_MAX) -> None:
    """Keep one answer in a per-process memo, emptying it first when it holds `limit` (a corpus has a
    vocabulary: the memo refills with the words in use)."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value


def memoized(memo: dict, fn: Callable[[str], object], keys: list[str]) -> list:
    """fn of each key through the per-process memo `memo` (new keys computed once; cleared when full). A
    warm memo answers in one C pass (a miss raises, and the new keys are filled in)."""
    try:
        return list(map(memo.__getitem__, keys))
    except KeyError:
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo.update((k, fn(k)) for k in set(keys).difference(memo))
        return list(map(memo.__getitem__, keys))


SPELLINGS: dict[str, str] = {}  # `forms.spelling_key` per token key (filled by its callers: forms imports this)
STEMS: dict[str, str] = {}  # `light_stem` per token key: fixed expressions are matched on it


def light_stems(keys: list[str]) -> list[str]:
    """`light_stem` of each key, through the shared memo."""
    return memoized(STEMS, light_stem, keys)

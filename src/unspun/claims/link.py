"""Linking claims across the articles of a story: the same claim (exact, reworded, altered) and where it
appeared first."""
from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Mapping, Sequence

from ..records import Article, Claim, ClaimMention, ClaimsResult, LinkedClaim
from .extract import ClaimExtractor, default_extractor

__all__ = ["claims_for_articles", "link_claims"]

_WORD = re.compile(r"\w+")


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _norm(s: str) -> str:
    return " ".join(_words(s))


def _similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    sa, sb = set(wa), set(wb)
    overlap = len(sa & sb) / min(len(sa), len(sb))
    ratio = SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    return max(ratio, 0.5 * overlap + 0.5 * ratio if min(len(sa), len(sb)) >= 3 else ratio)


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    ta, tb = set(_words(a)), set(_words(b))
    return bool(ta & tb)


def link_claims(
    articles: Sequence[tuple[str, str, str | None]],
    claims_by_article: Mapping[str, list[Claim]],
    order: Sequence[str] | None = None,
    min_score: float = 0.6,
) -> list[LinkedClaim]:
    """Group the same claim across articles (id, text, published) and name its first appearance.

    Two claims are linked when their wording scores >= `min_score` (word-sequence ratio blended with
    word overlap) and their speakers are compatible.  The first appearance is the earliest by position
    in `order` (provenance, original first; articles not in it come after), then by `published`
    (dated before undated), then by input order.  A
    direct quote with the same speaker but different wording is `altered` and carries every wording.
    """
    rank = {aid: i for i, aid in enumerate(order or ())}
    pos = {aid: i for i, (aid, _, _) in enumerate(articles)}
    dates = {aid: (pub or "") for aid, _, pub in articles}

    def key(aid: str) -> tuple[int, int, str, int]:
        # provenance (original before its copies) beats dates: a copy can carry an earlier timestamp
        d = dates.get(aid, "")
        return (rank.get(aid, len(rank)), 0 if d else 1, d, pos.get(aid, len(pos)))

    items: list[tuple[str, int, Claim]] = []
    for aid in sorted(claims_by_article, key=key):
        for ci, c in enumerate(claims_by_article[aid]):
            if len(_words(c.text)) >= 2:
                items.append((aid, ci, c))
    groups = _group(items, min_score)
    return [_linked(g, n) for n, g in enumerate((g for g in groups if len(g) >= 2), 1)]


Member = tuple[str, int, Claim, float]  # (article id, claim index, claim, score against the group)


def _group(items: Sequence[tuple[str, int, Claim]], min_score: float) -> list[list[Member]]:
    """Greedy grouping in first-appearance order: each claim joins the best-scoring group that has no
    claim of its article yet and a compatible speaker, else starts a group."""
    groups: list[list[Member]] = []
    for aid, ci, c in items:
        best: tuple[float, int] | None = None
        for gi, g in enumerate(groups):
            if any(m[0] == aid for m in g):
                continue
            head = g[0][2]
            if not _same_speaker(head.speaker, c.speaker):
                continue
            s = max(_similarity(head.text, c.text), max(_similarity(m[2].text, c.text) for m in g))
            if s >= min_score and (best is None or s > best[0]):
                best = (s, gi)
        if best is None:
            groups.append([(aid, ci, c, 1.0)])
        else:
            groups[best[1]].append((aid, ci, c, best[0]))
    return groups


def _linked(g: list[Member], n: int) -> LinkedClaim:
    """The n-th linked claim from a group: how each mention matches the first, and the wordings."""
    head = g[0][2]
    mentions = []
    wordings: list[str] = []
    for k, (aid, ci, c, s) in enumerate(g):
        same = _norm(c.text) == _norm(head.text)
        if k == 0:
            match = "first"
        elif same:
            match = "exact"
        elif c.kind == "direct" and head.kind == "direct":
            match = "altered"
        else:
            match = "reworded"
        if c.kind == "direct" and _norm(c.text) not in {_norm(w) for w in wordings}:
            wordings.append(c.text)
        mentions.append(ClaimMention(aid, ci, c.content_span, c.speaker_span, c.text, c.speaker, match, round(s, 3)))
    altered = any(m.match == "altered" for m in mentions)
    speaker = next((m.speaker for m in mentions if m.speaker), None)
    return LinkedClaim(
        id=f"claim-{n}",
        speaker=speaker,
        kind=head.kind,
        stance=head.stance,
        text=head.text,
        first=mentions[0],
        repetitions=tuple(mentions[1:]),
        altered=altered,
        wordings=tuple(wordings) if altered else (),
    )


def claims_for_articles(
    articles: Sequence[Article],
    groups: Sequence[tuple[str, Sequence[str], Sequence[str]]] | None = None,
    extractor: ClaimExtractor | None = None,
    min_score: float = 0.6,
    workers: int = 0,
) -> ClaimsResult:
    """Extract claims from every article (batched, over `workers` processes, 0 = one per core) and
    link them within each group.

    `groups` holds (group id, article ids, provenance order) per story; None links across all
    articles, ordered by published date then input order.  Linked-claim ids are "<group id>-claim-<n>"
    ("claim-<n>" for an unnamed group), so they stay unique across stories.
    """
    ex = extractor or default_extractor()
    extracted = ex.extract_many([a.text for a in articles], n_process=workers)
    by_id = {a.id: tuple(c) for a, c in zip(articles, extracted)}
    meta = {a.id: (a.id, a.text, a.published) for a in articles}
    if groups is None:
        groups = [("", [a.id for a in articles], ())]
    linked: list[LinkedClaim] = []
    for name, ids, order in groups:
        members = [meta[i] for i in ids if i in meta]
        if len(members) < 2:
            continue
        found = link_claims(members, {m[0]: list(by_id[m[0]]) for m in members}, order=order, min_score=min_score)
        prefix = f"{name}-claim-" if name else "claim-"
        linked.extend(replace(lc, id=f"{prefix}{n}") for n, lc in enumerate(found, 1))
    return ClaimsResult(by_id, tuple(linked))

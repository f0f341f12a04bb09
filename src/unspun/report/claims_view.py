"""Claims for people: the HTML "Claims" section (claim → speaker → articles, altered quotes with both
wordings highlighted) and the Rich tables of `unspun claims`.

Pure view-building over `ClaimsResult`; nothing here extracts or links claims.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from rich.console import Console
from rich.table import Table

from ..records import Claim, ClaimsResult, LinkedClaim, Span
from .segments import Segment, segments

STANCE_STYLE = {"deny": "bold red", "dispute": "yellow", "report": "cyan", "assert": ""}
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class ClaimItem:
    """One claim as the report shows it: where it appears and, for altered quotes, each wording."""

    text: str
    kind: str
    stance: str
    articles: tuple[tuple[str, str], ...]  # (article id, match: first | exact | reworded | altered)
    altered: bool = False
    wordings: tuple[tuple[Segment, ...], ...] = ()  # first wording, then each altered one, diffs marked
    linked_id: str = ""
    answers: str = ""  # the claim a denial or dispute responds to ("Leonid Nevzlin: he had a heart attack")


@dataclass(frozen=True)
class SpeakerClaims:
    speaker: str
    items: tuple[ClaimItem, ...]
    kind: str = "named"  # the speaker kind (records.Claim.speaker_kind); "vague" groups are shown apart
    role: str = ""  # the first title or description the articles give the speaker


def word_diff_marks(a: str, b: str) -> tuple[list[tuple[Span, str, str]], list[tuple[Span, str, str]]]:
    """Character spans of the words that differ between two wordings, for highlighting both sides."""
    ta = list(_TOKEN.finditer(a))
    tb = list(_TOKEN.finditer(b))
    norm = lambda ms: [m.group(0).lower().strip(".,;:!?“”\"'‘’") for m in ms]  # noqa: E731
    marks_a: list[tuple[Span, str, str]] = []
    marks_b: list[tuple[Span, str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, norm(ta), norm(tb), autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            marks_a.append(((ta[i1].start(), ta[i2 - 1].end()), "edit-high", f"{op}d in the other wording"))
        if j2 > j1:
            marks_b.append(((tb[j1].start(), tb[j2 - 1].end()), "edit-high", f"{op}d from the first wording"))
    return marks_a, marks_b


def altered_wordings(lc: LinkedClaim) -> tuple[tuple[Segment, ...], ...]:
    """The first wording with every word some later wording changed, then each later wording with
    its changes against the first."""
    if not lc.wordings:
        return ()
    first = lc.wordings[0]
    first_marks: list[tuple[Span, str, str]] = []
    others = []
    for w in lc.wordings[1:]:
        ma, mb = word_diff_marks(first, w)
        first_marks.extend(ma)
        others.append(tuple(segments(w, mb)))
    return (tuple(segments(first, _merge(first_marks))), *others)


def _merge(marks: list[tuple[Span, str, str]]) -> list[tuple[Span, str, str]]:
    out: list[tuple[Span, str, str]] = []
    for span, css, label in sorted(marks):
        if out and span[0] <= out[-1][0][1]:
            prev = out[-1]
            out[-1] = ((prev[0][0], max(prev[0][1], span[1])), css, prev[2])
        else:
            out.append((span, css, label))
    return out


def _answers(claims: list[Claim], c: Claim) -> str:
    """"speaker: text" of the claim `c` responds to, or ""."""
    if c.responds_to is None or not 0 <= c.responds_to < len(claims):
        return ""
    target = claims[c.responds_to]
    return f"{target.speaker or 'unattributed'}: {target.text}"


def speaker_groups(result: ClaimsResult, limit: int = 2000) -> list[SpeakerClaims]:
    """Claims grouped by speaker: linked claims (with every article they appear in) first, then the
    claims seen in one article; speakers quoted in the most articles come first, vague sources
    ("some", "reports", "critics") after every named speaker, unattributed claims last."""
    linked_keys = {(m.article, m.claim_index) for lc in result.linked for m in (lc.first, *lc.repetitions)}
    by_speaker: dict[str, list[ClaimItem]] = {}
    kinds: dict[str, str] = {}
    roles: dict[str, str] = {}

    def note(name: str, c: Claim | None) -> None:
        if c is not None:
            kinds.setdefault(name, c.speaker_kind or "named")
            if c.role:
                roles.setdefault(name, c.role)

    for lc in result.linked:
        arts = tuple((m.article, m.match) for m in (lc.first, *lc.repetitions))
        claims = result.articles.get(lc.first.article, [])
        first = claims[lc.first.claim_index] if lc.first.claim_index < len(claims) else None
        answers = _answers(claims, first) if first is not None else ""
        item = ClaimItem(lc.text, lc.kind, lc.stance, arts, lc.altered, altered_wordings(lc), lc.id, answers)
        by_speaker.setdefault(lc.speaker or "(unattributed)", []).append(item)
        note(lc.speaker or "(unattributed)", first)
    shown = sum(len(v) for v in by_speaker.values())
    for aid, claims in result.articles.items():
        for i, c in enumerate(claims):
            if (aid, i) in linked_keys or shown >= limit:
                continue
            by_speaker.setdefault(c.speaker or "(unattributed)", []).append(
                ClaimItem(c.text, c.kind, c.stance, ((aid, "first"),), answers=_answers(claims, c))
            )
            note(c.speaker or "(unattributed)", c)
            shown += 1

    def reach(items: list[ClaimItem]) -> int:
        return len({a for it in items for a, _ in it.articles})

    ordered = sorted(by_speaker.items(), key=lambda kv: (
        kv[0] == "(unattributed)", kinds.get(kv[0]) == "vague", -reach(kv[1]), kv[0]))
    return [SpeakerClaims(s, tuple(items), "" if s == "(unattributed)" else kinds.get(s, "named"), roles.get(s, ""))
            for s, items in ordered]


# -- terminal ------------------------------------------------------------------------------------------


def print_claims(result: ClaimsResult, console: Console, titles: Mapping[str, str] | None = None) -> None:
    """One table of claims per article, then the claims found in more than one article."""
    titles = titles or {}
    total = sum(len(c) for c in result.articles.values())
    console.print(f"[bold]{total}[/] claims in [bold]{len(result.articles)}[/] articles, "
                  f"[bold]{len(result.linked)}[/] seen in more than one article")
    for aid, claims in result.articles.items():
        if not claims:
            continue
        title = f"{aid}" + (f" — {titles[aid]}" if titles.get(aid) else "")
        table = Table(title=title, title_justify="left")
        table.add_column("speaker", overflow="fold", ratio=1)
        table.add_column("cue", no_wrap=True)
        table.add_column("stance", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("claim", overflow="fold", ratio=3)
        for c in claims:
            _claim_row(table, c)
        console.print(table)
    if result.linked:
        table = Table(title="Claims across articles", title_justify="left")
        table.add_column("speaker", overflow="fold", ratio=1)
        table.add_column("claim", overflow="fold", ratio=3)
        table.add_column("first", overflow="fold", ratio=1)
        table.add_column("also in", overflow="fold", ratio=2)
        for lc in result.linked:
            also = ", ".join(f"{m.article} ({m.match})" for m in lc.repetitions)
            text = _esc(lc.text)
            if lc.altered:
                text += "\n[bold red]altered:[/] " + " | ".join(f"“{_esc(w)}”" for w in lc.wordings[1:])
            table.add_row(_esc(lc.speaker or "?"), text, lc.first.article, also)
        console.print(table)


def _claim_row(table: Table, c: Claim) -> None:
    style = STANCE_STYLE.get(c.stance, "")
    stance = f"[{style}]{c.stance}[/]" if style else c.stance
    who = (c.speaker or "?") + (" (vague)" if c.speaker_kind == "vague" else "")
    table.add_row(_esc(who), _esc(c.cue or "—"), stance, c.kind, _esc(c.text))


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s)


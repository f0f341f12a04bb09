"""Rich terminal summary of a scan: counts, skipped inputs, a table of story groups and each story's original."""
from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from ..records import ScanResult, Story, light_pairs, loose_pairs, pairs_by_story
from .escape import safe

RELATION_STYLE = {"exact": "bold red", "near-duplicate": "yellow", "rewrite": "cyan", "sibling": "magenta", "same-story": "dim"}


SUMMARY_ROWS = 200
"""Pair rows (and story rows) the terminal tables show at most: a 10k-article scan has ~8,500 pairs, which took
Rich ~10 s to lay out and no reader reads in a terminal; the JSON and HTML reports hold every one."""


def print_summary(result: ScanResult, console: Console, max_rows: int = SUMMARY_ROWS) -> None:
    """Counts, then what was skipped and why, then one row per related pair grouped by story (the first
    `max_rows` pairs, whole stories, and a line saying how many more there are)."""
    removed = sum(len(a.removed) for a in result.articles)
    console.print(
        f"[bold]{len(result.articles)}[/] articles read, [bold]{len(result.errors)}[/] skipped, "
        f"{removed} repeated captions/sentences set aside, [bold]{len(result.pairs)}[/] related pairs"
    )
    for note in result.notes:
        console.print(f"[dim]note:[/] {safe(note)}")
    if result.errors:
        table = Table(title="Skipped inputs", title_justify="left")
        table.add_column("source")
        table.add_column("line", justify="right")
        table.add_column("reason")
        for e in result.errors:
            table.add_row(safe(e.source), "" if e.line is None else str(e.line), safe(e.reason))
        console.print(table)
    grouped = pairs_by_story(result.stories, light_pairs(result.pairs))
    table = Table(title="Story groups", title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("a", overflow="fold", ratio=1)
    table.add_column("b", overflow="fold", ratio=1)
    table.add_column("relation", no_wrap=True)
    for col in ("score", "cov a", "cov b"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("original", overflow="fold", ratio=1)
    linked = [s for s in result.stories if len(s.articles) > 1]
    rows = shown = 0
    for story in linked:
        own = grouped.get(story.id, ())
        if rows and rows + len(own) > max_rows:
            break
        for p in own:
            style = RELATION_STYLE.get(p.relation, "")
            table.add_row(
                story.id, safe(p.a), safe(p.b), f"[{style}]{p.relation}[/]", f"{p.score:.2f}",
                f"{p.coverage_a:.0%}", f"{p.coverage_b:.0%}", safe(p.original or "unknown"),
            )
        table.add_section()
        rows, shown = rows + len(own), shown + 1
    singles = len(result.stories) - len(linked)
    if result.pairs:
        console.print(table)
        console.print(_originals_table(linked[:max_rows]))
        _more(console, len(linked) - shown, sum(len(grouped.get(s.id, ())) for s in linked) - rows,
              len(linked) - max_rows)
        if loose := len(loose_pairs(result.stories, light_pairs(result.pairs))):
            console.print(f"[dim]{loose} pairs whose first article has no copy here "
                          "(independent reports of one event) are not in these tables: --json holds them, and --html "
                          "lists them under \"Independent reports of one event\".[/]")
    console.print(f"{singles} article{'' if singles == 1 else 's'} with no copy or rewrite in this corpus.")


def _more(console: Console, stories: int, pairs: int, originals: int) -> None:
    """What the capped tables left out, so that nothing is dropped silently."""
    if stories > 0:
        console.print(f"[dim]{pairs} more pairs in {stories} more stories are not shown here: "
                      f"--json and --html hold every one.[/]")
    if originals > 0:
        console.print(f"[dim]{originals} more stories' originals are not shown here: --json and --html hold them.[/]")


def _originals_table(linked: Sequence[Story]) -> Table:
    """One row per story (of two or more articles): the story's original (read from all its pairs, so it can differ
    from a single pair's verdict), the members holding its exact text, and the first reason given."""
    table = Table(title="Story originals", title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("original", overflow="fold", ratio=1)
    table.add_column("identical copies", overflow="fold", ratio=1)
    table.add_column("why", overflow="fold", ratio=3)
    for story in linked:
        why = story.original_signals[0] if story.original_signals else ""
        table.add_row(story.id, safe(story.original or "unknown"), safe(", ".join(story.identical)), safe(why))
    return table

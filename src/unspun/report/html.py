"""Self-contained HTML report: one section per story, two texts side by side, matches highlighted.

Article text is untrusted: the template autoescapes everything, and no text is marked safe.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..records import CleanArticle, Pair, ScanResult, light_pairs, loose_pairs, pairs_by_story
from .segments import Mark, segments
from .side_by_side import build_view


def pair_view(pair: Pair, a: CleanArticle, b: CleanArticle) -> dict:
    """Segments for both sides of a pair: matches (numbered), removed noise, and edits."""
    marks_a: list[Mark] = [(r.span, "removed", "removed: " + r.kind) for r in a.removed]
    marks_b: list[Mark] = [(r.span, "removed", "removed: " + r.kind) for r in b.removed]
    for n, m in enumerate(pair.matches, 1):
        label = f"#{n} {m.kind} {m.score:.2f}"
        marks_a.append((m.a_span, m.kind, label))
        marks_b.append((m.b_span, m.kind, label))
    return {
        "pair": pair,
        "a": a,
        "b": b,
        "a_segments": segments(a.article.text, marks_a),
        "b_segments": segments(b.article.text, marks_b),
        "serious_edits": [e for e in pair.edits if e.severity == "high"],
        "other_edits": [e for e in pair.edits if e.severity != "high"],
        "sbs": build_view(a.article.text, b.article.text, pair.matches, pair.edits, a.id, b.id),
    }


def render_html(result: ScanResult, title: str = "unspun report") -> str:
    """The whole report as one HTML string (CSS inline, no scripts, no external assets)."""
    env = Environment(
        loader=PackageLoader("unspun", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    by_id = {a.id: a for a in result.articles}
    grouped = pairs_by_story(result.stories, result.pairs)
    groups = []
    for story in result.stories:
        if len(story.articles) < 2:
            continue
        pairs = grouped.get(story.id, [])
        groups.append({"story": story, "views": [pair_view(p, by_id[p.a], by_id[p.b]) for p in pairs]})
    singletons = [s.articles[0] for s in result.stories if len(s.articles) == 1]
    loose = loose_pairs(result.stories, light_pairs(result.pairs))  # independent reports: no story shows them
    claim_groups = None
    if result.claims is not None:
        from .claims_view import speaker_groups

        claim_groups = speaker_groups(result.claims)
    return env.get_template("report.html").render(
        title=title,
        result=result,
        groups=groups,
        singletons=singletons,
        loose=loose,
        by_id=by_id,
        claim_groups=claim_groups,
    )


def write_html(result: ScanResult, path: str | Path, title: str = "unspun report") -> None:
    Path(path).write_text(render_html(result, title), encoding="utf-8")

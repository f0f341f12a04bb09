"""Passages from sentence matches: for long documents that share a few passages, not whole articles.

`align` returns one `Match` per aligned sentence pair, order-free (spinners reorder). When two long
documents share a passage (a copied section, a paraphrased paragraph, a summary), a reader wants the
passage, not its sentences, and a lone weak sentence match between long texts is usually topical chance
("The company was founded in 1998."). `build_passages` turns matches into passages:

1. Matches scoring below `min_score` are ignored.
2. **Summaries**: a run of matches close together in text a whose partners are spread over most of a
   text b at least `summary_ratio` times longer than the run is one passage covering that span of b
   (a summary condenses several sentences of its source into few; its partners are scattered).
3. **Near-merge**: the remaining matches, in text-a order, join a passage when they lie within
   `max_gap` chars of it in text a AND within `max_gap` chars of its span in text b, before or after
   it (alignment is order-free, so a reordered passage still merges). Passages that grow into each
   other are folded together.
4. A passage made of one match is dropped unless it is at least `min_single_chars` long (text a) and
   scores at least `min_single_score`.
5. **Copy trimming**: a passage whose sentences are all verbatim copies is cut, in both texts, to the
   first and last word bigram the two sides share: a copy that starts or ends mid-sentence does not
   carry the rest of its boundary sentences.

6. With sentence spans given, a paraphrase passage grows over the similar sentence pairs at its ends.
7. Passages whose words overlap too little (`passage_similarity` < `min_similarity`: chance
   neighbours on a shared topic) or that score far below the pair's best passage are dropped.

`align_passages(text_a, text_b)` runs `align_texts` with the long-documents presets and this.
Defaults are tuned on the PAN 2013 text-alignment training corpus (docs/benchmarks-pan13.md). The
result is a list of `Match` records whose spans are passages; `a_sentences`/`b_sentences` list the
sentences merged into each, and `kind` is "copy" only when every merged match was a copy.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass

from .align import align_texts
from .clean import split_sentences
from .config import AlignConfig, CleanConfig
from .records import Match, Span
from .tokens import LETTERS, STOPWORDS, WORD, stem, zipf


@dataclass(frozen=True)
class PassageConfig:
    """How sentence matches become passages (defaults tuned on PAN 2013 training data)."""

    min_score: float = 0.4  # a passage needs a match scoring at least this
    join_min_score: float = 0.4  # weaker matches (down to this) may join a passage, never start one
    max_gap: int = 600  # chars between a match and a passage, in each text, still merged
    min_single_chars: int = 150  # a one-match passage must be at least this long in text a ...
    min_single_score: float = 0.6  # ... and score at least this (lone weak matches are chance)
    min_passage_chars: int = 0  # any passage shorter than this (text a) is dropped
    trim_copies: bool = True  # cut mostly verbatim passages to their first/last shared word run
    trim_min_block: int = 4  # words in a verbatim run
    trim_min_share: float = 0.5  # share of the shorter side's runs found on the other side to be fitted
    trim_extend: int = 1000  # chars a fitted passage may grow beyond its sentences while words agree
    min_similarity: float = 0.3  # passage-level weighted word overlap (`passage_similarity`) a passage needs
    min_similarity_two: float = 0.4  # ... and a passage of only two matches this much
    max_score_drop: float = 0.4  # passages scoring this far below the pair's best passage are dropped
    grow_min_similarity: float = 0.25  # a paraphrase passage takes in the next sentence pair this similar
    grow_max_sentences: int = 2  # ... at most this many at each end (needs sentence spans)
    summary_min_matches: int = 3  # matches (distinct b sentences) a summary run needs; 0 disables
    summary_max_gap: int = 400  # chars between consecutive matches of one summary run in text a
    summary_ratio: float = 2.5  # the run's span in b must be at least this many times its span in a
    summary_min_cover: float = 0.5  # ... and cover at least this share of text b
    summary_min_score: float = 0.3  # summaries condense, so their matches may score this low
    summary_max_source_chars: int = 10_000  # only a short text b is summarised as a whole
    summary_max_cluster: float = 0.6  # a run whose matches mostly sit in one passage of b is not a summary
    summary_cluster_gap: int = 300  # max_gap of the passage test above
    summary_min_containment: float = 0.5  # weighted share of the run's words found in text b (texts given)
    summary_whole_source: bool = True  # a summary of a short text b stands for all of b, not its hull


# "Long documents" presets for align_texts (tuned with the defaults above on PAN 2013): web pages cut
# into sentences of at most 180 chars (lists and menus have no sentence ends), and sentence thresholds
# lowered because passages, not single sentences, decide here (`min_similarity` guards precision).
LONG_DOCUMENTS_CLEAN = CleanConfig(max_sentence_chars=180)
LONG_DOCUMENTS_ALIGN = AlignConfig(min_score=0.36, context_min_score=0.25)


def _near(x0: int, x1: int, y0: int, y1: int, gap: int) -> bool:
    """Intervals [x0,x1) and [y0,y1) overlap or lie within `gap` chars of each other."""
    return y0 <= x1 + gap and x0 <= y1 + gap


@dataclass
class _Group:
    a0: int
    a1: int
    b0: int
    b1: int
    members: list[Match]

    @classmethod
    def of(cls, m: Match) -> _Group:
        return cls(m.a_span[0], m.a_span[1], m.b_span[0], m.b_span[1], [m])

    def absorb(self, other: _Group) -> None:
        self.a0, self.a1 = min(self.a0, other.a0), max(self.a1, other.a1)
        self.b0, self.b1 = min(self.b0, other.b0), max(self.b1, other.b1)
        self.members.extend(other.members)

    def to_match(self) -> Match:
        ms = self.members
        kind = "copy" if all(m.kind == "copy" for m in ms) else "paraphrase"
        length = sum(m.a_span[1] - m.a_span[0] for m in ms)
        score = sum(m.score * (m.a_span[1] - m.a_span[0]) for m in ms) / max(length, 1)
        return Match(
            (self.a0, self.a1),
            (self.b0, self.b1),
            kind,
            round(score, 4),
            tuple(sorted({i for m in ms for i in m.a_sentences})),
            tuple(sorted({j for m in ms for j in m.b_sentences})),
        )


def find_summaries(
    matches: Sequence[Match], len_b: int, config: PassageConfig = PassageConfig(), text_a: str = "", text_b: str = ""
) -> list[list[Match]]:
    """Runs of matches that read as a summary of text b (see module doc, step 2), as match lists.

    With both texts given, most of the run's words (weighted, `containment`) must also occur in b.
    """
    if config.summary_min_matches <= 0 or not 0 < len_b <= config.summary_max_source_chars:
        return []
    ms = sorted((m for m in matches if m.score >= config.summary_min_score), key=lambda m: m.a_span)
    runs: list[list[Match]] = []
    for m in ms:
        if runs and m.a_span[0] - max(x.a_span[1] for x in runs[-1]) <= config.summary_max_gap:
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    for run in runs:
        if len({m.b_span for m in run}) < config.summary_min_matches:
            continue
        a_len = max(m.a_span[1] for m in run) - min(m.a_span[0] for m in run)
        b_len = max(m.b_span[1] for m in run) - min(m.b_span[0] for m in run)
        if b_len < config.summary_ratio * a_len or b_len < config.summary_min_cover * len_b:
            continue
        clusters = merge_near(run, PassageConfig(max_gap=config.summary_cluster_gap))
        if max(len(c) for c in clusters) > config.summary_max_cluster * len(run):
            continue
        a0, a1 = min(m.a_span[0] for m in run), max(m.a_span[1] for m in run)
        if text_a and text_b and containment(text_a[a0:a1], text_b) < config.summary_min_containment:
            continue
        out.append(run)
    return out


def merge_near(matches: Sequence[Match], config: PassageConfig = PassageConfig()) -> list[list[Match]]:
    """Group matches that lie near each other in both texts, in either order (module doc, step 3)."""
    groups: list[_Group] = []
    for m in sorted(matches, key=lambda m: m.a_span):
        g = _Group.of(m)
        for p in reversed(groups[-3:]):  # recent groups only: text a is scanned in order
            if _near(p.a0, p.a1, g.a0, g.a1, config.max_gap) and _near(p.b0, p.b1, g.b0, g.b1, config.max_gap):
                p.absorb(g)
                break
        else:
            groups.append(g)
    changed = True  # growing groups can come to overlap each other; fold those together
    while changed:
        changed = False
        groups.sort(key=lambda p: p.a0)
        out: list[_Group] = []
        for p in groups:
            q = out[-1] if out else None
            if q and _near(q.a0, q.a1, p.a0, p.a1, 0) and _near(q.b0, q.b1, p.b0, p.b1, config.max_gap):
                q.absorb(p)
                changed = True
            else:
                out.append(p)
        groups = out
    return [g.members for g in groups]




@lru_cache(maxsize=1 << 16)
def word_weight(word: str) -> float:
    """Rarer words weigh more: 7 - wordfreq Zipf frequency (English), floored at 0.5."""
    return max(0.5, 7.0 - zipf(word))


def _bag(text: str) -> dict[str, float]:
    bag: dict[str, float] = {}
    for tok in LETTERS.findall(text.casefold()):
        if tok not in STOPWORDS:
            key = stem(tok)
            bag[key] = max(bag.get(key, 0.0), word_weight(tok))
    return bag


def containment(text_a: str, text_b: str) -> float:
    """Weighted share of text_a's content-word stems that also occur in text_b (0..1)."""
    a, b = _bag(text_a), _bag(text_b)
    total = sum(a.values())
    return sum(w for k, w in a.items() if k in b) / total if total else 0.0


def passage_similarity(text_a: str, text_b: str) -> float:
    """Weighted Dice overlap of two passages' content-word stems, rare words weighing more (0..1).

    Order-free and blind to sentence boundaries: a passage whose words were shuffled, or whose
    sentences were split and merged, keeps its score; two passages that merely share a topic share
    its common words but few of its rare ones.
    """
    a, b = _bag(text_a), _bag(text_b)
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return 2 * sum(min(a[k], b[k]) for k in a.keys() & b.keys()) / total


def _words(text: str, span: Span) -> list[tuple[str, int, int]]:
    return [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(text, *span)]


def _extend(text_a: str, pos_a: int, text_b: str, pos_b: int, backward: bool, limit: int) -> tuple[int, int]:
    """Walk from pos_a/pos_b (word boundaries) over words both texts share, up to `limit` chars."""
    if backward:
        wa = _words(text_a, (max(0, pos_a - limit), pos_a))[::-1]
        wb = _words(text_b, (max(0, pos_b - limit), pos_b))[::-1]
    else:
        wa = _words(text_a, (pos_a, min(len(text_a), pos_a + limit)))
        wb = _words(text_b, (pos_b, min(len(text_b), pos_b + limit)))
    k = 0
    while k < min(len(wa), len(wb)) and wa[k][0] == wb[k][0]:
        k += 1
    if not k:
        return pos_a, pos_b
    edge = 1 if backward else 2
    return wa[k - 1][edge], wb[k - 1][edge]


def trim_copy(
    passage: Match, text_a: str, text_b: str, min_block: int = 3, min_share: float = 0.5, extend: int = 0
) -> Match:
    """Fit a mostly verbatim passage to its copied words, in both texts.

    Its ends are cut to the first and last `min_block`-word run the other side also has, then grown
    word by word (up to `extend` chars) while the texts go on agreeing beyond them: a copy that starts
    or ends mid-sentence neither keeps the rest of its boundary sentences nor loses a copied line its
    sentence matching missed. Only passages where at least `min_share` of the shorter side's runs
    occur on the other side are touched (a paraphrase's ends are not marked by shared words). Runs
    are compared as sets, so a passage whose parts were reordered is fitted the same way.
    """
    wa, wb = _words(text_a, passage.a_span), _words(text_b, passage.b_span)
    n = min_block
    if len(wa) < n or len(wb) < n:
        return passage
    ga = [" ".join(w for w, _, _ in wa[i : i + n]) for i in range(len(wa) - n + 1)]
    gb = [" ".join(w for w, _, _ in wb[i : i + n]) for i in range(len(wb) - n + 1)]
    shared = set(ga) & set(gb)
    if len(shared) < min_share * min(len(set(ga)), len(set(gb))):
        return passage
    ia = [i for i, g in enumerate(ga) if g in shared]
    ib = [i for i, g in enumerate(gb) if g in shared]
    a0, a1 = wa[ia[0]][1], wa[ia[-1] + n - 1][2]
    b0, b1 = wb[ib[0]][1], wb[ib[-1] + n - 1][2]
    if extend > 0:
        first_a, last_a = ga[ia[0]], ga[ia[-1]]
        j = gb.index(first_a)
        ea, eb = _extend(text_a, wa[ia[0]][1], text_b, wb[j][1], True, extend)
        a0, b0 = min(a0, ea), min(b0, eb)
        j = len(gb) - 1 - gb[::-1].index(last_a)
        ea, eb = _extend(text_a, wa[ia[-1] + n - 1][2], text_b, wb[j + n - 1][2], False, extend)
        a1, b1 = max(a1, ea), max(b1, eb)
        first_b, last_b = gb[ib[0]], gb[ib[-1]]
        i = ga.index(first_b)
        ea, eb = _extend(text_a, wa[i][1], text_b, wb[ib[0]][1], True, extend)
        a0, b0 = min(a0, ea), min(b0, eb)
        i = len(ga) - 1 - ga[::-1].index(last_b)
        ea, eb = _extend(text_a, wa[i + n - 1][2], text_b, wb[ib[-1] + n - 1][2], False, extend)
        a1, b1 = max(a1, ea), max(b1, eb)
    while a1 < len(text_a) and b1 < len(text_b) and text_a[a1] == text_b[b1] and _is_punct(text_a[a1]):
        a1, b1 = a1 + 1, b1 + 1  # closing punctuation both sides share ("cape." / "said:")
    while a0 > 0 and b0 > 0 and text_a[a0 - 1] == text_b[b0 - 1] and _is_punct(text_a[a0 - 1]):
        a0, b0 = a0 - 1, b0 - 1
    return Match((a0, a1), (b0, b1), passage.kind, passage.score, passage.a_sentences, passage.b_sentences)


def grow_passage(
    passage: Match,
    text_a: str,
    text_b: str,
    sentences_a: Sequence[Span],
    sentences_b: Sequence[Span],
    min_similarity: float,
    max_sentences: int,
) -> Match:
    """Extend a passage over the sentence pairs just before and just after it in both texts while each
    pair's `passage_similarity` reaches `min_similarity` (a paraphrase's edge sentences often score
    below the sentence threshold). Sentence spans must be sorted; at most `max_sentences` per end."""
    (a0, a1), (b0, b1) = passage.a_span, passage.b_span
    starts_a, starts_b = [s for s, _ in sentences_a], [s for s, _ in sentences_b]

    def similar(sa: Span, sb: Span) -> bool:
        return passage_similarity(text_a[sa[0] : sa[1]], text_b[sb[0] : sb[1]]) >= min_similarity

    for _ in range(max_sentences):
        i, j = bisect_left(starts_a, a0) - 1, bisect_left(starts_b, b0) - 1
        if i < 0 or j < 0:
            break
        sa, sb = sentences_a[i], sentences_b[j]
        if not (0 <= a0 - sa[1] <= 5 and 0 <= b0 - sb[1] <= 5 and similar(sa, sb)):
            break
        a0, b0 = sa[0], sb[0]
    for _ in range(max_sentences):
        i, j = bisect_left(starts_a, a1), bisect_left(starts_b, b1)
        if i >= len(sentences_a) or j >= len(sentences_b):
            break
        sa, sb = sentences_a[i], sentences_b[j]
        if not (sa[0] - a1 <= 5 and sb[0] - b1 <= 5 and similar(sa, sb)):
            break
        a1, b1 = sa[1], sb[1]
    if (a0, a1) == passage.a_span and (b0, b1) == passage.b_span:
        return passage
    return Match((a0, a1), (b0, b1), passage.kind, passage.score, passage.a_sentences, passage.b_sentences)


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_punct(ch: str) -> bool:
    return not ch.isspace() and not ch.isalnum() and ch != "_"


def build_passages(
    matches: Sequence[Match],
    text_a: str = "",
    text_b: str = "",
    config: PassageConfig = PassageConfig(),
    sentences_a: Sequence[Span] | None = None,
    sentences_b: Sequence[Span] | None = None,
) -> list[Match]:
    """Passages (as `Match` records, in text-a order) from sentence matches of `text_a` and `text_b`.

    The texts are optional: without them only scores and positions decide (no summaries, fitting or
    similarity filters). With sorted sentence spans of both texts, paraphrase passages also grow over
    similar edge sentences (`grow_passage`).
    """
    summaries = find_summaries(matches, len(text_b), config, text_a, text_b)
    in_summary = {id(m) for run in summaries for m in run}
    groups: list[_Group] = []
    for run in summaries:
        g = _Group.of(run[0])
        for m in run[1:]:
            g.absorb(_Group.of(m))
        if config.summary_whole_source:
            g.b0, g.b1 = _strip(text_b, 0, len(text_b))
        groups.append(g)
    summary_a = [(g.a0, g.a1) for g in groups]
    rest = [
        m for m in matches
        if m.score >= min(config.min_score, config.join_min_score) and id(m) not in in_summary
        and not any(_near(a0, a1, *m.a_span, 0) for a0, a1 in summary_a)
    ]
    for members in merge_near(rest, config):
        g = _Group.of(members[0])
        for m in members[1:]:
            g.absorb(_Group.of(m))
        length = g.a1 - g.a0
        if length < config.min_passage_chars:
            continue
        strong = [m for m in members if m.score >= config.min_score]
        if not strong:
            continue
        if len(members) == 1 and (length < config.min_single_chars or members[0].score < config.min_single_score):
            continue
        groups.append(g)
    out = []
    summary_ids = {id(g) for g in groups[: len(summaries)]}
    passages = {id(g): g.to_match() for g in groups}
    best = max((p.score for p in passages.values()), default=0.0)
    for g in sorted(groups, key=lambda g: (g.a0, g.b0)):
        p = passages[id(g)]
        if p.score < best - config.max_score_drop:
            continue
        if (
            text_a and text_b and id(g) not in summary_ids
            and passage_similarity(text_a[g.a0 : g.a1], text_b[g.b0 : g.b1])
            < (config.min_similarity_two if len(g.members) <= 2 else config.min_similarity)
        ):
            continue
        if config.trim_copies and text_a and text_b and id(g) not in summary_ids:
            p = trim_copy(p, text_a, text_b, config.trim_min_block, config.trim_min_share, config.trim_extend)
        if p.kind != "copy" and sentences_a and sentences_b and id(g) not in summary_ids:
            p = grow_passage(
                p, text_a, text_b, sentences_a, sentences_b, config.grow_min_similarity, config.grow_max_sentences
            )
        out.append(p)
    return out


def align_passages(
    text_a: str,
    text_b: str,
    config: PassageConfig = PassageConfig(),
    align: AlignConfig = LONG_DOCUMENTS_ALIGN,
    clean: CleanConfig = LONG_DOCUMENTS_CLEAN,
) -> list[Match]:
    """Shared passages of two long raw texts: `align_texts` with the long-documents presets, then
    `build_passages`. Spans are offsets into `text_a` and `text_b` as given."""
    matches = align_texts(text_a, text_b, align, clean)
    if not matches:
        return []
    sentences_a = split_sentences(text_a, max_chars=clean.max_sentence_chars)
    sentences_b = split_sentences(text_b, max_chars=clean.max_sentence_chars)
    return build_passages(matches, text_a, text_b, config, sentences_a, sentences_b)

"""From alignments to verdicts: the relation of a pair, and stories (groups of linked articles)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from .align import Alignment, summarize
from .clean import normalize
from .cluster import cluster
from .config import ClusterConfig, RelationConfig
from .fingerprint import PairFacts, detail_inclusion, sentence_features, sentence_immutables, specific_words
from .records import CleanArticle, Match, Pair, Span, Story

COPY_RELATIONS = frozenset({"exact", "near-duplicate", "rewrite"})
"""Relations that put two articles in one story; "same-story" (independent reports) does not."""
STORY_RELATIONS = COPY_RELATIONS | {"sibling"}
"""Relations that link articles into one story: copies, and siblings (two copies of one original)."""


Facts = tuple[PairFacts, PairFacts] | None
"""The two articles' `PairFacts` when the caller keeps them (the scan's pair stage), else None."""


def relation(
    a: CleanArticle, b: CleanArticle, alignment: Alignment, config: RelationConfig, facts: Facts = None
) -> str | None:
    """exact | near-duplicate | rewrite | same-story, or None when the alignment does not support a link.

    An alignment that covers enough but shows no evidence of derivation (`derived`) is "same-story":
    independent reports of one event share people, places and figures, not text.

    Containment uses the better-covered side, so a truncated copy still counts as a copy. `facts` only saves
    work: the verdict is the same without them.
    """
    if a.norm_text and (facts is None or facts[0].folded_hash() == facts[1].folded_hash()) and (
        _folded(a.article.text) == _folded(b.article.text)
    ):
        return "exact"
    containment = max(alignment.coverage_a, alignment.coverage_b)
    enough_sentences = len(alignment.matches) >= min(
        config.min_matched_sentences, len(a.sentences), len(b.sentences)
    )
    if not enough_sentences:
        return None
    if a.norm_text and _same_folded(a.norm_text, b.norm_text):
        return "near-duplicate"  # same kept text; only scraper noise differed
    if alignment.copy_coverage >= config.near_duplicate_copy_coverage:
        return "near-duplicate"
    if containment >= config.rewrite_coverage and (
        alignment.score >= config.min_pair_score * min(1.0, 2 * min(alignment.coverage_a, alignment.coverage_b))
        or retells(a, b, alignment, config, facts)
    ):
        return "rewrite" if derived(a, b, alignment, config, facts) else "same-story"
    return None


def _same_folded(x: str, y: str) -> bool:
    """x.casefold() == y.casefold(), without folding two ASCII texts of different lengths (casefolding ASCII
    keeps the length): most pairs, at ~3 us a text."""
    if len(x) != len(y) and x.isascii() and y.isascii():
        return False
    return x.casefold() == y.casefold()


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    """The whole text normalized and casefolded, for the exact-copy test. Memoized (pure): the pair stage takes
    pairs sorted by first article, so an article meets several candidates in a row."""
    return normalize(text).casefold()


_RETELL_ORDER = 0.8  # share of match pairs in the same order on both sides
_RETELL_REACH = 2 / 3  # the last match lies past this share of the longer text


def retells(
    a: CleanArticle, b: CleanArticle, alignment: Alignment, config: RelationConfig, facts: Facts = None
) -> bool:
    """The pair gate's second path: the shorter text retells the whole longer one. A chatbot rewrite of a
    30-sentence article keeps 7-8 sentences' worth, so the long side is a quarter covered and the pair score,
    weighted by that coverage, stays under the gate. A retelling matches the shorter text's whole sentence
    plan (coverage >= `derived_plan_coverage`), follows the longer one's order (`_RETELL_ORDER` of match
    pairs) to its end (`_RETELL_REACH`), and most of its specific words are the longer one's
    (>= `derived_min_inclusion`); a brief written independently from the same event covers the lead of a
    long report, in its own order, with details of its own. `derived` still decides the relation."""
    len_a, len_b = _kept(a, b, facts)
    short_is_a = len_a <= len_b
    if (alignment.coverage_a if short_is_a else alignment.coverage_b) < config.derived_plan_coverage and (
        ordered_coverage(*((a, b) if short_is_a else (b, a)), alignment.matches, short_is_a,
                         None if facts is None else facts if short_is_a else facts[::-1]) < _RETELL_ORDERED
    ):
        return False
    matches = sorted(alignment.matches, key=lambda m: (m.a_span[0], m.b_span[0]))
    starts = [m.b_span[0] for m in matches]
    pairs = len(starts) * (len(starts) - 1) // 2
    in_order = sum(1 for i, s in enumerate(starts) for t in starts[i + 1:] if t > s)
    if not pairs or in_order < _RETELL_ORDER * pairs:
        return False
    longer = b if short_is_a else a
    reach = max((m.b_span[1] if short_is_a else m.a_span[1]) for m in matches) / max(1, len(longer.article.text))
    if reach < _RETELL_REACH:
        return False
    inc_a, inc_b = _detail_inclusion(a, b, facts)
    return (inc_a if short_is_a else inc_b) >= config.derived_min_inclusion


_RETELL_ORDERED = 0.8  # `ordered_coverage` of the shorter text that passes for its whole plan
_MERGED_WORDS = 0.6  # share of an unmatched sentence's words found in its place in the longer text
_MERGED_MIN_WORDS = 3


def ordered_coverage(short: CleanArticle, long: CleanArticle, matches: Sequence[Match], short_is_a: bool,
                     facts: Facts = None) -> float:
    """Share of the shorter text (kept characters) that retells the longer one in its order: its sentences
    in the longest chain of matches that follows both texts' order, plus each sentence off that chain whose words
    (content stems, names, figures) are mostly (`_MERGED_WORDS`) in the longer text's sentences between the
    counterparts of its chained neighbours. A rewrite condenses two or three source sentences into one in
    place, which a one-to-one aligner leaves unmatched; a text written from the headline covers the topic
    loosely and in its own order, so neither its matches chain nor its leftovers sit in the right gap
    (ai-rewrites-wiki: rewrites 5th percentile 0.72, headline-only texts 95th percentile 0.57). `facts` (short's,
    long's) only save work: the words are read from them, hashed."""
    def own(m: Match) -> tuple[int, int]:
        return (m.a_sentences[0], m.b_sentences[0]) if short_is_a else (m.b_sentences[0], m.a_sentences[0])

    lens = [sent.span[1] - sent.span[0] for sent in short.sentences]
    total = sum(lens)
    links = sorted(own(m) for m in matches if m.a_sentences and m.b_sentences)
    if not total or not links:
        return 0.0
    chain = _increasing_chain(links, lens)
    in_chain = {s for s, _ in chain}
    short_words, long_words = (_words(short), _words(long)) if facts is None else (facts[0].words, facts[1].words)
    covered = sum(lens[s] for s in in_chain)
    for j in range(len(short.sentences)):
        if j in in_chain:
            continue
        lo = max((t for s, t in chain if s < j), default=-1)
        hi = min((t for s, t in chain if s > j), default=len(long.sentences))
        mine = short_words(j, j + 1)
        if len(mine) < _MERGED_MIN_WORDS or hi <= lo + 1:
            continue
        there = long_words(lo + 1, hi)
        if len(mine & there) >= _MERGED_WORDS * len(mine):
            covered += lens[j]
    return covered / total


def _words(article: CleanArticle) -> Callable[[int, int], frozenset[str]]:
    """words(first, last): the content stems and immutables of the article's sentences first..last-1
    (`sentence_features`)."""
    def words(first: int, last: int) -> frozenset[str]:
        features = [sentence_features(s.text) for s in article.sentences[first:last]]
        return frozenset().union(*(f.words for f in features))
    return words


def _increasing_chain(links: Sequence[tuple[int, int]], lens: Sequence[int]) -> list[tuple[int, int]]:
    """The (short, long) sentence links, sorted by short index, whose long indices increase, of the most
    short-side characters (quadratic: a pair has tens of matches)."""
    best: list[int] = []
    back: list[int] = []
    for k, (s, t) in enumerate(links):
        prev = max((q for q in range(k) if links[q][0] < s and links[q][1] < t), key=lambda q: best[q], default=-1)
        best.append(lens[s] + (best[prev] if prev >= 0 else 0))
        back.append(prev)
    k = max(range(len(links)), key=lambda q: best[q])
    out = []
    while k >= 0:
        out.append(links[k])
        k = back[k]
    return out[::-1]


def _kept_chars(article: CleanArticle) -> int:
    return sum(s.span[1] - s.span[0] for s in article.sentences)


def _kept(a: CleanArticle, b: CleanArticle, facts: Facts) -> tuple[int, int]:
    """The two texts' kept characters (`_kept_chars`), from `facts` when given."""
    return (_kept_chars(a), _kept_chars(b)) if facts is None else (facts[0].chars, facts[1].chars)


def immutables_agree(a: CleanArticle, b: CleanArticle, match: Match, facts: Facts = None) -> bool:
    """False when a paraphrase match pairs sentences about different figures or people: both sides
    give numbers and share none, or both name two or more people/places and share none. However
    close two sentences' wording or vectors, "$22 million" vs "$140 million" is not a paraphrase.
    With `facts`, the sentences' figures and names are read from them (hashed) instead of their text."""
    if facts is None:
        na, pa = _figures_and_names(match.a_sentences, lambda k: sentence_figures_and_names(a.sentences[k].text))
        nb, pb = _figures_and_names(match.b_sentences, lambda k: sentence_figures_and_names(b.sentences[k].text))
    else:
        na, pa = _figures_and_names(match.a_sentences, facts[0].figures_and_names)
        nb, pb = _figures_and_names(match.b_sentences, facts[1].figures_and_names)
    return not ((na and nb and na.isdisjoint(nb)) or (len(pa) >= 2 and len(pb) >= 2 and pa.isdisjoint(pb)))


def _figures_and_names(indices: Sequence[int], of: Callable[[int], tuple[frozenset, frozenset]]) -> tuple[frozenset, frozenset]:
    """The numbers and the names among the immutables of the sentences `indices` (`of` one sentence)."""
    if len(indices) == 1:
        return of(indices[0])
    parts = [of(k) for k in indices]
    return frozenset().union(*(n for n, _ in parts)), frozenset().union(*(p for _, p in parts))


@lru_cache(maxsize=16384)
def sentence_figures_and_names(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """`sentence_immutables(text)` split into its numbers and its names (quoted strings left out): what
    `immutables_agree` compares, once per sentence (memoized on the text, as `sentence_immutables`)."""
    immutables = sentence_immutables(text)
    return (frozenset(x for x in immutables if x.startswith("n:")),
            frozenset(x for x in immutables if x.startswith("p:")))


def _agreeing(a: CleanArticle, b: CleanArticle, matches: Sequence[Match], facts: Facts) -> Iterable[bool]:
    """Per match: a verbatim copy, or a paraphrase whose immutables agree (`immutables_agree`); with `facts`,
    all single-sentence matches in one compiled pass."""
    if facts is None or any(len(m.a_sentences) != 1 or len(m.b_sentences) != 1 for m in matches):
        return (m.kind == "copy" or immutables_agree(a, b, m, facts) for m in matches)
    agree = facts[0].agree(facts[1], [m.a_sentences[0] for m in matches], [m.b_sentences[0] for m in matches])
    return (m.kind == "copy" or ok for m, ok in zip(matches, agree))


def derived(a: CleanArticle, b: CleanArticle, alignment: Alignment, config: RelationConfig, facts: Facts = None) -> bool:
    """Evidence that one text was made from the other, not written independently about one event.

    Either verbatim copying (copy coverage), or paraphrase matches (only those whose immutables agree)
    that are long enough (a minimum number of sentences), cover the shorter text, cover the longer text
    in proportion to the shorter one's length (a 20-word brief is not "covered" by one loosely similar
    sentence of a long report), score high enough, and carry the details over: a rewrite's specific words
    (names, figures, uncommon words) are mostly found in its source, while a text written from the same
    headline or event has its own. A derivative that keeps its source's whole sentence plan (nearly every
    sentence matched) needs less of both. Chosen on ECB+ and the ai-rewrites set (docs/how-it-works.md).
    """
    if alignment.copy_coverage >= config.derived_copy_coverage:
        return True
    kept = [m for m, ok in zip(alignment.matches, _agreeing(a, b, alignment.matches, facts)) if ok]
    if len(kept) < config.min_derived_sentences:
        return False
    len_a, len_b = _kept(a, b, facts)
    agreed = summarize(a, b, kept, (len_a, len_b))
    (cov_short, len_short), (cov_long, len_long) = sorted(
        [(agreed.coverage_a, len_a), (agreed.coverage_b, len_b)], key=lambda t: t[1]
    )
    if cov_short < config.derived_min_coverage or cov_long * len_long < config.derived_min_coverage * len_short:
        return False
    whole_plan = max(agreed.coverage_a, agreed.coverage_b) >= config.derived_plan_coverage
    min_score = config.derived_plan_min_score if whole_plan else config.derived_min_score
    if agreed.score < min_score and _retold_score(kept, len_a <= len_b, len_short) < config.derived_retold_score:
        return False
    inclusion = max(_detail_inclusion(a, b, facts))
    if inclusion >= (config.derived_plan_min_inclusion if whole_plan else config.derived_min_inclusion):
        return True
    return _immutables_carried(a, b, config, facts)


def _retold_score(kept: Sequence[Match], short_is_a: bool, len_short: int) -> float:
    """The shorter text's matched share, each match weighted by its score: how well the derivative is retold.

    The pair's score weighs matches by both texts' lengths, so it is bounded by the shorter text's share of the
    two: a summary a sixth of its source's length scores under 0.29 with every sentence matched perfectly. Read
    on the shorter side alone, it is what a summary sentence by sentence retold from its source has and a brief
    written from the same headline has not (docs/how-it-works.md)."""
    if not len_short:
        return 0.0
    spans = (m.a_span if short_is_a else m.b_span for m in kept)
    return sum(m.score * (end - start) for m, (start, end) in zip(kept, spans)) / len_short


def _detail_inclusion(a: CleanArticle, b: CleanArticle, facts: Facts) -> tuple[float, float]:
    """`detail_inclusion` of the two whole texts; with `facts`, from each article's details hashed once."""
    return detail_inclusion(a.article.text, b.article.text) if facts is None else facts[0].detail_inclusion(facts[1])


def _immutables_carried(a: CleanArticle, b: CleanArticle, config: RelationConfig, facts: Facts = None) -> bool:
    """True when one side's names and figures (at least `derived_min_immutables` of them) are nearly all in
    the other: a spinner that rewords every content word ("crack" -> "fracture", "pier" -> "jetty") keeps
    them, so its uncommon words are new while its immutables are its source's."""
    if facts is None:
        ia: frozenset = frozenset().union(*(sentence_immutables(s.text) for s in a.sentences))
        ib: frozenset = frozenset().union(*(sentence_immutables(s.text) for s in b.sentences))
    else:
        ia, ib = facts[0].immutables(), facts[1].immutables()
    shared = len(ia & ib)
    return any(
        len(side) >= config.derived_min_immutables and shared >= config.derived_immutables_inclusion * len(side)
        for side in (ia, ib)
    )


def make_pair(
    a: CleanArticle, b: CleanArticle, alignment: Alignment, rel: str, channels: Iterable[str]
) -> Pair:
    """A Pair record carrying the alignment as evidence."""
    score = 1.0 if rel == "exact" else alignment.score
    return Pair(
        a=a.id,
        b=b.id,
        relation=rel,
        score=score,
        coverage_a=alignment.coverage_a,
        coverage_b=alignment.coverage_b,
        matches=alignment.matches,
        channels=tuple(sorted(channels)),
        copy_coverage=alignment.copy_coverage,
    )


def undirected(pair: Pair) -> Pair:
    """A same-story pair without an original: two independent reports of one event share people and
    figures, not text, so neither was made from the other (the direction votes still run on every pair
    an explainer aligns, and would otherwise name one). Other relations pass unchanged."""
    if pair.relation != "same-story" or pair.original is None:
        return pair
    return replace(pair, original=None, original_confidence=0.0,
                   original_signals=("same-story: independent reports, neither is the other's original",))


def stories(
    ids: Sequence[str], pairs: Iterable[Pair], config: ClusterConfig = ClusterConfig()
) -> tuple[Story, ...]:
    """Groups of articles linked by copy/rewrite pairs (`cluster`: one hub cannot chain two groups).

    Every article lands in exactly one story; same-story pairs are reported but never merge stories.
    """
    edges = [(p.a, p.b, p.score) for p in pairs if p.relation in STORY_RELATIONS]
    return tuple(Story(f"story-{n + 1}", tuple(g)) for n, g in enumerate(story_groups(ids, edges, config)))


def story_groups(ids: Sequence, links: Iterable[tuple], config: ClusterConfig = ClusterConfig()) -> list[list]:
    """THE story definition, shared by `scan` and the index (`store/stories.py`): articles (in the
    order they were read or added) grouped by their copy/rewrite links (a, b, score) with `cluster`.
    A group's members depend only on its connected component, so the index re-groups only the
    components a batch touches and still agrees with a scan of the same articles."""
    return cluster(ids, links, config)


_APEX_VETO = 0.02  # details naming a copy the source by this much overrule the direction votes


def _apex(trio: Sequence[str], details: Mapping[str, frozenset[str]]) -> tuple[str, float] | None:
    """The article of three that holds most of the other two's details (mean share of each other's specific
    words it contains), with its margin over the runner-up: two rewrites of one source each keep part of it,
    so the source holds both while neither copy holds all of the other's. None when a side has no details."""
    if any(not details[x] for x in trio):
        return None
    held = sorted(
        ((sum(len(details[y] & details[x]) / len(details[y]) for y in trio if y != x) / 2, x) for x in trio),
        reverse=True,
    )
    return held[0][1], held[0][0] - held[1][0]


_SOURCE_MARGIN = 0.02  # x holds this much more of the other two's details than either (`_apex`)
_OVERRULE_MARGIN = 0.1  # ... when the direction votes judged x a copy of b or c: the details must outweigh them
_OWN_LOSS = 0.05  # share of its specific words each copy keeps from x that the other lacks


def _common_source(x: str, b: str, c: str, details: Mapping[str, frozenset[str]], margin: float) -> str:
    """Why x is the common source of b and c by their details alone, or "" when it is not. A copy can only
    pass on what its source gave it: if c were made from b, c would hold none of x's details that b
    dropped. So when each of b and c keeps details of x the other lacks (at least `_OWN_LOSS` of its own
    specific words: symmetric loss) and x holds more of the other two's details than either does (`_apex`,
    by `_SOURCE_MARGIN`), neither is the other's source: they are two copies of x. A truncated or spun copy
    of a source adds no details of a third text that its source lacks, so a source-copy pair is never
    split this way."""
    apex = _apex((x, b, c), details)
    if apex is None or apex[0] != x or apex[1] < margin:
        return ""
    xb, xc = details[x] & details[b], details[x] & details[c]
    b_own, c_own = len(xb - details[c]), len(xc - details[b])
    if b_own < _OWN_LOSS * len(details[b]) or c_own < _OWN_LOSS * len(details[c]):
        return ""
    return (f"{x} holds most of both texts' details, and each keeps details of {x} the other lacks "
            f"({b_own} and {c_own} specific words)")


def _graph(pairs: Sequence[Pair]) -> tuple[dict, dict, dict, dict]:
    """standing (times judged original minus times judged a copy), copy links, rewrite sources, any links."""
    standing: dict[str, int] = {}
    linked: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}
    related: dict[str, set[str]] = {}  # any reported relation, copy or same-story
    for p in pairs:
        related.setdefault(p.a, set()).add(p.b)
        related.setdefault(p.b, set()).add(p.a)
        if p.relation not in COPY_RELATIONS:
            continue  # a same-story text is not a copy of the group's original
        linked.setdefault(p.a, set()).add(p.b)
        linked.setdefault(p.b, set()).add(p.a)
        if p.original is not None:
            copy = p.b if p.original == p.a else p.a
            if p.relation == "rewrite":  # a verbatim copy of the original is the original's text, not a sibling
                sources.setdefault(copy, set()).add(p.original)
            standing[p.original] = standing.get(p.original, 0) + 1
            standing[copy] = standing.get(copy, 0) - 1
    return standing, linked, sources, related


Apart = Callable[[str, str], "str | None"]
"""A pairwise test on two texts: why neither is the other's source (two rewrites of one absent original), or None."""
Doubt = Callable[[str, str], "str | None"]
"""A test on (the named original's text, the named copy's text): why the direction is contradicted, or None."""
Settle = Callable[[str, str, str], "tuple[int, str] | None"]
"""A test on a disputed trio's texts (the votes' source, the details' source, the third): which of the first two
the other two were written from (0 or 1) and why, or None."""
_SETTLED_CONFIDENCE = 0.6  # a trio settled by one copy mark: just above the votes' 0.55, below what they give alone


def mark_siblings(pairs: Sequence[Pair], texts: Mapping[str, str] | None = None, apart: Apart | None = None,
                  doubt: Doubt | None = None, settle: Settle | None = None) -> list[Pair]:
    """Two rewrites of one original are siblings. A rewrite or same-story pair (b, c) becomes "sibling", with no
    direction, when a third article x linked to both is judged the original of both in rewrite pairs and wins more
    direction verdicts overall (times judged original minus times judged a copy) than either, so one wrongly
    directed pair inside the group cannot make a copy the other's original; with `texts`, not when the details
    name b or c (`_apex`: of the three, b or c holds more of the other two's specific words than x does, by
    `_APEX_VETO`), which stops an original-rewrite pair being made "siblings" under a wrongly judged rewrite.
    The details alone do not make x the source by holding most of them (a thesaurus spin can hold as many as its
    source); a rewrite pair (b, c) is also made "sibling" when, for an article x linked to either, each of b and
    c keeps details of x that the other lacks (symmetric loss, `_common_source`): a copy of b could not hold
    what b dropped. When the votes name x the source of b and c but the details name b (the veto above), the
    trio is disputed: one reading makes (b, c) siblings, the other makes b the source and (x, c) siblings. Both
    of those pairs lose their original (`_unknown_original`): "unknown" is right under either reading, while
    any direction given to a sibling pair is wrong (on the ai-rewrites set one pair vote in 25 is wrong, and a
    trio's votes and details cannot tell a wrong vote from a right one, so this is where siblings kept one).
    Unless `settle` (the scan passes `edits.typesetting.trio_source`) reads the trio from a third signal: then
    its reading is taken whole, (b, c) siblings under x, or b the original of x and c with (x, c) siblings.
    Last, a directed rewrite pair with no third article linked to both has no trio to read: with `texts` and
    `apart` (the scan passes `edits.fluent.absent_source`), the pair's own texts may show that neither is the
    other's source, and it becomes "sibling" of an original not in the corpus; failing that, with `doubt` (the scan
    passes `edits.fluent.contradicted`), the pair loses its direction when its own texts contradict it (the named
    copy names facts the named original never mentions, `_doubted`)."""
    standing, linked, sources, related = _graph(pairs)
    details: dict[str, frozenset[str]] = {}

    def detail(x: str) -> frozenset[str]:
        if x not in details:
            details[x] = specific_words(texts[x]) if texts and x in texts else frozenset()
        return details[x]

    copies: dict[str, set[str]] = {}  # original -> the articles judged its copy (sources inverted, once)
    for x, src in sources.items():
        for o in src:
            copies.setdefault(o, set()).add(x)

    def copy_of(*ids: str) -> set[str]:  # articles the direction votes judge a copy of one of ids
        # was a scan of every source per call: 2.5 of the 8.6 s of this function at 20k articles
        return set().union(*(copies.get(i, ()) for i in ids))

    out = []
    contested: dict[frozenset[str], str] = {}  # pairs one reading of a disputed trio makes siblings
    settled: dict[frozenset[str], tuple[str | None, str]] = {}  # a settled trio's original per pair (None: siblings)
    for p in pairs:
        if p.relation not in ("rewrite", "same-story"):
            out.append(p)  # two verbatim copies stay near-duplicates of each other
            continue
        floor = max(standing.get(p.a, 0), standing.get(p.b, 0))
        # a copy pair may reach the original through a same-story link (that pair's alignment fell short)
        near = related if p.relation in COPY_RELATIONS else linked
        shared_links = (linked.get(p.a, set()) & near.get(p.b, set())) | (near.get(p.a, set()) & linked.get(p.b, set()))
        named = sources.get(p.a, set()) & sources.get(p.b, set())
        found: list[tuple[int, str, str]] = []
        disputes: list[tuple[str, str]] = []  # (x, y): the votes name x the source of both, the details name y
        for x in sorted(shared_links):
            if x not in named or standing.get(x, 0) <= floor:
                continue
            apex = _apex((x, p.a, p.b), {y: detail(y) for y in (x, p.a, p.b)}) if texts else None
            if apex is not None and apex[0] != x and apex[1] >= _APEX_VETO:
                y = apex[0]
                t = p.b if y == p.a else p.a
                reading = (settle(texts[x], texts[y], texts[t]) if settle and texts and {x, y, t} <= texts.keys()
                           else None)
                if reading is None:
                    disputes.append((x, y))
                elif reading[0] == 0:  # the votes' reading: x made both, so (p.a, p.b) are siblings
                    found.append((standing.get(x, 0), x, f"both are linked to {x}, which the votes name their source; "
                                                         f"the details name {y}, but {x} {reading[1]}"))
                else:  # the details' reading: y made x and t, so (x, t) are siblings
                    why = (f"the votes name {x} the source of {p.a} and {p.b}, the details name {y}, and {y} "
                           f"{reading[1]}")
                    for key, original in ((frozenset((x, t)), None), (frozenset((x, y)), y), (frozenset((y, t)), y)):
                        if settled.setdefault(key, (original, why))[0] != original:
                            settled[key] = ("", why)  # two trios read this pair two ways: no reading holds
                continue
            found.append((standing.get(x, 0), x, f"both are linked to {x}, the group's original ({x} is judged "
                                                 f"the source in most of its pairs)"))
        if not found and texts and p.relation == "rewrite":
            judged_copies = copy_of(p.a, p.b)
            found = [(0, x, f"{x} is the common source by the details: {why}")
                     for x in sorted((related.get(p.a, set()) | related.get(p.b, set())) - {p.a, p.b})
                     if (why := _common_source(x, p.a, p.b, {y: detail(y) for y in (x, p.a, p.b)},
                                               _OVERRULE_MARGIN if x in judged_copies else _SOURCE_MARGIN))]
        if (not found and not disputes and not shared_links and apart is not None and texts
                and p.relation == "rewrite" and p.original is not None and p.a in texts and p.b in texts
                and (why := apart(texts[p.a], texts[p.b]))):
            found = [(0, "", why)]
        if (not found and not disputes and not shared_links and doubt is not None and texts
                and p.relation == "rewrite" and p.original is not None and p.a in texts and p.b in texts):
            p = _doubted(p, texts, doubt)
        if found:
            p = _as_siblings(p, max(found)[2])
        elif disputes:
            x, y = disputes[0]
            t = p.b if y == p.a else p.a
            why = (f"the votes name {x} the source of {p.a} and {p.b}, the details name {y}: one reading makes "
                   f"{p.a} and {p.b} siblings, the other {x} and {t}")
            contested.setdefault(frozenset((p.a, p.b)), why)
            contested.setdefault(frozenset((x, t)), why)
        out.append(p)
    out = [_settled(p, *settled[k]) if (k := frozenset((p.a, p.b))) in settled else p for p in out]
    return [_unknown_original(p, contested[k]) if (k := frozenset((p.a, p.b))) in contested and k not in settled
            else p for p in out]


def _as_siblings(pair: Pair, why: str) -> Pair:
    """The pair as two copies of one original: relation "sibling", no original, `why` its one signal."""
    return replace(pair, relation="sibling", original=None, original_confidence=0.0,
                   original_signals=(f"{why}: siblings, neither is the original",))


def _settled(pair: Pair, original: str | None, why: str) -> Pair:
    """The pair as a settled trio reads it: `original` its source, None two copies of one source (siblings), ""
    read two ways by two trios (the original is unknown)."""
    if original == "":
        return _unknown_original(pair, f"{why}; another trio reads this pair the other way")
    if original is None:
        if pair.relation not in ("rewrite", "same-story"):
            return pair  # two verbatim copies stay near-duplicates of each other
        return _as_siblings(pair, why)
    if pair.relation not in COPY_RELATIONS or pair.original == original:
        return pair
    return replace(pair, original=original, original_confidence=_SETTLED_CONFIDENCE, original_signals=(
        f"{why}: {original} is the original", *(f"overruled: {s}" for s in pair.original_signals)))


def _doubted(pair: Pair, texts: Mapping[str, str], doubt: Doubt) -> Pair:
    """The pair without an original when `doubt` finds its direction contradicted by its own texts; the votes that
    named the original stay in the signals, marked overruled."""
    copy = pair.b if pair.original == pair.a else pair.a
    why = doubt(texts[pair.original], texts[copy])
    if why is None:
        return pair
    return replace(pair, original=None, original_confidence=0.0, original_signals=(
        f"{pair.original} named the original, but {why}; the original is unknown",
        *(f"overruled: {s}" for s in pair.original_signals)))


_COMPILED_COVER = 0.8  # the two parts together cover this share of the compilation's text
_COMPILED_OVERLAP = 0.2  # ... overlapping by at most this share of the smaller part
_COMPILED_PART = 0.2  # each part is at least this share of the compilation's text
_OWN_MATERIAL = 0.9  # a part's text is at most this share matched: it has material the compilation lacks


def compilations(pairs: Sequence[Pair], sizes: Mapping[str, int],
                 matches_of: Callable[[Pair], Sequence[Match]] | None = None) -> list[Pair]:
    """The pairs, with a direction withdrawn when it names as the source a text that holds, beside the copy's part,
    a part of another text unrelated to the copy (no pair of any relation between them). Such a text is most simply
    a compilation of both (a content farm's mashup): one act of copying explains it, while reading it as the source
    needs the two unrelated texts each to have taken one part of it and added material of their own. A part wholly
    inside it (an excerpt) is left alone: there the longer text may well be the source. `sizes`: each text's length
    in characters; `matches_of` gives a pair's matches when the pairs are held without them (the scan's, packed):
    asked only of the pairs whose coverages already allow a compilation."""
    related = {frozenset((p.a, p.b)) for p in pairs}
    found: dict[str, dict[str, tuple[Pair, float, float]]] = {}  # text -> other -> (pair, text's cover, other's)
    for p in pairs:
        if p.relation in COPY_RELATIONS:
            found.setdefault(p.a, {})[p.b] = (p, p.coverage_a, p.coverage_b)
            found.setdefault(p.b, {})[p.a] = (p, p.coverage_b, p.coverage_a)
    parts = {text: dict(sorted(others.items())) for text, others in found.items()}  # others by id: the first is named
    read = matches_of or (lambda p: p.matches)
    spans: dict[tuple[str, str], list[Span]] = {}

    def part(text: str, other: str) -> list[Span]:  # the other's matched spans in `text`, merged
        if (text, other) not in spans:
            p = parts[text][other][0]
            spans[text, other] = _merged(m.a_span if p.a == text else m.b_span for m in read(p))
        return spans[text, other]

    out = []
    for p in pairs:
        if p.relation in COPY_RELATIONS and p.original is not None:
            copy = p.b if p.original == p.a else p.a
            if why := _compiled(p.original, copy, parts.get(p.original, {}), related, sizes.get(p.original, 0), part):
                p = _unknown_original(p, why)
        out.append(p)
    return out


def _compiled(source: str, copy: str, parts: Mapping[str, tuple[Pair, float, float]], related: set[frozenset[str]],
              size: int, part: Callable[[str, str], list[Span]]) -> str:
    """Why `source` reads as a compilation of `copy` and a text unrelated to it (the first such text in `parts`'
    order), or ""."""
    if copy not in parts or not size or parts[copy][2] > _OWN_MATERIAL:
        return ""
    for other, (_, cover, own) in parts.items():
        if (other == copy or own > _OWN_MATERIAL or frozenset((copy, other)) in related
                or parts[copy][1] + cover < _COMPILED_COVER or min(parts[copy][1], cover) < _COMPILED_PART):
            continue  # (the coverages bound the spans: most pairs end here, unread)
        mine, theirs = part(source, copy), part(source, other)
        a, b, shared = _length(mine), _length(theirs), _overlap(mine, theirs)
        if (min(a, b) >= _COMPILED_PART * size and shared <= _COMPILED_OVERLAP * min(a, b)
                and a + b - shared >= _COMPILED_COVER * size):
            return (f"{source} holds {copy}'s text and, beside it, {other}'s, a text unrelated to {copy}: a "
                    f"compilation of both, not the source of either")
    return ""


def _merged(spans: Iterable[Span]) -> list[Span]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _length(spans: Sequence[Span]) -> int:
    return sum(e - s for s, e in spans)


def _overlap(x: Sequence[Span], y: Sequence[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in x for s2, e2 in y)


def _unknown_original(pair: Pair, why: str) -> Pair:
    """The pair without an original, `why` its one signal: when two readings of its direction both hold (a disputed
    trio, one of whose readings makes this pair two copies of one original; a compilation, which reads as the source
    or as the copy), "unknown" is right under both and either direction is wrong under one. A pair already called
    `sibling`, or without an original, stays as it is."""
    if pair.relation == "sibling" or pair.original is None:
        return pair
    return replace(pair, original=None, original_confidence=0.0,
                   original_signals=(f"{why}; the original is unknown",))

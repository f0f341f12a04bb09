"""Word-level diff of aligned sentences and classification of each difference into an `Edit`.

Aligned sentence groups are diffed token by token (difflib's opcodes, compiled in `opcodes`, on normalized
keys with character offsets).
Each changed run of tokens becomes one edit, classified by rules in priority order: spelling_variant and
name_form (the same words written another way, `forms`), quote_altered, meaning_flip, number_change,
name_change, idiom_broken, synonym. Names or figures that traded places are `role_swap` edits, matched
groups out of order are `moved` (`groups`). Unmatched sentences are added/removed.
The word tables it reads (negators, antonym axes, fixed expressions) live in `words`; tokens in `tokenize`.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import compress, count
from operator import attrgetter, not_

from ..config import ExplainConfig
from ..records import CleanArticle, Edit, Match, Span
from ..tokens import zipf
from .forms import demonym_pair, determiner_swap, form_reasons, initialism, spelling_key
from .groups import Facts, content_words, facts, moved_edits, related_words, swap_edits
from .opcodes import changed_runs
from .tokenize import Token, article_tokens, inside, is_title, proper_names, quote_regions, tokenize
from .word_memo import light_stems, memoized, remember
from .words import (
    AXIS_OF, DATE_WORDS, IDIOM_ANCHORS, IDIOM_STEMS, IDIOMS, IDIOMS_BY_FIRST, NEG_PREFIXES, NEGATORS, QUOTE_FOLD,
    TIME_UNITS, UN_EXCEPTIONS, valence,
)

SEVERITY = {
    "meaning_flip": "high", "quote_altered": "high", "number_change": "high", "name_change": "high",
    "idiom_broken": "medium", "added": "medium", "removed": "medium", "synonym": "low",
    "role_swap": "high", "spelling_variant": "low", "name_form": "low", "moved": "low",
}
_KIND_RANK = {k: n for n, k in enumerate(
    ("meaning_flip", "role_swap", "quote_altered", "number_change", "name_change", "idiom_broken", "removed",
     "added", "synonym", "name_form", "spelling_variant", "moved")
)}
_SMALL_WORDS = frozenset(
    "a an the of in on at to for by with from as and or but that this these those which who is are was were be "
    "been has have had it its there here so such very".split())
_SEV_RANK = {"high": 0, "medium": 1, "low": 2}

# ---------------------------------------------------------------- classification
def _negation_kind(text: str) -> int:
    """1 for a word that negates on its own (not, can't, unable, non-binding, unfair), 2 for "declin*" (it
    negates before "to": declined to comment), else 0. A function of the word alone, so it is memoized."""
    low = text.casefold().translate(QUOTE_FOLD)
    if low in NEGATORS or low.endswith("n't"):
        return 1
    if low.startswith("declin"):
        return 2
    if low.startswith("un") and low not in UN_EXCEPTIONS and len(low) > 5 and zipf(low[2:]) >= 3.0:
        return 1
    return 1 if low.startswith("non-") else 0


_NEGATION_KINDS: dict[str, int] = {}  # `_negation_kind` per token text (`memoized`)
_TEXT = attrgetter("text")


def _negations(tokens: Sequence[Token], context: Sequence[Token]) -> int:
    """How many negating words the run holds ("declined" counts before "to", in the run or just after it)."""
    kinds = memoized(_NEGATION_KINDS, _negation_kind, list(map(_TEXT, tokens)))
    count = kinds.count(1)
    if 2 in kinds:
        last = len(tokens) - 1
        for n, kind in enumerate(kinds):
            if kind == 2 and (tokens[n + 1].key == "to" if n < last else bool(context) and context[0].key == "to"):
                count += 1
    return count


def _axis_signs(tokens: Sequence[Token]) -> dict[int, set[int]]:
    signs: dict[int, set[int]] = {}
    for t in tokens:
        for n, sign in AXIS_OF.get(t.key, ()):
            signs.setdefault(n, set()).add(sign)
    return signs


def _prefix_pair(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """One side has `unX`/`inX`/`disX`... where the other has `X` (and it is not counted as a negator)."""
    ka = {t.key for t in a if t.key not in NEGATORS}
    kb = {t.key for t in b if t.key not in NEGATORS}
    for x, y in ((ka, kb), (kb, ka)):
        for w in x:
            if not w.startswith(NEG_PREFIXES):
                continue  # (most words: one test in C for the five prefixes)
            for p in NEG_PREFIXES:
                if w.startswith(p) and w[len(p):] in y and len(w) - len(p) >= 4:
                    return True
    return False


def _polarity(tokens: Sequence[Token]) -> float | None:
    """The strongest evaluative valence among the words, skipping negators and axis words (their own rules)."""
    lex = valence()
    best: float | None = None
    for t in tokens:
        if t.key in NEGATORS or t.key in AXIS_OF:
            continue
        v = lex.get(t.key)
        if v is not None and (best is None or abs(v) > abs(best)):
            best = v
    return best


def polarity_reason(a: Sequence[Token], b: Sequence[Token], min_valence: float) -> str | None:
    """A clearly positive word swapped for a clearly negative one (talks broke down -> made progress)."""
    pa, pb = _polarity(a), _polarity(b)
    if pa is not None and pb is not None and abs(pa) >= min_valence and abs(pb) >= min_valence and pa * pb < 0:
        return f"evaluation inverted ({pa:+.1f} vs {pb:+.1f} on a sentiment lexicon)"
    return None


def flip_reason(a: Sequence[Token], b: Sequence[Token], after: Sequence[Token] = (),
                negations: tuple[int, int] | None = None) -> str | None:
    """Why the two sides say opposite things (negation, antonym, quantifier), or None. `negations`: the two
    sides' `_negations` when the caller has counted them."""
    reasons = []
    na, nb = negations or (_negations(a, after), _negations(b, after))
    flipped = False
    if na % 2 != nb % 2:
        flipped = not flipped
        reasons.append("negation " + ("removed" if na > nb else "added"))
    signs_a = _axis_signs(a)
    signs_b = _axis_signs(b) if signs_a else {}  # (read only when side a has an axis word)
    for n, sa in signs_a.items():
        sb = signs_b.get(n)
        if sa and sb and len(sa) == 1 and len(sb) == 1 and sa != sb:
            flipped = not flipped
            reasons.append("antonym/opposite quantifier")
            break
    if _prefix_pair(a, b):
        flipped = not flipped
        reasons.append("negative prefix added or removed")
    return "; ".join(reasons) if flipped else None


def _values(tokens: Sequence[Token]) -> list[float]:
    return [v for t in tokens if t.value is not None for v in t.value]


def number_reason(a: Sequence[Token], b: Sequence[Token]) -> str | None:
    va, vb = _values(a), _values(b)
    if va or vb:
        if sorted(round(v, 6) for v in va) != sorted(round(v, 6) for v in vb) or (
            len(va) > 1 and [round(v, 6) for v in va] != [round(v, 6) for v in vb]
        ):
            return f"number differs: {_fmt(va)} vs {_fmt(vb)}"
        return None
    ua = [TIME_UNITS[t.key] for t in a if t.key in TIME_UNITS]
    ub = [TIME_UNITS[t.key] for t in b if t.key in TIME_UNITS]
    if ua and ub and ua != ub:
        return "unit of time differs"
    da = [t.key for t in a if t.key in DATE_WORDS and t.text[:1].isupper()]  # "may" the verb is no month
    db = [t.key for t in b if t.key in DATE_WORDS and t.text[:1].isupper()]
    if (da or db) and da != db:
        return "date differs"
    return None


def _fmt(values: Sequence[float]) -> str:
    return ", ".join(f"{v:g}" for v in values) or "none"


def name_reason(
    a: Sequence[Token], b: Sequence[Token], group_a: Sequence[Token] = (), group_b: Sequence[Token] = ()
) -> str | None:
    """A proper name replaced, corrupted, or turned into a common word."""
    na = [t for t in a if t.name]
    nb = [t for t in b if t.name]
    if not na and not nb:
        return None
    if Counter(t.key for t in na) == Counter(t.key for t in nb):
        return None
    if na and nb:
        return f"name differs: {' '.join(t.text for t in na)} vs {' '.join(t.text for t in nb)}"
    named, other, other_group = (na, b, group_b) if na else (nb, a, group_a)
    # The name written as an ordinary lowercase word anywhere in the other version of the sentence.
    lowered = {t.key for t in (*other, *other_group) if t.text[:1].islower()}
    if any(t.key.casefold() in lowered for t in named):
        return f"name {' '.join(t.text for t in named)} turned into a common word"
    if not other:
        return None  # a name dropped or added outright is a wording change, not a corruption
    return f"name {' '.join(t.text for t in named)} replaced by common words"


_KEY = attrgetter("key")
_NAME = attrgetter("name")
_ARTICLES = frozenset(("a", "an", "the"))  # skipped when matching fixed expressions


def _idiom_hits(tokens: Sequence[Token]) -> list[tuple[int, int, int]]:
    """(idiom index, first token, last token + 1) of fixed expressions found in a token run. The stems come
    from the shared per-word memo and the places an expression can start are picked in C, so a run none of
    whose stems starts one (most runs) costs a few passes in C, and one holding no expression's anchor stem
    (most sentences) one set test."""
    keys = list(map(_KEY, tokens))
    every = light_stems(keys)
    if IDIOM_ANCHORS.isdisjoint(every):
        return []
    kept = list(compress(count(), map(not_, map(_ARTICLES.__contains__, keys))))
    stems = list(map(every.__getitem__, kept))
    hits = []
    for i in compress(count(), map(IDIOMS_BY_FIRST.__contains__, stems)):
        for n in IDIOMS_BY_FIRST[stems[i]]:
            idiom = IDIOM_STEMS[n]
            k = len(idiom)
            if stems[i : i + k] == list(idiom):
                hits.append((n, kept[i], kept[i + k - 1] + 1))
    return hits


# ---------------------------------------------------------------- diffing
class _Side:
    """One article prepared for explaining: tokens per sentence, quote regions, names, and lookups (all its
    token keys, its numeric values sorted). Everything is computed on first use and kept, so a sentence
    that no pair needs diffed (identical in every version) is never tokenized."""

    __slots__ = ("article", "_names", "_tokens", "_content", "_quotes", "_keys", "_values", "_hits")

    def __init__(self, article: CleanArticle) -> None:
        self.article = article
        self._names: frozenset[str] | None = None
        self._tokens: list[tuple[Token, ...] | None] = [None] * len(article.sentences)
        self._content: list[frozenset[str] | None] = [None] * len(article.sentences)
        self._quotes: tuple[Span, ...] | None = None
        self._keys: frozenset[str] | None = None
        self._values: tuple[float, ...] | None = None
        self._hits: dict[tuple[int, ...], list[tuple[int, int, int]]] = {}

    def __len__(self) -> int:
        return len(self._tokens)

    def tok(self, i: int) -> tuple[Token, ...]:
        """Tokens of sentence i. An ASCII article's sentences are all tokenized on the first call, in one
        compiled pass (`article_tokens`: ~2x cheaper than a sentence at a time, so cheaper even though a
        quarter of the sentences would never have been asked for); any other article's one at a time."""
        got = self._tokens[i]
        if got is None:
            text, spans = self.article.article.text, [s.span for s in self.article.sentences]
            if self._names is None and _whole(text, spans):
                self._names = frozenset()  # (not read again: every sentence is tokenized below)
                self._tokens = _split(article_tokens(text, spans), spans)
                return self._tokens[i]
            if self._names is None:
                self._names = proper_names(text, spans)
            got = self._tokens[i] = tuple(tokenize(text, spans[i], self._names))
        return got

    def content(self, i: int) -> frozenset[str]:
        """`content_words` of sentence i: split folding, the relatedness and the added/removed tests ask for
        it once per pair."""
        got = self._content[i]
        if got is None:
            got = self._content[i] = frozenset(content_words(self.tok(i)))
        return got

    def group_content(self, indices: Sequence[int]) -> frozenset[str]:
        """`content_words` of a sentence group's tokens: the union of its sentences'."""
        if len(indices) == 1:
            return self.content(*indices)  # (most groups: one sentence, its set as it is)
        return frozenset().union(*(self.content(i) for i in indices))

    def idiom_hits(self, indices: Sequence[int]) -> list[tuple[int, int, int]]:
        """`_idiom_hits` of the tokens of a sentence group, kept for the next pair that diffs the same group."""
        key = tuple(sorted(indices))
        got = self._hits.get(key)
        if got is None:
            got = self._hits[key] = _idiom_hits(_group_tokens(self, key))
        return got

    @property
    def tokens(self) -> tuple[tuple[Token, ...], ...]:
        return tuple(self.tok(i) for i in range(len(self._tokens)))

    def quotable(self, start: int) -> bool:
        """False when no quotation can hold a span starting at `start`: no opening mark (straight, curly or
        single) before it in its paragraph, where each quotation region opens (`quote_regions`). A test on
        one paragraph's head, so an article none of whose edits has one never scans its whole text for quotes."""
        text = self.article.article.text
        head = text[text.rfind("\n", 0, start) + 1:start]
        if '"' in head or "\u201c" in head or "\u2018" in head:
            return True
        end = text.find("\n", start)  # else only a paragraph that opens inside a quotation (`quote_regions`)
        tail = text[start:end if end >= 0 else len(text)]
        return '"' in tail or "\u201d" in tail

    @property
    def quotes(self) -> tuple[Span, ...]:
        if self._quotes is None:
            text = self.article.article.text
            self._quotes = tuple(q for q in quote_regions(text) if not is_title(text[q[0]:q[1]]))
        return self._quotes

    @property
    def keys(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = frozenset(t.key for s in self.tokens for t in s)
        return self._keys

    @property
    def values(self) -> tuple[float, ...]:
        if self._values is None:
            self._values = tuple(sorted(v for s in self.tokens for t in s if t.value is not None for v in t.value))
        return self._values


def _whole(text: str, spans: Sequence[Span]) -> bool:
    """True when `article_tokens` can tokenize the article at once and `_split` cut its tokens back into
    sentences: an ASCII text (the compiled pass) whose sentence spans are in order and do not overlap."""
    return text.isascii() and all(0 <= s <= e <= n for (s, e), (n, _) in zip(spans, [*spans[1:], (len(text), 0)]))


def _split(tokens: list[Token], spans: Sequence[Span]) -> list[tuple[Token, ...]]:
    """An article's tokens in order (`article_tokens`) cut into its sentences' (spans in order, apart)."""
    if not spans:
        return []
    starts = [t.start for t in tokens]
    cuts = [bisect_left(starts, s) for s, _ in spans[1:]]
    return [tuple(tokens[lo:hi]) for lo, hi in zip([0, *cuts], [*cuts, len(tokens)])]


def _side(article: CleanArticle) -> _Side:
    return _Side(article)


class SideCache:
    """Per-article explain inputs (tokens, names, quote regions), computed once per article id.

    A scan holds one for its run, so an article in many candidate pairs is tokenized once. It keeps the
    `max_articles` most recently used articles: a tokenized article holds ~100 KB of tokens, so an
    unbounded cache held gigabytes per worker at 100k articles. The scan's pairs come sorted by first
    article, so an article's pairs are mostly diffed close together; an evicted article that comes back
    is tokenized again (same tokens, more CPU).
    """

    def __init__(self, max_articles: int = 2048) -> None:
        self._sides: OrderedDict[str, _Side] = OrderedDict()
        self._max = max_articles

    def __len__(self) -> int:
        return len(self._sides)

    def get(self, article: CleanArticle) -> _Side:
        side = self._sides.get(article.id)
        if side is None or side.article is not article:
            side = self._sides[article.id] = _side(article)
            if len(self._sides) > self._max:
                self._sides.popitem(last=False)
        self._sides.move_to_end(article.id)
        return side


def _span(tokens: Sequence[Token], lo: int, hi: int, fallback: int) -> Span:
    if hi > lo:
        return tokens[lo].start, tokens[hi - 1].end
    return fallback, fallback


def _gap_pos(tokens: Sequence[Token], lo: int, sentence_span: Span) -> int:
    if lo < len(tokens):
        return tokens[lo].start
    return tokens[-1].end if tokens else sentence_span[1]


def _group_tokens(side: _Side, indices: Sequence[int]) -> list[Token]:
    if len(indices) == 1:
        return list(side.tok(indices[0]))  # (most groups: one sentence, copied in C)
    return [t for i in sorted(indices) for t in side.tok(i)]


class _Hits:
    """Idiom hits of a group's two token runs, found on first use and reused by every edit of the group
    (and, through the sides, by every pair that diffs the same sentence group)."""

    def __init__(self, ta: Sequence[Token], tb: Sequence[Token], groups: tuple | None = None) -> None:
        self._tokens = (ta, tb)
        self._groups = groups  # ((side a, indices a), (side b, indices b)) when the tokens are whole groups
        self._hits: list[list[tuple[int, int, int]] | None] = [None, None]

    def of(self, side: int) -> list[tuple[int, int, int]]:
        if self._hits[side] is None:
            if self._groups is not None:
                owner, indices = self._groups[side]
                self._hits[side] = owner.idiom_hits(indices)
            else:
                self._hits[side] = _idiom_hits(self._tokens[side])
        return self._hits[side]


class _GroupFacts:
    """`groups.facts` of a sentence group, read on first use: only a run holding a name or a figure asks for
    them (`_name`, `_number`), so most groups never compute them."""

    __slots__ = ("_tokens", "_facts")

    def __init__(self, ta: Sequence[Token], tb: Sequence[Token]) -> None:
        self._tokens = (ta, tb)
        self._facts: Facts | None = None

    def _get(self) -> Facts:
        if self._facts is None:
            self._facts = facts(*self._tokens)
        return self._facts

    names = property(lambda self: self._get().names)
    values = property(lambda self: self._get().values)
    keys_a = property(lambda self: self._get().keys_a)
    keys_b = property(lambda self: self._get().keys_b)
    made_common = property(lambda self: self._get().made_common)


def diff_group(
    sa: _Side, sb: _Side, ia: Sequence[int], ib: Sequence[int], config: ExplainConfig
) -> list[Edit]:
    """Edits between sentence group `ia` of a and group `ib` of b."""
    ta, tb = _group_tokens(sa, ia), _group_tokens(sb, ib)
    ka, kb = list(map(_KEY, ta)), list(map(_KEY, tb))
    if ka == kb:
        return []  # identical match keys: nothing changed
    hits = _Hits(ta, tb, ((sa, ia), (sb, ib)))
    text_a, text_b = sa.article.article.text, sb.article.article.text
    span_a = (sa.article.sentences[min(ia)].span[0], sa.article.sentences[max(ia)].span[1])
    span_b = (sb.article.sentences[min(ib)].span[0], sb.article.sentences[max(ib)].span[1])
    group = _GroupFacts(ta, tb)
    edits: list[Edit] = swap_edits(ta, tb, text_a, text_b)
    swapped_a, swapped_b = [e.a_span for e in edits], [e.b_span for e in edits]
    # Per diff block, the words one side has more of (tokens present on both sides in the same numbers only
    # moved: reordered clauses are not edits), cut into runs: the edit spans only the words that really
    # changed, and separate runs inside one block are separate edits (`changed_runs`).
    for a_lo, a_hi, b_lo, b_hi in changed_runs(ka, kb):
        pa = _span(ta, a_lo, a_hi, _gap_pos(ta, a_lo, span_a))
        pb = _span(tb, b_lo, b_hi, _gap_pos(tb, b_lo, span_b))
        if swapped_a and _within(pa, swapped_a) and _within(pb, swapped_b):
            continue  # the words of a role swap: already its edit
        edits.append(classify(sa, sb, ta, tb, (a_lo, a_hi), (b_lo, b_hi), pa, pb, config, hits, group))
    return _negation_moved([e for e in edits if e is not None], ta, tb)


_REMOVED, _ADDED = "negation removed", "negation added"


def _negation_moved(edits: list[Edit], ta: Sequence[Token], tb: Sequence[Token]) -> list[Edit]:
    """A negation dropped in one place and added in another of the same sentences ("..., nor was he asked" ->
    "... and he was not asked") leaves the sentences' polarity as it was, when the two groups hold negations of
    the same parity: those flips drop to medium severity, a scope to check rather than a red flag (their kind
    stays, so the direction votes, which read kinds, are as before). Two flips one way stay high."""
    flips = [e for e in edits if e.kind == "meaning_flip" and e.why in (_REMOVED, _ADDED)]
    if len({e.why for e in flips}) < 2 or _negations(ta, ()) % 2 != _negations(tb, ()) % 2:
        return edits
    moved = "negation moved: " + "; ".join(f"'{e.a_text}' -> '{e.b_text}'" for e in flips) + ", polarity kept"
    ids = set(map(id, flips))
    return [replace(e, why=moved, severity="medium") if id(e) in ids else e for e in edits]


def _within(span: Span | None, covers: Sequence[Span]) -> bool:
    return span is None or span[0] == span[1] or any(s <= span[0] and span[1] <= e for s, e in covers)


def changed_runs_py(ka: Sequence[str], kb: Sequence[str], max_gap: int = 2) -> list[tuple[int, int, int, int]]:
    """`opcodes.changed_runs` in Python: the definition the compiled pass is held to (tests)."""
    from .opcodes import opcodes

    count_a, count_b = Counter(ka), Counter(kb)
    surplus_a, surplus_b = _surplus(count_a, count_b), _surplus(count_b, count_a)
    out = []
    for op, i1, i2, j1, j2 in opcodes(ka, kb):
        if op == "equal":
            continue
        real_a, real_b = _take(ka, i1, i2, surplus_a), _take(kb, j1, j2, surplus_b)
        if not real_a and not real_b:
            continue
        runs_a, runs_b = _runs(real_a, max_gap), _runs(real_b, max_gap)
        for k in range(max(len(runs_a), len(runs_b))):
            ra = runs_a[k] if k < len(runs_a) else (i2, i2) if i2 > i1 else (i1, i1)
            rb = runs_b[k] if k < len(runs_b) else (j2, j2) if j2 > j1 else (j1, j1)
            out.append((*ra, *rb))
    return out


def _runs(indices: Sequence[int], max_gap: int = 2) -> list[tuple[int, int]]:
    """Half-open runs of token indices, splitting where more than `max_gap` unchanged tokens intervene."""
    runs: list[list[int]] = []
    for k in indices:
        if runs and k - runs[-1][1] <= max_gap:
            runs[-1][1] = k + 1
        else:
            runs.append([k, k + 1])
    return [(lo, hi) for lo, hi in runs]


def _surplus(mine: Counter, other: Counter) -> dict[str, int]:
    """How many more times each of my keys occurs than in the other's counts (zero or less: none to claim).
    What `mine - other` holds for `_take`, without the Counter arithmetic (under half its cost per group)."""
    return {k: n - other.get(k, 0) for k, n in mine.items()}


def _take(keys: Sequence[str], lo: int, hi: int, surplus: dict[str, int]) -> list[int]:
    """Indices in keys[lo:hi] that the other side lacks (consuming the surplus as they are claimed)."""
    out = []
    for k in range(lo, hi):
        if surplus[keys[k]] > 0:
            surplus[keys[k]] -= 1
            out.append(k)
    return out


def _in_article(value: float, side: _Side) -> bool:
    k = bisect_left(side.values, value - 1e-9)
    return any(abs(v - value) < 1e-9 for v in side.values[k : k + 2])


def classify(
    sa: _Side, sb: _Side, ta: Sequence[Token], tb: Sequence[Token],
    ra: tuple[int, int], rb: tuple[int, int], pa: Span, pb: Span, config: ExplainConfig,
    hits: _Hits | None = None, group: Facts | _GroupFacts | None = None,
) -> Edit:
    """Kind, severity and evidence of one changed token run (rules in priority order).

    `group` holds facts about the whole sentence group (computed here when not given)."""
    a, b = ta[ra[0]:ra[1]], tb[rb[0]:rb[1]]
    text_a, text_b = sa.article.article.text, sb.article.article.text
    a_text, b_text = text_a[pa[0]:pa[1]], text_b[pb[0]:pb[1]]

    def make(kind: str, why: str, span_a: Span = pa, span_b: Span = pb, severity: str | None = None) -> Edit:
        return Edit(kind, span_a, span_b, text_a[span_a[0]:span_a[1]], text_b[span_b[0]:span_b[1]], why,
                    severity or SEVERITY[kind])

    group = group or facts(ta, tb)
    spelling, flip, form = _word_rules(a, b, ta[ra[1]:ra[1] + 1], config)
    if spelling:  # the same words spelled another way: no flip, figure or name can hide in it
        return make("spelling_variant", spelling)
    if form and not flip:
        return make("name_form", form)
    one_sided = not a or not b
    number, number_severity = _number(a, b, sa, sb, group)
    name, name_severity = _name(a, b, ta, tb, group)
    # A long stretch rewritten on both sides: its negations and names are read with less certainty.
    rewritten = not one_sided and max(len(a), len(b)) > config.max_inserted_flip_tokens + 1
    detail = flip or number or name
    # A quote is altered when both versions quote it and the words differ; speech turned into a quote,
    # or a quote into reported speech, is a paraphrase of what was said and judged by the rules below.
    if sa.quotable(pa[0]) and sb.quotable(pb[0]) and inside(sa.quotes, *pa) and inside(sb.quotes, *pb):
        if detail is None and all(t.key in _SMALL_WORDS for t in (*a, *b)):
            return make("quote_altered", "small words inside a quotation differ", severity="medium")
        return make("quote_altered", "words inside a quotation differ" + (f" ({detail})" if detail else ""))
    if flip:
        return make("meaning_flip", flip, severity="medium" if rewritten else None)
    if number:
        return make("number_change", number, severity=number_severity)
    if name:
        return make("name_change", name, severity=name_severity or ("medium" if rewritten else None))
    idiom = _idiom_edit(ta, tb, ra, rb, hits or _Hits(ta, tb))
    if idiom is not None:
        phrase, whole, is_a = idiom
        if is_a:
            return make("idiom_broken", f"fixed expression '{phrase}' broken in b", whole, pb)
        return make("idiom_broken", f"fixed expression '{phrase}' broken in a", pa, whole)
    if not a_text.strip() or not b_text.strip():
        return make("synonym", "words " + ("added" if not a_text.strip() else "dropped"))
    return make("synonym", "wording changed, meaning kept")


_WORD_RULES: dict[tuple, tuple[str | None, str | None, str | None]] = {}  # `_word_rules` per run pair
_WORD_RULES_MAX = 1 << 16


def _word_rules(a: Sequence[Token], b: Sequence[Token], after: Sequence[Token], config: ExplainConfig
                ) -> tuple[str | None, str | None, str | None]:
    """`_word_rules_of`, kept in a bounded per-process memo keyed on exactly what those rules read: the two
    runs' words and keys, whether "to" follows run a, and the two settings. The same rewritten sentence is
    diffed in every pair its article is in, so over a third of a scan's runs come back."""
    key = (tuple(map(_TEXT, a)), tuple(map(_TEXT, b)), tuple(map(_KEY, a)), tuple(map(_KEY, b)),
           bool(after) and after[0].key == "to", config.max_inserted_flip_tokens, config.flip_min_valence)
    got = _WORD_RULES.get(key)
    if got is None:
        got = _word_rules_of(a, b, after, config)
        remember(_WORD_RULES, key, got, _WORD_RULES_MAX)
    return got


def _word_rules_of(a: Sequence[Token], b: Sequence[Token], after: Sequence[Token], config: ExplainConfig
                   ) -> tuple[str | None, str | None, str | None]:
    """(spelling variant, meaning flip, name form) of two changed runs: the rules that read only the runs'
    words and keys (and whether "to" follows run a, for "declined to"). A spelling variant decides alone."""
    words_a, words_b = [t.text for t in a], [t.text for t in b]
    form, named = form_reasons(words_a, words_b)  # (the name form is read below, after the flip tests)
    if form:
        return form, None, None
    one_sided = not a or not b
    # A clause added or dropped outright is reworded content, not an inverted proposition.
    clause = one_sided and len(a) + len(b) > config.max_inserted_flip_tokens
    if clause or _inert(a, b):
        return None, None, named or initialism(words_a, words_b)
    negations = (_negations(a, after), _negations(b, after))  # read by both tests below
    flip = flip_reason(a, b, after, negations)
    if flip is None and not one_sided and negations == (0, 0):
        flip = polarity_reason(a, b, config.flip_min_valence)
    return None, flip, named or initialism(words_a, words_b)


def _key_role(key: str) -> int:
    """What a token key can do in the flip and polarity tests: 1 when it may flip (a negator, an antonym axis
    word, a negative prefix for `_prefix_pair`), else 2 when it has a valence (`_polarity`), else 0. A function
    of the key alone, so it is memoized."""
    if key in NEGATORS or key in AXIS_OF or key.startswith(NEG_PREFIXES):
        return 1
    return 2 if key in valence() else 0


_KEY_ROLES: dict[str, int] = {}  # `_key_role` per token key (`memoized`)


def _inert(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """True when `flip_reason` and `polarity_reason` must answer None: no word of either run negates
    (`_negation_kind` 0) or may flip (`_key_role` 1), and one run has no word with a valence. Read per word
    from two memos instead of run by run (most changed runs: ordinary words swapped)."""
    both = [*a, *b]
    roles = memoized(_KEY_ROLES, _key_role, list(map(_KEY, both)))
    if 1 in roles or any(memoized(_NEGATION_KINDS, _negation_kind, list(map(_TEXT, both)))):
        return False
    n = len(a)
    return 2 not in roles[:n] or 2 not in roles[n:]


def _number(a: Sequence[Token], b: Sequence[Token], sa: _Side, sb: _Side, group: Facts | _GroupFacts
            ) -> tuple[str | None, str | None]:
    """(reason, severity override) for a changed figure, date or unit of time in the run."""
    if not _may_have_figure(a) and not _may_have_figure(b):
        return None, None  # no number, unit of time or date word: every test below answers None
    if determiner_swap([t.text for t in a], [t.text for t in b]):
        return None, None  # "one company" / "a company", "twice" / "two times"
    number = number_reason(a, b)
    if number and group.values and number.startswith("number differs") and sorted(_values(a)) != sorted(_values(b)):
        return None, None  # the group's figures are all there: this one moved (a swap is the role test's call)
    one_sided = not a or not b
    if number and one_sided and _values(a or b) and all(_in_article(v, sb if a else sa) for v in _values(a or b)):
        return None, None  # the number moved to another sentence rather than disappearing
    if number and (one_sided or not (_has_figure(a) and _has_figure(b))):
        return number, "medium"  # a figure or date added or dropped with its words: detail, not a changed figure
    if number and (rounded := _rounded(_values(a), _values(b))):
        return rounded, "medium"
    return number, None


def _rounded(va: Sequence[float], vb: Sequence[float]) -> str | None:
    """One figure written as the other rounded ("$64.7 billion" / "$65 billion", "767" / "770"): the precise one
    has 3 significant digits at least and lies within half a unit of the other's last digit, which is coarser. A
    writer rounds a figure; a count of 12 and one of 10 are two counts (2 significant digits: not read as rounding),
    and a year is exact."""
    if len(va) != 1 or len(vb) != 1 or va[0] == vb[0] or va[0] <= 0 or vb[0] <= 0 or _year(va[0]) or _year(vb[0]):
        return None
    (digits_a, unit_a), (digits_b, unit_b) = _precision(va[0]), _precision(vb[0])
    if unit_a == unit_b:
        return None
    (precise, digits), (coarse, unit) = ((va[0], digits_a), (vb[0], unit_b)) if unit_a < unit_b else (
        (vb[0], digits_b), (va[0], unit_a))
    if digits < 3 or abs(precise - coarse) > unit / 2 + 1e-9 * unit:
        return None
    return "figure rounded: the same figure to fewer digits"


def _year(value: float) -> bool:
    """A whole number a year could be (1000-2100): years are exact, 1862 is not 1860 rounded."""
    return float(value).is_integer() and 1000 <= value <= 2100


def _precision(value: float) -> tuple[int, float]:
    """(significant digits, the unit of the last one) of a figure as written: 64.7e9 -> (3, 1e8), 770 -> (2, 10)."""
    _, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    return len(digits), 10.0 ** int(exponent)


_FIGURE_KEYS = frozenset(TIME_UNITS) | DATE_WORDS


def _may_have_figure(tokens: Sequence[Token]) -> bool:
    """True when a token has a value or is a unit of time or a date word (any case): what `number_reason`
    reads. A wider test than `_has_figure`, cheap enough to skip the number rules for most runs."""
    return any(t.value is not None or t.key in _FIGURE_KEYS for t in tokens)


def _has_figure(tokens: Sequence[Token]) -> bool:
    return any(t.value is not None or t.key in TIME_UNITS or (t.key in DATE_WORDS and t.text[:1].isupper())
               for t in tokens)


def _name(a: Sequence[Token], b: Sequence[Token], ta: Sequence[Token], tb: Sequence[Token],
          group: Facts | _GroupFacts) -> tuple[str | None, str | None]:
    """(reason, severity override) for a changed name. Only a name the other version lacks altogether (any
    case, any spelling) or turns into "the <noun>" is changed; one written on one side only, with no name
    in its place, is detail lost (medium), not a falsehood."""
    if not any(map(_NAME, a)) and not any(map(_NAME, b)):
        return None, None  # no name in either run: `name_reason` finds none (and the group's facts go unread)
    if group.names:
        return None, None
    name = name_reason(a, b, ta, tb)
    if not name:
        return None, None
    common = group.made_common
    new_a = [t.text for t in a if t.name and (spelling_key(t.key) not in group.keys_b or t.key.casefold() in common)]
    new_b = [t.text for t in b if t.name and (spelling_key(t.key) not in group.keys_a or t.key.casefold() in common)]
    if not new_a and not new_b or (new_a and new_b and len(new_a) == len(new_b) and all(
            _related_names(x, y) for x, y in zip(new_a, new_b))):
        return None, None
    if any(t.key.casefold() in common for t in (*a, *b) if t.name):
        return "name turned into a common noun: " + " / ".join(new_a or new_b), None
    if not (new_a and new_b):
        return name, "medium"
    return name, None


def _related_names(x: str, y: str) -> bool:
    """A place and its demonym, or one name with and without a possessive (its apostrophe dropped too:
    "Smithfield's" / "Smithfields"). A name written short ("Tim" / "Timothy") stays a change: PAN13's random
    obfuscation puts names sharing first letters in each other's place (stop 41: direction 0.938 -> 0.934)."""
    if demonym_pair(x, y):
        return True
    kx, ky = spelling_key(x), spelling_key(y)
    bx, by = kx.removesuffix("'s"), ky.removesuffix("'s")
    return bx == by or (kx != bx and bx + "s" == ky) or (ky != by and by + "s" == kx)


def _idiom_edit(ta: Sequence[Token], tb: Sequence[Token], ra: tuple[int, int], rb: tuple[int, int], hits: _Hits
                ) -> tuple[str, Span, bool] | None:
    """A fixed expression touching the change on one side and absent from the other: (phrase, its span,
    found on side a)."""
    for side_tokens, r, is_a in ((ta, ra, True), (tb, rb, False)):
        mine = hits.of(0 if is_a else 1)
        if not mine:
            continue
        other = {h[0] for h in hits.of(1 if is_a else 0)}
        for idiom, lo, hi in mine:
            touches = lo < r[1] and r[0] < hi if r[1] > r[0] else lo < r[0] < hi
            if touches and idiom not in other:
                return " ".join(IDIOMS[idiom]), (side_tokens[lo].start, side_tokens[hi - 1].end), is_a
    return None


def _groups(sa: _Side, sb: _Side, matches: Sequence[Match], config: ExplainConfig):
    """Matched sentence groups, with unmatched sentences folded into a neighbour when they are its split."""
    groups = [[list(m.a_sentences), list(m.b_sentences)] for m in matches if m.a_sentences and m.b_sentences]
    owner_a = {i: g for g in groups for i in g[0]}
    owner_b = {j: g for g in groups for j in g[1]}
    for side, owner, other_side, mine in ((sa, owner_a, sb, 0), (sb, owner_b, sa, 1)):
        theirs = 1 - mine
        for i in range(len(side)):
            if i in owner:
                continue
            words = side.content(i)
            if not words:
                continue
            best, best_cover = None, 0.0
            for nb in (i - 1, i + 1):
                g = owner.get(nb)
                if g is None:
                    continue
                mine_words, their_words = side.group_content(g[mine]), other_side.group_content(g[theirs])
                spare = their_words - mine_words
                cover = len(words & spare) / len(words)
                if cover > best_cover:
                    best, best_cover = g, cover
            if best is not None and best_cover >= config.split_cover:
                best[mine].append(i)
                owner[i] = best
    return groups, owner_a, owner_b


def explain(
    a: CleanArticle, b: CleanArticle, matches: Sequence[Match], config: ExplainConfig | None = None,
    sides: SideCache | None = None,
) -> tuple[Edit, ...]:
    """Every classified difference between two aligned articles, most serious first.

    `sides` reuses per-article tokens across many pairs (a scan passes one); without it they are computed here.
    """
    config = config or ExplainConfig()
    sa, sb = (sides.get(a), sides.get(b)) if sides is not None else (_side(a), _side(b))
    groups, owner_a, owner_b = _groups(sa, sb, matches, config)
    edits: list[Edit] = []
    for ia, ib in groups:
        if [a.sentences[i].text for i in sorted(ia)] == [b.sentences[j].text for j in sorted(ib)]:
            continue  # the same sentences verbatim: nothing to diff (and nothing to tokenize)
        if not related_words(sa.group_content(ia), sb.group_content(ib)):
            # Paired only by the alignment's weak second pass and sharing almost no words: not two versions
            # of one sentence. Diffing them would invent changes; they are reported removed and added.
            for i in ia:
                owner_a.pop(i, None)
            for j in ib:
                owner_b.pop(j, None)
            continue
        edits.extend(diff_group(sa, sb, ia, ib, config))
    edits.extend(moved_edits(a, b, [g for g in groups if min(g[0]) in owner_a]))
    for i, s in enumerate(a.sentences):
        if i not in owner_a and sa.content(i):
            edits.append(Edit("removed", s.span, None, s.text, "", "sentence only in a", SEVERITY["removed"]))
    for j, s in enumerate(b.sentences):
        if j not in owner_b and sb.content(j):
            edits.append(Edit("added", None, s.span, "", s.text, "sentence only in b", SEVERITY["added"]))
    return tuple(rank(edits))


_PROBE = ("Okafor met Reilly in Leeds on 4 May.", "Reilly met Okafor in Leeds on 4 May.")


def load_kernels() -> None:
    """Load the word diff's compiled kernels (`opcodes.changed_runs`, `roles_kernel`: ~0.3 CPU-s from numba's
    cache), so that a scan's parent loads them once for the pair workers it forks."""
    ta, tb = (tokenize(t, (0, len(t)), proper_names(t, [(0, len(t))])) for t in _PROBE)
    changed_runs([t.key for t in ta], [t.key for t in tb])
    swap_edits(ta, tb, *_PROBE)


def rank(edits: Iterable[Edit]) -> list[Edit]:
    """Most serious first (meaning flips and altered quotes lead), then by position."""
    return sorted(
        edits,
        key=lambda e: (_SEV_RANK[e.severity], _KIND_RANK.get(e.kind, 99),
                       (e.a_span or (10**9, 0))[0], (e.b_span or (10**9, 0))[0]),
    )

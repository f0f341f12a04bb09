"""Word-level diff of aligned sentences and classification of each difference into an `Edit`.

Aligned sentence groups are diffed token by token (difflib on normalized keys with character offsets).
Each changed run of tokens becomes one edit, classified by rules in priority order: quote_altered,
meaning_flip, number_change, name_change, idiom_broken, synonym. Unmatched sentences are added/removed.
Lexicons here are general English (negators, antonym axes, fixed expressions), never tuned to a corpus.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from ..config import ExplainConfig
from ..records import CleanArticle, Edit, Match, Span

SEVERITY = {
    "meaning_flip": "high", "quote_altered": "high", "number_change": "high", "name_change": "high",
    "idiom_broken": "medium", "added": "medium", "removed": "medium", "synonym": "low",
}
_KIND_RANK = {k: n for n, k in enumerate(
    ("meaning_flip", "quote_altered", "number_change", "name_change", "idiom_broken", "removed", "added", "synonym")
)}
_SEV_RANK = {"high": 0, "medium": 1, "low": 2}

_TOKEN = re.compile(r"[^\W_]+(?:[.,'\u2019\-][^\W_]+)*|[$\u00a3\u20ac\u00a5%]")
_QUOTE_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

# ---------------------------------------------------------------- numbers
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "twin": 2, "twins": 2,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "thirds": 1 / 3}
_PERCENT = {"percent", "per", "%", "pc"}
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
_TIME_UNITS = {
    w: n for n, ws in enumerate((
        "second seconds", "minute minutes", "hour hours hourly", "day days daily", "week weeks weekly",
        "month months monthly", "year years yearly annual annually", "decade decades", "century centuries",
    )) for w in ws.split()
}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")

# ---------------------------------------------------------------- polarity
_NEGATORS = frozenset(
    "not no never none nobody nothing neither nor without cannot unable absent lack lacked lacks lacking "
    "incapable impossible illegal inadequate insufficient ineffective invalid unlikely nowhere barely "
    "hardly refuse refused refuses refusing fail failed fails failing".split()
)
_UN_EXCEPTIONS = frozenset(
    "under until unit units united union unions universe university universities unique uniform unless "
    "unveil unveiled unveils unveiling uncover uncovered unfold unfolded unfolding unleash unleashed "
    "unload unloaded unpack unpacked undergo underwent undergone understand understood understanding "
    "undertake undertaken undertook undermine undermined unanimous unanimously".split()
)


def _forms(words: str) -> set[str]:
    """A word list with regular inflections added (over-generation is harmless for lookups)."""
    out: set[str] = set()
    for w in words.split():
        out |= {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "est"}
        if w.endswith("e"):
            out |= {w[:-1] + "ing", w[:-1] + "er", w[:-1] + "est"}
        if w.endswith("y"):
            out |= {w[:-1] + "ied", w[:-1] + "ies", w[:-1] + "ier", w[:-1] + "iest"}
        if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou":
            out |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er", w + w[-1] + "est"}
    return out


# Each axis: words pointing one way | words pointing the other way (base forms plus irregulars).
_AXES_SRC = (
    ("rise rose risen climb jump soar surge grow grew grown increase gain rally swell swollen "
     "mount expand spike", "fall fell fallen drop slide slid slip plunge tumble slump sink sank sunk "
     "decline decrease shrink shrank shrunk dip contract plummet"),
    ("more most greater greatest", "less least fewer fewest lesser"),
    ("high higher highest", "low lower lowest"),
    ("large larger largest big bigger biggest", "small smaller smallest little"),
    ("above", "below"),
    ("over", "under"),
    ("up", "down"),
    ("ahead", "behind"),
    ("before", "after"),
    ("early earlier earliest", "late later latest"),
    ("fast faster fastest quick quicker quickly rapid rapidly", "slow slower slowest slowly"),
    ("immediate immediately instant", "gradual gradually eventual eventually"),
    ("full fully entire entirely whole wholly complete", "part partial partially partly"),
    ("all every everyone everybody everything always", "none nobody nothing never"),
    ("many much often frequently", "few rarely seldom"),
    ("double doubled twice triple treble", "halve half"),
    ("keep kept retain hold held maintain freeze froze frozen", "return surrender relinquish hand give"),
    ("hold held freeze froze frozen unchanged steady", "raise hike lift cut lower reduce slash"),
    ("raise lift boost hike", "lower cut reduce slash trim"),
    ("increase", "reduce cut"),
    ("lengthen extend prolong", "shorten curtail"),
    ("strengthen tighten harden", "weaken loosen relax ease soften"),
    ("open reopen", "close shut"),
    ("start begin began begun launch", "end stop finish halt"),
    ("win won beat victory triumph", "lose lost defeat"),
    ("gain profit surplus", "loss deficit"),
    ("keep kept retain", "lose lost"),
    ("succeed success successful", "fail failure unsuccessful"),
    ("pass passed", "fail"),
    ("accept support endorse approve embrace welcome favour favor back", "reject oppose resist veto "
     "condemn"),
    ("agree", "disagree"),
    ("admit admission confess acknowledge", "deny denial"),
    ("confirm", "deny"),
    ("allow permit let legalise legalize", "ban forbid prohibit block bar outlaw"),
    ("acquit acquittal innocent", "convict conviction guilty"),
    ("praise applaud commend", "criticise criticize condemn blame"),
    ("hire recruit employ", "fire sack dismiss"),
    ("include", "exclude"),
    ("add", "remove"),
    ("import", "export"),
    ("arrive", "depart leave left"),
    ("survive survivor alive", "die died dead killed"),
    ("improve better best", "worsen deteriorate worse worst"),
    ("good", "bad"),
    ("strong stronger strongest", "weak weaker weakest"),
    ("positive", "negative"),
    ("safe safer", "dangerous unsafe"),
    ("legal lawful", "illegal unlawful"),
    ("true", "false"),
    ("right correct", "wrong incorrect"),
    ("easy easier easiest", "hard harder difficult"),
    ("cheap cheaper cheapest", "expensive costly"),
    ("rich wealthy", "poor"),
    ("majority", "minority"),
    ("maximum", "minimum"),
    ("most", "least"),
    ("with", "without"),
    ("public", "private secret"),
    ("guilty", "innocent"),
    ("first", "last"),
    ("same", "different"),
    ("likely", "unlikely"),
    ("possible", "impossible"),
    ("expected", "unexpected"),
    ("peace", "war"),
)
_AXES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(_forms(p)), frozenset(_forms(m))) for p, m in _AXES_SRC
)
_NEG_PREFIXES = ("in", "im", "il", "ir", "dis")  # "un-" and "non-" words already count as negators

# ---------------------------------------------------------------- fixed expressions
# Common English idioms in news prose; matched on stems so "moving the goalposts" finds "move the goalposts".
IDIOMS = tuple(s.split() for s in (
    "basket case", "red tape", "tip of the iceberg", "drop in the ocean", "drop in the bucket",
    "slap on the wrist", "bitter pill", "uphill battle", "uphill struggle", "blank cheque", "blank check",
    "lion's share", "up in the air", "move the goalposts", "in the pipeline", "out in the cold",
    "in the dark", "high and dry", "back to the drawing board", "red flag", "red flags", "white elephant",
    "cold feet", "lame duck", "silver bullet", "silver lining", "level playing field", "the elephant in the room",
    "a perfect storm", "the last straw", "the bottom line", "break the ice", "bite the bullet",
    "cut corners", "a wake-up call", "hit the ground running", "the writing on the wall", "a double-edged sword",
    "the tip of the spear", "a storm in a teacup", "a can of worms", "a dead end", "a grey area",
    "a gray area", "a vicious circle", "a vicious cycle", "a knee-jerk reaction", "the green light",
    "in the red", "in the black", "on the back burner", "behind closed doors", "at a crossroads",
    "over the moon", "under fire", "in hot water", "on thin ice", "a golden opportunity", "a fresh start",
    "a rubber stamp", "rubber-stamp", "a shot in the arm", "a shot in the dark", "a sea change",
    "a watershed moment", "the tip of the tongue", "pay lip service", "lip service", "a safe pair of hands",
    "a bone of contention", "a hot potato", "a political football", "a poisoned chalice", "a u-turn",
    "the smoking gun", "a smoking gun", "a rude awakening", "a tall order", "the fine print", "small print",
    "a stop-gap", "cash cow", "glass ceiling", "gravy train", "fat cat", "fat cats", "witch hunt",
    "whistle-blower", "scapegoat", "bottleneck", "loophole", "black market", "black sheep",
    "rank and file", "tooth and nail", "neck and neck", "by and large", "safe and sound", "null and void",
    "touch and go", "track record", "long haul", "short shrift", "short-lived", "game changer",
    "turn a blind eye", "blind eye", "foot the bill", "toe the line", "hold the line", "draw the line",
    "the tip of the iceberg", "a drop in the ocean", "hand in glove", "head to head", "at arm's length",
    "rule of thumb", "word of mouth", "state of the art", "a slippery slope", "slippery slope",
    "on the table", "off the table", "on the cards", "in the wings", "on the ropes", "on the brink",
    "skeleton staff", "skeleton crew", "shoestring budget", "on a shoestring", "kick the can down the road",
    "the jury is still out", "a sticking point", "sticking point", "a stumbling block", "stumbling block",
    "damp squib", "wild goose chase", "dark horse", "hot seat", "square one", "cold comfort", "thin air",
)) + ()
_IDIOM_MIN_ZIPF_GAP = 0.0


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    w = word.casefold().replace("\u2019", "'")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


_IDIOM_STEMS = tuple(tuple(_stem(w) for w in idiom if w not in ("a", "the")) for idiom in IDIOMS)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (0 when unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# ---------------------------------------------------------------- tokens
class Token(NamedTuple):
    """One word of an article: its text, position, and the key it is diffed on (a named tuple: articles
    have hundreds of thousands of tokens and a tuple is three times cheaper to build than a dataclass)."""

    text: str
    start: int
    end: int
    key: str
    name: bool  # a proper name (capitalized and not just sentence-initial, or rare)
    value: tuple[float, ...] | None  # numeric value(s) when the token is a number


_HAS_DIGIT = re.compile(r"\d")


def _number_word(low: str) -> float | None:
    if low in _UNITS:
        return float(_UNITS[low])
    if "-" in low:
        parts = low.split("-")
        if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
            return float(_UNITS[parts[0]] + _UNITS[parts[1]])
        if parts[0] in _UNITS:  # "two-year", "five-bedroom"
            return float(_UNITS[parts[0]])
    return None


def _digits_value(text: str) -> tuple[float, ...] | None:
    found = _DIGITS.findall(text)
    if not found:
        return None
    values = []
    for f in found:
        raw = f.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", f) else f.replace(",", ".")
        try:
            values.append(float(raw))
        except ValueError:
            return None
    return tuple(values)


_OPENERS = frozenset('"\u201c\u2018\'(:\u2014-')


def _after_opener(text: str, pos: int, floor: int) -> bool:
    """True when the word at `pos` follows an opening quote, bracket, colon or dash (it may be capitalized)."""
    k = pos - 1
    while k >= floor and text[k] == " ":
        k -= 1
    return k >= floor and text[k] in _OPENERS


def proper_names(text: str, sentences: Iterable[Span]) -> frozenset[str]:
    """Words written capitalized somewhere other than the start of a sentence (names, places, bodies)."""
    out: set[str] = set()
    for start, end in sentences:
        first = True
        for m in _TOKEN.finditer(text, start, end):
            w = m.group()
            if _after_opener(text, m.start(), start):
                first = True
            if not first and w[:1].isupper() and not w.isupper() or (not first and w.isupper() and len(w) > 1):
                out.add(w)
            if w[:1].isalnum():
                first = False
    return frozenset(out)


def tokenize(text: str, span: Span, names: frozenset[str]) -> list[Token]:
    """Tokens of text[span] with normalized keys (number words become digits; names keep their case)."""
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, *span)]
    out: list[Token] = []
    for n, (w, s, e) in enumerate(raw):
        low = w.casefold().translate(_QUOTE_FOLD)
        value = _digits_value(w) if _HAS_DIGIT.search(w) else None
        word_value = _number_word(low)
        if value is None and word_value is not None:
            value = (word_value,)
        elif value is None and low in _FRACTIONS and (
            (n and raw[n - 1][0].casefold() in ("a", "one", "two", "three", "by"))
            or (n + 1 < len(raw) and raw[n + 1][0].casefold() in ("a", "an", "of"))
        ):
            value = (_FRACTIONS[low],)
        if value is not None and len(value) == 1:
            nxt = raw[n + 1][0].casefold() if n + 1 < len(raw) else ""
            if nxt in _SCALES and (nxt not in ("m", "k") or raw[n + 1][1] == e):
                value = (value[0] * _SCALES[nxt],)
            elif nxt in _PERCENT:
                value = (value[0] / 100,)
        is_name = bool(w[:1].isupper()) and value is None and low not in _DATE_WORDS and (
            not (n == 0 or _after_opener(text, s, span[0])) or w in names or zipf(low) < 3.0
        )
        if is_name:
            key = w.translate(_QUOTE_FOLD)
            if key.endswith("'s"):
                key = key[:-2]
        else:
            key = low
        if word_value is not None:
            key = str(int(word_value))
        out.append(Token(w, s, e, key, is_name, value))
    return out


# ---------------------------------------------------------------- quotes
def quote_regions(text: str) -> list[Span]:
    """Spans of quoted text (inside the marks), for straight, curly and single quotes, per paragraph."""
    regions: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        start, seg = para.start(), para.group()
        straight_open: int | None = None
        curly_open: int | None = None
        single_open: int | None = None
        for i, ch in enumerate(seg):
            if ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    regions.append((start + straight_open + 1, start + i))
                    straight_open = None
            elif ch == "\u201c":
                curly_open = i
            elif ch == "\u201d" and curly_open is not None:
                regions.append((start + curly_open + 1, start + i))
                curly_open = None
            elif ch == "\u2018":
                single_open = i
            elif ch == "\u2019" and single_open is not None and not seg[i + 1 : i + 2].isalpha():
                regions.append((start + single_open + 1, start + i))
                single_open = None
        # An opening mark never closed in its paragraph: a quote that runs to the paragraph's end.
        for opened in (straight_open, curly_open):
            if opened is not None:
                regions.append((start + opened + 1, start + len(seg)))
    return sorted(regions)


def _inside(regions: Sequence[Span], start: int, end: int) -> bool:
    return any(s <= start and end <= e and (end > start or s < start) for s, e in regions)


# ---------------------------------------------------------------- classification
def _negations(tokens: Sequence[Token], context: Sequence[Token]) -> int:
    count = 0
    for n, t in enumerate(tokens):
        low = t.text.casefold().translate(_QUOTE_FOLD)
        if low in _NEGATORS or low.endswith("n't"):
            count += 1
        elif low.startswith("declin") and n + 1 < len(tokens) and tokens[n + 1].key == "to":
            count += 1
        elif low.startswith("declin") and n + 1 == len(tokens) and context and context[0].key == "to":
            count += 1
        elif low.startswith("un") and low not in _UN_EXCEPTIONS and len(low) > 5 and zipf(low[2:]) >= 3.0:
            count += 1
        elif low.startswith("non-"):
            count += 1
    return count


_AXIS_OF: dict[str, list[tuple[int, int]]] = {}
for _n, (_plus, _minus) in enumerate(_AXES):
    for _w in _plus:
        _AXIS_OF.setdefault(_w, []).append((_n, 1))
    for _w in _minus:
        _AXIS_OF.setdefault(_w, []).append((_n, -1))


def _axis_signs(tokens: Sequence[Token]) -> dict[int, set[int]]:
    signs: dict[int, set[int]] = {}
    for t in tokens:
        for n, sign in _AXIS_OF.get(t.key, ()):
            signs.setdefault(n, set()).add(sign)
    return signs


def _prefix_pair(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """One side has `unX`/`inX`/`disX`... where the other has `X` (and it is not counted as a negator)."""
    ka = {t.key for t in a if t.key not in _NEGATORS}
    kb = {t.key for t in b if t.key not in _NEGATORS}
    for x, y in ((ka, kb), (kb, ka)):
        for w in x:
            for p in _NEG_PREFIXES:
                if w.startswith(p) and w[len(p):] in y and len(w) - len(p) >= 4:
                    return True
    return False


@lru_cache(maxsize=1)
def _valence() -> dict[str, float]:
    """VADER's human-rated word valences (-4..4), read from the lexicon file its wheel ships."""
    from importlib.resources import files

    out: dict[str, float] = {}
    text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0]] = float(parts[1])
    return out


def _polarity(tokens: Sequence[Token]) -> float | None:
    """The strongest evaluative valence among the words, skipping negators and axis words (their own rules)."""
    lex = _valence()
    best: float | None = None
    for t in tokens:
        if t.key in _NEGATORS or t.key in _AXIS_OF:
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


def flip_reason(a: Sequence[Token], b: Sequence[Token], after: Sequence[Token] = ()) -> str | None:
    """Why the two sides say opposite things (negation, antonym, quantifier), or None."""
    reasons = []
    na, nb = _negations(a, after), _negations(b, after)
    flipped = False
    if na % 2 != nb % 2:
        flipped = not flipped
        reasons.append("negation " + ("removed" if na > nb else "added"))
    signs_a, signs_b = _axis_signs(a), _axis_signs(b)
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
    ua = [_TIME_UNITS[t.key] for t in a if t.key in _TIME_UNITS]
    ub = [_TIME_UNITS[t.key] for t in b if t.key in _TIME_UNITS]
    if ua and ub and ua != ub:
        return "unit of time differs"
    da = [t.key for t in a if t.key in _DATE_WORDS]
    db = [t.key for t in b if t.key in _DATE_WORDS]
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
    if False:
        return f"name {' '.join(t.text for t in named)} turned into a common word"
    return f"name {' '.join(t.text for t in named)} replaced by common words"


_IDIOMS_BY_FIRST: dict[str, list[int]] = {}
for _n, _idiom in enumerate(_IDIOM_STEMS):
    if _idiom:
        _IDIOMS_BY_FIRST.setdefault(_idiom[0], []).append(_n)


def _idiom_hits(tokens: Sequence[Token]) -> list[tuple[int, int, int]]:
    """(idiom index, first token, last token + 1) of fixed expressions found in a token run."""
    kept = [(n, _stem(t.key)) for n, t in enumerate(tokens) if t.key not in ("a", "an", "the")]
    stems = [s for _, s in kept]
    hits = []
    for i, first in enumerate(stems):
        for n in _IDIOMS_BY_FIRST.get(first, ()):
            idiom = _IDIOM_STEMS[n]
            k = len(idiom)
            if stems[i : i + k] == list(idiom):
                hits.append((n, kept[i][0], kept[i + k - 1][0] + 1))
    return hits


# ---------------------------------------------------------------- diffing
class _Side:
    """One article prepared for explaining: tokens per sentence, quote regions, names, and lookups (all its
    token keys, its numeric values sorted). Everything is computed on first use and kept, so a sentence
    that no pair needs diffed (identical in every version) is never tokenized."""

    __slots__ = ("article", "_names", "_tokens", "_quotes", "_keys", "_values", "_hits")

    def __init__(self, article: CleanArticle) -> None:
        self.article = article
        self._names: frozenset[str] | None = None
        self._tokens: list[tuple[Token, ...] | None] = [None] * len(article.sentences)
        self._quotes: tuple[Span, ...] | None = None
        self._keys: frozenset[str] | None = None
        self._values: tuple[float, ...] | None = None
        self._hits: dict[tuple[int, ...], list[tuple[int, int, int]]] = {}

    def __len__(self) -> int:
        return len(self._tokens)

    def tok(self, i: int) -> tuple[Token, ...]:
        """Tokens of sentence i."""
        got = self._tokens[i]
        if got is None:
            if self._names is None:
                self._names = proper_names(self.article.article.text, [s.span for s in self.article.sentences])
            got = self._tokens[i] = tuple(tokenize(self.article.article.text, self.article.sentences[i].span,
                                                   self._names))
        return got

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

    @property
    def quotes(self) -> tuple[Span, ...]:
        if self._quotes is None:
            self._quotes = tuple(quote_regions(self.article.article.text))
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


def _side(article: CleanArticle) -> _Side:
    return _Side(article)


class SideCache:
    """Per-article explain inputs (tokens, names, quote regions), computed once per article id.

    A scan holds one for its run, so an article in many candidate pairs is tokenized once.
    """

    def __init__(self) -> None:
        self._sides: dict[str, _Side] = {}

    def __len__(self) -> int:
        return len(self._sides)

    def get(self, article: CleanArticle) -> _Side:
        side = self._sides.get(article.id)
        if side is None or side.article is not article:
            side = self._sides[article.id] = _side(article)
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


def diff_group(
    sa: _Side, sb: _Side, ia: Sequence[int], ib: Sequence[int], config: ExplainConfig
) -> list[Edit]:
    """Edits between sentence group `ia` of a and group `ib` of b."""
    ta, tb = _group_tokens(sa, ia), _group_tokens(sb, ib)
    ka, kb = [t.key for t in ta], [t.key for t in tb]
    if ka == kb:
        return []  # identical match keys: nothing changed
    hits = _Hits(ta, tb, ((sa, ia), (sb, ib)))
    surplus_a = Counter(ka) - Counter(kb)
    surplus_b = Counter(kb) - Counter(ka)
    text_a, text_b = sa.article.article.text, sb.article.article.text
    span_a = (sa.article.sentences[min(ia)].span[0], sa.article.sentences[max(ia)].span[1])
    span_b = (sb.article.sentences[min(ib)].span[0], sb.article.sentences[max(ib)].span[1])
    edits: list[Edit] = []
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # Tokens present on both sides in the same numbers only moved (reordered clauses): not edits.
        real_a = _take(ka, i1, i2, surplus_a)
        real_b = _take(kb, j1, j2, surplus_b)
        if not real_a and not real_b:
            continue
        # The edit spans only the words that really changed: a long reordered clause is not the edit,
        # and separate runs of changed words inside one diff block are separate edits.
        runs_a, runs_b = _runs(real_a), _runs(real_b)
        for k in range(max(len(runs_a), len(runs_b))):
            ra = runs_a[k] if k < len(runs_a) else (i2, i2) if i2 > i1 else (i1, i1)
            rb = runs_b[k] if k < len(runs_b) else (j2, j2) if j2 > j1 else (j1, j1)
            pa = _span(ta, *ra, _gap_pos(ta, ra[0], span_a))
            pb = _span(tb, *rb, _gap_pos(tb, rb[0], span_b))
            edits.append(classify(sa, sb, ta, tb, ra, rb, pa, pb, config, hits))
    return [e for e in edits if e is not None]


def _runs(indices: Sequence[int], max_gap: int = 2) -> list[tuple[int, int]]:
    """Half-open runs of token indices, splitting where more than `max_gap` unchanged tokens intervene."""
    runs: list[list[int]] = []
    for k in indices:
        if runs and k - runs[-1][1] <= max_gap:
            runs[-1][1] = k + 1
        else:
            runs.append([k, k + 1])
    return [(lo, hi) for lo, hi in runs]


def _take(keys: Sequence[str], lo: int, hi: int, surplus: Counter) -> list[int]:
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


def _name_in_article(key: str, side: _Side) -> bool:
    return key in side.keys


def classify(
    sa: _Side, sb: _Side, ta: Sequence[Token], tb: Sequence[Token],
    ra: tuple[int, int], rb: tuple[int, int], pa: Span, pb: Span, config: ExplainConfig,
    hits: _Hits | None = None,
) -> Edit:
    """Kind, severity and evidence of one changed token run (rules in priority order)."""
    a, b = ta[ra[0]:ra[1]], tb[rb[0]:rb[1]]
    text_a, text_b = sa.article.article.text, sb.article.article.text
    a_text, b_text = text_a[pa[0]:pa[1]], text_b[pb[0]:pb[1]]

    def make(kind: str, why: str, span_a: Span = pa, span_b: Span = pb) -> Edit:
        return Edit(kind, span_a, span_b, text_a[span_a[0]:span_a[1]], text_b[span_b[0]:span_b[1]], why,
                    SEVERITY[kind])

    after_a = ta[ra[1]:ra[1] + 1]
    one_sided = not a or not b
    # A clause added or dropped outright is reworded content, not an inverted proposition.
    flip = None if one_sided and len(a) + len(b) > config.max_inserted_flip_tokens else flip_reason(a, b, after_a)
    if flip is None and not one_sided and _negations(a, after_a) == 0 and _negations(b, after_a) == 0:
        flip = polarity_reason(a, b, config.flip_min_valence)
    number = number_reason(a, b)
    if number and one_sided and _values(a or b) and all(_in_article(v, sb if a else sa) for v in _values(a or b)):
        number = None  # the number moved to another sentence rather than disappearing
    name = name_reason(a, b, ta, tb)
    if name and "replaced by common words" in name:
        moved = [t for t in (a if any(t.name for t in a) else b) if t.name]
        other = sb if any(t.name for t in a) else sa
        if all(_name_in_article(t.key, other) for t in moved):
            name = None
    detail = flip or number or name
    if _inside(sa.quotes, *pa) or _inside(sb.quotes, *pb):
        why = "words inside a quotation differ"
        return make("quote_altered", why + (f" ({detail})" if detail else ""))
    if flip:
        return make("meaning_flip", flip)
    if number:
        return make("number_change", number)
    if name:
        return make("name_change", name)
    # Idiom: a fixed expression touching the change on one side and absent from the other.
    hits = hits or _Hits(ta, tb)
    for side_tokens, r, is_a in ((ta, ra, True), (tb, rb, False)):
        mine = hits.of(0 if is_a else 1)
        if not mine:
            continue
        other = {h[0] for h in hits.of(1 if is_a else 0)}
        for idiom, lo, hi in mine:
            touches = lo < r[1] and r[0] < hi if r[1] > r[0] else lo < r[0] < hi
            if touches and idiom not in other:
                whole = (side_tokens[lo].start, side_tokens[hi - 1].end)
                phrase = " ".join(IDIOMS[idiom])
                if is_a:
                    return make("idiom_broken", f"fixed expression '{phrase}' broken in b", whole, pb)
                return make("idiom_broken", f"fixed expression '{phrase}' broken in a", pa, whole)
    if not a_text.strip() or not b_text.strip():
        return make("synonym", "words " + ("added" if not a_text.strip() else "dropped"))
    return make("synonym", "wording changed, meaning kept")


def _content(tokens: Sequence[Token]) -> set[str]:
    return {t.key.casefold() for t in tokens if len(t.key) > 3 or t.value is not None}


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
            words = _content(side.tok(i))
            if not words:
                continue
            best, best_cover = None, 0.0
            for nb in (i - 1, i + 1):
                g = owner.get(nb)
                if g is None:
                    continue
                mine_words = set().union(*(_content(side.tok(k)) for k in g[mine]))
                their_words = set().union(*(_content(other_side.tok(k)) for k in g[theirs]))
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
        edits.extend(diff_group(sa, sb, ia, ib, config))
    for i, s in enumerate(a.sentences):
        if i not in owner_a and _content(sa.tok(i)):
            edits.append(Edit("removed", s.span, None, s.text, "", "sentence only in a", SEVERITY["removed"]))
    for j, s in enumerate(b.sentences):
        if j not in owner_b and _content(sb.tok(j)):
            edits.append(Edit("added", None, s.span, "", s.text, "sentence only in b", SEVERITY["added"]))
    return tuple(rank(edits))


def rank(edits: Iterable[Edit]) -> list[Edit]:
    """Most serious first (meaning flips and altered quotes lead), then by position."""
    return sorted(
        edits,
        key=lambda e: (_SEV_RANK[e.severity], _KIND_RANK.get(e.kind, 99),
                       (e.a_span or (10**9, 0))[0], (e.b_span or (10**9, 0))[0]),
    )


# ---------------------------------------------------------------- public API
@dataclass(frozen=True)
class Comparison:
    """Two versions aligned and explained: sentence matches, classified edits, and the original."""

    a: CleanArticle
    b: CleanArticle
    matches: tuple[Match, ...]
    edits: tuple[Edit, ...]
    original: str | None  # id of the version judged the original, None when the evidence is weak
    original_confidence: float
    original_signals: tuple[str, ...]
    coverage_a: float
    coverage_b: float
    score: float


def compare_articles(a: CleanArticle, b: CleanArticle, config: ExplainConfig | None = None, align_config=None) -> Comparison:
    """Align two cleaned articles, explain every edit and decide which is the original."""
    from ..align import align
    from ..config import AlignConfig
    from .direction import decide

    config = config or ExplainConfig()
    alignment = align(a, b, config=align_config or AlignConfig())
    edits = explain(a, b, alignment.matches, config)
    verdict = decide(a, b, edits, alignment.coverage_a, alignment.coverage_b, config,
                     matches=alignment.matches)
    original = {"a": a.id, "b": b.id}.get(verdict.original or "")
    return Comparison(a, b, alignment.matches, edits, original, verdict.confidence, verdict.signals,
                      alignment.coverage_a, alignment.coverage_b, alignment.score)


def compare(
    text_a: str,
    text_b: str,
    *,
    id_a: str = "a",
    id_b: str = "b",
    published_a: str | None = None,
    published_b: str | None = None,
    config: ExplainConfig | None = None,
) -> Comparison:
    """Compare two raw texts: what changed between them (spans index `text_a`/`text_b`) and which came first."""
    from ..clean import clean_article
    from ..records import Article

    ca = clean_article(Article(id_a, text_a, f"<{id_a}>", published=published_a))
    cb = clean_article(Article(id_b, text_b, f"<{id_b}>", published=published_b))
    return compare_articles(ca, cb, config)


def explain_pair(pair, a: CleanArticle, b: CleanArticle, config: ExplainConfig | None = None,
                 sides: SideCache | None = None):
    """The pair with its edits, original, confidence and signals filled in (exact copies have no edits).

    `sides` (a scan's `SideCache`) reuses each article's tokens across all the pairs it is in.
    """
    from dataclasses import replace

    from .direction import decide

    config = config or ExplainConfig()
    edits = () if pair.relation == "exact" else explain(a, b, pair.matches, config, sides)
    verdict = decide(a, b, edits, pair.coverage_a, pair.coverage_b, config, matches=pair.matches)
    original = {"a": a.id, "b": b.id}.get(verdict.original or "")
    return replace(pair, edits=edits, original=original, original_confidence=verdict.confidence,
                   original_signals=verdict.signals)

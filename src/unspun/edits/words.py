"""The general-English word tables the edit classifier reads: number words, negators, antonym axes,
fixed expressions, the sentiment lexicon, and the a/an rule.

Data, not logic: every table is general English, never tuned to a corpus. The classifier (`classify`),
the direction vote (`direction`) and the lone-article spin score (`spin`) all read them from here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from ..tokens import light_stem

# Curly quotes folded to straight ones before a word is looked up or compared.
QUOTE_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

# ---------------------------------------------------------------- numbers
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "twin": 2, "twins": 2,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "thirds": 1 / 3}
PERCENT = {"percent", "per", "%", "pc"}
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
TIME_UNITS = {
    w: n for n, ws in enumerate((
        "second seconds", "minute minutes", "hour hours hourly", "day days daily", "week weeks weekly",
        "month months monthly", "year years yearly annual annually", "decade decades", "century centuries",
    )) for w in ws.split()
}

# ---------------------------------------------------------------- polarity
NEGATORS = frozenset(
    "not no never none nobody nothing neither nor without cannot unable absent lack lacked lacks lacking "
    "incapable impossible illegal inadequate insufficient ineffective invalid unlikely nowhere barely "
    "hardly refuse refused refuses refusing fail failed fails failing".split()
)
UN_EXCEPTIONS = frozenset(
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
_AXES_SOURCE = (
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
AXES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(_forms(p)), frozenset(_forms(m))) for p, m in _AXES_SOURCE
)
NEG_PREFIXES = ("in", "im", "il", "ir", "dis")  # "un-" and "non-" words already count as negators

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
))
IDIOM_STEMS = tuple(tuple(light_stem(w) for w in idiom if w not in ("a", "the")) for idiom in IDIOMS)
# One stem of each expression, its longest (the last on a tie: mostly its rarest word, "moon" of "over the
# moon"): a run whose stems hold none of these holds no expression, a set test in C that spares most
# sentence groups the match loop.
IDIOM_ANCHORS = frozenset(max(reversed(stems), key=len) for stems in IDIOM_STEMS if stems)


def _axis_index() -> dict[str, tuple[tuple[int, int], ...]]:
    """word -> ((axis number, +1 or -1), ...): which way the word points on each axis it belongs to."""
    index: dict[str, list[tuple[int, int]]] = {}
    for n, (plus, minus) in enumerate(AXES):
        for w in plus:
            index.setdefault(w, []).append((n, 1))
        for w in minus:
            index.setdefault(w, []).append((n, -1))
    return {w: tuple(v) for w, v in index.items()}


def _idioms_by_first() -> dict[str, tuple[int, ...]]:
    """First stem of a fixed expression -> the indices of the expressions starting with it."""
    index: dict[str, list[int]] = {}
    for n, idiom in enumerate(IDIOM_STEMS):
        if idiom:
            index.setdefault(idiom[0], []).append(n)
    return {w: tuple(v) for w, v in index.items()}


AXIS_OF = _axis_index()
IDIOMS_BY_FIRST = _idioms_by_first()


# ---------------------------------------------------------------- sentiment
@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """VADER's human-rated word valences (-4..4), read from the lexicon file its wheel ships."""
    out: dict[str, float] = {}
    text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0]] = float(parts[1])
    return out


# ---------------------------------------------------------------- a/an
_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "eu", "one", "once", "ure", "uk")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_LETTERS_AT = re.compile(r"[A-Za-z]+")
_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(an?)\s+$", re.IGNORECASE)  # compiled once: the spin asks per "a"/"an"


def article_clash(text: str, span: tuple[int, int]) -> bool:
    """True when the word starting at span[0] disagrees with an "a"/"an" right before it. Most words follow no
    article: the four characters read before the word are tested for a letter a first (a slice and two searches
    in C, where the two regex calls cost more; the direction votes ask for every edit of a pair)."""
    start, end = span
    head = text[max(0, start - 4):start]
    if "a" not in head and "A" not in head:
        return False
    word = _LETTERS_AT.match(text[start:end])
    before = _ARTICLE_BEFORE.search(head)
    if not word or not before:
        return False
    w, art = word.group().casefold(), before.group(1).casefold()
    vowel = w[0] in "aeiou" and not w.startswith(_VOWEL_SOUND_EXCEPTIONS) or w.startswith(_SILENT_H)
    if len(w) == 1 or w.isupper():
        return False  # letters and acronyms ("an FBI agent") follow pronunciation, not spelling
    return (art == "a") == vowel

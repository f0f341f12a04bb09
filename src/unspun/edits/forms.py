"""Form-only differences: the same word or name written another way, which never changes what is said.

A spinner, a sub-editor or a translator rewrites "paralysed" as "paralyzed", "Belarus" as "Belarusian",
"Deputy Secretary General of FIBA Asia" as "FIBA Asia deputy secretary general", "eleventh" as "11th".
None of these is a meaning change, yet a word diff sees changed tokens. Each test here is a general
rule of English orthography (British/American suffixes, hyphenation, case, demonym formation) plus a
short table of irregular forms; none is tuned to one example.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ..tokens import zipf
from .word_memo import remember

# Irregular British/American pairs that no suffix rule covers (the regular ones are rules below).
_IRREGULAR = {
    "grey": "gray", "greys": "grays", "tyre": "tire", "tyres": "tires", "kerb": "curb", "cheque": "check",
    "cheques": "checks", "programme": "program", "programmes": "programs", "plough": "plow",
    "aluminium": "aluminum", "mould": "mold", "moulds": "molds", "sceptic": "skeptic", "sceptical": "skeptical",
    "scepticism": "skepticism", "pyjamas": "pajamas", "jewellery": "jewelry", "draught": "draft",
    "storey": "story", "storeys": "stories", "cosy": "cozy", "moustache": "mustache", "ageing": "aging",
    "judgement": "judgment", "judgements": "judgments", "acknowledgement": "acknowledgment",
    "whisky": "whiskey", "doughnut": "donut", "artefact": "artifact", "artefacts": "artifacts",
    "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "skilful": "skillful", "wilful": "willful", "instalment": "installment", "practise": "practice",
    "practised": "practiced", "practising": "practicing", "licence": "license", "offence": "offense",
    "offences": "offenses", "defence": "defense", "pretence": "pretense", "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers", "foetus": "fetus", "oestrogen": "estrogen", "gaol": "jail", "kilometre": "kilometer",
    "kilometres": "kilometers", "towards": "toward", "amongst": "among", "whilst": "while", "learnt": "learned",
    "spelt": "spelled", "burnt": "burned", "dreamt": "dreamed", "leapt": "leaped", "spoilt": "spoiled",
}
_FUNCTION = frozenset("the a an of 's ' and for in on at to by".split())
_CONTRACTIONS = {"it's": "it is", "that's": "that is", "he's": "he is", "she's": "she is", "there's": "there is",
                 "won't": "will not", "can't": "cannot", "don't": "do not", "doesn't": "does not",
                 "didn't": "did not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
                 "weren't": "were not", "we're": "we are", "they're": "they are", "you're": "you are",
                 "i'm": "i am", "we've": "we have", "they've": "they have", "i've": "i have",
                 "couldn't": "could not", "wouldn't": "would not", "shouldn't": "should not",
                 "hasn't": "has not", "haven't": "have not", "hadn't": "had not", "let's": "let us"}




@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """One spelling shared by British and American forms, hyphenated and closed forms, any letter case.

    "Paralysed", "paralyzed" -> "paralyzed"; "defence" -> "defense"; "colour" -> "color";
    "travelled" -> "traveled". Words that merely look alike keep apart ("filled" is not "filed":
    the double-l rule fires only when the single-l stem is a word and the double-l stem is not).
    """
    w = word.casefold().replace("\u2019", "'").replace("-", "")
    if ("." in w and not any(ch.isdigit() for ch in w)) or ("'" in w and not w.endswith("'s")):
        w = w.replace(".", "").replace("'", "")  # "U.S." = "US", "O'Brien" = "OBrien"
    if not w.isascii():  # "İzmir" and "Izmir", "Măgheruş" and "Magherus": one name
        w = "".join(ch for ch in unicodedata.normalize("NFKD", w) if not unicodedata.combining(ch))
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    # Each rule's pattern is tried only when the letters it needs are in the word (most words have none of
    # them): the same matches, without a regex call per rule and word.
    m = "is" in w and _ISE.fullmatch(w)
    if m:
        w = m.group(1) + "iz" + m.group(2)
    m = "ys" in w and _YSE.fullmatch(w)
    if m:
        w = m.group(1) + "yz" + m.group(2)
    m = "our" in w and _OUR.fullmatch(w)
    if m:
        w = m.group(1) + "or" + (m.group(2) or "")
    m = "re" in w and _RE.fullmatch(w)
    if m and m.group(2) in "tbv":  # centre, fibre, manoeuvre: "-tre" "-bre" "-vre"
        w = m.group(1) + m.group(2) + "er" + (m.group(3) or "")
    m = "ogue" in w and _OGUE.fullmatch(w)
    if m:
        w = m.group(1) + "og" + (m.group(2) or "")
    m = "ll" in w and _LL.fullmatch(w)
    if m and zipf(m.group(1) + "l") >= 3.0 and zipf(m.group(1) + "l") > zipf(m.group(1) + "ll") + 1.0:
        w = m.group(1) + "l" + m.group(2)
    if len(w) >= 7 and ("ae" in w or "oe" in w):
        w = _AE_OE.sub("e", w)
    return w


_ISE = re.compile(r"(.{3,})is(e|es|ed|ing|ation|ations|er|ers)")
_YSE = re.compile(r"(.+)ys(e|es|ed|ing|er|ers)")
_OUR = re.compile(r"(.{3,})our(s|ed|ing|ite|ites|able|er|ers|less)?")
_RE = re.compile(r"(.{2,})([^aeiou])re(s|d)?")
_OGUE = re.compile(r"(.+)ogue(s)?")
_LL = re.compile(r"(.{3,}[aeiou])ll(ed|ing|er|ers|or|ors)")
_AE_OE = re.compile(r"(?<=[a-z])(ae|oe)(?=[a-z])")


def _parts(words: Sequence[str]) -> list[str]:
    out = []
    for w in words:
        low = w.casefold().replace("\u2019", "'")
        if low in _CONTRACTIONS:
            out.extend(_CONTRACTIONS[low].split())
        elif low.endswith("'s") and len(low) > 2:
            out.extend((low[:-2], "'s"))
        else:
            out.append(low)
    return out


def spelling_variant(a: Sequence[str], b: Sequence[str]) -> str | None:
    """Why two word runs are the same words spelled differently (case, British/American, hyphens), or None.

    Figures are never spelling variants ("1.2" and "12" are different numbers)."""
    if not (a and b):
        return None
    pa, pb = _parts(a), _parts(b)
    return _spelling_variant(a, b, pa, pb, list(map(spelling_key, pa)), list(map(spelling_key, pb)))


def _without_apostrophes(word: str) -> str:
    return word.casefold().replace("'", "").replace("\u2019", "")


def _spelling_variant(a: Sequence[str], b: Sequence[str], pa: list[str], pb: list[str], ka: list[str],
                      kb: list[str]) -> str | None:
    """`spelling_variant` of two non-empty runs whose `_parts` are `pa` and `pb`, their `spelling_key`s `ka`
    and `kb`."""
    if any(map(str.isdigit, "".join((*a, *b)))):  # a digit anywhere, tested in C
        return None
    if pa == pb:
        if [w.casefold() for w in a] == [w.casefold() for w in b]:
            return "same words, different letter case"
        return "contraction written out"
    if [_without_apostrophes(w) for w in a] == [_without_apostrophes(w) for w in b]:
        return "same words, apostrophe dropped"  # "don't" / "dont", "HP's" / "HPs": a scraper's or typist's loss
    if "".join(ka) == "".join(kb):
        if "".join(pa) == "".join(pb):
            return "same word, hyphenation or spacing differs"
        return "British/American spelling variant"
    return None


# ---------------------------------------------------------------- names
_DEMONYM_IRREGULAR = {
    "france": "french", "britain": "british", "netherlands": "dutch", "holland": "dutch", "spain": "spanish",
    "poland": "polish", "sweden": "swedish", "denmark": "danish", "finland": "finnish", "switzerland": "swiss",
    "wales": "welsh", "greece": "greek", "turkey": "turkish", "ireland": "irish", "scotland": "scottish",
    "england": "english", "philippines": "filipino", "thailand": "thai", "iceland": "icelandic",
    "portugal": "portuguese", "peru": "peruvian", "norway": "norwegian", "cyprus": "cypriot", "yemen": "yemeni",
    "pakistan": "pakistani", "afghanistan": "afghan", "bangladesh": "bangladeshi", "israel": "israeli",
    "kuwait": "kuwaiti", "qatar": "qatari", "oman": "omani", "iraq": "iraqi", "madagascar": "malagasy",
    "monaco": "monegasque", "luxembourg": "luxembourgish", "croatia": "croatian", "serbia": "serbian",
    "slovakia": "slovak", "slovenia": "slovenian", "czechia": "czech", "lebanon": "lebanese",
    "vietnam": "vietnamese", "usa": "american", "us": "american", "america": "american", "uk": "british",
    "chile": "chilean", "germany": "german", "hungary": "hungarian", "somalia": "somali", "nepal": "nepali", "azerbaijan": "azerbaijani",
    "uzbekistan": "uzbek", "kazakhstan": "kazakh", "tajikistan": "tajik", "bahrain": "bahraini", "belgium": "belgian", "mexico": "mexican", "argentina": "argentine",
}
_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "ic", "ean", "eans", "ite", "ites")


def _place_roots(word: str) -> set[str]:
    """Stems a place name may lend its demonym ("Russia" -> "russia", "russi"; "Italy" -> "ital")."""
    w = word.casefold()
    return {w} | {w[: -len(end)] for end in ("ia", "a", "e", "y", "o") if w.endswith(end) and len(w) - len(end) >= 4}


def _demonym_roots(word: str) -> set[str]:
    """Stems a demonym is built on ("Belarusian" -> "belarus", "belarusi"; "Chinese" -> "chin")."""
    w = word.casefold()
    return {w[: -len(suf)] for suf in _DEMONYM_SUFFIXES if w.endswith(suf) and len(w) - len(suf) >= 4}


def demonym_pair(x: str, y: str) -> bool:
    """True when one word is the place and the other its adjective/people ("Belarus" ~ "Belarusian", "U.S." ~
    "American": abbreviation dots aside, as `spelling_key` reads them)."""
    lx, ly = x.casefold().replace(".", ""), y.casefold().replace(".", "")
    if lx == ly:
        return False
    for p, q in ((lx, ly), (ly, lx)):
        if _DEMONYM_IRREGULAR.get(p) == q or _DEMONYM_IRREGULAR.get(p, "") + "s" == q:
            return True
    if not (x[:1].isupper() and y[:1].isupper()):
        return False
    short, long_ = sorted((lx, ly), key=len)
    if not long_.startswith(short[:4]):
        return False
    for place, people in ((short, long_), (long_, short)):
        if len(people) >= 4 and _place_roots(place) & _demonym_roots(people):
            return True
    return False


def name_form(a: Sequence[str], b: Sequence[str]) -> str | None:
    """Why two word runs name the same thing in another form (demonym, reordered title), or None.

    "Belarus" ~ "Belarusian"; "Deputy Secretary General of FIBA Asia" ~ "FIBA Asia deputy secretary
    general" (the same content words in another order, the function words of/the/'s aside).
    """
    if not (a and b):
        return None
    pa, pb = _parts(a), _parts(b)
    return _name_form(a, b, pa, pb, list(map(spelling_key, pa)), list(map(spelling_key, pb)))


_FORM_REASONS: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str | None, str | None]] = {}
_FORM_REASONS_MAX = 1 << 16


def form_reasons(a: Sequence[str], b: Sequence[str]) -> tuple[str | None, str | None]:
    """(`spelling_variant`, `name_form`) of two word runs, their words split into parts once: the classifier
    asks both of nearly every changed run. A pure function of the two runs' words, kept in a bounded
    per-process memo: a spinner makes the same substitutions in many articles (~30% of a scan's runs repeat)."""
    if not a or not b:
        return None, None
    key = (tuple(a), tuple(b))
    got = _FORM_REASONS.get(key)
    if got is None:
        pa, pb = _parts(a), _parts(b)
        ka, kb = list(map(spelling_key, pa)), list(map(spelling_key, pb))  # (both tests read them)
        got = _spelling_variant(a, b, pa, pb, ka, kb), _name_form(a, b, pa, pb, ka, kb)
        remember(_FORM_REASONS, key, got, _FORM_REASONS_MAX)
    return got


_SAME_ORDER = "same words in another order (name or title form)"


def _name_form(a: Sequence[str], b: Sequence[str], pa: list[str], pb: list[str], ka: list[str], kb: list[str]
               ) -> str | None:
    """`name_form` of two non-empty runs whose `_parts` are `pa` and `pb`, their `spelling_key`s `ka` and `kb`."""
    ca = [k for w, k in zip(pa, ka) if w not in _FUNCTION]  # the keys of the parts that are not function words
    cb = [k for w, k in zip(pb, kb) if w not in _FUNCTION]
    if len(ca) != len(cb) or not ca:
        return None  # the counts differ (and so would the sums of the leftovers), or no content word at all
    # With as many words on each side, the leftovers are both empty (the same words) or both not, with
    # equal sums; one word a side (most edits) needs no counting.
    if len(ca) == 1:
        if ca == cb:
            return _SAME_ORDER
        left_a, left_b = set(ca), set(cb)
    else:
        if sorted(ca) == sorted(cb):  # the same multiset (a Counter's == runs in Python)
            return _SAME_ORDER
        left_a = {k for k in set(ca) if ca.count(k) > cb.count(k)}  # `Counter(ca) - Counter(cb)`'s keys
        left_b = {k for k in set(cb) if cb.count(k) > ca.count(k)}
    wa = [w for w in a if spelling_key(w.casefold()) in left_a]
    wb = [w for w in b if spelling_key(w.casefold()) in left_b]
    if len(wa) != len(wb):
        return None
    if all(demonym_pair(x, y) for x, y in zip(wa, wb)):
        return "place name and its demonym"
    return None


_ALIASES = {"usa": "us", "america": "us", "uk": "gb", "britain": "gb"}


def initialism(a: Sequence[str], b: Sequence[str]) -> str | None:
    """Why one run is the other's initials ("United States" ~ "US", "U.S.A."), or None."""
    for short, long_ in ((a, b), (b, a)):
        if len(short) != 1 or len(long_) < 2:
            continue
        abbr = spelling_key(short[0])
        if not short[0].replace(".", "").isupper() or len(abbr) < 2:
            continue
        initials = "".join(w[0].casefold() for w in long_ if w[:1].isupper())
        if abbr == initials or _ALIASES.get(abbr, abbr) == _ALIASES.get(initials, initials):
            return "a name and its initials"
    if len(a) == len(b) == 1 and _ALIASES.get(spelling_key(a[0]), "-") == _ALIASES.get(spelling_key(b[0]), "+"):
        return "a name and its initials"
    return None


# ---------------------------------------------------------------- numbers
_ORDINAL_WORDS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
ORDINAL_WORDS = frozenset(_ORDINAL_WORDS)  # the one-word ordinals `ordinal_value` reads (the tokenizer's pass)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_FIRST_SECOND = {"first": 1, "second": 2}
ORDINAL_ENDS = ("st", "nd", "rd", "th")
_DIGIT_ORDINAL = re.compile(r"(\d+)(st|nd|rd|th)")


def ordinal_value(word: str) -> int | None:
    """The number an ordinal word or figure stands for ("eleventh", "twenty-first", "mid-15th", "11th")."""
    w = word.casefold()
    if not w.endswith(ORDINAL_ENDS):
        return None  # every ordinal word and figure ends so; most words are rejected here
    if w.startswith("mid-"):
        w = w[4:]
    m = _DIGIT_ORDINAL.fullmatch(w)
    if m:
        return int(m.group(1))
    if w in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS and (unit in _ORDINAL_WORDS or unit in _FIRST_SECOND):
            return _TENS[tens] + _ORDINAL_WORDS.get(unit, _FIRST_SECOND.get(unit, 0))
    return None


def ordinal_key(n: int) -> str:
    """The figure form of an ordinal (3 -> "3rd", 11 -> "11th"), the key both spellings share."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# "one" as a pronoun or determiner ("one such sighting", "one of the best", "no one") is not a figure.
_ONE_BEFORE = frozenset("such of another day time who that which thing way more or".split())
_ONE_AFTER = frozenset("no any every each the this that which any some as at in".split())


def pronoun_one(word: str, prev: str, nxt: str) -> bool:
    """True when the word "one" (between `prev` and `nxt`) is a pronoun or determiner, not a count."""
    if word.casefold() not in ("one", "ones"):
        return False
    if word.casefold() == "ones":
        return True
    return nxt.casefold() in _ONE_BEFORE or prev.casefold() in _ONE_AFTER or nxt.casefold() in ("'s", "s")


_TIMES = {"once": ["one", "time"], "twice": ["two", "times"], "thrice": ["three", "times"]}


def determiner_swap(a: Sequence[str], b: Sequence[str]) -> bool:
    """The same count written another way: "one" where the other has "a"/"an" (one company -> a company,
    a determiner, not a count), or "twice" for "two times"."""
    la = [w.casefold() for w in a]
    lb = [w.casefold() for w in b]
    for x, y in ((la, lb), (lb, la)):
        if x == ["one"] and y in (["a"], ["an"]):
            return True
        if len(x) == 1 and _TIMES.get(x[0]) == y:
            return True
    return False

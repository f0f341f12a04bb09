"""Names and titles in the whole article (regex: cheap, and covers paragraphs we do not parse), and
the resolution of a speaker mention to the full name the article uses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..records import Claim
from .aside import SetAside
from .lexicon import HEAD_TITLES, PRONOUNS, ROLE_WORDS, TITLES, VAGUE, VERB_LEMMA, lemma_of, upos

# nouns that name what a person is ("the minister", "the striker"): a definite one refers to a named holder
PERSON_NOUNS = HEAD_TITLES | ROLE_WORDS

# a dot joins only an abbreviation ("Sen.", "Jr."): "on Monday. Ruth Okafor said" is two runs
_NAME_RUN = re.compile(
    r"(?<![\w’'])(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*|[A-Z]\.)(?:\s(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*|[A-Z]\.|de|van|von|der|bin|al|da|di|la|le)(?=\s|[,.;:!?’'”\")]|$))*"
)
_STOP_CAPS = frozenset(
    """the a an and but or in on at of for to by with from as it its he she they we i this that these those
    his her their our my your there here when while after before if so yet also however meanwhile on
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december according asked speaking""".split()
)


def _strip_name(tokens: list[str]) -> list[str]:
    # "Transport Minister Katrin Solberg", "marine biologist Keiko Mori" -> the name after the title
    cut = 0
    for k, t in enumerate(tokens[:-1]):
        if t.lower().rstrip(".") in TITLES or t.lower() in ROLE_WORDS or not t[:1].isupper():
            cut = k + 1
    tokens = tokens[cut:]
    while tokens and (tokens[0].lower().rstrip(".") in TITLES or tokens[0].lower() in _STOP_CAPS
                      or tokens[0].lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen"}):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _STOP_CAPS:
        tokens = tokens[:-1]
    # possessive ends the name: "Putin’s" -> "Putin"
    if tokens and (tokens[-1].endswith("’s") or tokens[-1].endswith("'s")):
        tokens = tokens[:-1] + [tokens[-1][:-2]]
    return [t.rstrip(",.") if not re.fullmatch(r"[A-Z]\.", t) else t for t in tokens]


# "Defence Minister Jan Novak", "Kremlin spokesman Dmitry Peskov": any word before a name, the title
# checked by a set lookup (a case-insensitive alternation of the titles at every word was 10x slower)
_WORD_THEN_NAME = re.compile(
    r"\b([A-Za-z]+)(?=\s+((?:[A-Z][\w’'\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]+|[A-Z]\.)){0,3}))"
)
# "Jan Novak, the country’s defence minister," / "Jan Novak, a spokesman for"
_NAME_THEN_TITLE = re.compile(
    r"((?:[A-Z][\w’'\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]+|[A-Z]\.)){0,3}),\s+(?:the|a|an|who is the)\s+([^,.;]{0,60}?)\b("
    + "|".join(sorted(HEAD_TITLES))
    + r")\b"
)
# "the company’s chief executive, Jan Novak"
_DET_TITLE_NAME = re.compile(
    r"\b(?:the|its|their|his|her|our)\s+(?:[\w’'\-]+\s+){0,3}?("
    + "|".join(sorted(HEAD_TITLES))
    + r"),\s+((?:[A-Z][\w’'\-]+|[A-Z]\.)(?:\s(?:[A-Z][\w’'\-]+|[A-Z]\.)){0,3})"
)


@dataclass(frozen=True)
class NameIndex:
    """Full names and their positions, and which titles each name carries, for one article."""

    mentions: tuple[tuple[int, str], ...]  # (position, full name) in text order
    by_last: Mapping[str, str]  # last token -> longest full name ending with it
    by_token: Mapping[str, str]  # any token -> longest full name containing it
    titled: tuple[tuple[int, str, str], ...]  # (position, title word, full name)


def build_names(text: str) -> NameIndex:
    mentions: list[tuple[int, str]] = []
    by_last: dict[str, str] = {}
    by_token: dict[str, str] = {}
    for m in _NAME_RUN.finditer(text):
        toks = _strip_name(m.group(0).split())
        if not toks:
            continue
        name = " ".join(toks)
        mentions.append((m.start(), name))
        if len(toks) >= 2:
            last = toks[-1]
            if len(toks) > len(by_last.get(last, "").split()) and len(toks) <= 4:
                by_last[last] = name
            for t in toks:
                if len(toks) > len(by_token.get(t, "").split()) and len(toks) <= 4:
                    by_token[t] = name
    titled: list[tuple[int, str, str]] = []
    for pos, word, name in _titles_then_names(text):
        toks = _strip_name(name.split())
        if len(toks) >= 1:
            titled.append((pos, word, _full(by_last, by_token, " ".join(toks))))
    for m in _NAME_THEN_TITLE.finditer(text):
        toks = _strip_name(m.group(1).split())
        if toks:
            titled.append((m.start(), m.group(3).lower(), _full(by_last, by_token, " ".join(toks))))
    for m in _DET_TITLE_NAME.finditer(text):
        toks = _strip_name(m.group(2).split())
        if toks:
            titled.append((m.start(), m.group(1).lower(), _full(by_last, by_token, " ".join(toks))))
    titled.sort()
    return NameIndex(tuple(mentions), by_last, by_token, tuple(titled))


def _titles_then_names(text: str) -> Iterable[tuple[int, str, str]]:
    """(position, title, name) for "Title Name" runs, non-overlapping, leftmost first."""
    taken = 0
    for m in _WORD_THEN_NAME.finditer(text):
        word = m.group(1).lower()
        if m.start() >= taken and word in PERSON_NOUNS:
            taken = m.end(2)
            yield m.start(), word, m.group(2)


def _full(by_last: Mapping[str, str], by_token: Mapping[str, str], name: str) -> str:
    toks = name.split()
    if not toks:
        return name
    if len(toks) == 1:
        return by_last.get(toks[0]) or by_token.get(toks[0]) or name
    longer = by_last.get(toks[-1])
    if longer and len(longer.split()) > len(toks) and longer.endswith(name):
        return longer
    return name


_DETS = re.compile(r"^(?:the|a|an|this|that|another|one|some)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name (or description), its kind and the role said of it."""

    name: str
    kind: str  # "named" | "description" | "vague" | "pronoun"
    role: str = ""


def describe_speaker(text: str, mention: str, toks: tuple[Any, ...], pos: int, names: NameIndex,
                     claims: list[Claim], aside: SetAside | None = None) -> Speaker:
    """The speaker behind a mention: a named person or organisation (the name inside an apposition or
    a coordinated description, "Exiled tycoon and Putin enemy Leonid Nevzlin, 62" -> Leonid Nevzlin,
    the rest kept as `role`), a vague source ("some", "reports", "critics"), the antecedent of a
    pronoun (the last compatible named speaker, skipping set-aside captions) or a description."""
    low = mention.lower().strip()
    if not toks:  # found without a parse ("Kerry: ..." lines)
        return Speaker(_full(names.by_last, names.by_token, mention), "named")
    if low in ("who", "that", "which"):  # the tokens are the antecedent's ("Chris Cox, who said")
        mention = "".join(t.text_with_ws for t in toks).strip()
        low = mention.lower()
    if low in PRONOUNS:
        return _pronoun(text, low, mention, pos, names, claims, aside)
    run = _person_run(toks)
    if run is not None and mention.strip() not in names.by_last:
        words = _strip_name(_run_words(run))
        if words:
            return Speaker(_full(names.by_last, names.by_token, " ".join(words)), "named", _role(text, toks, run))
    head = next((t for t in toks if t.head not in toks or t.head is t), toks[0])
    if _vague(head, toks):
        desc = _DETS.sub("", mention)
        return Speaker(desc[:1].lower() + desc[1:] if desc.split()[0].lower() in VAGUE else desc, "vague")
    name = resolve_speaker(text, mention, toks, pos, names, claims)
    if name == _DETS.sub("", mention):
        caps = [t for t in toks if upos(t) == "PROPN"]
        return Speaker(name, "named" if caps and head in caps else "description")
    desc = _DETS.sub("", mention)
    return Speaker(name, "named", "" if desc.split()[-1] in name.split() else desc)


def _vague(head: Any, toks: tuple[Any, ...]) -> bool:
    """"some", "others", "reports", "sources close to ...", "critics", "a source": nobody in particular."""
    return head.lower_ in VAGUE


def _person_run(toks: tuple[Any, ...]) -> list[Any] | None:
    """The proper-name run that names the speaker: not an affiliation ("Kremlin spokesman"), not
    inside a prepositional phrase ("Representatives for Lena Ford")."""
    inside = {t.i for t in toks if t.dep_ == "prep" for t in t.subtree}
    runs = [r for r in _propn_runs(toks) if not any(t.i in inside for t in r) and not _is_affiliation(r)]
    runs = [r for r in runs if any(t.text[:1].isupper() and t.lower_ not in _STOP_CAPS for t in r)]
    if not runs:
        return None
    if len(toks) == len(runs[0]):
        return runs[0]
    # a description around a name: the name must be the head, an apposition or a conjunct of it
    good = [r for r in runs if r[-1].dep_ in ("nsubj", "nsubjpass", "appos", "conj", "pobj", "ROOT")
            or r[-1].head not in toks]
    return good[0] if good else None


def _role(text: str, toks: tuple[Any, ...], run: list[Any]) -> str:
    """The words of the mention around the name, minus determiners, ages and punctuation."""
    # not a role: a relative clause, or a place or group the name is "of"/"from"
    in_run = ({t.i for t in run} | {x.i for t in toks if t.dep_ == "relcl" for x in t.subtree}
              | {x.i for t in run for c in t.children if c.dep_ == "prep" for x in c.subtree})
    pieces: list[list[Any]] = [[]]
    for t in sorted(toks, key=lambda t: t.i):
        if t.i in in_run or t.is_punct or t.like_num:
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append(t)
    out = []
    for p in pieces:
        while p and (upos(p[0]) == "DET" or p[0].lower_ in ("and", "who", "is")):
            p = p[1:]
        while p and p[-1].lower_ in ("and", "’s", "'s"):
            p = p[:-1]
        if p:  # token offsets are into the parsed chunk, so the words are rebuilt from the tokens
            out.append("".join(t.text_with_ws for t in p[:-1]) + p[-1].text)
    return ", ".join(out)


def _personal(c: Claim) -> bool:
    """Could "he"/"she" refer to this claim's speaker?  A named person: two-word name or a role,
    not an institution ("The Kremlin", "Reuters")."""
    if c.speaker is None or c.speaker_kind != "named":
        return False
    if c.speaker_mention.lower().startswith("the "):
        return False
    return len(c.speaker.split()) >= 2 or bool(c.role)


_LEAD_STOP = frozenset("the a an of to for with by from at in on and but told".split())
_CLAUSE_START = re.compile(r"(?:^|[.!?\n]\s*)(?:[\w’'\-]+\s+){0,3}$")


def _subject_name_since(text: str, names: NameIndex, start: int, pos: int, aside: SetAside | None) -> str | None:
    """The last full person name that opens a sentence (after at most a short description: "Cycling
    campaigner Ben Lowry called ...") between an attribution and a pronoun: a newer subject than the
    last speaker is the likelier antecedent."""
    found = None
    for p, n in names.mentions:
        if start <= p < pos and len(n.split()) >= 2 and not (aside and aside.holds(p)):
            m = _CLAUSE_START.search(text, max(0, p - 60), p)
            lead = text[m.start():p].lower().split() if m else []
            if m and not any(w in VERB_LEMMA or w in _LEAD_STOP for w in lead):
                found = n
    return names.by_last.get(found.split()[-1], found) if found else None


def _pronoun(text: str, low: str, mention: str, pos: int, names: NameIndex, claims: list[Claim],
             aside: SetAside | None) -> Speaker:
    """The antecedent of a pronoun speaker: the last compatible named speaker before it (across
    sentences and paragraphs, skipping set-aside captions), else the last full name in the text."""
    if low in ("i", "we"):
        return Speaker(mention, "pronoun")
    before = [c for c in claims if c.speaker and c.cue_span is not None and c.cue_span[0] < pos
              and c.speaker_kind != "pronoun" and not (aside and aside.holds(c.cue_span[0]))]
    if low in ("he", "she", "him", "her"):
        fit = [c for c in before if _personal(c)]
    else:  # "they", "it": an institution, a group or a vague source
        fit = [c for c in before if not _personal(c)] or before
    if fit and (pos - fit[-1].cue_span[1] < 1500 or low in ("they", "it")):  # type: ignore[index]
        c = fit[-1]
        newer = _subject_name_since(text, names, c.cue_span[1], pos, aside) if low in ("he", "she") else None  # type: ignore[index]
        if newer is not None and newer != c.speaker:
            return Speaker(newer, "named")
        return Speaker(c.speaker, c.speaker_kind, c.role)  # type: ignore[arg-type]
    if low in ("it", "they"):
        return Speaker(mention, "pronoun")
    recent = [(p, n) for p, n in names.mentions if p < pos and n.split()[-1] in names.by_last
              and not (aside and aside.holds(p))]
    if recent:
        n = recent[-1][1]
        return Speaker(names.by_last.get(n.split()[-1], n), "named")
    return Speaker(mention, "pronoun")


def resolve_speaker(text: str, mention: str, toks: tuple[Any, ...], pos: int, names: NameIndex, claims: list[Claim]) -> str:
    """The full name behind a speaker mention: itself, a longer form used elsewhere, the antecedent of
    a pronoun, or the named holder of a title ("the minister")."""
    low = mention.lower().strip()
    if not toks:  # found without a parse ("Kerry: ..." lines)
        return _full(names.by_last, names.by_token, mention)
    if mention.strip() in names.by_last:
        # a surname that is also a title word ("Bishop said") is the person named earlier
        return names.by_last[mention.strip()]
    if low in PRONOUNS:
        if low in ("i", "we"):
            return mention
        last_claim = next(
            (c for c in reversed(claims) if c.speaker and c.speaker.lower() not in PRONOUNS
             and c.cue_span is not None and c.cue_span[0] < pos),
            None,
        )
        # the speaker of an attribution in the last couple of sentences is the most salient antecedent
        if last_claim is not None and (pos - last_claim.cue_span[1] < 400 or low in ("they", "it")):
            return last_claim.speaker  # type: ignore[return-value]
        if low == "it":
            return mention
        recent = [(p, n) for p, n in names.mentions if p < pos and n.split()[-1] in names.by_last]
        if recent:
            n = recent[-1][1]
            return names.by_last.get(n.split()[-1], n)
        return last_claim.speaker if last_claim is not None else mention  # type: ignore[return-value]
    head = next((t for t in toks if t.head not in toks or t.head is t), toks[0])
    if upos(head) in ("NOUN", "PROPN") and head.text not in names.by_last:
        inside = {t.i for c in head.children if c.dep_ == "prep" for t in c.subtree}
        runs = _propn_runs(toks)
        if runs and all(t.i in inside for r in runs for t in r):
            # "Representatives for singer Lena Ford": the named person is not the speaker
            title = lemma_of(head) if lemma_of(head) in HEAD_TITLES else None
            found = _title_lookup(names, title, pos) if title else None
            return found or _DETS.sub("", mention)
    if (upos(head) in ("NOUN", "PRON") and head.lower_ not in PERSON_NOUNS and lemma_of(head) not in PERSON_NOUNS
            and head.text not in names.by_last and head.text not in names.by_token):
        # "Representatives for Lena Ford", "the study": a description, unless an apposition names someone
        appos = [c for c in head.children if c.dep_ == "appos" and c in toks]
        runs = [r for a in appos for r in _propn_runs(tuple(a.subtree))]
        if runs:
            words = _strip_name(_run_words(runs[0]))
            if words:
                return _full(names.by_last, names.by_token, " ".join(words))
        return _DETS.sub("", mention)
    # proper name inside the mention: the compound run at the head, or an apposition
    propn_runs = _propn_runs(toks)
    if not propn_runs:
        caps = [t for t in toks if t.text[:1].isupper() and t.lower_ not in _STOP_CAPS]
        if caps and len(caps) == len([t for t in toks if upos(t) != "DET"]):
            propn_runs = [caps]
    if propn_runs:
        # a name right before a title noun is an affiliation ("Kremlin spokesman"): prefer a person run
        person = [r for r in propn_runs if not _is_affiliation(r)]
        head_run = person[0] if person else propn_runs[0]
        words = _strip_name(_run_words(head_run))
        if words:
            name = _full(names.by_last, names.by_token, " ".join(words))
            if not person and _head_title(toks):
                titled = _title_lookup(names, _head_title(toks), pos)
                if titled:
                    return titled
                return _DETS.sub("", mention)
            return name
    title = _head_title(toks)
    if title:
        found = _title_lookup(names, title, pos)
        if found:
            return found
    return _DETS.sub("", mention)


def _run_words(run: list[Any]) -> list[str]:
    """The words of a name run as written: "Holtz", "-", "Eakin" is one word, "Holtz-Eakin"."""
    return "".join(t.text + t.whitespace_ for t in run).split()


def _propn_runs(toks: tuple[Any, ...]) -> list[list[Any]]:
    runs: list[list[Any]] = []
    cur: list[Any] = []
    for t in toks:
        if upos(t) == "PROPN" or (cur and t.text in {".", "-"} and t.whitespace_ == ""):
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if any(t.text[:1].isupper() for t in r)]


def _is_affiliation(run: list[Any]) -> bool:
    last = run[-1]
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if last.text.endswith("’s") or (nxt is not None and nxt.text in ("’s", "'s")):
        return True
    return nxt is not None and upos(nxt) == "NOUN" and last.dep_ in ("compound", "poss", "nmod", "amod")


def _head_title(toks: tuple[Any, ...]) -> str | None:
    for t in toks:
        if t.dep_ in ("nsubj", "nsubjpass", "pobj", "ROOT") or t.head not in toks:
            lem = lemma_of(t)
            if lem in PERSON_NOUNS or t.lower_ in PERSON_NOUNS:
                return lem if lem in PERSON_NOUNS else t.lower_
    for t in toks:
        if t.lower_ in PERSON_NOUNS:
            return t.lower_
    return None


def _title_lookup(names: NameIndex, title: str, pos: int) -> str | None:
    before = [n for p, w, n in names.titled if w == title and p < pos]
    if before:
        return before[-1]
    after = [n for p, w, n in names.titled if w == title]
    return after[0] if after else None

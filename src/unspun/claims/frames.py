"""Cue frames read from the dependency parse: cue, speaker and content spans before they become claims."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

import numpy as np

from ..records import Span
from .lexicon import (
    ADDRESSEE, ANAPHORIC_CONTENT, ARG_PREPS, CLAUSE_MARKS, EVIDENCE, EVIDENCE_VERBS, NEEDS_CLAUSE, ATTITUDE_CONTROL, ATTITUDE_DEFAULT, ATTITUDE_PERSONAL, ATTITUDES, COGNITIVE_CLAUSE, HEAD_TITLES, CUE_PREPS, GROUPS, LIGHT_CUES, NOMINAL_CUES, OBJECT_PREPS, POLL_NOUNS, RAISING, REPORT_ADVERBS, REQUEST, ROLE_WORDS, SPEECH, TOPIC_PREPS, TOPIC_SPEECH, STATEMENT_NOUNS, STATEMENT_VERBS, VAGUE, VERB_LEMMA, lemma_of, upos, verb_forms,
)


@dataclass(frozen=True)
class Frame:
    """A cue found by the parser, before it is turned into a Claim."""

    cue: str
    cue_span: Span
    lemma: str
    speaker_span: Span | None
    speaker_tokens: tuple[Any, ...]
    content_span: Span | None
    content_kind: str  # "clause" | "object" | "naming" ("called the plan “a disgrace”") | "none"
    passive_agent: bool = False
    addressee_passive: bool = False  # "was asked whether ...", "when told about ...": the subject was addressed
    negated: bool = False
    content_parts: tuple[Span, ...] = ()
    attitude: bool = False  # read the attitude way (a want, a stance, a belief), see lexicon.ATTITUDE_DEFAULT



def np_span(tok: Any, off: int, cut: bool = False) -> tuple[Span, tuple[Any, ...]]:
    toks = [t for t in tok.subtree if not (t.is_punct and t.text in "\"“”„«»‘’")]
    # stop at a relative clause or a trailing comma-bounded aside that is not an apposition
    keep = sorted(toks, key=lambda t: t.i)
    for k, t in enumerate(keep):
        # "Mona Lamberson, 59, of North Philadelphia" / "Barkley, who said ...": the name ends at the comma
        if cut and k > 0 and t.text == "," and t.i > tok.i and k + 1 < len(keep):
            nxt = keep[k + 1]
            if nxt.like_num or nxt.lower_ in ("who", "which", "whose") or nxt.dep_ == "relcl":
                keep = keep[:k]
                break
    while keep and (keep[-1].is_punct and not _closes(keep) or keep[-1].is_space or keep[-1].dep_ == "cc"):
        keep.pop()
    while keep and (keep[0].is_punct or keep[0].is_space):  # spaces: the padding of a masked quote
        keep.pop(0)
    if not keep:
        return (off + tok.idx, off + tok.idx + len(tok.text)), (tok,)
    return (off + keep[0].idx, _quote_closed(tok.doc, keep, off)), tuple(keep)


def _closes(toks: list[Any]) -> bool:
    """Is the last token a bracket that closes one opened inside the span ("Sen. Jan Ek (D-Vt.)")?"""
    close = toks[-1].text
    if close not in ")]":
        return False
    opener = "(" if close == ")" else "["
    return sum(t.text == opener for t in toks) > sum(t.text == close for t in toks[:-1])


def _quote_closed(doc: Any, keep: list[Any], off: int) -> int:
    """End of a mention whose last words are a quoted title: through the closing mark ("host of
    MSNBC’s “Morning Joe,”"), since the marks were left out of the tokens."""
    last = keep[-1]
    end = off + last.idx + len(last.text)
    opened = sum(t.text == "“" for t in doc[keep[0].i:last.i + 1]) - sum(t.text == "”" for t in doc[keep[0].i:last.i + 1])
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if opened > 0 and nxt is not None and nxt.text == "”":
        return off + nxt.idx + len(nxt.text)
    if opened > 0 and nxt is not None and nxt.text == "," and last.i + 2 < len(doc) and doc[last.i + 2].text == "”":
        return off + doc[last.i + 2].idx + 1
    return end


def subtree_span(tok: Any, off: int, exclude: Any = None) -> Span:
    toks = [t for t in tok.subtree if exclude is None or t.i not in exclude]
    toks.sort(key=lambda t: t.i)
    # a conjunction left at the end once a nested cue was cut out ("..., and [he said]") goes too
    while toks and (toks[-1].is_punct and toks[-1].text not in "”\"’" and not _closes(toks)
                    or toks[-1].dep_ == "cc" and len(toks) > 1):
        toks.pop()
    while toks and (toks[0].is_space or toks[0].is_punct and toks[0].text not in "“\"‘"):
        toks.pop(0)
    if not toks:
        return (off + tok.idx, off + tok.idx + len(tok.text))
    return (off + toks[0].idx, off + toks[-1].idx + len(toks[-1].text))


def sentence_spans(doc: Any, off: int) -> list[Span]:
    """Sentence (start, end) character spans, read from arrays (doc.sents builds a Span per sentence)."""
    arr = doc.to_array(["SENT_START", "IDX", "LENGTH"])
    if len(arr) == 0:
        return []
    starts = np.flatnonzero(arr[:, 0] == 1).tolist()
    if not starts or starts[0] != 0:
        starts = [0] + starts
    ends = starts[1:] + [len(arr)]
    idx, length = arr[:, 1], arr[:, 2]
    return [(off + int(idx[a]), off + int(idx[b - 1] + length[b - 1])) for a, b in zip(starts, ends)]


def parse_frames(doc: Any, off: int, attitudes: bool = False, cue_hashes: Any = None, text: str | None = None) -> list[Frame]:
    """Cue frames in one parsed chunk; `text` is the chunk's string (`doc.text` rebuilds it per call)."""
    out: list[Frame] = []
    text = doc.text if text is None else text
    if cue_hashes is not None:
        # only tokens whose lower-case form is a cue form become Token objects (most of the cost here)
        candidates: Iterable[Any] = [doc[i] for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in cue_hashes]
    else:
        candidates = doc
    for tok in candidates:
        lemma = lemma_of(tok)
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            according = _according_frame(doc, tok, off)
            if according is not None:
                out.append(according)
            continue
        if tok.lower_ == "in":
            poll = _poll_frame(doc, tok, off)
            if poll is not None:
                out.append(poll)
            continue
        if tok.lower_ in REPORT_ADVERBS:
            adverb = _adverb_frame(doc, tok, off)
            if adverb is not None:
                out.append(adverb)
            continue
        if tok.tag_ in ("NN", "NNS") and tok.lower_ in NOMINAL_CUES:
            nominal = _nominal_frame(tok, off, text)
            if nominal is not None:
                out.append(nominal)
            continue
        if lemma in STATEMENT_VERBS and tok.tag_.startswith("VB"):
            statement = _statement_frame(doc, tok, off, lemma, text)
            if statement is not None:
                out.append(statement)
            continue
        if lemma in LIGHT_CUES and tok.tag_.startswith("VB"):
            light = _light_frame(doc, tok, off, lemma, text)
            if light is not None:
                out.append(light)
                continue
        # read the attitude way (see lexicon.ATTITUDE_DEFAULT and ATTITUDE_PERSONAL)
        att = (attitudes or lemma in ATTITUDE_DEFAULT or lemma in ATTITUDE_PERSONAL and personal_subject(tok)
               or lemma in COGNITIVE_CLAUSE and finite_clause(tok) and personal_subject(tok))
        if not tok.tag_.startswith("VB") or not (lemma in SPEECH or (att and lemma in ATTITUDES)):
            continue
        if att and lemma in RAISING:
            raised = _raising_frame(doc, tok, off, lemma)
            if raised is not None:
                out.append(replace(raised, attitude=True))
                continue
            if lemma != "expect":
                continue
        if upos(tok) == "AUX" or tok.dep_ == "amod":
            continue  # an auxiliary, or a participle describing a noun ("pledged delegates")
        frame = _verb_frame(doc, tok, off, lemma, att, text)
        if frame is not None:
            out.append(replace(frame, attitude=att) if att else frame)
    return drop_chained(out)


def _light_frame(doc: Any, tok: Any, off: int, lemma: str, text: str) -> Frame | None:
    """A light-verb cue ("made it clear that X", "made the case for X", "expressed concern that X",
    "raised questions about X", "shot back that X"): the cue runs from the verb group to the word of
    `lexicon.LIGHT_CUES` (a determiner, adjective or "it" may stand between), or on through a
    preposition right after it; the content is that preposition's object or what the word or the
    verb governs after it (the "that" clause included)."""
    k = tok.i + 1
    while k < len(doc) and k - tok.i <= 3 and doc[k].lower_ not in LIGHT_CUES[lemma] and doc[k].tag_ in ("DT", "JJ", "PRP", "PRP$", "RB"):
        k += 1
    if k >= len(doc) or doc[k].lower_ not in LIGHT_CUES[lemma] or k + 1 >= len(doc):
        return None
    word = doc[k]
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    speaker_tok, _ = _speaker_token(tok, subj, [], any(c.dep_ == "auxpass" for c in tok.children))
    if speaker_tok is None:
        return None
    nxt = doc[k + 1]
    end_tok = word
    if nxt.tag_ == "IN" and nxt.lower_ != "that" and (objs := [c for c in nxt.children if c.dep_ in ("pobj", "pcomp")]):
        end_tok = nxt
        content = np_content(objs[0], off)
        kind = "object"
    else:
        # what follows the word inside the verb's or the word's subtree ("clear that ...", "concern that ...")
        last = max(max(t.i for t in word.subtree), max((t.i for c in tok.children if c.i > k for t in c.subtree), default=k))
        tail = _tail_span(doc[k + 1:last + 1], off)
        if tail is None:
            return None
        content, kind = tail, "clause"
    _, cue_start, _ = _cue_extent(doc, tok, None, text)
    cue_end = end_tok.idx + len(end_tok.text)
    sp, st = np_span(speaker_tok, off)
    content = _after_dateline(text, off, close_quote(text, off, content))
    return Frame(text[cue_start:cue_end], (off + cue_start, off + cue_end), lemma, sp, st, content, kind,
                 negated=any(c.dep_ == "neg" for c in tok.children))


def _nominal_frame(tok: Any, off: int, text: str) -> Frame | None:
    """A nominal cue (`lexicon.NOMINAL_CUES`): "Smith's claim that X", "his warning that X", "Pence's
    call for X", "criticism of X from Y".  Why a source is required: without one ("the claim that X")
    the noun mostly names an idea already reported, which annotators seldom mark."""
    wanted = NOMINAL_CUES[tok.lower_]
    poss = [c for c in tok.children if c.dep_ == "poss"]
    src = poss[0] if poss else next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                                     for g in c.children if g.dep_ == "pobj"), None)
    if src is None:
        return None
    end_tok = tok
    clause = _that_clause(tok) if "that" in wanted else None
    if clause is not None:
        content, kind = subtree_span(clause, off), "clause"
    else:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in wanted), None)
        obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if obj is None:
            return None
        end_tok, content, kind = prep, np_content(obj, off), "object"
    sp, st = np_span(src, off)
    cue_end = end_tok.idx + len(end_tok.text)
    content = close_quote(text, off, content)
    # the lemma names the whole cue: the bare noun may be a verb lemma with other needs ("call" wants a clause)
    cue = text[tok.idx:cue_end]
    return Frame(cue, (off + tok.idx, off + cue_end), cue.lower(), sp, st, content, kind)


# verbs that produce a statement ("the claim that she made", "the statement that they issued")
_PRODUCE = frozenset(f for w in ("make", "issue", "release", "deliver", "give", "publish", "send", "sign", "read")
                     for f in verb_forms(w)) | {"made", "gave", "given", "sent", "read"}


def _that_clause(noun: Any) -> Any | None:
    """The "that" clause a speech noun governs after it ("the claim that X"), not a relative clause in
    disguise (`_object_gap`); None when there is none."""
    return next((c for c in noun.children if c.i > noun.i and c.dep_ in ("acl", "ccomp", "relcl")
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) and not _object_gap(c)), None)


def _object_gap(clause: Any) -> bool:
    """Is a "that" clause after a noun a relative clause in disguise ("the claim that she made"): its verb
    takes an object (produces a statement or is a speech verb) but has none of its own?"""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "nsubjpass") for c in clause.children):
        return False
    return clause.lower_ in _PRODUCE or lemma_of(clause) in SPEECH


def _tail_span(toks: Iterable[Any], off: int) -> Span | None:
    """The span of the words after a cue, outer punctuation trimmed (quote marks kept); None under two words."""
    kept = [t for t in toks if not t.is_space]
    while kept and kept[-1].is_punct and kept[-1].text not in "”\"’":
        kept.pop()
    while kept and kept[0].is_punct and kept[0].text not in "“\"‘":
        kept.pop(0)
    if len(kept) < 2:
        return None
    return (off + kept[0].idx, off + kept[-1].idx + len(kept[-1].text))


def _statement_frame(doc: Any, tok: Any, off: int, lemma: str, text: str) -> Frame | None:
    """A press statement ("issued a statement Tuesday saying X", "released a statement condemning X",
    "issued a statement that X"): the subject is the source; the cue runs from the verb group through the
    participle (and a preposition right after it: "calling on"), the content is what the participle
    governs, or the "that" clause on the noun."""
    noun = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in STATEMENT_NOUNS), None)
    if noun is None:
        return None
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    speaker_tok, _ = _speaker_token(tok, subj, [], False)
    if speaker_tok is None:
        return None
    part = next((c for c in [*noun.children, *tok.children] if c.tag_ == "VBG" and c.dep_ in ("acl", "advcl", "xcomp")
                 and noun.i < c.i <= noun.i + 8), None)
    if part is not None:
        end_tok = part
        prep = cue_prep(part)
        if prep is not None and prep.i == part.i + 1:
            end_tok = prep
        content = _tail_span((t for t in sorted(part.subtree, key=lambda t: t.i) if t.i > end_tok.i), off)
    else:
        end_tok = noun
        clause = _that_clause(noun)
        content = subtree_span(clause, off) if clause is not None else None
    if content is None:
        return None
    _, cue_start, _ = _cue_extent(doc, tok, None, text)
    cue_end = end_tok.idx + len(end_tok.text)
    sp, st = np_span(speaker_tok, off)
    content = close_quote(text, off, content)
    return Frame(text[cue_start:cue_end], (off + cue_start, off + cue_end), "statement", sp, st, content, "clause",
                 negated=any(c.dep_ == "neg" for c in tok.children))


_NOT_PERSONS = frozenset({"it", "this", "that", "which", "what", "there", "these", "those"})


def personal_subject(tok: Any) -> bool:
    """Is the subject of verb `tok` (its own, or the governing verb's for "and wants") a person or an
    organisation: a pronoun, a name, a title, role or vague-source noun ("Clinton wants", "they see",
    "the senator knows", "voters want"), rather than a thing ("the bill seeks", "polls show")?"""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj and tok.dep_ in ("conj", "xcomp", "advcl"):
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    s = subj[0]
    low = s.lower_
    if s.tag_ in ("PRP", "WP"):
        return low not in _NOT_PERSONS
    if s.tag_ in ("NNP", "NNPS"):
        return True
    return lemma_of(s) in HEAD_TITLES or low in ROLE_WORDS or low in VAGUE or low.rstrip("s") in ROLE_WORDS or low in GROUPS


def finite_clause(tok: Any) -> bool:
    """Does verb `tok` govern a clause after it with a subject of its own ("realize that the plan
    failed", "feel the economy is rigged"), not a small clause or an object ("see him run", "feel good")?"""
    return any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
               and (c.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(g.dep_ in ("aux", "auxpass", "mark") for g in c.children))
               for c in tok.children)


def _according_frame(doc: Any, tok: Any, off: int) -> Frame | None:
    """"according to X": X is the source, the clause the phrase attaches to is the content."""
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    sp, st = np_span(objs[0], off)
    # content: the clause "according to X" attaches to, minus the prepositional phrase itself
    head = _clause_head(tok)
    phrase = {t.i for t in tok.subtree}
    cue_start = tok.idx
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ in _COPULA and tok.head.i == prev.i and prev.i > 0:
        # "That’s according to exit polls": the copula is part of the cue, the subject the content
        cue_start = prev.idx
        phrase.add(prev.i)
    content = subtree_span(head, off, exclude=phrase)
    cue_end = to.idx + len(to.text)
    return Frame("according to", (off + cue_start, off + cue_end), "according", sp, st, content, "clause",
                 content_parts=_around(doc, head, phrase, off))


_COPULA = frozenset({"'s", "’s", "is", "was"})


def _clause_head(tok: Any) -> Any:
    """The head of the clause a sourcing phrase ("according to X", "In a new poll") attaches to: up from
    its head to the sentence root, a reported clause or a conjunct."""
    head = tok.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i:
        head = head.head
    return head


def _poll_frame(doc: Any, tok: Any, off: int) -> Frame | None:
    """ "In a new CNN poll released Monday, 50 percent chose Clinton": a sentence-opening "In" with a poll
    (`lexicon.POLL_NOUNS`) is read as "according to": the poll is the source, the clause the content."""
    if not (tok.i == 0 or tok.is_sent_start) or tok.dep_ != "prep":
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ in POLL_NOUNS), None)
    if obj is None:
        return None
    head = _clause_head(tok)
    phrase = {t.i for t in tok.subtree}
    content = subtree_span(head, off, exclude=phrase)
    sp, st = np_span(obj, off)
    return Frame(tok.text, (off + tok.idx, off + tok.idx + len(tok.text)), "according", sp, st, content, "clause")


def _adverb_frame(doc: Any, tok: Any, off: int) -> Frame | None:
    """ "The group is reportedly spending $1.5 million": a report adverb (`lexicon.REPORT_ADVERBS`) is a cue
    with no source; the content is the clause it modifies without the adverb (two pieces when inside)."""
    head = tok.head
    if tok.dep_ != "advmod" or not head.tag_.startswith(("VB", "JJ")):
        return None
    while head.dep_ in ("xcomp", "acomp") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = head.head  # "is reportedly set to run": the clause of the verb that has the subject
    phrase = {tok.i}
    content = subtree_span(head, off, exclude=phrase)
    cue = (off + tok.idx, off + tok.idx + len(tok.text))
    return Frame(tok.text, cue, tok.lower_, None, (), content, "clause", content_parts=_around(doc, head, phrase, off))


def _around(doc: Any, head: Any, phrase: set[int], off: int) -> tuple[Span, ...]:
    """The two pieces of a clause around a phrase set inside it ("Among the precedents at risk,
    according to Ms. Epstein, are 16 ..."): PolNeAR leaves the phrase out; () when it is at an edge."""
    toks = sorted((t for t in head.subtree if t.i not in phrase), key=lambda t: t.i)
    first, last = min(phrase), max(phrase)
    pieces = [[t for t in toks if t.i < first], [t for t in toks if t.i > last]]
    for p in pieces:
        while p and (p[-1].is_punct and p[-1].text not in "”\"’" or p[-1].is_space):
            p.pop()
        while p and (p[0].is_punct and p[0].text not in "“\"‘" or p[0].is_space):
            p.pop(0)
    if not pieces[0] or not pieces[1]:
        return ()
    return tuple((off + p[0].idx, off + p[-1].idx + len(p[-1].text)) for p in pieces)


def _verb_frame(doc: Any, tok: Any, off: int, lemma: str, attitudes: bool, text: str) -> Frame | None:
    """The frame of a cue verb: its speaker (subject, agent or governing verb's subject), its content
    (clause, object, prepositional object) and the verb group as the cue."""
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    passive = bool(agent) or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or reduced_passive(tok)
    negated = any(c.dep_ == "neg" for c in tok.children)
    speaker_tok, is_agent = _speaker_token(tok, subj, agent, passive)
    fallback = None
    if speaker_tok is None and not passive and tok.dep_ in ("ROOT", "ccomp", "parataxis"):
        fallback = _speaker_after_quote(doc, tok, off)
    relative = None
    if speaker_tok is not None and speaker_tok.lower_ in ("that", "which", "who") and tok.dep_ == "relcl":
        # relative pronoun: the mention is "who", the speaker the noun the clause modifies
        relative, speaker_tok = speaker_tok, tok.head
    content, ckind, prep = _content(doc, tok, off, lemma, speaker_tok, passive, attitudes)
    parts: tuple[Span, ...] = ()
    if ckind == "none" and speaker_tok is not None:
        content, parts = _parenthetical(doc, tok, off)
        if content is None:
            content, parts = _as_clause(doc, tok, off)
        ckind = "clause" if content is not None else ckind
    if attitudes and ckind == "none" and lemma not in SPEECH:
        return None  # a speech verb without content may still introduce the quote after it ("X agreed. “...”")
    if content is not None:
        content = _after_dateline(text, off, close_quote(text, off, content))
    cue_text, cue_start, cue_end = _cue_extent(doc, tok, prep, text)
    sp = st = None
    if fallback is not None:
        sp, st = fallback
    if speaker_tok is not None:
        sp, st = np_span(speaker_tok, off)
        inset = content is not None and content[0] < sp[0] and sp[1] <= off + cue_start and off + cue_end < content[1]
        if content and not inset and any(sp[0] < b and a < sp[1] for a, b in parts or (content,)):
            # (a subject set inside the content, "The plan, the campaign said, will fail", is cut out below)
            sp, st = (off + speaker_tok.idx, off + speaker_tok.idx + len(speaker_tok.text)), (speaker_tok,)
        elif len(subj) > 1 and speaker_tok is subj[0] and not passive:
            sp, st = _joined_subjects(subj, off)
        if speaker_tok.i == tok.head.i and participle_source(tok):
            # the noun phrase up to the participle: "GOP primary voters" of "voters saying they ..."
            st = tuple(t for t in np_span(speaker_tok, off, cut=True)[1] if t.i < tok.i)
            sp = (off + st[0].idx, off + st[-1].idx + len(st[-1].text))
        if relative is not None:
            clause = {t.i for t in tok.subtree}
            st = tuple(t for t in np_span(speaker_tok, off, cut=True)[1] if t.i not in clause)
            sp = (off + relative.idx, off + relative.idx + len(relative.text))
    if sp is not None and (m := _SUBJECT_DATELINE.match(text, sp[0] - off, sp[1] - off)) and m.end() < sp[1] - off:
        sp, st = (off + m.end(), sp[1]), tuple(t for t in st if t.idx >= m.end())
    if content is not None and not parts and content[0] < off + cue_start and off + cue_end < content[1]:
        # "which I said was not a prison sentence": the speaker and cue are not part of the content
        cut = min(off + cue_start, sp[0] if sp and content[0] < sp[0] else off + cue_start)
        left = text[content[0] - off:cut - off].rstrip(" ,")
        right = text[cue_end:content[1] - off]
        gap = len(right) - len(right.lstrip(" ,"))
        if left.strip() and right.strip():
            parts = ((content[0], content[0] + len(left)), (off + cue_end + gap, content[1]))
    return Frame(
        cue_text, (off + cue_start, off + cue_end), lemma, sp, st, content, ckind,
        passive_agent=is_agent, negated=negated, content_parts=parts,
        addressee_passive=passive and not agent and lemma in ADDRESSEE,
    )


def reduced_passive(tok: Any) -> bool:
    """A participle clause with no subject or auxiliary of its own ("when asked whether ...", "Asked
    about the plan, she said ..."): passive, so the governing verb's subject is not its speaker."""
    return (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))


def _joined_subjects(subj: list[Any], off: int) -> tuple[Span, tuple[Any, ...]]:
    """A description and a name parsed as two subjects ("Exiled tycoon and Putin enemy Leonid
    Nevzlin, 62, claimed"): one speaker mention over both."""
    parts = [np_span(t, off) for t in subj]
    toks = tuple(sorted({t for _, ts in parts for t in ts} | {t for s in subj for t in s.children if t.dep_ == "cc"},
                        key=lambda t: t.i))
    return (min(p[0][0] for p in parts), max(p[0][1] for p in parts)), toks


def _parenthetical(doc: Any, tok: Any, off: int) -> tuple[Span | None, tuple[Span, ...]]:
    """"The bigger risk, he said, is a clash": a cue set off by commas inside the clause it reports
    (parsed as parataxis of that clause's verb).  The content is the clause around it, two pieces."""
    head = tok.head
    if tok.dep_ != "parataxis" or head.i <= tok.i or upos(head) not in ("VERB", "AUX") or lemma_of(head) in SPEECH:
        return None, ()
    left = min(t.i for t in tok.subtree)
    right = max(t.i for t in tok.subtree)
    if left == 0 or doc[left - 1].text != "," and doc[left].text != ",":
        return None, ()
    if right + 1 >= len(doc) or doc[right].text != "," and doc[right + 1].text != ",":
        return None, ()
    inside = {t.i for t in tok.subtree}
    toks = sorted((t for t in head.subtree if t.i not in inside), key=lambda t: t.i)
    before = [t for t in toks if t.i < left]
    after = [t for t in toks if t.i > right]
    while before and before[-1].is_punct:
        before.pop()
    while after and (after[0].is_punct or after[-1].is_punct and after[-1].text not in "”\"’"):
        after = after[1:] if after[0].is_punct else after[:-1]
    if not before or not after:
        return None, ()
    pieces = tuple((off + p[0].idx, off + p[-1].idx + len(p[-1].text)) for p in (before, after))
    return (pieces[0][0], pieces[1][1]), pieces


def _as_clause(doc: Any, tok: Any, off: int) -> tuple[Span | None, tuple[Span, ...]]:
    """ "As The Washington Post reported, Sanders would need ...": a cue in an "as" clause reports the
    clause it modifies (without the "as" clause; two pieces when it stands inside)."""
    head = tok.head
    if (tok.dep_ != "advcl" or head.i == tok.i or not head.tag_.startswith("VB")
            or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children)):
        return None, ()
    inside = {t.i for t in tok.subtree}
    return subtree_span(head, off, exclude=inside), _around(doc, head, inside, off)


def _speaker_token(tok: Any, subj: list[Any], agent: list[Any], passive: bool) -> tuple[Any, bool]:
    """The token heading the speaker (None when the parse names none) and whether it is a passive agent."""
    if agent:
        return agent[0], True
    if subj and not passive:
        return subj[0], False
    if tok.dep_ in ("advcl", "xcomp", "conj", "acl") and not passive:
        # "..., adding that", "and added": the speaker is the subject of the governing verb
        hs = _governing_subject(tok.head)
        if hs is not None:
            return hs, False
    if participle_source(tok):
        return tok.head, False
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep" and not passive:
        # "distanced himself by saying that ...", "After saying he was nervous, the man ...": a gerund
        # under a preposition has the subject of the verb the phrase modifies
        hs = _governing_subject(tok.head.head)
        if hs is not None:
            return hs, False
    return None, False


def participle_source(tok: Any) -> bool:
    """Is cue `tok` a present participle on a noun that is its source, with a clause ("voters saying
    they want a ban", "calls saying shots were fired") or, for a poll or record, an object ("a new
    poll showing Trump ahead")?  Why the condition: "groups supporting her", "rivals promising
    upheaval" describe the noun rather than report what it said."""
    if not (tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.i < tok.i and tok.head.tag_ in ("NN", "NNS", "NNP", "NNPS")):
        return False
    return (any(c.dep_ == "ccomp" for c in tok.children)
            or lemma_of(tok) in EVIDENCE_VERBS and tok.head.lower_ in EVIDENCE)


def _governing_subject(verb: Any) -> Any | None:
    """The subject of `verb`, or of the first verb of its coordination ("reversed themselves, rushed
    everyone inside and said ...": the conjuncts share the first one's subject; "are likely to say": the
    copula's); None when there is none."""
    for _ in range(4):
        hs = [c for c in verb.children if c.dep_ == "nsubj"]
        if hs:
            return hs[0]
        if verb.dep_ not in ("conj", "acomp") or verb.head.i == verb.i:
            return None
        verb = verb.head  # "were more likely to say": the adjective's copula holds the subject
    return None


def _speaker_after_quote(doc: Any, tok: Any, off: int) -> tuple[Span, tuple[Any, ...]] | None:
    """Parser slip after a quote (speaker attached as an apposition): take the words between the
    closing mark and the cue, as in “...,” Velora’s chief officer, Dr. Anna Kessler, said."""
    k = tok.i - 1
    while k >= 0 and tok.i - k <= 16 and doc[k].text not in "”\"’" and not doc[k].is_sent_start:
        k -= 1
    if k >= 0 and k < tok.i - 1 and doc[k].text in "”\"’":
        between = [t for t in doc[k + 1:tok.i] if not t.is_punct]
        if between and not between[0].tag_.startswith(("VB", "MD", "IN")):
            s0 = between[0].idx
            s1 = between[-1].idx + len(between[-1].text)
            return (off + s0, off + s1), tuple(between)
    return None


def _content(doc: Any, tok: Any, off: int, lemma: str, speaker_tok: Any, passive: bool,
             attitudes: bool) -> tuple[Span | None, str, Any]:
    """(content span, "clause" | "object" | "none", the preposition of a "talked about X" cue or None)."""
    clause = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i > tok.i]
    pre_clause = [c for c in tok.children if c.dep_ in ("ccomp",) and c.i < tok.i]
    obj = [c for c in tok.children if c.dep_ in ("dobj",)]
    marked = _marked_clause(tok, lemma)
    if not clause and marked is not None:
        clause_tok, mark = marked
        if mark.lower_ == "for":  # "is calling for the US to step up": "for" is part of the cue
            return subtree_span(clause_tok, off, exclude={mark.i}), "clause", mark
        return subtree_span(clause_tok, off), "clause", None
    if clause:
        span = subtree_span(clause[0], off, exclude=_answered(clause[0]) | _nested_cues(clause[0]) | _trailing_aside(clause[0]))
        return _more_that(tok, clause[0], span, off), "clause", None
    if pre_clause:
        return subtree_span(pre_clause[0], off), "clause", None
    if (tok.dep_ in ("ccomp", "parataxis", "conj") and tok.head.i < tok.i and speaker_tok is not None
            and lemma_of(tok.head) not in SPEECH
            and (tok.dep_ != "conj" and tok.head.i < speaker_tok.i < tok.i
                 and any(t.text == "," for t in doc[tok.head.i:speaker_tok.i])
                 or speaker_tok.i > tok.i and doc[tok.i - 1].text == ",")):
        # "The plan will fail, Smith said." / "..., said the chief executive, Jan Novak." parsed with
        # "said" under the content verb
        excl = {t.i for t in tok.subtree}
        return subtree_span(tok.head, off, exclude=excl), "clause", None
    if attitudes and lemma in ATTITUDE_CONTROL and (xc := [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]):
        return subtree_span(xc[0], off), "clause", None  # "wants to run", "refused to answer"
    if obj:
        return _object_content(tok, obj[0], off, lemma, attitudes)
    if (pp := cue_prep(tok)) is not None and (attitudes or passive and lemma in ADDRESSEE
                                              or lemma in TOPIC_SPEECH and pp.lower_ in TOPIC_PREPS):
        pobj = [c for c in pp.children if c.dep_ == "pobj"][0]
        span = np_content(pobj, off)
        # "called on the United States to attack ...": what was asked of the addressee is content too
        xc = [c for c in tok.children if c.dep_ == "xcomp" and c.i > pp.i and any(t.tag_ == "TO" for t in c.children)]
        if xc:
            span = (span[0], max(span[1], subtree_span(xc[0], off)[1]))
            return span, "object", pp
        span, kind, _ = _object_tail(tok, pobj, span, off)
        return span, kind, pp
    if tok.dep_ in ("acl", "relcl") and (passive or lemma_of(tok.head) in ANAPHORIC_CONTENT):
        # "a claim later disputed by the Kremlin", "a claim the Kremlin has dismissed": the noun modified
        head = tok.head
        first = min([head] + [c for c in head.children if c.i < head.i and c.dep_ in ("det", "amod", "compound")],
                    key=lambda t: t.i)
        return (off + first.idx, off + head.idx + len(head.text)), "object", None
    return None, "none", None


def _marked_clause(tok: Any, lemma: str) -> tuple[Any, Any] | None:
    """(clause, mark) of a reported clause the parser hung on a cue as an adverbial clause: a question
    after "asked (them) if / whether ...", a demand after "called for X to Y"; None when there is none."""
    marks = CLAUSE_MARKS.get(lemma, ())
    for c in tok.children:
        if c.dep_ == "advcl" and c.i > tok.i:
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in marks and m.i < c.i), None)
            if mark is not None:
                return c, mark
    return None


def _more_that(tok: Any, clause: Any, span: Span, off: int) -> Span:
    """ "argued that A and that B": a second "that" clause joined to the cue verb is part of the content;
    so is a contrast the parser hung on the cue verb ("says the plan was rushed but she feels confident
    ...", "said he was rooting for X but would now root for Y"): a "but" after a reported clause goes on
    reporting, unless it brings a cue of its own ("but added that ...")."""
    for c in tok.children:
        if c.dep_ != "conj" or c.i <= clause.i:
            continue
        if _complement(c) or _contrast(c) and not (lemma_of(c) in SPEECH and _says_something(c)):
            return (span[0], max(span[1], subtree_span(c, off, exclude=_nested_cues(c))[1]))
    return span


def _trailing_aside(clause: Any) -> set[int]:
    """Tokens of a comma-set relative clause that closes a reported clause ("said it would be Trump,
    who has a lead of ..."): the writer's gloss on a name, not the speaker's words, so the content ends
    before the comma.  A restrictive one ("the plan that failed") has no comma and stays."""
    toks = sorted(clause.subtree, key=lambda t: t.i)
    while toks and toks[-1].is_punct and toks[-1].text not in "”\"’":
        toks.pop()
    if not toks:
        return set()
    last = toks[-1].i
    for t in toks:
        if t.dep_ != "relcl" or t.i <= clause.i:
            continue
        sub = sorted(x.i for x in t.subtree)
        first = clause.doc[sub[0]]
        if (sub[-1] == last and first.lower_ in ("who", "which", "where", "whose") and sub[0] > 0
                and clause.doc[sub[0] - 1].text == "," and not _inside_quote(clause.doc, clause.i, t.i)):
            return set(range(sub[0] - 1, last + 1))
    return set()


def _complement(t: Any) -> bool:
    """Does a complementiser open t's clause ("that the committee would continue")?"""
    return any(g.dep_ == "mark" and g.lower_ in ("that", "whether") for g in t.children)


def _contrast(t: Any) -> bool:
    """Is t joined by "but" ("..., but the board rejected it")?"""
    return any(g.dep_ == "cc" and g.lower_ == "but" and g.i < t.i for g in t.children) or any(
        g.dep_ == "cc" and g.lower_ == "but" and t.i > g.i > t.head.i for g in t.head.children)


def _nested_cues(clause: Any) -> set[int]:
    """Tokens of a later attribution hung on the reported clause ("... momentum and said that ...",
    "..., claiming that ...", "$27, which he claimed as ..."): its own claim, not part of this one
    (PolNeAR ends the content before it).  The comma or "and" that joins it goes with it."""
    out: set[int] = set()
    doc = clause.doc
    for t in clause.subtree:
        if (t.i > clause.i and t.dep_ in ("conj", "advcl", "relcl") and t.tag_.startswith("VB")
                and (lemma_of(t) in SPEECH or lemma_of(t) in ATTITUDE_DEFAULT) and t.i not in out
                and not _complement(t)  # "... and that the committee would continue": still reported
                and _says_something(t) and not _inside_quote(doc, clause.i, t.i)):
            sub = sorted(x.i for x in t.subtree)
            first = sub[0]
            if first <= clause.i:
                continue
            k = first - 1
            while k > clause.i and (doc[k].text == "," or doc[k].dep_ == "cc"):
                k -= 1
            if k == first - 1:
                # not set off by a comma or "and": part of the clause ("said he expected to win",
                # "the shootings that Obama mentioned", "the paper they're written on")
                continue
            out.update(range(k + 1, sub[-1] + 1))
    return out


def _says_something(t: Any) -> bool:
    """Would verb `t` make a claim of its own: a clause-only verb ("think", "agree") needs its clause
    ("how they think and how they operate" is not an attribution)."""
    return lemma_of(t) not in NEEDS_CLAUSE or any(c.dep_ in ("ccomp", "xcomp") for c in t.children)


def _inside_quote(doc: Any, start: int, i: int) -> bool:
    """Is token i inside a quotation opened after token `start` (an odd number of marks between)?
    Words inside a quote are what was said, never a new cue."""
    between = doc[start:i].text
    return between.count("“") > between.count("”") or between.count('"') % 2 == 1


def _answered(clause: Any) -> set[int]:
    """Tokens of a ", a claim the Kremlin has dismissed" aside at the end of a reported clause: the
    answer is a claim of its own, not part of what was said."""
    for t in clause.subtree:
        if (t.i > clause.i and t.dep_ in ("npadvmod", "appos", "dep") and lemma_of(t) in ANAPHORIC_CONTENT
                and t.i >= 2 and t.doc[t.i - 1].dep_ == "det" and t.doc[t.i - 2].text == ","):
            return {x.i for x in t.subtree} | {t.i - 2}
    return set()


def _object_content(tok: Any, obj: Any, off: int, lemma: str, attitudes: bool) -> tuple[Span, str, Any]:
    """The content of a cue with a direct object: the object, what it was called ("called the plan “a
    disgrace”"), the phrase a verb takes with it ("accused X of Y", "described X as Y"), or the
    infinitive asked of an addressee, with the addressee for a request ("urged the judge to give ...")."""
    content = np_content(obj, off)
    after = [c for c in tok.children if c.i > obj.i]
    xcomp = [c for c in after if c.dep_ == "xcomp"]
    if lemma in ADDRESSEE and xcomp and any(t.tag_ == "TO" for t in xcomp[0].children):
        asked = subtree_span(xcomp[0], off)
        return (content[0] if lemma in REQUEST else asked[0], asked[1]), "clause", None
    oprd = [c for c in after if c.dep_ in ("oprd", "ccomp", "xcomp")]
    if (attitudes or lemma in ("call", "describe")) and oprd:
        return (content[0], subtree_span(oprd[0], off)[1]), "naming", None
    preps = OBJECT_PREPS.get(lemma, ()) + ARG_PREPS
    pp = [c for c in after if c.dep_ == "prep" and c.lower_ in preps] + [
        c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps and c.i > obj.i]
    if pp and any(g.dep_ in ("pobj", "pcomp") for g in pp[0].children):
        return (content[0], max(content[1], subtree_span(pp[0], off)[1])), "object", None
    return _object_tail(tok, obj, content, off)


def _object_tail(tok: Any, obj: Any, content: Span, off: int) -> tuple[Span, str, Any]:
    """What the cue verb says of its object right after it: "as" and a description ("slammed his
    proposal as too vague", "referred to Rubio as “a leader”": a naming, so a quote in it is a partial
    quote), or a to-infinitive the parser hung on the verb ("defended his call to raise the wage",
    "announced steps to tighten sales").  Nothing between the object and the phrase but spaces or
    quote marks: a comma-set phrase is the writer's."""
    last = max(t.i for t in obj.subtree)
    for c in tok.children:
        if c.i <= last:
            continue
        first = min(t.i for t in c.subtree)
        if any(not (t.is_space or t.is_quote) for t in tok.doc[last + 1:first]):
            continue
        if c.dep_ == "prep" and c.lower_ == "as" and any(not g.is_punct for g in c.children):
            return (content[0], max(content[1], subtree_span(c, off)[1])), "naming", None
        if c.dep_ in ("xcomp", "advcl") and tok.doc[first].tag_ == "TO" and first == c.i - 1:
            return (content[0], max(content[1], subtree_span(c, off)[1])), "object", None
    return content, "object", None


def _cue_extent(doc: Any, tok: Any, prep: Any, text: str) -> tuple[str, int, int]:
    """The cue's text and (start, end) in the chunk: the verb group as PolNeAR marks it ("has said",
    "also told", "did not mention", "said:"), with a particle ("pointed out") or a content preposition
    ("called for")."""
    cue_toks = [tok] + [c for c in tok.children if c.dep_ == "prt"] + ([prep] if prep is not None else [])
    cue_text = text[min(t.idx for t in cue_toks):max(t.idx + len(t.text) for t in cue_toks)]
    k = tok.i - 1
    # a wh-adverb opens the clause, it is not part of the verb group ("when asked" -> "asked")
    while (k >= 0 and doc[k].head.i == tok.i and doc[k].dep_ in ("aux", "auxpass", "neg", "advmod")
           and doc[k].tag_ not in ("WRB",)):
        cue_toks.append(doc[k])
        k -= 1
    head = _chain_head(doc, tok)
    if head is not None:  # "refuses to disavow", "tried to defend": the verb chain is one cue
        cue_toks.append(head)
        cue_toks.extend(c for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < head.i)
    cue_start = min(t.idx for t in cue_toks)
    cue_end = max(t.idx + len(t.text) for t in cue_toks)
    if text[cue_end:cue_end + 1] == ":":
        cue_end += 1
    return cue_text, cue_start, cue_end


def _chain_head(doc: Any, tok: Any) -> Any:
    """The verb a cue infinitive completes right after it, with the same subject ("refuses to
    disavow", "tried to defend", "seems to feel"): PolNeAR marks the chain as one cue.  None when
    other words stand between ("required Republicans to recognize", "reached for a metaphor to describe")."""
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "by" and head.i == tok.i - 1 and head.head.tag_.startswith("VB"):
        # "responded by saying", "followed up by asking": a verb right before "by" (adverbs and particles
        # aside) and the gerund are one cue; with an object between ("ended the meeting by saying") not
        verb = head.head
        if verb.i < head.i and all(t.tag_ in ("RB", "RP") for t in doc[verb.i + 1:head.i]):
            return verb
        return None
    if tok.dep_ == "xcomp" and head.tag_ == "JJ" and head.dep_ == "acomp" and head.head.i < head.i < tok.i:
        # "were slightly more likely to say", "is quick to point out": copula, adjective and infinitive
        between = doc[head.i + 1:tok.i]
        if any(t.tag_ == "TO" for t in between) and all(t.tag_ in ("TO", "RB") for t in between):
            return head.head
        return None
    if tok.dep_ != "xcomp" or head.i >= tok.i or not head.tag_.startswith("VB"):
        return None
    between = doc[head.i + 1:tok.i]
    if not any(t.tag_ == "TO" for t in between) or any(t.tag_ not in ("TO", "RB") for t in between):
        return None
    return head


def drop_chained(frames: list[Frame]) -> list[Frame]:
    """Frames whose cue lies inside a longer cue of another frame ("refuses" in "refuses to disavow")."""
    return [f for f in frames if not any(g is not f and g.cue_span[0] <= f.cue_span[0] and f.cue_span[1] <= g.cue_span[1]
                                         and g.cue_span != f.cue_span for g in frames)]


# "Kerry: “By law ...”", "Wash Post Fact-Check: If Obama Says It, It’s True" — a line that opens with a
# name and a colon attributes the rest of the line (headline and transcript style), as does a name after
# a dash that ends a lead-in ("Polls were not wrong, just early - Ann Selzer: “...”", newsletter style).
# "The Latest: ..." (AP's running story) and "Paid Notice: ..." are labels, not sources.
_COLON_LINE = re.compile(
    r"(?:^[ \t]*|[ \t][-–—][ \t]+)((?:[A-Z][\w’'.&\-]*|of|the|and|for)(?:[ \t]+(?:[A-Z][\w’'.&\-]*|of|the|and|for)){0,4}):[ \t]+(\S[^\n]*\S)[ \t]*$",
    re.MULTILINE,
)
_NOT_SOURCES = frozenset(
    """photo photos caption update updated note editor editors source sources related read watch video image
    images credit credits advertisement contact email tags posted filed by correction clarification warning
    q a question answer tl dr bottom line breaking live latest notice name update exclusive byline""".split()
)


def _transcript_turn(name: list[str], content: str) -> bool:
    """ "TAPPER: Do you think he has campaigned as a healer?": a speaker in capitals before a turn in
    sentence case is a transcript; a capital label before a Title Case headline ("BOOM: Trump Just
    Fired ...", "EXCLUSIVE: ...") is not (PolNeAR train: 13 capital names before a colon at a line start
    lie inside a gold cue, 10 do not, and those 10 are labels or stand before a Title Case or capital
    headline)."""
    if not all(w.isupper() for w in name):
        return False
    words = [w for w in content.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) * 2 < len(words)


def colon_frames(text: str) -> list[Frame]:
    out = []
    for m in _COLON_LINE.finditer(text):
        name, content = m.group(1), m.group(2)
        words = name.split()
        if (not words[0][:1].isupper() or any(w.lower().strip(".’'") in _NOT_SOURCES for w in words)
                or any(len(w) > 3 and w.isupper() for w in words) and not _transcript_turn(words, content)
                or len(content.split()) < 3):
            continue
        c0, c1 = m.span(2)
        if text[c1 - 1] == "." and text[c1 - 2:c1 - 1] not in "”\"’'" and not _transcript_turn(words, content):
            c1 -= 1  # a headline's full stop is not part of what was said (a transcript turn keeps it)
        out.append(Frame(":", (m.end(1), m.end(1) + 1), "say", m.span(1), (), (c0, c1), "clause"))
    return out


# ", FEC records show." closing a sentence: the parser often reads "show" as a noun after a record noun,
# so the tail is read by its words; the sentence before the comma is what the records show (PolNeAR
# train, counts only: ", <records> show" with a comma or full stop after lies inside a gold cue 12 of 13)
_EVIDENCE_TAIL = re.compile(
    r",[ \t]+(?P<src>(?:[\w.’'&-]+[ \t]+){0,3}(?:" + "|".join(sorted(EVIDENCE)) + r"))[ \t]+"
    r"(?P<cue>show|showed|shows|indicate|indicated|indicates|suggest|suggested|suggests)(?=\.(?:\s|$))"
)


def evidence_tail_frames(text: str, sents: Sequence[Span]) -> list[Frame]:
    """Frames of a record noun and its verb set after the clause they report ("He sold the plane in
    2010, records show."): source = the noun phrase, content = the sentence up to the comma."""
    out = []
    for m in _EVIDENCE_TAIL.finditer(text):
        sent = next((s for s in sents if s[0] <= m.start() < s[1]), None)
        if sent is None:
            continue
        c0 = sent[0]
        while c0 < m.start() and text[c0].isspace():
            c0 += 1
        if len(text[c0:m.start()].split()) < 3:
            continue
        out.append(Frame(m.group("cue"), m.span("cue"), VERB_LEMMA.get(m.group("cue"), "show"), m.span("src"), (),
                         (c0, m.start()), "clause"))
    return out


# A sentence connective before a fronted content ("But the plan will fail, she said.", "Still, two in three
# voters ..., according to a poll") is the writer's link, not the source's words.  PolNeAR train (counts
# only, gold contents at a sentence start): left out / kept "But" 55 / 26, "And" 15 / 8, "Still" 7 / 2,
# "However" 4 / 0; "Instead" (0 / 5), "Now" (0 / 4), "In all" (1 / 4) are kept, so they are not listed.
_CONNECTIVE = re.compile(r"(?:But|And|Yet|Still|However|In fact|Indeed|Meanwhile|Moreover|Even so|Nevertheless)\b,?\s+")


def without_connective(text: str, f: Frame) -> Frame:
    """The frame with a leading connective cut from a content that comes before its cue."""
    c = f.content_span
    if c is None or c[1] > f.cue_span[0]:
        return f
    m = _CONNECTIVE.match(text, c[0], c[1])
    if m is None or len(text[m.end():c[1]].split()) < 2:
        return f
    parts = tuple((m.end(), b) if a == c[0] else (a, b) for a, b in f.content_parts)
    return replace(f, content_span=(m.end(), c[1]), content_parts=parts)


# Where something was said, closing the reported words ("said he would stay in the race in an interview
# with CNN on Sunday", "... during a speech in Iowa"): the parser hangs it inside the reported clause, but
# it tells the occasion of the saying.  PolNeAR train (counts only): right after a gold content 34 times,
# at the end of one 8 (several of those about a speech, not where it was said).
_VENUE = re.compile(
    r",?\s+(?:in|during)\s+(?:an?|the|his|her|their)\s+(?:(?!(?:in|during|on|with|at|to)\b)[\w’'-]+\s+){0,3}(?:interview|appearance|speech|op-ed|tweet)"
    r"(?:\s+(?:with|on|to|in|at|of|for)\b[^,.;:“”\"\n]{0,60})?\s*$"
)


def without_venue(text: str, f: Frame) -> Frame:
    """The frame with a closing "in an interview ..." cut from a content that follows its cue."""
    c = f.content_span
    if c is None or c[0] < f.cue_span[1] or _quote_open(text[c[0]:c[1]]):
        return f
    m = _VENUE.search(text, c[0], c[1])
    if m is None or len(text[c[0]:m.start()].split()) < 3:
        return f
    parts = tuple((a, m.start()) if b == c[1] else (a, b) for a, b in f.content_parts)
    return replace(f, content_span=(c[0], m.start()), content_parts=parts)


def _quote_open(s: str) -> bool:
    return s.count("“") != s.count("”") or s.count('"') % 2 == 1


# A Title Case headline on its own line: "Donald Trump Finally Endorses House Speaker Paul Ryan." The
# parser reads capitalised verbs as names, so the line is read by its words: a run of capitalised words
# (the source), an optional adverb, a cue verb in -s or -ed form, and the rest up to ":" "," or a dash
_HEAD_WORD = r"(?:[A-Z0-9][\w’'.&\-]*|of|the|and|for|in|on|at|to)"
_HEADLINE = re.compile(
    rf"^[ \t]*(?P<src>[A-Z][\w’'.&\-]*(?:[ \t]+{_HEAD_WORD}){{0,6}}?)[ \t]+"
    rf"(?P<cue>(?:(?:Just|Finally|Now|Again|Also|Still|Openly|Publicly|Quietly|Reportedly)[ \t]+)?"
    rf"(?P<verb>[A-Z][a-z]+(?:s|ed)))[ \t]+(?P<rest>[^\n]*?)[.!?]?[ \t]*$",
    re.MULTILINE,
)
_HEAD_STOP = re.compile(r":\s|,\s|\s[—–]\s|;|\sAnd\s")


def headline_frames(text: str, lexicon: frozenset[str]) -> list[Frame]:
    """Frames of Title Case headline lines ("Carly Fiorina Endorses Ted Cruz: I Am ‘Horrified’ ..."):
    source = the words before the cue verb, content = the words after it up to a colon, comma or dash."""
    out = []
    for m in _HEADLINE.finditer(text):
        line = m.group(0).split()
        if len(line) > 20 or sum(w[:1].isupper() or not w[:1].isalpha() for w in line) * 4 < len(line) * 3:
            continue  # not Title Case: the parser reads it
        verb = m.group("verb").lower()
        if VERB_LEMMA.get(verb) not in lexicon:
            continue
        rest_start = m.start("rest")
        stop = _HEAD_STOP.search(text, rest_start, m.end("rest"))
        c1 = stop.start() if stop else m.end("rest")
        while c1 > rest_start and text[c1 - 1] in " \t.":
            c1 -= 1
        if len(text[rest_start:c1].split()) < 1 or m.group("src").split()[-1].lower() in ("the", "of", "and", "to", "for"):
            continue
        out.append(Frame(m.group("cue"), m.span("cue"), VERB_LEMMA[verb], m.span("src"), (), (rest_start, c1),
                         "object", attitude=True))
    return out


def _raising_frame(doc: Any, tok: Any, off: int, lemma: str) -> Frame | None:
    subj = [c for c in tok.children if c.dep_ in (("nsubjpass",) if lemma == "expect" else ("nsubj",))]
    comp = [c for c in tok.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") and c.i > tok.i]
    if not subj or not comp or subj[0].lower_ in ("it", "there", "that", "which", "who"):
        return None
    a = np_span(subj[0], off)[0]
    b = subtree_span(comp[0], off)
    cue_toks = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and subj[0].i < c.i < tok.i]
    c0 = min(t.idx for t in cue_toks)
    c1 = tok.idx + len(tok.text)
    if c0 != min(t.idx for t in cue_toks if t.i >= min(x.i for x in cue_toks)) or a[1] > off + c0:
        return None
    return Frame(tok.text, (off + c0, off + c1), lemma, None, (), (a[0], b[1]), "raising", content_parts=(a, b))


def np_content(tok: Any, off: int) -> Span:
    """A noun-phrase content without a comma-set aside: "the reason for X, which had been ..." and
    "the suspect’s name, Syed Farook, several times" stop at the comma."""
    toks = sorted(tok.subtree, key=lambda t: t.i)
    for k, t in enumerate(toks):
        if k > 0 and t.text == "," and t.i > tok.i:
            rest = toks[k + 1:]
            if rest and (rest[0].dep_ in ("appos", "relcl") or rest[0].head.dep_ in ("appos", "relcl")
                         or rest[0].lower_ in ("which", "who", "whose")):
                last = toks[k - 1]
                return (off + toks[0].idx, off + last.idx + len(last.text))
    return subtree_span(tok, off)


def cue_prep(tok: Any) -> Any:
    """The preposition right after a cue verb that introduces its content ("talked about X")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in CUE_PREPS and 0 < c.i - tok.i <= 2 and any(g.dep_ == "pobj" for g in c.children):
            return c
    return None


# "CAMBRIDGE, Mass., Dec. 11 (UPI) — " opens a wire story; it belongs to no sentence's content
_DATELINE = re.compile(r"[A-Z][A-Z .’'-]+,[^\n()—]{0,40}\((?:UPI|AP|AFP|Reuters|CNN|dpa|Xinhua)\)\s*[—–-]+\s*")
# the same before a subject, also without the place or with the parse's span starting inside it
# ("LONDON (Reuters) - Donald Trump said", "AP) — Republican hopeful Donald Trump says")
_SUBJECT_DATELINE = re.compile(r"[^\n()—–]{0,40}\(?(?:UPI|AP|AFP|Reuters|CNN|dpa|Xinhua)\)\s*[—–-]+\s*")


def _after_dateline(text: str, off: int, span: Span) -> Span:
    m = _DATELINE.match(text, span[0] - off, span[1] - off)
    return (off + m.end(), span[1]) if m and m.end() < span[1] - off else span


def close_quote(text: str, off: int, span: Span) -> Span:
    """Reported content that ends inside a partial quote runs to the closing mark (`do so.”`), also
    when the parse ended the clause early inside it (a quoted name or clause the parser cut short):
    annotators keep a quotation whole."""
    a, b = span[0] - off, span[1] - off
    inner = text[a:b]
    curly = inner.count("“") > inner.count("”")
    if curly or inner.count('"') % 2 == 1:
        m = re.match(r"[.,!?;]?[”\"]", text[b:b + 2])
        if m:
            return (span[0], span[1] + m.end())
        m = _QUOTE_REST[curly].match(text, b)
        if m:
            return (span[0], span[1] + m.end() - b)
    return span


# the rest of a quotation a clause stops inside of, up to its closing mark within the paragraph
_QUOTE_REST = {True: re.compile(r"[^”“\n]{1,300}?”"), False: re.compile(r'[^"\n]{1,300}?"')}


# -- frames + quotes -> claims -------------------------------------------------------------------------

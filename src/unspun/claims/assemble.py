"""Frames + quotes -> claims: each quote takes its nearest cue, left-over frames become reported
speech, and speakers are resolved to full names."""
from __future__ import annotations

import re
from typing import Any, Sequence

from ..records import Claim, Span
from .frames import Frame, colon_frames, evidence_tail_frames, headline_frames, without_connective, without_venue
from .lexicon import ANAPHORIC_CONTENT, ATTITUDE_DEFAULT, EVIDENCE, EVIDENCE_VERBS, ATTITUDE_PERSONAL, ATTITUDES, DENY, DISPUTE, NEEDS_CLAUSE, REPORT, SPEECH, STRICT_CLAUSE, TOPIC_PREPS, TOPIC_SPEECH
from .quotes import QuoteSpan, find_quotes
from .aside import SetAside, set_aside
from .speakers import NameIndex, Speaker, build_names, describe_speaker


def _stance(lemma: str, negated: bool = False) -> str:
    if lemma in DENY:
        return "deny"
    if lemma in DISPUTE:
        return "dispute"
    if lemma in REPORT:
        return "report"
    return "assert"


def _sentence_of(sents: Sequence[Span], pos: int) -> Span | None:
    for s in sents:
        if s[0] <= pos < s[1]:
            return s
    return None


Pending = list[tuple[int, dict[str, Any]]]  # (sort position, Claim fields + the deciding "frame")


def assemble(text: str, frames: list[Frame], sents: list[Span], attitudes: bool = False,
             quotes: list[QuoteSpan] | None = None) -> list[Claim]:
    """Claims of one article in text order: direct quotes with their cue, then reported speech from the
    frames no quote took, each speaker resolved against the names of the whole text."""
    names = build_names(text)
    quotes = find_quotes(text) if quotes is None else quotes
    sents.sort()
    # frames whose cue sits inside a quotation are part of the quoted words, not attributions
    frames = [f for f in frames if _in_quote(quotes, f.cue_span[0]) is None]
    frames = _outer(frames)
    frames = frames + colon_frames(text)
    lexicon = SPEECH | ATTITUDES if attitudes else SPEECH | ATTITUDE_DEFAULT | ATTITUDE_PERSONAL
    frames += _unclaimed(headline_frames(text, lexicon), frames)
    # (a tail the parser misread as a cue without content is replaced: "…, documents show.")
    tails = _unclaimed(evidence_tail_frames(text, sents), [f for f in frames if f.content_span is not None])
    frames = [f for f in frames if f.content_span is not None or _unclaimed([f], tails)] + tails
    frames = [without_venue(text, without_connective(text, f)) for f in frames]
    used_frames: set[int] = set()
    pending = _direct(text, quotes, frames, sents, used_frames)
    pending += _reported(text, quotes, frames, used_frames, pending, attitudes)
    pending.sort(key=lambda p: p[0])
    aside = set_aside(text)
    # a caption printed twice yields its claim once
    pending = [p for p in pending if not aside.repeated(p[0])]
    return _claims(text, pending, names, aside)


def _unclaimed(extra: list[Frame], frames: list[Frame]) -> list[Frame]:
    """Frames read from the words alone whose cue no parsed frame already covers."""
    return [h for h in extra if not any(f.cue_span[0] < h.cue_span[1] and h.cue_span[0] < f.cue_span[1] for f in frames)]


def _outer(frames: list[Frame]) -> list[Frame]:
    """Frames whose cue sits inside the reported clause of another frame ("said they think ...", "told
    reporters he thought ..."): the inner cue is part of what the outer speaker said, not a claim of its
    own.  PolNeAR seldom nests attributions (6 of 2,319 dev contents hold another cue); dropping them
    gave +1.2 / +1.1 / +0.8 exact F1 on train[:300]; an object content counts too ("called on the
    United States to attack ...": +0.1 source, precision +0.4 for -0.2 recall)."""
    def nested(f: Frame) -> bool:
        return any(g is not f and g.content_span is not None and g.content_kind in ("clause", "object", "naming")
                   and g.content_span[0] <= f.cue_span[0] < g.content_span[1] for g in frames)
    return [f for f in frames if not nested(f)]


def _in_quote(quotes: Sequence[QuoteSpan], pos: int) -> QuoteSpan | None:
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None


def _direct(text: str, quotes: list[QuoteSpan], frames: list[Frame], sents: list[Span], used_frames: set[int]) -> Pending:
    """Direct quotes: each attaches to the nearest cue after the closing mark, else before the opening
    mark; a short quote inside reported speech is left to that claim.  Marks the frames it uses."""
    pending: Pending = []
    for q in quotes:
        best = _nearest_cue(text, q, quotes, frames, sents)
        host = _host_frame(q, frames)
        if best is None and host is None:
            best = _lead_in(text, q, frames, used_frames)
        fields: dict[str, Any] = dict(
            kind="direct",
            text=" ".join(text[a:b] for a, b in q.pieces),
            content_span=(q.pieces[0][0], q.pieces[-1][1]),
            quote_marks=q.marks,
            quote_spans=q.pieces,
        )
        if host is not None and best is None:
            f = frames[host]
            if f.content_span[0] < q.start - 2 or f.content_span[1] > q.end + 2:
                # partial quote: keep it as a quote span of the indirect claim built from the frame
                continue
            best = (0, host)
        start = q.start
        if best is not None:
            f = frames[best[1]]
            used_frames.add(best[1])
            fields.update(cue=f.cue, cue_span=f.cue_span, stance=_stance(f.lemma), frame=f)
            lead = _lead_words(text, q, sents) if f.cue_span[0] >= q.end and len(q.pieces) == 1 else None
            if f.cue_span[1] <= q.start:
                lead = _subordinate_gap(text, f.cue_span[1], q.start)
            if lead is not None:
                # "The French are big fans of “Prison Break,” he wrote": the claim is the whole clause
                start = lead
                fields.update(kind="indirect", text=text[lead:q.end], content_span=(lead, q.end), quote_marks="")
        else:
            fields.update(cue="", cue_span=None, stance="assert", frame=None)
        pending.append((start, fields))
    return pending


_LEAD_OK = re.compile(r"[^\W\d_]")


def _lead_words(text: str, q: QuoteSpan, sents: list[Span]) -> int | None:
    """Start of the unquoted words that open the quote's sentence and run into it ("Clinton allies
    of being “traitors” in ..."), when the quote closes the clause a cue after it attributes."""
    s = _sentence_of(sents, q.start)
    if s is None:
        return None
    a = max(s[0], text.rfind("\n", 0, q.start) + 1)
    lead = text[a:q.start]
    if len(lead.split()) < 2 or not _LEAD_OK.search(lead) or _QUOTE_MARKS.search(lead):
        return None
    if lead.rstrip()[-1:] in ":—–-" or lead.rstrip().endswith(","):  # "He put it this way: “...”"
        return None
    return a + len(lead) - len(lead.lstrip())


def _subordinate_gap(text: str, cue_end: int, quote_start: int) -> int | None:
    """Start of a subordinate clause between a cue and the quote it introduces ("says if elected
    president “I will ...”", "said, whatever choice voters make, “they should ...”"): it frames what
    was said, so the claim runs from it through the quote; a gap of addressee, time or place ("told
    reporters Monday, “...") stays out."""
    m = _SUBORDINATE.match(text, cue_end, quote_start)
    return m.start(1) if m else None


_SUBORDINATE = re.compile(
    r"[\s,]*\b((?:if|when|whenever|while|although|though|because|unless|once|whatever|whoever|no matter|"
    r"even if|as long as|given that|despite)\b[^“”\"\n]{0,150})$", re.I)

_QUOTE_MARKS = re.compile(r"[\"“”«»„]|''|``")


def _nearest_cue(text: str, q: QuoteSpan, quotes: list[QuoteSpan], frames: list[Frame],
                 sents: list[Span]) -> tuple[int, int] | None:
    """(distance, frame index) of the cue that attributes quote q, or None."""
    after_limit = _frame_window_end(text, q, quotes)
    before_limit = _frame_window_start(text, q, quotes, sents)
    best: tuple[int, int] | None = None
    for fi, f in enumerate(frames):
        c0 = f.cue_span[0]
        if q.end <= c0 < after_limit and _near(text, q.end, c0) and not _clause_after(text, f):
            d = c0 - q.end
            if best is None or d < best[0]:
                best = (d, fi)
        elif before_limit <= c0 < q.start and f.speaker_span is not None:
            gap = text[f.cue_span[1]:q.start]
            # the quote must follow the cue frame directly: "X said:", "X told Y, “..."
            # (a quote between the cue and a content after it is a name or title: told ABC's “GMA” that ...)
            if f.content_span is None or q.start - 1 <= f.content_span[0] < q.end or _only_filler(gap, f):
                d = (q.start - f.cue_span[1]) + 1
                if len(gap) < 120 and (best is None or d < best[0]):
                    best = (d, fi)
    return best


def _clause_after(text: str, f: Frame) -> bool:
    """A cue that reports a clause after itself ("Speaking on “This Week,” Cruz admitted that ...")
    does not attribute the quote before it, which is a title or a name.  A clause that is the next
    piece of the quotation ("“X,” she said, “because Y.”") is not such a clause: the cue stands
    between two pieces of one quote and attributes both."""
    if f.content_kind != "clause" or f.content_span is None or f.content_parts:
        return False
    return f.content_span[0] >= f.cue_span[1] and not _QUOTE_PIECE_GAP.fullmatch(text, f.cue_span[1], f.content_span[0])


# between a cue and the quote piece it stands before: "said, “", "said: “", "said — “"
_QUOTE_PIECE_GAP = re.compile(r"[\s,:;—–-]*(?:[\"“‘«„]|``)\s*")


_LEAD_GAP = re.compile(r"[^.!?\n“”\"]{0,40}[.:]\s*|[^.!?\n“”\"]{0,120}:\s*")


def _lead_in(text: str, q: QuoteSpan, frames: list[Frame], used: set[int]) -> tuple[int, int] | None:
    """A sentence that ends with a cue and says nothing itself introduces the quote after it:
    "Dianne Bystrom agreed. “Mainstream Republicans are running out of time ...”", "He said:¶“We ..."."""
    for fi, f in enumerate(frames):
        if (fi not in used and f.content_span is None and f.speaker_span is not None
                and 0 <= q.start - f.cue_span[1] < 130
                and (_LEAD_GAP.fullmatch(text, f.cue_span[1], q.start)
                     or text[f.cue_span[1] - 1] == ":" and not text[f.cue_span[1]:q.start].strip())):
            return (q.start - f.cue_span[1], fi)
    return None


def _host_frame(q: QuoteSpan, frames: list[Frame]) -> int | None:
    """The last frame whose reported clause holds quote q ("said the plan was “a disaster”")."""
    host = None
    for fi, f in enumerate(frames):
        if f.content_span and f.content_kind in ("clause", "naming") and f.content_span[0] < q.start and q.end <= f.content_span[1] + 1:
            host = fi
    return host


def _reported(text: str, quotes: list[QuoteSpan], frames: list[Frame], used_frames: set[int], direct: Pending,
              attitudes: bool) -> Pending:
    """Reported speech: frames with a content clause/object not consumed by a quote."""
    produced = [q for q in quotes if used_quote(q, direct)]  # quotes already made direct claims
    pending: Pending = []
    for fi, f in enumerate(frames):
        if fi in used_frames or f.content_span is None or not _reports(f, attitudes):
            continue
        cs = f.content_span
        # a clause that is entirely a quotation was already produced as a direct quote
        if any(q.start <= cs[0] + 1 and cs[1] - 1 <= q.end for q in produced):
            continue
        inner = tuple(p for q in quotes if cs[0] <= q.start and q.end <= cs[1] + 1 for p in q.pieces)
        pending.append(
            (
                cs[0] if cs[0] < f.cue_span[0] else f.cue_span[0],
                dict(
                    kind="indirect",
                    text=" … ".join(text[a:b] for a, b in f.content_parts) if f.content_parts else text[cs[0]:cs[1]],
                    content_span=cs,
                    content_parts=f.content_parts,
                    quote_marks="",
                    quote_spans=inner,
                    cue=f.cue,
                    cue_span=f.cue_span,
                    stance=_stance(f.lemma),
                    frame=f,
                ),
            )
        )
    return pending


def _topic_cue(f: Frame) -> bool:
    """ "wrote about the steel industry": a speech verb with its topic phrase reports without a clause."""
    return f.lemma in TOPIC_SPEECH and f.cue.rsplit(" ", 1)[-1].lower() in TOPIC_PREPS


def _reports(f: Frame, attitudes: bool) -> bool:
    """Does a frame with content make a claim of its own (a clause where the cue needs one, a source)?"""
    attitudes = attitudes or f.attitude
    if f.speaker_span is None and f.addressee_passive:
        return True  # "when asked whether ...", "was asked about X": PolNeAR marks the question, no source
    if (f.content_kind not in ("clause", "naming") and (f.lemma in STRICT_CLAUSE if attitudes else f.lemma in NEEDS_CLAUSE)
            and not (f.lemma in EVIDENCE_VERBS and f.content_kind == "object" and _evidence_source(f))
            and not _topic_cue(f)):
        return False
    if attitudes and f.lemma not in SPEECH and f.speaker_span is None and f.content_kind != "raising":
        return False
    if f.speaker_span is None and f.lemma != "according" and not f.passive_agent and f.content_kind != "raising":
        if f.lemma not in REPORT:
            return False
    return True


def _evidence_source(f: Frame) -> bool:
    """Is the speaker a poll, study or record ("a CNN/ORC poll", "FEC records"), see lexicon.EVIDENCE?"""
    return any(t.lower_ in EVIDENCE and t.tag_.startswith("NN") for t in f.speaker_tokens or ())


def _claims(text: str, pending: Pending, names: NameIndex, aside: SetAside) -> list[Claim]:
    """Claims from the sorted pending fields: speakers resolved, an unattributed quote right after an
    attributed one given the same speaker, denials linked to the claim they answer."""
    claims: list[Claim] = []
    last: tuple[int, Speaker] | None = None  # (end pos, speaker) of the last attributed claim
    for pos, fields in pending:
        f: Frame | None = fields.pop("frame")
        who: Speaker | None = None
        sspan = None
        mention = ""
        if f is not None and f.speaker_span is not None:
            sspan = f.speaker_span
            mention = text[sspan[0]:sspan[1]]
            who = describe_speaker(text, mention, f.speaker_tokens, sspan[0], names, claims, aside)
        elif f is None and last is not None and fields["kind"] == "direct":
            # an unattributed quote right after an attributed one continues the same speaker
            if pos - last[0] < 400 and "\n\n" not in text[last[0]:pos].strip("\n ") or pos - last[0] < 30:
                who = last[1]
        speaker = who.name if who is not None else None
        claim = Claim(
            speaker=speaker,
            speaker_span=sspan,
            speaker_mention=mention,
            responds_to=_responds_to(fields, speaker, claims),
            speaker_kind=who.kind if who is not None else "",
            role=who.role if who is not None else "",
            **fields,
        )
        claims.append(claim)
        if who is not None and not aside.holds(pos):
            last = (max(fields["content_span"][1], (fields["cue_span"] or (0, 0))[1]), who)
    return claims


_WORD = re.compile(r"[^\W_]{3,}")
_FUNCTION = frozenset("the and that this was were has have had his her their its with for from not but".split())


def _responds_to(fields: dict[str, Any], speaker: str | None, claims: list[Claim]) -> int | None:
    """Index of the earlier claim (by another speaker) that a denial or dispute answers: the one
    sharing the most content words with it, else, for "denied the claim"/"dismissed it", the last
    claim by someone else that is not itself a denial."""
    if fields["stance"] not in ("deny", "dispute") or not claims:
        return None
    others = [k for k, c in enumerate(claims) if c.speaker != speaker or speaker is None]
    if not others:
        return None
    words = {w.lower() for w in _WORD.findall(fields["text"])} - _FUNCTION
    scored = [(len(words & ({w.lower() for w in _WORD.findall(claims[k].text)} - _FUNCTION)), k) for k in others]
    best = max(scored, default=(0, -1))
    if best[0] >= 2:
        return best[1]
    head = fields["text"].lower().split()
    if head[:1] == ["that"]:  # the complementizer, not "denied that"
        head = head[1:]
    if fields["kind"] == "indirect" and head and (set(head[:4]) & ANAPHORIC_CONTENT or len(head) <= 3):
        plain = [k for k in others if claims[k].stance not in ("deny", "dispute")]
        return (plain or others)[-1]
    return None


def used_quote(q: QuoteSpan, pending: Pending) -> bool:
    """Was quote q already made a direct claim?"""
    return any(p[0] == q.start and p[1]["kind"] == "direct" for p in pending)


def _only_filler(gap: str, f: Frame) -> bool:
    # "X said:", "X told reporters,", "X said in a statement —" introduce the quote; "X said the
    # plan was" makes it a partial quote inside reported speech
    g = gap.strip()
    return g == "" or g[-1] in ":,\u2014-" and len(g) < 80


def _near(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    return len(between) < 90 and "\n" not in between


def _frame_window_end(text: str, q: QuoteSpan, quotes: list[QuoteSpan]) -> int:
    end = len(text)
    nl = text.find("\n", q.end)
    if nl >= 0:
        end = nl
    for o in quotes:
        if o.start >= q.end:
            end = min(end, o.start)
            break
    # stop at the end of the sentence that follows the quote
    m = _SENT_END.search(text, q.end, end)
    if m:
        end = m.end()
    return end


_SENT_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])(?<!\bMrs)(?<!\bSen)(?<!\bGov)(?<!\bRep)(?<!\bGen)[.!?](?=\s|$)")


def _frame_window_start(text: str, q: QuoteSpan, quotes: list[QuoteSpan], sents: list[Span]) -> int:
    start = text.rfind("\n", 0, q.start) + 1
    for o in quotes:
        if o.end <= q.start:
            start = max(start, o.end)
    # only the sentence the quote opens in
    s = _sentence_of(sents, q.start)
    if s is not None:
        start = max(start, s[0])
    return start

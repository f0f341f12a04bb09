"""Tokens and CRF features for the learned attribution tagger (`crf`): a regex tokenizer with character
offsets, a regex sentence splitter, own small lexicons, and the per-token features of both stages.
Pure Python; no crfsuite needed here."""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..records import Span

__all__ = ["Token", "base_features", "content_features", "paragraph_tokens", "paragraphs", "sentence_starts", "tokenize"]


class Token(NamedTuple):
    text: str
    start: int
    end: int


# ---------------------------------------------------------------- tokenizer

_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|Prof|Rev|Hon|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs|No)\.(?=\s+\w)"
_TOKEN_RE = re.compile(_ABBREV + r"|(?:[A-Z]\.){2,}|\w+(?:[-.]\w+)*(?:[’'](?!s\b)\w+)*|[’']s\b|[^\w\s]")
_PARA_RE = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_OPEN = {"“", "«", "„"}
_CLOSE = {"”", "»"}
_QUOTE = _OPEN | _CLOSE | {'"', "‘", "’", "'"}


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words (with inner hyphens, dots, apostrophes; possessive 's split off) and single punctuation."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def paragraphs(text: str) -> list[Span]:
    """Non-empty paragraph spans (split on blank lines)."""
    out, pos = [], 0
    for m in _PARA_RE.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def sentence_starts(toks: Sequence[Token]) -> list[bool]:
    starts = [False] * len(toks)
    if toks:
        starts[0] = True
    for i in range(1, len(toks)):
        prev = toks[i - 1].text
        end = prev in ".!?" or ((prev in _CLOSE or prev == '"') and i >= 2 and toks[i - 2].text in ".!?")
        if end:
            cur = toks[i].text
            if cur[:1].isupper() or cur in _OPEN or cur[:1].isdigit() or cur == '"':
                starts[i] = True
    return starts


# ---------------------------------------------------------------- lexicons (own lists)

_SPEECH = set("""
say says said saying tell tells told telling add adds added adding state states stated stating
claim claims claimed claiming argue argues argued arguing insist insists insisted insisting
announce announces announced announcing explain explains explained explaining note notes noted noting
warn warns warned warning write writes wrote writing report reports reported reporting ask asks asked
asking reply replied answer answered respond responds responded suggest suggests suggested
admit admits admitted acknowledge acknowledged deny denies denied denying reject rejected dismiss dismissed
confirm confirms confirmed declare declared declares assert asserted accuse accused accuses charge charged
promise promised promises vow vowed pledged pledge urge urged call calls called tweet tweeted tweets posted
mention mentioned recall recalled recalls describe described describes predict predicted quip quipped
complain complained criticize criticized criticised praise praised blame blamed boast boasted
""".split())
_BELIEF = set("""
think thinks thought believe believes believed know knows knew feel feels felt expect expects expected
hope hopes hoped fear fears feared worry worries worried doubt doubts doubted want wants wanted wish
consider considers considered see sees saw seem seems seemed appear appears appeared agree agrees agreed
disagree support supports supported oppose opposes opposed estimate estimated find found conclude concluded
believed indicate indicates indicated show shows showed shown reveal revealed learn learned suspect
""".split())
_NOUN_CUES = set("""
statement statements according claim claims comments comment remarks remark interview speech
told report reports announcement testimony view views belief opinion letter tweet tweets poll polls
survey surveys allegation allegations accusation accusations criticism warning promise pledge argument
""".split())
_TITLES = set("""
president senator sen rep gov governor mayor minister secretary spokesman spokeswoman spokesperson
chairman chairwoman director chief officer official officials aide aides adviser advisor candidate
nominee leader speaker judge attorney general professor analyst analysts expert experts campaign
manager representative congressman congresswoman sheriff commissioner ambassador
""".split())
_PRONOUNS = set("he she they i we you it who his her their him them".split())


def _lex(w: str) -> str:
    if w in _SPEECH:
        return "sp"
    if w in _BELIEF:
        return "be"
    if w in _NOUN_CUES:
        return "nc"
    if w in _TITLES:
        return "ti"
    if w in _PRONOUNS:
        return "pr"
    return ""


def _shape(w: str) -> str:
    if w.isalpha():
        if w.islower():
            return "x"
        if w.isupper():
            return "X" if len(w) > 1 else "Xx"
        return "Xx" if w[0].isupper() else "xX"
    if w.isdigit():
        return "d"
    if w in _QUOTE:
        return "q"
    if len(w) == 1:
        return w if w in ".,:;!?()-—" else "p"
    return "m"


def bucket(d: int) -> str:
    if d < 0:
        return "x"
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    if d <= 25:
        return "13-25"
    return "26+"


# ---------------------------------------------------------------- features

_BUCKETS = [bucket(i) for i in range(200)]


@functools.lru_cache(maxsize=200_000)
def _word_info(w: str) -> tuple[str, str, str, list[str]]:
    """(lowercase, shape, lexicon class, static features) of a token text, cached (callers only read
    the feature list)."""
    lw = w.lower()
    sh = _shape(w)
    lx = _lex(lw)
    static = ["b", "w=" + lw, "s3=" + lw[-3:], "sh=" + sh]
    if lx:
        static.append("l=" + lx)
    return lw, sh, lx, static


def base_features(toks: Sequence[Token], para_index: int) -> list[list[str]]:
    """Stage-1 features for one paragraph's tokens (the first two are always ``q=`` and ``ql=``)."""
    n = len(toks)
    infos = [_word_info(t.text) for t in toks]
    words = [x[0] for x in infos]
    shapes = [x[1] for x in infos]
    lex = [x[2] for x in infos]
    starts = sentence_starts(toks)
    depth = _quote_depth(toks)
    qleft, qright = _quote_distances(shapes)
    sent_id, sent_first, sent_last, sent_flags = _sentence_stats(starts, lex, depth)
    sent_quote = {sent_id[i] for i in range(n) if shapes[i] == "q"}
    pp = "pp=0" if para_index == 0 else ("pp=1" if para_index == 1 else "pp=2+")
    feats: list[list[str]] = []
    pad = ["<s>", "<s>"] + words + ["</s>", "</s>"]
    spad = ["<s>", "<s>"] + shapes + ["</s>", "</s>"]
    lpad = ["", ""] + lex + ["", ""]
    bk = _BUCKETS
    for i in range(n):
        w = words[i]
        j = i + 2
        sid = sent_id[i]
        f = [
            "q=1" if depth[i] else "q=0",
            "ql=" + bk[min(qleft[i], 99)],
            "qr=" + bk[min(qright[i], 99)],
            "sp=" + bk[min(i - sent_first[sid], 199)],
            "sr=" + bk[min(sent_last[sid] - i, 199)],
            pp,
            "si=0" if sid == 0 else "si=1+",
            "sf=" + sent_flags.get(sid, "-"),
            "sq=1" if sid in sent_quote else "sq=0",
            "w-1=" + pad[j - 1],
            "w+1=" + pad[j + 1],
            "w-2=" + pad[j - 2],
            "w+2=" + pad[j + 2],
            "w-1|w=" + pad[j - 1] + "|" + w,
            "w|w+1=" + w + "|" + pad[j + 1],
            "sh-1=" + spad[j - 1],
            "sh+1=" + spad[j + 1],
            "sh-1|sh|sh+1=" + spad[j - 1] + spad[j] + spad[j + 1],
            "l-1=" + lpad[j - 1],
            "l+1=" + lpad[j + 1],
            "l-2=" + lpad[j - 2],
            "l+2=" + lpad[j + 2],
        ]
        f += infos[i][3]
        if lex[i]:
            f.append("l|q=%s%d" % (lex[i], depth[i]))
        if starts[i]:
            f.append("ss")
        feats.append(f)
    return feats


def _quote_depth(toks: Sequence[Token]) -> list[int]:
    """1 for a token inside (or being) a quotation mark, else 0."""
    n = len(toks)
    depth = [0] * n
    d = 0
    for i, t in enumerate(toks):
        w = t.text
        if w in _OPEN:
            depth[i] = 1
            d = 1
        elif w in _CLOSE:
            depth[i] = 1
            d = 0
        elif w == '"':
            depth[i] = 1
            d = 0 if d else 1
        else:
            depth[i] = d
    return depth


def _quote_distances(shapes: Sequence[str]) -> tuple[list[int], list[int]]:
    """Tokens since the last quote mark and until the next one (large when there is none)."""
    n = len(shapes)
    qleft = [99] * n
    last = -99
    for i in range(n):
        if shapes[i] == "q":
            last = i
        qleft[i] = i - last
    qright = [99] * n
    nxt = 10**6
    for i in range(n - 1, -1, -1):
        if shapes[i] == "q":
            nxt = i
        qright[i] = nxt - i
    return qleft, qright


def _sentence_stats(starts: Sequence[bool], lex: Sequence[str],
                    depth: Sequence[int]) -> tuple[list[int], dict[int, int], dict[int, int], dict[int, str]]:
    """Sentence index per token, first and last token per sentence, and whether a sentence holds a
    speech ("sp") or belief ("be") word outside quotes."""
    n = len(starts)
    sent_id = [0] * n
    s = -1
    for i in range(n):
        if starts[i]:
            s += 1
        sent_id[i] = s
    sent_first: dict[int, int] = {}
    sent_last: dict[int, int] = {}
    sent_flags: dict[int, str] = {}
    for i in range(n):
        sid = sent_id[i]
        sent_first.setdefault(sid, i)
        sent_last[sid] = i
        if lex[i] in ("sp", "nc") and not depth[i]:
            sent_flags[sid] = "sp"
        elif lex[i] == "be" and not depth[i] and sent_flags.get(sid) != "sp":
            sent_flags[sid] = "be"
    return sent_id, sent_first, sent_last, sent_flags


def content_features(base: list[list[str]], toks: Sequence[Token], roles: Sequence[str]) -> list[list[str]]:
    """Stage-2 features: stage-1 features plus the Source/Cue tags around and the distance to cues."""
    n = len(toks)
    starts = sentence_starts(toks)
    sent_id = []
    s = -1
    for i in range(n):
        if starts[i]:
            s += 1
        sent_id.append(s)
    r = [x[2:] if x != "O" else "O" for x in roles]
    cue_left = [99] * n
    last = -1
    for i in range(n):
        if r[i] == "Cue":
            last = i
        cue_left[i] = i - last if last >= 0 else 99
    cue_right = [99] * n
    nxt = -1
    for i in range(n - 1, -1, -1):
        if r[i] == "Cue":
            nxt = i
        cue_right[i] = nxt - i if nxt >= 0 else 99
    sent_cue = {sent_id[i] for i in range(n) if r[i] == "Cue"}
    sent_src = {sent_id[i] for i in range(n) if r[i] == "Source"}
    # does a cue end the previous sentence with ":" ("X said:")?
    colon_cue: set[int] = set()
    for i in range(n - 1):
        if r[i] == "Cue" and toks[i + 1].text == ":":
            colon_cue.add(sent_id[i])
    rp = ["<s>", "<s>"] + r + ["</s>", "</s>"]
    out = []
    for i in range(n):
        j = i + 2
        sid = sent_id[i]
        cl = "x" if cue_left[i] == 99 else bucket(cue_left[i]) + ("" if sent_id[i - cue_left[i]] == sid else "p")
        cr = "x" if cue_right[i] == 99 else bucket(cue_right[i]) + ("" if sent_id[i + cue_right[i]] == sid else "n")
        b = base[i]
        f = b + [
            "r=" + r[i],
            "r-1=" + rp[j - 1],
            "r+1=" + rp[j + 1],
            "r-2=" + rp[j - 2],
            "r+2=" + rp[j + 2],
            "cl=" + cl,
            "cr=" + cr,
            "cs=%d%d" % (sid in sent_cue, sid in sent_src),
            "cp=%d" % (sid - 1 in colon_cue or sid in colon_cue),
            "cl|q=" + cl + b[0],
            "cr|q=" + cr + b[0],
        ]
        out.append(f)
    return out


def paragraph_tokens(text: str) -> list[list[Token]]:
    """Tokens of each non-empty paragraph (one CRF sequence each)."""
    return [t for t in (tokenize(text, a, b) for a, b in paragraphs(text)) if t]

"""Learned attribution tagger: Source, Cue and Content spans with a linear-chain CRF (no parser).

A fast alternative to the parse-based rules in `unspun.claims`, trained on the user's own annotated
data (brat standoff, PolNeAR/PARC style: ``T`` lines ``Source|Cue|Content start end[;start end]``
linked by ``E`` lines ``Attribution:T1 Source:T2 Cue:T3 Content:T4``).

Pipeline per paragraph (the CRF sequence):

1. a regex tokenizer with character offsets and a regex sentence splitter;
2. per-token features: word, suffixes, shape, quote depth and distance to the nearest quote mark,
   sentence/paragraph position, neighbours (+-2), small own lexicons (speech/belief verbs, titles,
   pronouns, reporting nouns);
3. stage 1 CRF tags Source and Cue (BIO; a token that is both takes Cue);
4. stage 2 CRF tags Content (BIO, plus ``K`` for a later fragment of a discontinuous content, e.g. the
   second half of a quote broken by "he said"), with stage 1's tags and the distance to the nearest
   cue as extra features;
5. spans are linked into attributions: each cue takes the nearest source and content of its sentence
   (or the next sentence for content after "X said:").

Needs ``python-crfsuite`` (``pip install 'unspun[nlp]'``), imported lazily.
"""
from __future__ import annotations

import bisect
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import require

Span = tuple[int, int]
Frags = tuple[Span, ...]

__all__ = [
    "Attribution",
    "AttributionConfig",
    "AttributionTagger",
    "Token",
    "attributions_from_brat",
    "read_brat",
    "read_brat_dir",
    "tokenize",
    "train_tagger",
]


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; each role is a tuple of (start, end) character fragments (may be empty)."""

    source: Frags = ()
    cue: Frags = ()
    content: Frags = ()


@dataclass(frozen=True)
class AttributionConfig:
    """CRF training settings (L-BFGS with elastic-net regularisation)."""

    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 120
    min_freq: int = 1  # drop features seen fewer times in training


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


def _sentence_starts(toks: Sequence[Token]) -> list[bool]:
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


def _bucket(d: int) -> str:
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

_BUCKETS = [_bucket(i) for i in range(200)]


_WORD_CACHE: dict[str, tuple[str, str, str, list[str]]] = {}


def _word_info(w: str) -> tuple[str, str, str, list[str]]:
    """(lowercase, shape, lexicon class, static features) of a token text, cached."""
    info = _WORD_CACHE.get(w)
    if info is None:
        lw = w.lower()
        sh = _shape(w)
        lx = _lex(lw)
        static = ["b", "w=" + lw, "s3=" + lw[-3:], "sh=" + sh]
        if lx:
            static.append("l=" + lx)
        if len(_WORD_CACHE) > 200_000:
            _WORD_CACHE.clear()
        info = _WORD_CACHE[w] = (lw, sh, lx, static)
    return info


def _base_features(toks: Sequence[Token], para_index: int) -> list[list[str]]:
    """Stage-1 features for one paragraph's tokens (the first two are always ``q=`` and ``ql=``)."""
    n = len(toks)
    infos = [_word_info(t.text) for t in toks]
    words = [x[0] for x in infos]
    shapes = [x[1] for x in infos]
    lex = [x[2] for x in infos]
    starts = _sentence_starts(toks)
    # quote depth and distance to the nearest quote mark
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
    # sentence index, position in sentence, sentence-level flags
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


def _content_features(base: list[list[str]], toks: Sequence[Token], roles: Sequence[str]) -> list[list[str]]:
    """Stage-2 features: stage-1 features plus the Source/Cue tags around and the distance to cues."""
    n = len(toks)
    starts = _sentence_starts(toks)
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
        cl = "x" if cue_left[i] == 99 else _bucket(cue_left[i]) + ("" if sent_id[i - cue_left[i]] == sid else "p")
        cr = "x" if cue_right[i] == 99 else _bucket(cue_right[i]) + ("" if sent_id[i + cue_right[i]] == sid else "n")
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


# ---------------------------------------------------------------- gold labels


def _token_labels(toks: Sequence[Token], attributions: Sequence[Attribution]) -> tuple[list[str], list[str]]:
    """Per-token BIO labels: (Source/Cue layer, Content layer).  Cue beats Source; a longer content
    beats a nested shorter one; later fragments of a content are ``K``."""
    n = len(toks)
    starts = [t.start for t in toks]
    def covered(a: int, b: int) -> list[int]:
        i = bisect.bisect_left(starts, a)
        if i > 0 and toks[i - 1].end > a:
            i -= 1
        out = []
        while i < n and toks[i].start < b:
            if toks[i].end > a:
                out.append(i)
            i += 1
        return out

    roles = ["O"] * n
    for role, name in (("source", "Source"), ("cue", "Cue")):
        for att in attributions:
            for a, b in getattr(att, role):
                idx = covered(a, b)
                for k, i in enumerate(idx):
                    if name == "Source" and roles[i] != "O":
                        continue
                    roles[i] = ("B-" if k == 0 else "I-") + name
    content = ["O"] * n
    atts = sorted((a for a in attributions if a.content), key=lambda a: -sum(b - x for x, b in a.content))
    for att in atts:
        for fi, (a, b) in enumerate(att.content):
            idx = covered(a, b)
            if any(content[i] != "O" for i in idx):
                continue
            name = "C" if fi == 0 else "K"
            for k, i in enumerate(idx):
                content[i] = ("B-" if k == 0 else "I-") + name
    return _repair(roles), _repair(content)


def _repair(labels: list[str]) -> list[str]:
    """I- after O or after another type becomes B-."""
    out = list(labels)
    for i, x in enumerate(out):
        if x.startswith("I-") and (i == 0 or out[i - 1][2:] != x[2:]):
            out[i] = "B-" + x[2:]
    return out


def _spans(toks: Sequence[Token], labels: Sequence[str]) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    cur: str | None = None
    a = b = 0
    for t, lab in zip(toks, labels):
        if lab == "O" or lab.startswith("B-") or (cur is not None and lab[2:] != cur):
            if cur is not None:
                out.append((cur, (a, b)))
                cur = None
            if lab != "O":
                cur, a, b = lab[2:], t.start, t.end
        else:  # I- continuing
            if cur is None:
                cur, a = lab[2:], t.start
            b = t.end
    if cur is not None:
        out.append((cur, (a, b)))
    return out


# ---------------------------------------------------------------- linking


def _link(text: str, toks: Sequence[Token], roles: Sequence[str], content: Sequence[str]) -> list[Attribution]:
    starts = _sentence_starts(toks)
    sent_bounds: list[int] = [t.start for t, s in zip(toks, starts) if s]

    def sent_of(pos: int) -> int:
        return bisect.bisect_right(sent_bounds, pos) - 1

    rs = _spans(toks, roles)
    sources = [s for k, s in rs if k == "Source"]
    cues = [s for k, s in rs if k == "Cue"]
    contents: list[list[Span]] = []
    for k, s in _spans(toks, content):
        if k == "K" and contents:
            contents[-1].append(s)
        else:
            contents.append([s])
    used_s: set[int] = set()
    used_c: set[int] = set()
    out: list[Attribution] = []
    for cue in cues:
        cs = sent_of(cue[0])
        best, bd = None, 10**9
        for i, s in enumerate(sources):
            if i in used_s or sent_of(s[0]) != cs:
                continue
            d = cue[0] - s[1] if s[1] <= cue[0] else (s[0] - cue[1]) * 2
            if d < bd:
                best, bd = i, d
        src: Frags = ()
        if best is not None:
            used_s.add(best)
            src = (sources[best],)
        bestc, bdc = None, 10**9
        for i, frs in enumerate(contents):
            if i in used_c:
                continue
            sd = min(abs(sent_of(a) - cs) for a, _ in frs)
            if sd > 1:
                continue
            d = min(abs(a - cue[1]) if a >= cue[1] else abs(cue[0] - b) for a, b in frs) + 1000 * sd
            if d < bdc:
                bestc, bdc = i, d
        con: Frags = ()
        if bestc is not None:
            used_c.add(bestc)
            con = tuple(contents[bestc])
        out.append(Attribution(src, (cue,), con))
    for i, s in enumerate(sources):
        if i not in used_s:
            out.append(Attribution((s,), (), ()))
    for i, frs in enumerate(contents):
        if i not in used_c:
            out.append(Attribution((), (), tuple(frs)))
    out.sort(key=lambda a: min(x for x, _ in a.cue + a.source + a.content))
    return out


# ---------------------------------------------------------------- training and tagging


def _paragraph_tokens(text: str) -> list[list[Token]]:
    return [t for t in (tokenize(text, a, b) for a, b in paragraphs(text)) if t]


def _sequences(text: str, attributions: Sequence[Attribution]) -> Iterable[tuple[list[list[str]], list[list[str]], list[str], list[str]]]:
    for pi, toks in enumerate(_paragraph_tokens(text)):
        roles, content = _token_labels(toks, attributions)
        base = _base_features(toks, pi)
        yield base, _content_features(base, toks, roles), roles, content


def train_tagger(
    examples: Iterable[tuple[str, Sequence[Attribution]]],
    model_dir: str | Path,
    config: AttributionConfig | None = None,
) -> AttributionTagger:
    """Train both stages on ``(text, attributions)`` examples and write them to ``model_dir``.

    The same text may appear several times (one example per annotator).  The content stage is
    trained on the gold Source/Cue tags."""
    crf = require("pycrfsuite", "nlp", "the learned attribution tagger")
    config = config or AttributionConfig()
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    params = {
        "c1": config.c1,
        "c2": config.c2,
        "max_iterations": config.max_iterations,
        "feature.minfreq": config.min_freq,
        "feature.possible_transitions": True,
    }
    t1 = crf.Trainer(verbose=False)
    t2 = crf.Trainer(verbose=False)
    t1.set_params(params)
    t2.set_params(params)
    for text, atts in examples:
        for base, cfeat, roles, content in _sequences(text, atts):
            t1.append(base, roles)
            t2.append(cfeat, content)
    t1.train(str(model_dir / "roles.crfsuite"))
    t2.train(str(model_dir / "content.crfsuite"))
    return AttributionTagger(model_dir)


@dataclass
class AttributionTagger:
    """Holds the two trained CRFs; ``tag(text)`` returns attributions in text order."""

    model_dir: str | Path
    _taggers: Any = field(default=None, init=False, repr=False)

    def _load(self) -> tuple[Any, Any]:
        if self._taggers is None:
            crf = require("pycrfsuite", "nlp", "the learned attribution tagger")
            d = Path(self.model_dir)
            t1, t2 = crf.Tagger(), crf.Tagger()
            t1.open(str(d / "roles.crfsuite"))
            t2.open(str(d / "content.crfsuite"))
            self._taggers = (t1, t2)
        return self._taggers

    def tag(self, text: str) -> list[Attribution]:
        t1, t2 = self._load()
        out: list[Attribution] = []
        for pi, toks in enumerate(_paragraph_tokens(text)):
            base = _base_features(toks, pi)
            roles = t1.tag(base)
            if not any(r != "O" for r in roles) and not any(f[1] == "ql=0" for f in base):
                # no source/cue and no quote mark: content without a cue is rare; skip stage 2
                continue
            content = t2.tag(_content_features(base, toks, roles))
            out.extend(_link(text, toks, roles, content))
        return out

    def tag_many(self, texts: Iterable[str]) -> list[list[Attribution]]:
        return [self.tag(t) for t in texts]


# ---------------------------------------------------------------- brat standoff


def _frags(spec: str) -> Frags:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def attributions_from_brat(ann: str) -> list[Attribution]:
    """Attributions of one brat ``.ann`` text (``T`` spans linked by ``E`` lines)."""
    spans: dict[str, Frags] = {}
    rels: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            _label, _, spec = parts[1].partition(" ")
            try:
                spans[parts[0]] = _frags(spec)
            except ValueError:
                continue
        elif line.startswith("E"):
            rels.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for r in rels:
        out.append(
            Attribution(
                spans.get(r.get("Source", ""), ()),
                spans.get(r.get("Cue", ""), ()),
                spans.get(r.get("Content", ""), ()),
            )
        )
    return out


def read_brat(txt_path: str | Path, ann_path: str | Path) -> tuple[str, list[Attribution]]:
    text = Path(txt_path).read_text(encoding="utf-8")
    return text, attributions_from_brat(Path(ann_path).read_text(encoding="utf-8"))


def read_brat_dir(directory: str | Path) -> list[tuple[str, list[Attribution]]]:
    """Every ``name.ann`` (or ``name_<annotator>.ann``) next to its ``name.txt`` in ``directory``,
    one example per ``.ann`` file."""
    d = Path(directory)
    out = []
    for ann in sorted(d.glob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.exists() and "_" in ann.stem:
            txt = ann.with_name(ann.stem.rsplit("_", 1)[0] + ".txt")
        if txt.exists():
            out.append(read_brat(txt, ann))
    return out


def temp_model_dir() -> Path:
    """A fresh temporary directory for a model that must not be kept."""
    return Path(tempfile.mkdtemp(prefix="unspun-attr-"))

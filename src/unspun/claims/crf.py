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
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import require
from .crf_features import Token, base_features, content_features, paragraph_tokens, paragraphs, sentence_starts, tokenize

Span = tuple[int, int]
Frags = tuple[Span, ...]

__all__ = [
    "Attribution",
    "AttributionConfig",
    "AttributionTagger",
    "Token",
    "attributions_from_brat",
    "label_spans",
    "paragraph_tokens",
    "paragraphs",
    "read_brat",
    "read_brat_dir",
    "token_labels",
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


# ---------------------------------------------------------------- gold labels


def token_labels(toks: Sequence[Token], attributions: Sequence[Attribution]) -> tuple[list[str], list[str]]:
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


def label_spans(toks: Sequence[Token], labels: Sequence[str]) -> list[tuple[str, Span]]:
    """(label type, character span) of each BIO run."""
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
    starts = sentence_starts(toks)
    sent_bounds: list[int] = [t.start for t, s in zip(toks, starts) if s]

    def sent_of(pos: int) -> int:
        return bisect.bisect_right(sent_bounds, pos) - 1

    rs = label_spans(toks, roles)
    sources = [s for k, s in rs if k == "Source"]
    cues = [s for k, s in rs if k == "Cue"]
    contents: list[list[Span]] = []
    for k, s in label_spans(toks, content):
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


def _sequences(text: str, attributions: Sequence[Attribution]) -> Iterable[tuple[list[list[str]], list[list[str]], list[str], list[str]]]:
    for pi, toks in enumerate(paragraph_tokens(text)):
        roles, content = token_labels(toks, attributions)
        base = base_features(toks, pi)
        yield base, content_features(base, toks, roles), roles, content


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
        for pi, toks in enumerate(paragraph_tokens(text)):
            base = base_features(toks, pi)
            roles = t1.tag(base)
            if not any(r != "O" for r in roles) and not any(f[1] == "ql=0" for f in base):
                # no source/cue and no quote mark: content without a cue is rare; skip stage 2
                continue
            content = t2.tag(content_features(base, toks, roles))
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

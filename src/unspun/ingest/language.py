"""Which language an article is written in, so later stages use only the signals that hold for it.

The packaged sentence-embedding model was trained on English: its vectors for other languages put
unrelated texts close together (two unrelated Russian pages scored 0.78-0.92), so embeddings are
used only where the language is one the model knows, and lexical matching serves the rest.

Identification is py3langid (a maintained fork of langid.py: a naive Bayes model over byte
n-grams, 97 languages, model file shipped in the wheel, no network). It looks at the first
`SAMPLE_CHARS` characters: ~0.5-0.7 ms per article after a one-time 1.5 s model load, with its per-byte
feature walk compiled (`langid_walk`; the library's own walk in Python took ~1.0-1.7 ms).
"""
from __future__ import annotations

import functools
import re
from itertools import islice

SAMPLE_CHARS = 3000
# Below this many letters (or this confidence) the answer is a guess, and a wrong language would
# switch a signal off for no reason: the article is "" (unknown) instead.
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _identifier():
    """The loaded model, shared within a process: it is read-only, so no result depends on what
    was identified before (the one kind of module-level cache the house style allows)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from .langid_walk import CompiledIdentifier

    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        return CompiledIdentifier.of(plain)
    except AttributeError:  # the compiled walk reads py3langid 0.4's model fields; older ones walk in Python
        return plain


def load_identifier() -> None:
    """Load the model (and compile its byte loop) now: forked workers then share it instead of each
    loading its own."""
    _identifier().classify("load")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of `text` (`"en"`, `"ja"`, ...), or "" when there is too
    little text or the model is unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:  # stops at MIN_LETTERS
        return ""
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else ""

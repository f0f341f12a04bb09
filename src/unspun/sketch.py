"""The MinHash sketch stage: one compiled pass turns a batch of texts into signatures.

A batch becomes one lowercased byte buffer (punctuation blanked); `sketch_kernel` (numba) hashes
tokens, chains word n-gram shingles and keeps the minimum per bin of a one-permutation MinHash with
rotation densification (Shrivastava & Li, ICML 2014). `fingerprint` (scan, index) and the
crawl-scale `dedup` engines share this one hashing scheme.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .config import NearDupConfig
from .errors import ConfigError

_EMPTY = np.uint32(0xFFFFFFFF)

# bytes.translate table: ASCII letters lowercased, digits kept, every other ASCII byte -> space.
# Bytes >= 0x80 (UTF-8 sequences) stay word bytes; non-ASCII text is lowercased (and NFKC-normalized
# if needed) in Python first, and the punctuation scrapers vary (curly quotes, dashes, odd spaces)
# is blanked at byte level, so "don’t" and "don't" tokenize alike.
_TABLE = bytes(
    (b + 32 if 65 <= b <= 90 else b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128) else 32
    for b in range(256)
)
_SPACE = 32
_TABLE_NP = np.frombuffer(_TABLE, dtype=np.uint8)


@dataclass(frozen=True)
class Sketches:
    """Per-article sketches of one batch: row r of every array is the r-th text."""

    signatures: np.ndarray  # uint32[n, num_perm]; all 0xFFFFFFFF for a text without shingles
    exact: np.ndarray  # uint64[n]: hash of the normalized token sequence (equal = exact copy)
    n_shingles: np.ndarray  # int32[n]


def tune_malloc(retain_bytes: int = 1 << 30) -> bool:
    """Let glibc keep freed memory for reuse instead of returning it to the OS after every batch.

    Each batch allocates and frees multi-megabyte numpy temporaries; with glibc's defaults every
    one is a fresh mmap whose pages fault in again, which measured as ~60% of the stage's time.
    Process-wide, so only engines that own their process call it (`NearDupConfig.tune_malloc`);
    returns False where glibc is not the allocator.
    """
    libc = c_library()
    try:
        m_trim_threshold, m_mmap_threshold = -1, -3
        ok = libc.mallopt(m_mmap_threshold, min(retain_bytes, 1 << 30)) == 1
        return libc.mallopt(m_trim_threshold, retain_bytes) == 1 and ok
    except AttributeError:  # pragma: no cover - not glibc
        return False


def trim_malloc() -> bool:
    """Return freed heap pages to the OS (glibc `malloc_trim`), also from the middle of the heap.

    For a long run that has just dropped many small objects it still lives beside (the scan's spent
    signatures among its cleaned articles): glibc's own trimming only gives back the heap's top.
    Returns False where glibc is not the allocator.
    """
    try:
        return bool(c_library().malloc_trim(0))
    except AttributeError:  # pragma: no cover - not glibc
        return False


def c_library():
    """The C library through ctypes (an object without glibc's functions when there is none)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else object()
    except OSError:  # pragma: no cover
        return object()


def check_config(config: NearDupConfig) -> int:
    k = config.num_perm
    if k <= 0 or k & (k - 1) or k > 1024:
        raise ConfigError(f"num_perm={k} must be a power of two between 1 and 1024 (e.g. 128)")
    if config.bands <= 0 or k % config.bands:
        raise ConfigError(f"bands={config.bands} must divide num_perm={k} (e.g. 16 for 128)")
    if config.shingle_size < 1:
        raise ConfigError(f"shingle_size={config.shingle_size} must be at least 1")
    if not 0.0 < config.threshold <= 1.0:
        raise ConfigError(f"threshold={config.threshold} must be in (0, 1]")
    return k.bit_length() - 1


def _fold(text: str) -> str:
    text = text.lower()
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _prepare(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One UTF-8 byte buffer for the batch (texts back to back; non-ASCII ones folded and their
    punctuation blanked) and each text's start and end offsets in it."""
    if len(texts) == 1 and texts[0].isascii():  # one ASCII text (`fingerprint`, per article): its bytes
        buf = np.frombuffer(texts[0].encode(), dtype=np.uint8)
        return buf, np.zeros(1, np.int64), np.full(1, len(buf), np.int64)
    pieces = [(t if t.isascii() else _fold(t)).encode("utf-8", "surrogatepass") for t in texts]
    ends = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1]
    blob = b"".join(pieces)
    if blob.isascii():
        return np.frombuffer(blob, dtype=np.uint8), starts, ends
    buf = np.frombuffer(bytearray(blob), dtype=np.uint8)
    _blank_punctuation(buf)
    return buf, starts, ends


def _blank_punctuation(buf: np.ndarray) -> None:
    """Turn U+2000..U+203F (dashes, curly quotes, thin spaces, ellipsis), no-break space and
    guillemets into spaces, in place, so they separate words as their ASCII forms do."""
    lead = np.flatnonzero(buf[:-2] == 0xE2)
    lead = lead[buf[lead + 1] == 0x80]
    for k in range(3):
        buf[lead + k] = _SPACE
    lead = np.flatnonzero(buf[:-1] == 0xC2)
    nxt = buf[lead + 1]
    lead = lead[(nxt == 0xA0) | (nxt == 0xAB) | (nxt == 0xBB) | (nxt == 0xB4)]
    for k in range(2):
        buf[lead + k] = _SPACE


def sketch_batch(texts: Sequence[str], config: NearDupConfig = NearDupConfig()) -> Sketches:
    """Signatures, exact-copy hashes and shingle counts of a batch of texts.

    A text's shingles are its word n-grams (n = shingle_size); a text with 1..n-1 words has one
    shingle of all its words; a text without words has none and an all-empty signature.
    """
    bits = check_config(config)
    n = len(texts)
    if n == 0:
        return Sketches(np.zeros((0, config.num_perm), np.uint32), np.zeros(0, np.uint64), np.zeros(0, np.int32))
    return _sketch(*_prepare(texts), bits, config)


def sketch_arrow(texts, config: NearDupConfig = NearDupConfig()) -> Sketches:
    """`sketch_batch` of a pyarrow string array, reading its UTF-8 buffer in place (no Python
    string per row for ASCII texts; non-ASCII texts are folded in Python exactly as `sketch_batch`
    folds them, so both give the same sketches for the same texts)."""
    bits = check_config(config)
    if len(texts) == 0:
        return sketch_batch([], config)
    return _sketch(*_prepare_arrow(texts), bits, config)


def _prepare_arrow(texts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import pyarrow.compute as pc

    from .ingest.parquet import arrow_buffers

    data, offsets = arrow_buffers(texts)
    starts, ends = offsets[:-1].copy(), offsets[1:].copy()
    span = data[offsets[0] : offsets[-1]]
    if not (span >= 0x80).any():
        return data, starts, ends
    ascii_ = pc.string_is_ascii(texts).to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(~ascii_)
    folded, f_starts, f_ends = _prepare(texts.take(rows).to_pylist())
    starts[rows] = f_starts + data.shape[0]
    ends[rows] = f_ends + data.shape[0]
    return np.concatenate([data, folded]), starts, ends


def _sketch(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray, bits: int, config: NearDupConfig) -> Sketches:
    from .sketch_kernel import sketch_buffer  # numba: compiled (or loaded from its cache) on first use

    n = starts.shape[0]
    sig = np.full((n, config.num_perm), _EMPTY, dtype=np.uint32)
    exact = np.zeros(n, dtype=np.uint64)
    n_sh = np.zeros(n, dtype=np.int32)
    sketch_buffer(buf, starts, ends, _TABLE_NP, config.shingle_size, bits, config.seed, sig, exact, n_sh)
    return Sketches(sig, exact, n_sh)

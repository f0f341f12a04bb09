"""Vectors by text hash, in memory and optionally on disk, so a rescan embeds nothing it has seen."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np


def text_key(text: str) -> bytes:
    """Cache key of a text: sha256 of its UTF-8 bytes (a rescan of the same text hits the cache)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


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

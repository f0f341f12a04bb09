"""Offline sentence embeddings (the `embed` extra), loaded lazily; see docs/semantic.md.

Nothing here runs unless a scan asks for it; a missing extra raises `MissingExtraError` with the
install hint, which the scan turns into one note. `models` holds the encoders (a static table
distilled from the packaged MiniLM by default, or MiniLM itself), `cache` the vector cache, `assist`
the scan's semantic pass.
"""
from .assist import (
    Decide,
    Update,
    apply_updates,
    assist,
    assist_block,
    body_vectors,
    embeddable,
    lead_text,
    lead_vectors,
    nearest_pairs,
    semantic_scores,
)
from .cache import VectorCache, text_key
from .models import DIM, MODELS, Embedder, check_available, forget_models, load_model

__all__ = [
    "DIM", "MODELS", "Decide", "Embedder", "Update", "VectorCache", "apply_updates", "assist", "assist_block", "body_vectors",
    "check_available", "embeddable", "forget_models",
    "lead_text", "lead_vectors", "load_model", "nearest_pairs", "semantic_scores", "text_key",
]

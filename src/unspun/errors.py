"""One base exception and a small tree; messages say how to fix the problem.

UnspunError
├── InputError          a source the user named cannot be used at all (missing path, unknown format)
├── ConfigError         an option value is out of range or inconsistent
└── MissingExtraError   an optional dependency is not installed (message carries the pip hint)

Bad *items* inside a readable source are not exceptions: readers yield `ReadError` records.
"""
from __future__ import annotations


class UnspunError(Exception):
    """Base class for every error unspun raises on purpose."""


class InputError(UnspunError):
    """A source named by the user cannot be read at all."""


class ConfigError(UnspunError):
    """An option is out of range or inconsistent with another."""


class MissingExtraError(UnspunError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    def __init__(self, module: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{module}' package, which is not installed. "
            f"Install it with: pip install 'unspun[{extra}]'"
        )
        self.module = module
        self.extra = extra


def require(module: str, extra: str, purpose: str):
    """Import an optional dependency lazily, failing with the exact install hint."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError(module, extra, purpose) from exc

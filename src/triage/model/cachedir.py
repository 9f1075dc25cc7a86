"""Where the incident index keeps its cache: decided by the command line, not by the model.

The model layer knows nothing of the practice store; `triage.cli` tells it, once, how to find the
data directory (a function called only when an index is first built, so commands that never read
incidents never load the store). Nothing set means no cache: every file is validated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

_where: Callable[[], Path] | None = None


def use_cache_dir(where: Callable[[], Path] | None) -> None:
    """Keep the index cache in the folder `where()` returns (None: keep no cache)."""
    global _where
    _where = where


def default_cache_dir() -> Path | None:
    """The folder set by `use_cache_dir`, or None."""
    return _where() if _where is not None else None

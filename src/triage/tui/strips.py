"""Textual's line strips with their caches made on first use: the war room's largest memory cost.

Every `textual.strip.Strip` (one line of one widget, or a piece of one) is built with seven
`FIFOCache`s, each with its own dict, although most strips never use one: a line cut into pieces
by the compositor, a container's background behind the panels. At the peak of a full play some
4,000 strips were alive (the war room's three dashboards, the debrief) with 28,000 caches, about
3.5 MiB of the play's resident memory. `use_lazy_strip_caches` makes each cache when a strip first
asks for it (`__getattr__`, called only for a slot that was never set), the same cache with the
same size, so what is cached, and what a strip returns, stays Textual's.

The sizes and the other slots are read from a strip built by Textual's own `__init__` before it
is replaced; if that strip does not have the slots expected (another Textual), nothing is
replaced and `textual_internals.changed()` names the difference.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

PLAIN_SLOTS = frozenset({"_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count"})
"""The slots Textual 8.2's `Strip.__init__` sets to something other than a `FIFOCache`."""

_sizes: dict[str, int] = {}


def cache_sizes() -> dict[str, int] | None:
    """Each cache slot of a strip and its size, as Textual's own `Strip.__init__` makes them;
    None when a strip's other slots are not the ones `_init` sets (`PLAIN_SLOTS`, all None but
    the segments and the length)."""
    if _sizes:
        return dict(_sizes)
    strip = Strip([Segment("x")], 1)
    sizes: dict[str, int] = {}
    for name in Strip.__slots__:
        value = getattr(strip, name, None)
        if isinstance(value, FIFOCache):
            sizes[name] = value._maxsize
        elif name not in PLAIN_SLOTS:
            return None
        elif value is not None and name not in ("_segments", "_cell_length"):
            return None
    return sizes if set(Strip.__slots__) == PLAIN_SLOTS | set(sizes) else None


def _init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    """Textual's `Strip.__init__` without the caches (`_getattr` makes each on first use)."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _getattr(self: Strip, name: str) -> Any:
    """A cache slot read for the first time: make the cache Textual would have made."""
    size = _sizes.get(name)
    if size is None:
        raise AttributeError(f"'Strip' object has no attribute '{name}'")
    cache: FIFOCache[Any, Any] = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def use_lazy_strip_caches() -> bool:
    """Make every strip of this process build its caches on first use; False (and nothing
    changed) if the installed Textual's strips are not the ones this module knows."""
    if Strip.__init__ is _init:
        return True
    sizes = cache_sizes()
    if not sizes:
        return False
    _sizes.update(sizes)
    Strip.__init__ = _init  # type: ignore[method-assign]
    Strip.__getattr__ = _getattr  # type: ignore[attr-defined]
    return True

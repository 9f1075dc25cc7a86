"""Give memory back after a screen closes: the peak of a play is what a game-day machine pays.

A closed screen's widgets hold reference cycles (parents and children, message pumps), so they
are freed only by a full collection, which the collector runs rarely once start-up's objects are
frozen (`tui.caches.freeze_startup_objects`); and glibc keeps the heap a freed screen or the
world's build leaves behind unless asked (`malloc_trim`). Each screen the player opens and
closes (a panel full-size, the logs, a report) otherwise raised the process's footprint for
good: a full play peaked about 4 MiB lower with this.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None elsewhere."""
    global _trim, _looked
    if not _looked:
        import ctypes  # on first use: not before the first frame
        import ctypes.util

        _looked = True
        try:
            _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = None
    return _trim


def give_back_memory(collect: bool = True) -> None:
    """Free what closed screens left (a full collection, unless `collect` is False) and return
    the heap's free pages to the system."""
    if collect:
        gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)

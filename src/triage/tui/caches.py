"""Let go of what Textual caches for screens that have closed.

Textual's `StylesCache.get_inner_outer` is an `lru_cache(1024)` whose key holds the widget's
`StylesCache`, and with it every line that widget last drew. A closed screen's widgets were kept
until 1,024 newer entries pushed them out: opening a panel full-size and closing it kept about a
megabyte each time, so a long shift or game day only grew. The cache is pure (it maps two colours
to two styles), so `release_closed_screens` empties it when a screen is popped; live widgets
refill it on their next paint.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache


def release_closed_screens() -> None:
    """Drop Textual's per-widget style cache entries, so closed screens can be freed."""
    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if cache_clear is not None:  # a future Textual may cache differently, or not at all
        cache_clear()

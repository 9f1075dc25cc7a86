"""Memory housekeeping for the TUI: what Textual caches for closed screens, and the collector.

`freeze_startup_objects`: everything made before the app runs (modules, classes, the app itself,
some 54,000 objects the cyclic garbage collector tracks) lives as long as the process, yet each
full collection walked all of it again, and in play those collections land inside game ticks
(about 4 ms of a 15 ms tick, averaged). `gc.freeze()` moves them out of the collector's view.
Only the launchers call it, just before `run()`: a test process builds many apps and must not
freeze one app's leftovers into the next.

`release_closed_screens`: let go of what Textual caches for screens that have closed.

Textual's `StylesCache.get_inner_outer` is an `lru_cache(1024)` whose key holds the widget's
`StylesCache`, and with it every line that widget last drew. A closed screen's widgets were kept
until 1,024 newer entries pushed them out: opening a panel full-size and closing it kept about a
megabyte each time, so a long shift or game day only grew. The cache is pure (it maps two colours
to two styles), so `release_closed_screens` empties it when a screen is popped; live widgets
refill it on their next paint. It also empties the memos rich and Textual keep module-wide of
what was drawn (the width of every distinct line, style sums, region arithmetic: thousands of
entries, about a megabyte by the end of a play) for the same reason: they kept what closed
screens drew, and refill as the screens still open draw.
"""

from __future__ import annotations

import gc

from triage.tui.textual_internals import clear_drawing_memos, clear_style_cache


def freeze_startup_objects() -> None:
    """Keep the collector from walking the objects made before the app runs (see above)."""
    gc.freeze()


def release_closed_screens() -> None:
    """Drop Textual's per-widget style cache entries, so closed screens can be freed, and the
    memos of what they drew."""
    clear_style_cache()
    clear_drawing_memos()

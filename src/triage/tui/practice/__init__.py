"""triage.tui.practice: the history, profile and shift screens.

Each screen reads from the headless `triage.practice` package and needs nothing from the app but
what it finds by duck typing: `app.options.player` (whose plays), `app.catalog` (incidents, for
the profile's next pick and faster replays) and `app.start_play(loaded)` (to start the pick).

- `HistoryScreen(player=None)`: past plays; Enter rebuilds the play and shows its debrief.
- `ProfileScreen(player=None)`: per-pitfall rating and score sparkline; `s` starts the pick.
- `ShiftScreen(shift, tick_seconds=1.0)`: a shift; dismisses with its `ShiftScore` or None.
- `shift_screen(catalog, seed=None, minutes=240)`: a ShiftScreen with a schedule drawn from
  the catalog.
"""

from __future__ import annotations

import random
from typing import Any

from triage.tui.practice.history import HistoryScreen
from triage.tui.practice.profile import ProfileScreen
from triage.tui.practice.shift import ShiftScreen


def shift_screen(
    catalog: Any, seed: int | None = None, minutes: int = 240, tick_seconds: float | None = 1.0
) -> ShiftScreen:
    """A shift screen over `catalog` (a `Catalog`); ShiftError if the catalog is empty."""
    from triage.practice.shift import build_shift

    incidents = list(catalog.incidents.values())
    chosen = seed if seed is not None else random.randrange(1_000_000)
    return ShiftScreen(build_shift(incidents, chosen, minutes), tick_seconds=tick_seconds)


__all__ = ["HistoryScreen", "ProfileScreen", "ShiftScreen", "shift_screen"]

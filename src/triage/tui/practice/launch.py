"""`triage shift` in the terminal: a small app that runs one shift and exits with its score.

The practice screens also work inside the main game app (see `triage.tui.practice`); this app
exists so `triage shift` needs nothing from the home screen.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from triage.practice.shift import Shift
from triage.practice.shiftscore import ShiftScore
from triage.tui.caches import freeze_startup_objects
from triage.tui.practice.shift import ShiftScreen
from triage.tui.widgets.scrollbar import use_whole_cell_scrollbars


class ShiftApp(App[ShiftScore | None]):
    """Hosts one `ShiftScreen`; exits with the shift's score (None if the player left)."""

    TITLE = "triage shift"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, shift: Shift, *, catalog: Any = None,
                 tick_seconds: float | None = 1.0) -> None:
        super().__init__()
        use_whole_cell_scrollbars()
        self.shift = shift
        self.catalog = catalog
        self.tick_seconds = tick_seconds

    def on_mount(self) -> None:
        """Start the shift; leaving it ends the app."""
        self.push_screen(ShiftScreen(self.shift, tick_seconds=self.tick_seconds), self.exit)


def launch_shift(shift: Shift, catalog: Any = None) -> int:
    """Run a shift in the terminal; print its score afterwards. Returns the exit code (0)."""
    app = ShiftApp(shift, catalog=catalog)
    freeze_startup_objects()
    result = app.run()
    if result is not None:
        print(f"Shift over: {result.score}/100, grade {result.grade}. Replay it headless with "
              f"'triage shift --seed {result.seed} --minutes {result.minutes} --headless "
              "--decisions FILE'.")
    return 0

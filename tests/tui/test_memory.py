"""A long session does not grow: screens that close leave nothing of theirs behind.

Opening a panel full-size and closing it used to keep about a megabyte each time (the footer's
old keys, and Textual's style cache entries with every line the closed screen drew), so a shift
or a game day grew without bound.
"""

from __future__ import annotations

import gc

from textual.widget import Widget
from tui_helpers import pilot_test

from triage.tui.screens.panel import PanelScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.textual_internals import StylesCache


def live_widgets() -> tuple[int, int]:
    """How many widgets, and widget style caches, exist anywhere in the process."""
    gc.collect()
    objects = gc.get_objects()
    return (sum(isinstance(o, Widget) for o in objects),
            sum(isinstance(o, StylesCache) for o in objects))


@pilot_test
async def test_opening_and_closing_panels_keeps_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)

        async def open_and_close() -> None:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PanelScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, WarRoomScreen)

        for _ in range(2):  # the first openings fill caches that stay the same size afterwards
            await open_and_close()
        before = live_widgets()
        for _ in range(8):
            await open_and_close()
        after = live_widgets()
        assert after[0] <= before[0], f"widgets alive went from {before[0]} to {after[0]}"
        assert after[1] <= before[1] + 2, f"style caches went from {before[1]} to {after[1]}"

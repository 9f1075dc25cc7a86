"""A long session does not grow: screens that close leave nothing of theirs behind.

Opening a panel full-size and closing it used to keep about a megabyte each time (the footer's
old keys, and Textual's style cache entries with every line the closed screen drew), so a shift
or a game day grew without bound.
"""

from __future__ import annotations

import gc

from rich.cells import cached_cell_len
from textual.widget import Widget
from textual.widgets import TabbedContent
from tui_helpers import pilot_test, screen_text

from triage.tui.screens.panel import PanelScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.textual_internals import StylesCache
from triage.tui.widgets.panel import MetricPanel


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


@pilot_test
async def test_closing_a_screen_forgets_what_it_drew(make_app) -> None:
    """rich's memo of line widths holds what the open screens draw, not what closed ones drew."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("l")  # the logs: many distinct lines
        await pilot.pause()
        with_logs = cached_cell_len.cache_info().currsize
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        after = cached_cell_len.cache_info().currsize
        assert after < with_logs, f"{after} widths kept of {with_logs} after closing the logs"


@pilot_test
async def test_hidden_dashboards_keep_no_lines_and_draw_the_same_again(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        first = screen_text(app)
        tabs = app.screen.query_one(TabbedContent)
        shown = tabs.active
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert tabs.active != shown
        hidden = [p for p in app.screen.query(MetricPanel) if not p.is_on_screen]
        assert hidden and all(not p._strips for p in hidden)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        await pilot.pause()
        assert tabs.active == shown and screen_text(app) == first

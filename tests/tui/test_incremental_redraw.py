"""A clock tick repaints only what changed; what the player sees must equal a full redraw.

The panels and the status bar keep their drawn rows and repaint only the rows (or cells) that a
tick changed. If that bookkeeping ever missed a change, the screen would show a stale value or
bar. So at every minute of a long stretch of play, through alerts starting to fire and the
bars' buckets stepping left, the screen is compared with the same screen drawn from scratch
(the terminal resized away and back, which redraws every widget).
"""

from __future__ import annotations

from tui_helpers import pilot_test, screen_text

from triage.model.pack import find_incident
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.textual_internals import repaint_regions
from triage.tui.widgets.panel import MetricPanel
from triage.tui.widgets.status import StatusBar

SIZE = (120, 40)


async def redrawn_from_scratch(app, pilot) -> str:  # noqa: ANN001 - Pilot types
    """The screen's text after every widget has been drawn again at the same size."""
    await pilot.resize_terminal(SIZE[0] - 7, SIZE[1])
    await pilot.pause()
    await pilot.resize_terminal(*SIZE)
    await pilot.pause()
    return screen_text(app)


@pilot_test
async def test_every_tick_matches_a_full_redraw(make_app) -> None:
    # A built-in training incident whose alerts start and stop firing in its first minutes.
    app = make_app(incident=find_incident("fraud-scorer-ct-grad-norm"), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        firing_seen = {len(app.session.firing())}
        for minute in range(1, 31):
            app.tick()
            await pilot.pause()
            ticked = screen_text(app)
            assert ticked == await redrawn_from_scratch(app, pilot), f"stale after tick {minute}"
            firing_seen.add(len(app.session.firing()))
        assert len(firing_seen) > 1, "the stretch should include an alert changing state"


@pilot_test
async def test_a_tick_repaints_a_few_rows_not_every_panel(make_app) -> None:
    """Most minutes change a panel's value row and its newest bar, not the whole panel."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        panels = list(app.screen.query(MetricPanel))
        status = app.screen.query_one(StatusBar)
        app.tick()  # the first tick after the war room opens may redraw it whole
        await pilot.pause()
        repainted, status_widths = [], []
        for _ in range(10):
            app.tick()
            rows = sum(len(repaint_regions(panel)) for panel in panels)
            repainted.append(rows)
            status_widths.append(sum(region.width for region in repaint_regions(status)))
            await pilot.pause()
        full = sum(panel.content_size.height for panel in panels)
        assert sorted(repainted)[len(repainted) // 2] < full / 2, (repainted, full)
        # the clock's few cells, not the width of the screen (unless the text after it moves)
        assert 0 < sorted(status_widths)[len(status_widths) // 2] < status.size.width // 4, \
            status_widths

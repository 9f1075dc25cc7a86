"""`+ Longer window` on a full-size panel: it shows more history, or says there is none.

A playtest pressed `+` on a panel whose data starts 1h36m before the page: the label went to
`window 8h` and nothing on the chart changed."""

from __future__ import annotations

from tui_helpers import notes, pilot_test, screen_text

from triage.model.pack import find_incident
from triage.tui.screens.panel import PanelScreen


@pilot_test
async def test_longer_window_says_when_there_is_no_older_data(make_app) -> None:
    app = make_app(incident=find_incident("training-lr-config-push"), seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        history = app.session.minute + 1
        assert history < 240, "this incident's data starts less than 4 hours back"
        before = screen_text(app)
        assert "(all there is)" in before and "window 4h" not in before
        await pilot.press("plus")
        await pilot.pause()
        assert app.screen.window == 240 and "window 8h" not in screen_text(app)
        assert any("Nothing older to show" in note for note in notes(app))


@pilot_test
async def test_longer_window_shows_more_when_there_is_more(make_app) -> None:
    app = make_app(incident=find_incident("silent-degradation-no-page"), seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        assert app.session.minute + 1 > 480
        assert "window 4h " in screen_text(app)
        await pilot.press("plus")
        await pilot.pause()
        assert "window 8h " in screen_text(app) and not notes(app)
        await pilot.press("minus", "minus", "minus", "minus")
        await pilot.pause()
        assert "window 1h " in screen_text(app)
        assert any("shortest" in note for note in notes(app))

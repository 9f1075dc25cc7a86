"""Authored text is shown literally (no Rich markup, no escape sequences); small terminals cope."""

from __future__ import annotations

import pytest
from textual.widgets import TabbedContent
from tui_helpers import pilot_test, screen_text

from triage.model.loader import LoadedIncident
from triage.model.pack import Catalog
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.logs import LogsScreen
from triage.tui.screens.page import PageScreen
from triage.tui.screens.panel import PanelScreen
from triage.tui.screens.toosmall import TooSmallScreen
from triage.tui.screens.warroom import WarRoomScreen

HOSTILE = "[bold]x[/bold] \x1b[31mred\x1b[0m"


@pytest.fixture
def hostile(loaded: LoadedIncident) -> LoadedIncident:
    """The fixture incident with markup and ESC sequences in its title, tabs, alert and texts."""
    inc = loaded.incident
    dashboards = [d.model_copy(update={"title": f"{d.title} [i]{HOSTILE}"}) for d in inc.dashboards]
    alerts = [inc.alerts[0].model_copy(update={"summary": HOSTILE}), *inc.alerts[1:]]
    signals = [s.model_copy(update={"title": f"[b]{s.title}"}) for s in inc.signals]
    changes = [c.model_copy(update={"summary": HOSTILE}) for c in inc.changes]
    incident = inc.model_copy(update={
        "title": f"Evil {HOSTILE}", "briefing": HOSTILE, "dashboards": dashboards,
        "alerts": alerts, "signals": signals, "changes": changes})
    return LoadedIncident(incident, loaded.path, loaded.sha256)


@pilot_test
async def test_markup_and_escapes_show_literally(make_app, hostile) -> None:
    catalog = Catalog()
    catalog.add(hostile)
    app = make_app(incident=hostile, catalog=catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        text = screen_text(app)
        assert "Evil [bold]x[/bold] ␛[31mred␛[0m" in text
        assert "\x1b" not in text
        await pilot.press("a")
        await pilot.pause()
        text = screen_text(app)
        assert "[i][bold]x[/bold]" in text, "tab titles are literal"
        assert "[b]p95 latency" in text, "panel titles are literal"
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogsScreen)
        assert "basket_size now computed in cents [bold]x[/bold]" in screen_text(app)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert "[bold]x[/bold] ␛[31mred" in screen_text(app)


@pytest.mark.parametrize(("size", "detours"), [
    ((80, 24), [["right_square_bracket"], ["enter", "escape"], ["l", "escape"], ["c", "escape"],
                ["r", "escape"], ["k", "enter", "escape"], ["h", "y", "n"],
                ["question_mark", "escape"]]),
    ((64, 16), [["enter", "escape"]]),
])
@pilot_test
async def test_small_terminals_never_crash(make_app, size, detours) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        for keys in detours:
            await pilot.press(*keys)
            await pilot.pause()
        await pilot.press("d", "enter", "tab", "tab", "ctrl+s")  # diagnose
        await pilot.pause()
        await pilot.press("f", "enter")  # act: apply the first option
        await pilot.pause()
        await pilot.press("f", "end", "enter")  # resolve, with the status update
        await pilot.pause()
        await pilot.press("enter", "tab", "enter", "tab", "tab", "enter", "tab", "enter",
                          "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.query_one("#score")


@pilot_test
async def test_resizing_down_and_up(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "right_square_bracket", "enter")
        for size in ((80, 24), (40, 12), (30, 8), (20, 5), (1, 1), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WarRoomScreen)
        assert app.screen.query_one(TabbedContent)


@pilot_test
async def test_too_small_terminal_says_so(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.press("a", "d", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "Terminal too small" in screen_text(app)
        assert app.session.acknowledged_at is None, "keys do nothing behind the message"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)

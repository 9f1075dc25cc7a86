"""The on-call loop by keyboard: act before the cause is known, watch the harm counter and the
charts answer, fix the cause, undo the mistake, resolve with a status update, and read it all
back in the debrief."""

from __future__ import annotations

from textual.widgets import OptionList
from tui_helpers import pilot_test, screen_text, widget_text

from triage.tui.screens.act import ActScreen
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.status_update import StatusUpdateScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.widgets.status import StatusBar


async def act(pilot, app, choice: str) -> None:  # noqa: ANN001
    """Open the Act dialog and choose the entry with this id (`apply:ID`, `revert:ID`...)."""
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(app.screen, ActScreen)
    acts = app.screen.query_one("#acts", OptionList)
    ids = [acts.get_option_at_index(i).id for i in range(acts.option_count)]
    await pilot.press(*["down"] * ids.index(choice), "enter")
    await pilot.pause()


def status_line(app) -> str:  # noqa: ANN001
    return widget_text(app.screen.query_one(StatusBar))


@pilot_test
async def test_mitigate_watch_fix_undo_and_resolve_with_an_update(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        session = app.session
        assert session.oncall is not None, "a new play is the on-call loop"
        assert "⚠" in status_line(app) and "no SEV" in status_line(app)

        # A guess before looking: the harmful retrain. The play goes on; the world takes it.
        await act(pilot, app, "apply:retrain_now")
        assert isinstance(app.screen, WarRoomScreen) and not session.ended
        assert session.oncall.in_force() == ["retrain_now"]
        await act(pilot, app, "declare:2")
        assert "SEV2" in status_line(app)
        before = session.accrued()
        await pilot.press("w", "w")  # watch: the harm keeps growing
        await pilot.pause()
        assert session.accrued() > before and "⚠" in status_line(app)

        # The cause, then its fix; undo the guess; watch until the harm stops.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter", "tab", "tab", "ctrl+s")
        await pilot.pause()
        assert session.diagnosis is not None and not session.ended
        await act(pilot, app, "apply:revert_etl")
        await act(pilot, app, "revert:retrain_now")
        assert session.oncall.in_force() == ["revert_etl"]
        for _ in range(12):
            if not session.harm_ongoing():
                break
            await pilot.press("w")
            await pilot.pause()
        assert not session.harm_ongoing() and "✓" in status_line(app)

        # Resolve: the status update comes first, then the debrief.
        await act(pilot, app, "resolve")
        assert isinstance(app.screen, StatusUpdateScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StatusUpdateScreen), "an incomplete update is not sent"
        await pilot.press("down", "enter", "tab", "enter", "tab", "tab", "down", "down", "enter",
                          "tab", "enter", "ctrl+s")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert session.ended and session.end_reason == "declared resolved"
        update = session.oncall.updates[-1]
        assert update.chosen["impact"] == "stopped" and update.correct("impact")
        loop = app.debrief.loop
        assert loop is not None and loop.resolved and loop.severity == 2
        assert loop.accrued > loop.ideal, "the guess and the watching cost harm"
        assert app.debrief.rules == 3
        text = screen_text(app)
        assert "the incident" in text or "impact" in text

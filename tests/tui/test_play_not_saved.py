"""Issue 18, item 12, in the TUI: a play that ends but cannot be stored is told on screen, and
`triage play` exits 3 once the game is closed, as `triage play --headless` does."""

from __future__ import annotations

import argparse
import sqlite3

import pytest
from tui_helpers import diagnose_fix_and_resolve, notes, pilot_test

from triage.store import db_path
from triage.tui.app import PlayOptions


@pilot_test
async def test_a_play_the_store_refuses_is_told_and_counted(make_app) -> None:
    db_path().parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db_path()) as raw:  # another program's database where triage.db goes
        raw.execute("CREATE TABLE notes (body TEXT)")
    raw.close()
    app = make_app(options=PlayOptions(player="ana", save=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"])
        await pilot.pause()
        assert app.stored is None and app.not_saved == 1
        assert any("The play was not saved" in note and "not a triage practice database" in note
                   for note in notes(app))


@pilot_test
async def test_a_saved_play_is_not_counted(make_app) -> None:
    app = make_app(options=PlayOptions(player="ana", save=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
        await diagnose_fix_and_resolve(pilot, app, "unit_change", ["revert_etl"])
        await pilot.pause()
        assert isinstance(app.stored, int) and app.not_saved == 0


@pytest.mark.parametrize(("not_saved", "code"), [(0, 0), (1, 3), (2, 3)])
def test_play_exits_3_after_the_game_when_a_play_was_not_saved(
        not_saved: int, code: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import triage.tui.app
    import triage.tui.caches
    from triage.tui.launch import launch

    class Ran:
        """The app as `launch` sees it once the player has quit."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            self.not_saved = 0

        def run(self) -> None:
            self.not_saved = not_saved

    monkeypatch.setattr(triage.tui.app, "create_app", Ran)
    monkeypatch.setattr(triage.tui.caches, "freeze_startup_objects", lambda: None)
    assert launch(argparse.Namespace(), incident_ref=None, seed=None) == code
    err = capsys.readouterr().err
    assert ("not saved" in err) == bool(not_saved)

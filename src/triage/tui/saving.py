"""Saving the play the player just finished, from the TUI: a store that cannot take it is told
in a notification, never a crash, and the app counts it so `triage play` can exit 3."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triage.engine.debrief import Debrief


def save_finished_play(app: Any, debrief: Debrief) -> int | None:
    """Store `app`'s finished play and return its id; None when saving is off or it failed (the
    reason shown to the player)."""
    if not app.options.save or app.loaded is None or app.session is None:
        return None
    from triage.engine.record import finished_play
    from triage.store.recording import store_play

    def tell(error: Exception) -> None:
        app.notify(f"The play was not saved: {error}", severity="error", markup=False)

    try:
        return store_play(
            finished_play(app.loaded, app.session, debrief), player=app.options.player,
            gameday_run=app.options.gameday_run, team=app.options.team,
            started_at=app._started_at, on_error=tell)
    except Exception as error:  # noqa: BLE001 - a broken store must not lose the debrief
        tell(error)
        return None

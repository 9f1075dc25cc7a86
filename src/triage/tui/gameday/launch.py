"""Start the game-day TUI from the command line: hot-seat (`gameday run`) and `gameday join`."""

from __future__ import annotations

import sys
from typing import Any


def run_hot_seat(loaded: Any, store: Any, *, run_id: str | None = None,
                 player: str | None = None) -> int:
    """Create a run of the plan and play every team's turns in this terminal."""
    from triage.gameday.runner import GameDay
    from triage.gameday.scoreboard import render_board
    from triage.tui.caches import freeze_startup_objects
    from triage.tui.gameday.app import GamedayApp

    game = GameDay.create(loaded, store, run_id=run_id, player=player)
    app = GamedayApp(game, facilitator=True)
    freeze_startup_objects()
    app.run()
    sys.stdout.write(render_board(game.standings()))
    print(f"\nrun {game.run.run_id}; report: triage gameday report {game.run.run_id} "
          "--format md", file=sys.stderr)
    return 0


def run_join(game: Any, team: str | None) -> int:
    """One team's tab of a stored run (what `triage serve --gameday` gives each browser): join
    with the team's code (or as `team`), play its rounds, and give the team's seat back on exit."""
    from triage.tui.caches import freeze_startup_objects
    from triage.tui.gameday.tab import TeamTabApp

    app = TeamTabApp(game, team=team)
    freeze_startup_objects()
    try:
        app.run()
    finally:
        try:
            app.tab.leave()
        except Exception:  # noqa: BLE001 - a store that fails now only delays the seat's release
            pass
    return app.return_code or 0

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
    """One team's tab of a stored run (what `triage serve --gameday` gives each browser)."""
    from triage.tui.caches import freeze_startup_objects
    from triage.tui.gameday.app import GamedayApp

    app = GamedayApp(game, team=team, facilitator=False)
    freeze_startup_objects()
    app.run()
    return 0

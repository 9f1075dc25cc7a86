"""Saving a finished play: from the engine's plain `FinishedPlay` to a row in the practice database.

The engine never imports the store, and the store takes no `Session`: the engine hands over a
`FinishedPlay` (`triage.engine.record.finished_play`), plain values only. A broken
database must never cost the player the debrief they just earned, so `store_play` reports a
`StoreError` (through `on_error`, by default to stderr) and returns None instead of raising.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from triage.store import clock
from triage.store.errors import StoreError
from triage.store.paths import default_player
from triage.store.plays import Store
from triage.store.records import PlayRecord

if TYPE_CHECKING:
    from triage.engine.record import FinishedPlay

RESET_HINT = "run 'triage history --reset-damaged-db' to keep it aside and start a fresh one"
"""What to tell a player whose database is damaged (shared with the commands)."""


def build_record(
    play: FinishedPlay,
    *,
    player: str | None = None,
    gameday_run: str | None = None,
    team: str | None = None,
    mode: str = "play",
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
) -> PlayRecord:
    """The `PlayRecord` of a finished play: who, what, which seed, every action, the score.

    A play of a game-day team (`gameday_run` and `team` given) belongs to that team, whoever is
    named as `player`: it must not count towards the facilitator's own mastery or practice."""
    ended = ended_at or clock.utc_now()
    owner = team_player(gameday_run, team) if gameday_run and team else None
    return PlayRecord(
        player=owner or player or default_player(),
        incident_id=play.incident_id,
        incident_hash=play.incident_hash,
        pitfall=play.pitfall,
        difficulty=play.difficulty,
        seed=play.seed,
        actions=list(play.steps),
        score=play.score,
        grade=play.grade,
        breakdown=play.breakdown,
        started_at=started_at or ended,
        ended_at=ended,
        gameday_run=gameday_run,
        team=team,
        mode=mode,
        rules=play.rules,
        variant=play.variant,
        incident_path=play.incident_path,
    )


def team_player(run_id: str, team: str) -> str:
    """The player a game-day team's plays are stored under: `TEAM@RUN` (`red@friday-drill`)."""
    return f"{team}@{run_id}"


def report_to_stderr(error: StoreError) -> None:
    """The default `on_error`: say the play was not saved, why, and what to do about it."""
    advice = f"\n  The database was left as it is; {RESET_HINT}." if error.damaged else ""
    print(f"triage: the play was not saved: {error}{advice}", file=sys.stderr)


def store_play(
    play: FinishedPlay,
    *,
    player: str | None = None,
    gameday_run: str | None = None,
    team: str | None = None,
    mode: str = "play",
    started_at: datetime | None = None,
    store: Store | None = None,
    on_error: Callable[[StoreError], None] | None = None,
) -> int | None:
    """Save a finished play and return its id; on a database problem report it and return None.

    `player` defaults to the OS user, `started_at` to the end time. Pass `store` to reuse an open
    one (it is left open); otherwise the default database is opened and closed here. The TUI
    passes `on_error` to show the problem in a notification instead of on stderr.
    """
    report = on_error or report_to_stderr
    try:
        record = build_record(play, player=player, gameday_run=gameday_run,
                              team=team, mode=mode, started_at=started_at)
    except ValueError as error:  # a value that cannot be stored as JSON, an unknown mode
        target = store.path if store is not None else Store().path
        report(StoreError(f"the play could not be recorded ({error})", target, "conflict"))
        return None
    try:
        if store is not None:
            return store.save_play(record)
        with Store() as own:
            return own.save_play(record)
    except StoreError as error:
        report(error)
        return None

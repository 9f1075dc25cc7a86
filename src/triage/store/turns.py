"""Game-day seats and turns, kept in the store so that no tab process is the only one to know.

A *seat* is a team's place in a run: its join code and the tab process that holds it (a lease
the holder renews with heartbeats). A *turn* row is written when a team starts a round: when it
started, its deadline, and every action applied since, so a tab that reconnects, or a restarted
server, resumes the same turn with the same deadline.

Every change below is one `BEGIN IMMEDIATE` transaction that first checks the caller still holds
the team's seat. A turn's play is inserted in the same transaction that closes the turn, so two
tabs, a ghost process or a retry can never store two plays of one turn. Who may take a seat from
whom is the caller's policy (`can_take`); times are POSIX seconds from the caller's clock.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from triage.store.plays import Store, insert_play
from triage.store.records import PlayRecord, dump_json

SEAT_COLUMNS = "run_id, team, code, holder, holder_pid, heartbeat_ts, claimed_at"
TURN_COLUMNS = "run_id, team, round, started_at, started_ts, deadline_ts, actions, play_id"


@dataclass(frozen=True)
class Seat:
    """A team's seat in a run: its join code and who holds it (None: nobody)."""

    run_id: str
    team: str
    code: str
    holder: str | None = None
    holder_pid: int | None = None
    heartbeat_ts: float | None = None
    claimed_at: str | None = None


@dataclass(frozen=True)
class TurnRow:
    """A started turn: its start, deadline and the actions applied so far, each recorded as
    `{"at": POSIX seconds, "step": the action as an actions file writes it}`."""

    run_id: str
    team: str
    round_index: int
    started_at: datetime
    started_ts: float
    deadline_ts: float
    actions: tuple[Any, ...]
    play_id: int | None = None

    @property
    def finished(self) -> bool:
        """Whether the turn's play is stored (nothing may be added to it any more)."""
        return self.play_id is not None


class TurnRefused(Exception):
    """A change to a turn that the store refused; `reason` says why.

    - `"seat"`: the caller no longer holds the team's seat (another tab or the server took it);
    - `"finished"`: the turn's play is already stored;
    - `"deadline"`: the turn's deadline has passed (only its end may still be recorded);
    - `"changed"`: the turn gained actions since the caller read it;
    - `"missing"`: there is no such turn.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _seat(row: tuple[Any, ...]) -> Seat:
    return Seat(*row)


def _turn(row: tuple[Any, ...]) -> TurnRow:
    run_id, team, index, started_at, started_ts, deadline_ts, actions, play_id = row
    return TurnRow(run_id, team, int(index), datetime.fromisoformat(started_at),
                   float(started_ts), float(deadline_ts), tuple(json.loads(actions)), play_id)


class TurnLedger:
    """The seats and turns of game-day runs in one `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- seats ---------------------------------------------------------------------------------

    def ensure_seats(self, run_id: str, codes: Mapping[str, str]) -> dict[str, str]:
        """Give every team in `codes` a seat (keeping the code of a team that has one); return
        every team's code."""
        with self.store._use("record the join codes", write=True) as connection:
            for team, code in codes.items():
                connection.execute(
                    "INSERT OR IGNORE INTO gameday_seats (run_id, team, code) VALUES (?,?,?)",
                    (run_id, team, code))
            rows = connection.execute(
                "SELECT team, code FROM gameday_seats WHERE run_id = ?", (run_id,)).fetchall()
        return dict(rows)

    def seats(self, run_id: str) -> list[Seat]:
        """Every seat of the run."""
        with self.store._use("read the seats") as connection:
            rows = connection.execute(
                f"SELECT {SEAT_COLUMNS} FROM gameday_seats WHERE run_id = ? ORDER BY team",
                (run_id,)).fetchall()
        return [_seat(row) for row in rows]

    def claim_seat(self, run_id: str, team: str, holder: str, pid: int, now: float,
                   can_take: Callable[[Seat], bool], claimed_at: str) -> Seat:
        """Take the team's seat if it is free, already ours, or `can_take` the current holder's;
        return the seat as it now stands (its `holder` says whether we got it)."""
        with self.store._use("take the team's seat", write=True) as connection:
            seat = self._read_seat(connection, run_id, team)
            if seat.holder not in (None, holder) and not can_take(seat):
                return seat
            if seat.holder == holder:
                claimed_at = seat.claimed_at or claimed_at
            connection.execute(
                "UPDATE gameday_seats SET holder = ?, holder_pid = ?, heartbeat_ts = ?, "
                "claimed_at = ? WHERE run_id = ? AND team = ?",
                (holder, pid, now, claimed_at, run_id, team))
            return Seat(run_id, team, seat.code, holder, pid, now, claimed_at)

    def renew_seat(self, run_id: str, team: str, holder: str, now: float) -> bool:
        """Record a heartbeat; False when the caller no longer holds the seat."""
        with self.store._use("renew the team's seat", write=True) as connection:
            cursor = connection.execute(
                "UPDATE gameday_seats SET heartbeat_ts = ? WHERE run_id = ? AND team = ? "
                "AND holder = ?", (now, run_id, team, holder))
            return cursor.rowcount == 1

    def release_seat(self, run_id: str, team: str, holder: str) -> None:
        """Give the seat up (nothing happens if the caller no longer holds it)."""
        with self.store._use("release the team's seat", write=True) as connection:
            connection.execute(
                "UPDATE gameday_seats SET holder = NULL, holder_pid = NULL, heartbeat_ts = NULL, "
                "claimed_at = NULL WHERE run_id = ? AND team = ? AND holder = ?",
                (run_id, team, holder))

    # -- turns ---------------------------------------------------------------------------------

    def turns(self, run_id: str) -> list[TurnRow]:
        """Every started turn of the run (finished or not)."""
        with self.store._use("read the turns") as connection:
            rows = connection.execute(
                f"SELECT {TURN_COLUMNS} FROM gameday_turns WHERE run_id = ? "
                "ORDER BY started_ts, team", (run_id,)).fetchall()
        return [_turn(row) for row in rows]

    def get_turn(self, run_id: str, team: str, round_index: int) -> TurnRow | None:
        """The turn, if it was started."""
        with self.store._use("read a turn") as connection:
            return self._read_turn(connection, run_id, team, round_index)

    def start_turn(self, run_id: str, team: str, round_index: int, holder: str, *, now: float,
                   seconds: float, started_at: datetime) -> TurnRow:
        """Start the turn with a deadline `seconds` from `now`, or return it as stored if it was
        started before (the same start, deadline and actions: a resumed turn)."""
        with self.store._use("start the turn", write=True) as connection:
            self._check_holder(connection, run_id, team, holder)
            found = self._read_turn(connection, run_id, team, round_index)
            if found is not None:
                return found
            connection.execute(
                f"INSERT INTO gameday_turns ({TURN_COLUMNS}) VALUES (?,?,?,?,?,?,?,NULL)",
                (run_id, team, round_index, started_at.isoformat(), now, now + seconds, "[]"))
            return TurnRow(run_id, team, round_index, started_at, now, now + seconds, ())

    def append_step(self, run_id: str, team: str, round_index: int, holder: str, step: Any, *,
                    now: float, grace: float = 0.0, closing: bool = False) -> int:
        """Add an applied action (with the time it was recorded) to the turn and return how many
        it now holds. Refused
        (`TurnRefused`) without the seat, on a finished turn, and after the deadline (plus
        `grace`) unless the step is `closing` the turn (the time-out itself)."""
        with self.store._use("record the action", write=True) as connection:
            self._check_holder(connection, run_id, team, holder)
            turn = self._open_turn(connection, run_id, team, round_index)
            if not closing and now > turn.deadline_ts + grace:
                raise TurnRefused("deadline", f"team {team}'s time for round "
                                  f"{round_index + 1} is up")
            actions = [*turn.actions, {"at": round(now, 3), "step": step}]
            connection.execute(
                "UPDATE gameday_turns SET actions = ? WHERE run_id = ? AND team = ? "
                "AND round = ?", (dump_json(actions, "action log"), run_id, team, round_index))
            return len(actions)

    def finish_turn(self, run_id: str, team: str, round_index: int, holder: str,
                    record: PlayRecord, actions_seen: int) -> int:
        """Store the turn's play and close the turn, in one transaction; return the play id.

        `actions_seen` is how many stored actions the caller scored: if the turn gained any since,
        it is refused (`"changed"`), so the play always stands for the whole stored turn."""
        with self.store._use("save the team's play", write=True) as connection:
            self._check_holder(connection, run_id, team, holder)
            turn = self._open_turn(connection, run_id, team, round_index)
            if len(turn.actions) != actions_seen:
                raise TurnRefused("changed", "the turn changed while it was being scored")
            play_id = insert_play(connection, record, self.store.path)
            connection.execute(
                "UPDATE gameday_turns SET play_id = ? WHERE run_id = ? AND team = ? "
                "AND round = ?", (play_id, run_id, team, round_index))
            return play_id

    # -- inside a transaction ------------------------------------------------------------------

    def _read_seat(self, connection: sqlite3.Connection, run_id: str, team: str) -> Seat:
        row = connection.execute(
            f"SELECT {SEAT_COLUMNS} FROM gameday_seats WHERE run_id = ? AND team = ?",
            (run_id, team)).fetchone()
        if row is None:
            raise TurnRefused("seat", f"team {team} has no seat in run {run_id}")
        return _seat(row)

    def _check_holder(self, connection: sqlite3.Connection, run_id: str, team: str,
                      holder: str) -> None:
        if self._read_seat(connection, run_id, team).holder != holder:
            raise TurnRefused("seat", f"this process no longer holds team {team}'s seat")

    def _read_turn(self, connection: sqlite3.Connection, run_id: str, team: str,
                   round_index: int) -> TurnRow | None:
        row = connection.execute(
            f"SELECT {TURN_COLUMNS} FROM gameday_turns WHERE run_id = ? AND team = ? "
            "AND round = ?", (run_id, team, round_index)).fetchone()
        return _turn(row) if row else None

    def _open_turn(self, connection: sqlite3.Connection, run_id: str, team: str,
                   round_index: int) -> TurnRow:
        turn = self._read_turn(connection, run_id, team, round_index)
        if turn is None:
            raise TurnRefused("missing", f"team {team} has not started round {round_index + 1}")
        if turn.finished:
            raise TurnRefused("finished", f"team {team}'s round {round_index + 1} is over")
        return turn

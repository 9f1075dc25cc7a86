"""A team's browser tab in a served game day: join codes, one live tab per team, resumable turns.

`triage serve --gameday` gives every team a short join code. A tab process (`triage gameday join`)
takes the team's seat with it; while it holds the seat it renews a heartbeat, and no other tab
can play that team. Every action of a turn is recorded in the store as it is applied, next to the
turn's start and deadline, so closing and reopening the tab (or restarting the server) resumes the
same turn on the same clock. The turn's play is scored from the recorded actions and stored by
the seat's holder only, once.

`reap_expired` is the server's side of the deadline: it ends a turn whose deadline passed while
no live tab held the team.
"""

from __future__ import annotations

import os
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from triage.engine.actions import Action, timeout
from triage.engine.debrief import build_debrief
from triage.engine.session import ActionError, Session
from triage.gameday.records import TurnResult, play_record, result_from_debrief, step_action
from triage.gameday.runner import GameDay, Turn
from triage.gameday.scoreboard import TabPresence
from triage.store import clock
from triage.store.turns import Seat, TurnLedger, TurnRefused, TurnRow

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O or 1/I to misread."""
CODE_LENGTH = 6
HEARTBEAT_SECONDS = 2.0
"""How often a tab renews its seat."""
STALE_SECONDS = 10.0
"""A holder silent for this long has gone (its seat may be taken)."""
DEADLINE_GRACE_SECONDS = 1.0
"""An action recorded this soon after the deadline still counts (it was in flight)."""

Clock = Callable[[], float]


def new_code() -> str:
    """A fresh join code, `ABC-234` (six letters from 32: about a billion codes)."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{letters[:3]}-{letters[3:]}"


def normalise_code(text: str) -> str:
    """A typed code as stored: upper case, without spaces or dashes, `abc 234` -> `ABC-234`."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{letters[:3]}-{letters[3:]}" if len(letters) == CODE_LENGTH else letters


def join_codes(game: GameDay) -> dict[str, str]:
    """Every team's join code for the run, created the first time they are asked for."""
    assert game.store is not None, "join codes live in the store"
    wanted = {team: new_code() for team in game.run.teams}
    return TurnLedger(game.store).ensure_seats(game.run.run_id, wanted)


def pid_alive(pid: int | None) -> bool:
    """Whether a process with this id runs on this machine (unknown counts as alive)."""
    if pid is None or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder_gone(seat: Seat, now: float) -> bool:
    """Whether the seat's holder has gone: silent too long, or its process has ended."""
    if seat.holder is None:
        return True
    if seat.heartbeat_ts is None or now - seat.heartbeat_ts > STALE_SECONDS:
        return True
    return not pid_alive(seat.holder_pid)


@dataclass(frozen=True)
class JoinResult:
    """The answer to a join attempt: the team joined, or why not (`unknown` code, `taken`)."""

    team: str | None
    refused: str | None = None
    taken_since: str | None = None
    """When the tab that holds the team took it (ISO 8601), for a `taken` refusal."""


@dataclass
class LiveTurn:
    """A turn in progress in this tab: its session (rebuilt from the store) and its deadline."""

    turn: Turn
    session: Session
    started_ts: float
    deadline_ts: float
    resumed: bool = False

    def remaining(self, now: float) -> float:
        """Seconds left before the deadline (never below zero)."""
        return max(0.0, self.deadline_ts - now)


class TeamTab:
    """One process playing one team of a stored run, through the team's seat in the store."""

    def __init__(self, game: GameDay, *, now: Clock = time.time, pid: int | None = None,
                 token: str | None = None) -> None:
        assert game.store is not None, "a team's tab plays a run kept in the store"
        self.game = game
        self.ledger = TurnLedger(game.store)
        self.now = now
        self.pid = os.getpid() if pid is None else pid
        self.token = token or uuid.uuid4().hex
        self.team: str | None = None

    # ---- the seat ----------------------------------------------------------------------------

    def join(self, code: str) -> JoinResult:
        """Take the seat of the team whose join code this is."""
        wanted = normalise_code(code)
        join_codes(self.game)  # a run nobody has served yet gets its codes now
        seats = self.ledger.seats(self.game.run.run_id)
        team = next((s.team for s in seats if secrets.compare_digest(s.code, wanted)), None)
        if team is None:
            return JoinResult(None, "unknown")
        return self.take(team)

    def take(self, team: str, *, only_if_gone: bool = True) -> JoinResult:
        """Take `team`'s seat: free, ours, or held by a tab that has gone."""
        join_codes(self.game)  # a run served before seats existed gets them now
        now = self.now()
        seat = self.ledger.claim_seat(
            self.game.run.run_id, team, self.token, self.pid, now,
            can_take=lambda s: not only_if_gone or holder_gone(s, now),
            claimed_at=clock.utc_now().isoformat())
        if seat.holder != self.token:
            return JoinResult(None, "taken", seat.claimed_at)
        self.team = team
        return JoinResult(team)

    def heartbeat(self) -> bool:
        """Renew the seat; False when another process has taken it."""
        if self.team is None:
            return False
        return self.ledger.renew_seat(self.game.run.run_id, self.team, self.token, self.now())

    def leave(self) -> None:
        """Give the seat up (a running turn stays stored, to be resumed)."""
        if self.team is not None:
            self.ledger.release_seat(self.game.run.run_id, self.team, self.token)

    # ---- turns -------------------------------------------------------------------------------

    def running_turn(self) -> TurnRow | None:
        """This team's started, unfinished turn, if any."""
        assert self.team is not None
        for index in range(len(self.game.run.rounds)):
            row = self.ledger.get_turn(self.game.run.run_id, self.team, index)
            if row is not None and not row.finished:
                return row
        return None

    def begin(self, turn: Turn) -> LiveTurn:
        """Start the turn, or resume it as stored: the same deadline and every recorded action."""
        limit = self.game.round(turn.round_index).time_limit * 60
        row = self.ledger.start_turn(self.game.run.run_id, turn.team, turn.round_index,
                                     self.token, now=self.now(), seconds=limit,
                                     started_at=clock.utc_now())
        session = self.rebuild(row)
        return LiveTurn(turn, session, row.started_ts, row.deadline_ts, bool(row.actions))

    def rebuild(self, row: TurnRow) -> Session:
        """The session a stored turn stands for: its round's incident and seed, and its actions
        replayed in order (a step the engine refuses now is left out)."""
        session = Session(self.game.incident(row.round_index).incident,
                          self.game.round(row.round_index).seed, loop=True)
        for entry in row.actions:
            action = step_action(entry.get("step") if isinstance(entry, dict) else entry)
            if action is None or session.ended:
                continue
            try:
                session.apply(action)
            except ActionError:
                continue
        return session

    def record(self, live: LiveTurn, action: Action) -> None:
        """Record an applied action in the store; `TurnRefused` if the seat was lost, the turn
        is over, or its time is up."""
        self.ledger.append_step(self.game.run.run_id, live.turn.team, live.turn.round_index,
                                self.token, action.to_step(), now=self.now(),
                                grace=DEADLINE_GRACE_SECONDS, closing=action.kind == "timeout")

    def finish(self, turn: Turn) -> TurnResult:
        """Score the turn from its recorded actions (ending it as it stands), store the play and
        close the turn in one transaction; `TurnRefused` if this tab may not."""
        row = self.ledger.get_turn(self.game.run.run_id, turn.team, turn.round_index)
        if row is None:
            raise TurnRefused("missing", f"team {turn.team} never started round "
                              f"{turn.round_index + 1}")
        session = self.rebuild(row)
        if not session.ended:
            session.apply(timeout())
        debrief = build_debrief(session)
        record = play_record(self.game.incident(turn.round_index), session, debrief,
                             player=None, run_id=self.game.run.run_id, team=turn.team,
                             started_at=row.started_at)
        play_id = self.ledger.finish_turn(self.game.run.run_id, turn.team, turn.round_index,
                                          self.token, record, actions_seen=len(row.actions))
        result = result_from_debrief(turn.round_index, turn.team, session, debrief, play_id)
        self.game.debriefs[turn] = debrief
        self.game.results.append(result)
        return result


def reap_expired(game: GameDay, *, now: Clock = time.time) -> list[TurnResult]:
    """End every turn whose deadline has passed while no live tab holds its team (the tab was
    closed, or the server was down): score it as it stands and store its play. Returns them."""
    assert game.store is not None
    ended = []
    ledger = TurnLedger(game.store)
    for row in ledger.turns(game.run.run_id):
        if row.finished or now() <= row.deadline_ts + DEADLINE_GRACE_SECONDS:
            continue
        tab = TeamTab(game, now=now, token=f"server-{uuid.uuid4().hex}")
        if tab.take(row.team).team is None:
            continue  # a live tab holds the team and ends the turn itself
        try:
            ended.append(tab.finish(Turn(row.round_index, row.team)))
        except TurnRefused:
            pass  # finished meanwhile by the tab that held it
        finally:
            tab.leave()
    return ended


def presence(game: GameDay, now: float | None = None) -> tuple[TabPresence, ...]:
    """Which teams have a live tab, and the turn each is playing (for the board)."""
    if game.store is None:
        return ()
    ledger = TurnLedger(game.store)
    seats = {s.team: s for s in ledger.seats(game.run.run_id)}
    if not seats:
        return ()
    at = time.time() if now is None else now
    running = {r.team: r for r in ledger.turns(game.run.run_id) if not r.finished}
    out = []
    for team in game.run.teams:
        seat = seats.get(team)
        connected = seat is not None and not holder_gone(seat, at)
        turn = running.get(team)
        out.append(TabPresence(team, connected, turn.round_index if turn else None,
                               max(0.0, turn.deadline_ts - at) if turn else None))
    return tuple(out)

"""Run a game day over the engine: turns in order, each team's play stored, standings after.

`GameDay` is the orchestration the hot-seat TUI, the browser `join` app and the headless runner
share. A lab round's turn is a team's alert rules, replayed and scored by the lab
(`triage.gameday.labround`). It owns no clock: the caller starts a turn (a fresh `Session` of
the round's incident and seed), applies the team's actions, and finishes it; a turn that has not
ended when its time runs out is ended as it stands with `timeout()`. Each finished turn is saved
as an ordinary play tagged with the run and the team, so `triage gameday board` and `report`
read everything from the store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from triage.engine.actions import Action, timeout
from triage.engine.debrief import Debrief, build_debrief, plays_loop
from triage.engine.session import ActionError, Session
from triage.gameday.checks import LoadedPlan
from triage.gameday.labround import LabRules, is_lab, load_round_lab, play_lab_turn
from triage.gameday.records import TurnResult, play_record, result_from_debrief
from triage.gameday.resolve import ResolvedRound, RunInfo
from triage.gameday.scoreboard import Standings, compute_standings, results_from_store
from triage.model.incident import Incident
from triage.model.loader import IncidentError, LoadedIncident, load_incident
from triage.store import Store, StoreError, clock, default_player

if TYPE_CHECKING:
    from triage.lab.history import History as LabHistory
    from triage.lab.model import Lab


class GamedayError(Exception):
    """A game day that cannot go on: an unknown run, a missing incident, a refused action.

    For a refused action, `turn` and `step` (1-based) say which actions file and step it was.
    """

    def __init__(self, message: str, turn: Turn | None = None, step: int | None = None) -> None:
        super().__init__(message)
        self.turn, self.step = turn, step


@dataclass(frozen=True)
class Turn:
    """One team playing one round."""

    round_index: int
    team: str


def new_run_id(title: str, when: datetime | None = None) -> str:
    """A readable run id: the title's slug and the UTC start time (`fire-drill-20260612-140000`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:24].strip("-") or "gameday"
    stamp = clock.as_utc(when or clock.utc_now()).strftime("%Y%m%d-%H%M%S")
    return f"{slug}-{stamp}"


class GameDay:
    """A game-day run in progress: its rounds, its store, and the results so far."""

    def __init__(self, run: RunInfo, store: Store | None = None, *, player: str | None = None):
        self.run = run
        self.store = store
        self.player = player or default_player()
        self.results: list[TurnResult] = []
        self.debriefs: dict[Turn, Debrief] = {}
        self._incidents: dict[int, LoadedIncident] = {}
        self._started: dict[Turn, datetime] = {}
        self._cache: dict[int, TurnResult] = {}
        self._labs: dict[int, Lab] = {}
        self._histories: dict[int, LabHistory] = {}

    # ---- creating and opening runs -----------------------------------------------------------

    @classmethod
    def create(cls, loaded: LoadedPlan, store: Store | None = None, *, run_id: str | None = None,
               player: str | None = None) -> GameDay:
        """Start a new run of a plan, recorded in `store` (when given) under a fresh id."""
        plan = loaded.plan
        run_id = run_id or new_run_id(plan.title)
        if store is not None and store.get_gameday_run(run_id) is not None:
            base, number = run_id, 2
            while store.get_gameday_run(f"{base}-{number}") is not None:
                number += 1
            run_id = f"{base}-{number}"
        run = RunInfo(run_id, plan.title, tuple(plan.teams), tuple(loaded.rounds),
                      plan.scoring.as_dict(), plan.description, str(loaded.path))
        if store is not None:
            store.create_gameday_run(run_id, plan.title, run.as_json())
        return cls(run, store, player=player)

    @classmethod
    def open(cls, store: Store, run_id: str, *, player: str | None = None) -> GameDay:
        """Reopen a stored run (for `join`, `board` and `report`); GamedayError if unknown."""
        stored = store.get_gameday_run(run_id)
        if stored is None:
            known = [r.id for r in store.list_gameday_runs()]
            from triage.model.crossref import suggest

            raise GamedayError(f"no game-day run '{run_id}' in {store.path}"
                               f"{suggest(run_id, known)}")
        try:
            run = RunInfo.from_json(stored.id, stored.plan)
        except (KeyError, TypeError) as error:
            raise GamedayError(f"game-day run '{run_id}' was not written by "
                               f"'triage gameday' ({error})") from None
        game = cls(run, store, player=player)
        game.reload()
        return game

    def reload(self) -> list[TurnResult]:
        """Replace the results with what the store holds now (other tabs may have played)."""
        if self.store is not None:
            self.results = results_from_store(self.run, self.store, self._incident_or_none,
                                              self._cache)
        return self.results

    def _incident_or_none(self, index: int) -> Incident | None:
        try:
            return self.incident(index).incident
        except GamedayError:
            return None

    # ---- turns -------------------------------------------------------------------------------

    def turns(self, team: str | None = None) -> list[Turn]:
        """Every turn in playing order (rounds in order, team order rotating), or one team's."""
        return [Turn(r.index, t) for r in self.run.rounds for t in self.run.team_order(r.index)
                if team is None or t == team]

    def played(self, turn: Turn) -> bool:
        """Whether the turn already has a result."""
        return any(r.round_index == turn.round_index and r.team == turn.team
                   for r in self.results)

    def pending(self, team: str | None = None) -> list[Turn]:
        """The turns still to play, in order."""
        return [t for t in self.turns(team) if not self.played(t)]

    def round(self, index: int) -> ResolvedRound:
        """The resolved round `index`."""
        return self.run.rounds[index]

    def is_lab(self, index: int) -> bool:
        """Whether round `index` is a lab round (teams submit alert rules, not actions)."""
        return is_lab(self.round(index))

    def incident(self, index: int) -> LoadedIncident:
        """The incident of round `index` (loaded once, from the path stored with the run)."""
        if index not in self._incidents:
            spec = self.round(index)
            if is_lab(spec):
                raise GamedayError(f"round {index + 1} is a lab round ('{spec.incident_id}'): "
                                   "teams submit alert rules, there is no incident to play")
            try:
                self._incidents[index] = load_incident(spec.path)
            except IncidentError as error:
                from triage.model.pack import find_incident

                try:
                    self._incidents[index] = find_incident(spec.incident_id)
                except IncidentError:
                    raise GamedayError(f"round {index + 1}: cannot load incident "
                                       f"'{spec.incident_id}': {error.problems[0].format()}"
                                       ) from None
        return self._incidents[index]

    def start(self, turn: Turn, loop: bool = True) -> Session:
        """A fresh session for the turn: the on-call loop of the round's incident with the
        round's seed (the turn ends when the team resolves, or time runs out); a one-shot play
        when `loop` is off (an actions file written before the loop)."""
        self._started[turn] = clock.utc_now()
        return Session(self.incident(turn.round_index).incident, self.round(turn.round_index).seed,
                       loop=loop)

    def check_action(self, turn: Turn, action: Action) -> None:
        """Raise ActionError for an action the plan forbids (hints when they are off)."""
        if action.kind == "hint" and not self.round(turn.round_index).hints:
            raise ActionError("hints are off in this round of the game day")

    def finish(self, turn: Turn, session: Session) -> TurnResult:
        """End the turn (as it stands, if still open), score it, store it, return the result.

        If the store refuses the play, the result is still kept here and the StoreError raised.
        """
        if not session.ended:
            session.apply(timeout())
        debrief = build_debrief(session)
        self.debriefs[turn] = debrief
        play_id, failure = None, None
        if self.store is not None:
            record = play_record(
                self.incident(turn.round_index), session, debrief, player=self.player,
                run_id=self.run.run_id, team=turn.team, started_at=self._started.get(turn))
            try:
                play_id = self.store.save_play(record)
            except StoreError as error:
                failure = error
        result = result_from_debrief(turn.round_index, turn.team, session, debrief, play_id)
        self.results.append(result)
        if failure is not None:
            raise failure
        return result

    def standings(self) -> Standings:
        """The standings from the results so far, with the teams' tabs for a served run."""
        standings = compute_standings(self.run, self.results)
        if self.store is not None:
            from triage.gameday.tabs import presence

            standings.tabs = presence(self)
        return standings

    # ---- lab rounds --------------------------------------------------------------------------

    def lab(self, index: int) -> Lab:
        """The lab of lab round `index` (loaded once); GamedayError when it cannot be had."""
        if index not in self._labs:
            spec = self.round(index)
            from triage.lab.load import LabError

            try:
                self._labs[index] = load_round_lab(spec)
            except (LabError, KeyError) as error:
                raise GamedayError(f"round {index + 1}: cannot load lab '{spec.incident_id}': "
                                   f"{error}") from None
        return self._labs[index]

    def lab_history(self, index: int) -> LabHistory:
        """The simulated history of lab round `index` with its seed (simulated once)."""
        if index not in self._histories:
            from triage.lab.history import simulate

            self._histories[index] = simulate(self.lab(index), self.round(index).seed)
        return self._histories[index]

    def play_lab(self, turn: Turn, rules: LabRules | None) -> TurnResult:
        """Score a team's rules for a lab round (None: nothing submitted) and store the
        result under the team; a store that refuses it raises StoreError after the result is
        kept here."""
        self._started[turn] = clock.utc_now()
        result, failure = play_lab_turn(self.lab_history(turn.round_index),
                                        self.round(turn.round_index), turn.team, rules,
                                        self.store, self.run.run_id)
        self.results.append(result)
        if failure is not None:
            raise failure
        return result

    # ---- headless ----------------------------------------------------------------------------

    def play_turn(self, turn: Turn, actions: Sequence[Action] | LabRules) -> TurnResult:
        """Play a turn from a list of actions; the time runs out after the last one. Steps with
        none of the loop's (an actions file from before it) play one-shot, as they always did.
        A lab round takes the team's `LabRules` (no actions: nothing submitted)."""
        if self.is_lab(turn.round_index):
            return self.play_lab(turn, actions if isinstance(actions, LabRules) else None)
        if isinstance(actions, LabRules):
            raise GamedayError(f"team {turn.team}, round {turn.round_index + 1}: round "
                               f"{turn.round_index + 1} plays an incident: it takes actions, "
                               "not alert rules", turn)
        session = self.start(turn, loop=plays_loop(actions))
        for number, action in enumerate(actions, start=1):
            try:
                self.check_action(turn, action)
                session.apply(action)
            except ActionError as error:
                raise GamedayError(f"team {turn.team}, round {turn.round_index + 1}: step "
                                   f"{number} ({action.describe()}): {error}", turn,
                                   number) from None
            if session.ended:
                break
        return self.finish(turn, session)


def run_plan_headless(
    loaded: LoadedPlan, actions: Mapping[tuple[str, int], Sequence[Action] | LabRules], *,
    store: Store | None = None, run_id: str | None = None, player: str | None = None,
) -> GameDay:
    """Play a whole plan without a UI. `actions[(team, round_index)]` is that team's play of
    that round (0-based), or its `LabRules` in a lab round; a missing entry is a team that ran
    out of time without acting."""
    game = GameDay.create(loaded, store, run_id=run_id, player=player)
    for turn in game.turns():
        game.play_turn(turn, actions.get((turn.team, turn.round_index), ()))
    return game

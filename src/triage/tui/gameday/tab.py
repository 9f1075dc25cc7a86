"""One team's browser tab (`triage gameday join`, what `triage serve --gameday` runs per tab).

The tab joins with the team's code and holds the team's seat in the store while it runs (a
heartbeat every few seconds); a second tab of the same team is told who holds it. Each turn
lives in the store (`triage.gameday.tabs`): every action is recorded as it is applied, next to
the turn's start and deadline. A tab that reconnects resumes the same turn at the same screen
depth (the page or the war room) with the same deadline; the countdown never restarts. The play
is stored from the recorded actions, by this tab only while it holds the seat.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from textual import events

from triage.engine.actions import Action, timeout
from triage.engine.session import ActionError
from triage.gameday.clock import Countdown
from triage.gameday.runner import GameDay, Turn
from triage.gameday.tabs import HEARTBEAT_SECONDS, JoinResult, LiveTurn, TeamTab
from triage.store import StoreError
from triage.store.turns import TurnRefused
from triage.tui.app import DEFAULT_TICK_SECONDS
from triage.tui.gameday.app import GamedayApp
from triage.tui.gameday.card import CardScreen
from triage.tui.gameday.joincode import JoinCodeScreen

MAX_CODE_ATTEMPTS = 5
"""Wrong codes a tab may try before it closes (a new tab starts a new count)."""


class TeamTabApp(GamedayApp):
    """A team's tab: join code, the team's seat, and turns recorded in the store."""

    def __init__(self, game: GameDay, *, team: str | None = None,
                 now: Callable[[], float] = time.time, tab: TeamTab | None = None,
                 tick_seconds: float | None = DEFAULT_TICK_SECONDS,
                 heartbeat_seconds: float = HEARTBEAT_SECONDS) -> None:
        super().__init__(game, team=None, facilitator=False, clock=now,
                         tick_seconds=tick_seconds)
        self.tab = tab or TeamTab(game, now=now)
        self.requested_team = team
        self.heartbeat_seconds = heartbeat_seconds
        self.live: LiveTurn | None = None
        self.lost = False
        self.wrong_codes = 0

    # ---- joining -----------------------------------------------------------------------------

    def on_mount(self, event: events.Mount) -> None:
        """Ask for the join code (or take the team named on the command line)."""
        event.prevent_default()
        self.start_clocks()
        self.set_interval(self.heartbeat_seconds, self.heartbeat, name="seat-heartbeat")
        if self.requested_team is None:
            self.push_screen(JoinCodeScreen(self.game.run.title, self.try_code),
                             lambda _: self.advance())
            return
        result = self.tab.take(self.requested_team)
        if result.team is not None:
            self.team = result.team
            self.advance()
        else:
            self.push_screen(CardScreen(taken_text(result), title="Team taken"),
                             lambda _: self.exit(1))

    def try_code(self, code: str) -> str | None:
        """Join with a code; None when joined, else what to tell the player."""
        result = self.tab.join(code)
        if result.team is not None:
            self.team = result.team
            return None
        if result.refused == "taken":
            return taken_text(result)
        self.wrong_codes += 1
        if self.wrong_codes >= MAX_CODE_ATTEMPTS:
            self.push_screen(CardScreen(
                "Too many wrong codes. Ask the facilitator for your team's join code, then "
                "reload the page.", title="Join code"), lambda _: self.exit(return_code=1))
        return (f"No team has that code ({MAX_CODE_ATTEMPTS - self.wrong_codes} tries left). "
                "Ask the facilitator for your team's code.")

    def heartbeat(self) -> None:
        """Renew the team's seat; if another tab has taken it, this tab stops playing."""
        if self.team is None or self.lost:
            return
        try:
            held = self.tab.heartbeat()
        except StoreError:
            return  # a busy store: the next heartbeat tries again, well before the seat is stale
        if not held:
            self.lose_seat()

    def lose_seat(self) -> None:
        """Another tab holds the team now: stop this one without recording anything more."""
        if self.lost:
            return
        self.lost = True
        self.countdown, self.turn, self.live, self.session = None, None, None, None
        self.push_screen(CardScreen(
            "Another tab took over this team after this one stopped answering.\n\n"
            "This tab records nothing more. Close it and carry on in the other tab.",
            title=f"Team {self.team}"), lambda _: self.exit(1))

    # ---- turns -------------------------------------------------------------------------------

    def advance(self) -> None:
        """A started turn is resumed at once; otherwise the day goes on as usual."""
        if self.lost or self.team is None:
            return
        try:
            self.game.reload()
            row = self.tab.running_turn()
        except StoreError as error:
            self.notify(f"The store cannot be read: {error}", severity="error", markup=False)
            row = None
        if row is not None:
            self.begin_turn(Turn(row.round_index, row.team))
            return
        super().advance()

    def begin_turn(self, turn: Turn, *, skip: bool = False) -> None:
        """Start the turn, or resume it: the stored deadline, actions and screen depth."""
        from triage.tui.screens.page import PageScreen
        from triage.tui.screens.warroom import WarRoomScreen

        try:
            live = self.tab.begin(turn)
        except TurnRefused:
            self.lose_seat()
            return
        self.turn, self.live, self.session = turn, live, live.session
        self._round_shown = turn.round_index  # its results come next, even in a new tab
        self.loaded = self.game.incident(turn.round_index)
        self.debrief, self._finishing, self.paused = None, False, False
        self.countdown = Countdown(live.remaining(self.clock()), self.clock)
        if live.session.acknowledged_at is None:
            self.push_screen(PageScreen(live.session))
        else:
            self.push_screen(WarRoomScreen(live.session))
        if live.resumed:
            self.notify(f"Your turn resumed with {self.countdown.text()} left: the clock kept "
                        "running while the tab was closed.", title="Resumed", markup=False)
        if live.session.ended or self.countdown.expired:
            self.call_later(self._end_now)

    def _end_now(self) -> None:
        if self.playing:
            self.apply_action(timeout())
        else:
            self.finish()

    def apply_action(self, action: Action) -> bool:
        """Apply the action and record it in the store before anything else happens."""
        session, live = self.session, self.live
        if live is None or session is None or session.ended or self.turn is None:
            return False
        try:
            self.game.check_action(self.turn, action)
            session.apply(action)
        except ActionError as error:
            self.notify(str(error), title="Not possible", severity="warning", markup=False)
            return False
        try:
            self.tab.record(live, action)
        except TurnRefused as refused:
            if refused.reason == "seat":
                self.lose_seat()
                return False
            if refused.reason == "deadline" and not session.ended:
                session.apply(timeout())  # the stored turn is what is scored, as it stood
        except StoreError as error:
            self.notify(f"Not recorded: {error}", severity="error", markup=False)
        self.sync_screens()
        if session.ended:
            self.finish()
        return True

    def finish(self) -> None:
        """Store the turn's play from its recorded actions, then go on with the day."""
        turn = self.turn
        if turn is None or self._finishing or self.lost:
            return
        self._finishing = True
        try:
            self.last_result = self.tab.finish(turn)
        except TurnRefused as refused:
            if refused.reason == "seat":
                self.lose_seat()
                return
            self.game.reload()  # the server ended it at the deadline meanwhile
        except StoreError as error:
            self.notify(f"The play was not saved: {error}", severity="error", markup=False)
        self.countdown, self.turn, self.live, self.paused = None, None, None, False
        self.call_later(self._after_turn)


def taken_text(result: JoinResult) -> str:
    """What a tab is told when its team is already being played in another tab."""
    when = ""
    if result.taken_since:
        try:
            when = " since " + datetime.fromisoformat(result.taken_since).astimezone().strftime(
                "%H:%M:%S")
        except ValueError:
            pass
    return (f"This team is already playing in another tab{when}. Only one tab per team: use "
            "that tab, or close it and try again here.")

"""The game-day app: rounds and turns around the main game's page, war room and diagnosis.

`GamedayApp` extends `TriageApp`, so a team's turn is played on exactly the screens of a normal
play, with a countdown bar mounted on top of each of them. What it adds:

- the flow: round intro, a hand-off card per team, the turn, the round's scoreboard, and the
  final standing (hot-seat); or, in a team's tab (`tab.TeamTabApp`), each of that team's rounds
  and a live scoreboard;
- the wall clock: when a turn's countdown reaches zero the incident ends as it stands
  (`timeout()`); the simulated clock keeps its normal tick meanwhile;
- facilitator keys (hot-seat only): pause, extend time, skip the turn, reveal the answer.

Game rules stay in `triage.gameday.GameDay`; the app only starts and finishes its turns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen

from triage.engine.actions import Action, timeout
from triage.engine.session import ActionError
from triage.gameday.clock import Countdown
from triage.gameday.records import TurnResult
from triage.gameday.runner import GameDay, Turn
from triage.gameday.scoreboard import Standings
from triage.model.pack import Catalog
from triage.text.safe import clean_line
from triage.tui import app as main_app
from triage.tui.app import DEFAULT_TICK_SECONDS, PlayOptions, TriageApp
from triage.tui.gameday.board import ScoreboardScreen
from triage.tui.gameday.card import CardScreen, GamedayScreen
from triage.tui.gameday.countdown import CountdownBar
from triage.tui.gameday.labturn import LabRoundScreen, LabTurns
from triage.tui.gameday.pause import PauseScreen
from triage.tui.gameday.render import render_answer, render_handoff, render_intro

EXTEND_SECONDS = 60
CLOCK_CHECK_SECONDS = 0.25


class GamedayApp(LabTurns, TriageApp):
    """Hot-seat (every team, facilitator keys), or the base of one team's browser tab
    (`TeamTabApp`: no facilitator keys, turns kept in the store)."""

    CSS_PATH = str(Path(main_app.__file__).with_name("app.tcss"))
    TITLE = "triage game day"
    BINDINGS: ClassVar[list[BindingType]] = [
        *TriageApp.BINDINGS,
        Binding("f2", "pause", "Pause", id="gameday.pause", priority=True),
        Binding("f3", "extend", f"+{EXTEND_SECONDS // 60} min", id="gameday.extend",
                priority=True),
        Binding("f4", "skip", "Skip turn", id="gameday.skip", priority=True),
    ]

    def __init__(self, game: GameDay, *, team: str | None = None, facilitator: bool = True,
                 clock: Callable[[], float] = time.monotonic,
                 tick_seconds: float | None = DEFAULT_TICK_SECONDS) -> None:
        super().__init__(Catalog(), options=PlayOptions(save=False), tick_seconds=tick_seconds)
        self.game = game
        self.team = team
        self.facilitator = facilitator
        self.clock = clock
        self.turn: Turn | None = None
        self.countdown: Countdown | None = None
        self.paused = False
        self.last_result: TurnResult | None = None
        self._round_shown: int | None = None
        self._boards_shown: set[int] = set()
        self.lab_screen: LabRoundScreen | None = None
        """The lab round's screen while a team writes its rules."""

    # ---- flow --------------------------------------------------------------------------------

    def on_mount(self, event: events.Mount) -> None:
        """Start the clocks and show the first screen of the day (not the home screen)."""
        event.prevent_default()
        self.start_clocks()
        self.advance()

    def start_clocks(self) -> None:
        """The simulated clock's tick, the turn's countdown check, and the countdown bar."""
        self.sub_title = clean_line(self.game.run.title)
        self.screen_change_signal.subscribe(self, self._on_screen_change)
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self.tick, name="sim-clock")
        self.set_interval(CLOCK_CHECK_SECONDS, self.check_clock, name="turn-clock")

    def standings(self) -> Standings:
        """The standings; a browser tab re-reads the store, since other tabs play too."""
        if not self.facilitator:
            self.game.reload()
        return self.game.standings()

    def advance(self) -> None:
        """Show whatever comes next: a round's scoreboard, an intro, a hand-off or the end."""
        pending = self.game.pending(self.team)
        shown = self._round_shown
        if shown is not None and shown not in self._boards_shown and (
                not pending or pending[0].round_index != shown):
            self._boards_shown.add(shown)
            answer = self.round_answer(shown) if self.facilitator else None
            self.push_screen(ScoreboardScreen(
                self.standings, round_index=shown, answer=answer, live=not self.facilitator,
                highlight=self.team), lambda _: self.advance())
            return
        if not pending:
            self.push_screen(ScoreboardScreen(self.standings, final=True,
                                              live=not self.facilitator, highlight=self.team),
                             lambda _: self.exit(0))
            return
        turn = pending[0]
        spec = self.game.round(turn.round_index)
        order = self.game.run.team_order(turn.round_index)
        if turn.round_index != shown and self.facilitator:
            self._round_shown = turn.round_index
            self.push_screen(CardScreen(render_intro(self.game.run, spec, order),
                                        title=f"Round {spec.index + 1}"),
                             lambda _: self.advance())
            return
        self._round_shown = turn.round_index
        if self.facilitator:
            body = render_handoff(spec, turn.team, self.last_result if shown == turn.round_index
                                  else None)
        else:
            body = render_intro(self.game.run, spec, None)
        self.push_screen(CardScreen(body, title=f"Team {turn.team}", can_skip=self.facilitator),
                         lambda choice: self.begin_turn(turn, skip=choice == "skip"))

    def round_answer(self, index: int) -> RenderableType:
        """What the facilitator reveals after round `index`: the incident's answer, or in a
        lab round the author's rules and the incidents' lessons."""
        if self.game.is_lab(index):
            from triage.tui.gameday.labrender import render_lab_answer

            return render_lab_answer(self.game.lab(index))
        return render_answer(self.game.incident(index).incident, self.game.round(index).seed)

    def begin_turn(self, turn: Turn, *, skip: bool = False) -> None:
        """Start a team's turn on the page screen with a fresh countdown (or skip it)."""
        from triage.tui.screens.page import PageScreen

        if self.game.is_lab(turn.round_index):
            self.begin_lab_turn(turn, skip=skip)
            return
        self.turn = turn
        self.loaded = self.game.incident(turn.round_index)
        self.session = self.game.start(turn)
        self.debrief, self._finishing, self.paused = None, False, False
        if skip:
            self.apply_action(timeout())
            return
        limit = self.game.round(turn.round_index).time_limit
        self.countdown = Countdown(limit * 60, self.clock)
        self.push_screen(PageScreen(self.session))

    def countdown_status(self) -> tuple[Countdown, str, int] | None:
        """What the countdown bar shows: the clock, the team and the round number."""
        if self.countdown is None or self.turn is None:
            return None
        return self.countdown, self.turn.team, self.turn.round_index + 1

    def _on_screen_change(self, screen: Screen) -> None:
        if self.countdown is not None and not isinstance(screen, GamedayScreen | PauseScreen):
            self.call_after_refresh(self._add_bar, screen)

    def _add_bar(self, screen: Screen) -> None:
        if screen.is_attached and not screen.query(CountdownBar):
            screen.mount(CountdownBar())

    # ---- the engine bridge -------------------------------------------------------------------

    def apply_action(self, action: Action) -> bool:
        """Apply an action, refusing what the plan forbids (hints when they are off)."""
        if self.turn is not None:
            try:
                self.game.check_action(self.turn, action)
            except ActionError as error:
                self.notify(str(error), title="Not in this game day", severity="warning",
                            markup=False)
                return False
        return super().apply_action(action)

    def tick(self) -> None:
        """The simulated clock stands still while the facilitator has paused the turn."""
        if not self.paused:
            super().tick()

    def check_clock(self) -> None:
        """End the turn as it stands once its countdown reaches zero."""
        countdown = self.countdown
        if self.lab_screen is not None:
            if countdown is not None and countdown.expired and not self.paused:
                self.notify("Time is up: the rules in the editor are submitted if they are "
                            "valid.", title="Time", markup=False)
                self.lab_screen.time_up()
            return
        if countdown is None or self.paused or not self.playing or self._finishing:
            return
        if countdown.expired:
            self.notify("Time is up: the incident ends as it stands.", title="Time",
                        markup=False)
            self.apply_action(timeout())

    def finish(self) -> None:
        """Score and store the turn, then go on to the next screen of the day."""
        if self.session is None or self.turn is None or self._finishing:
            return
        self._finishing = True
        turn, session = self.turn, self.session
        try:
            self.last_result = self.game.finish(turn, session)
        except Exception as error:  # noqa: BLE001 - a broken store must not stop the game day
            self.last_result = self.game.results[-1] if self.game.results else None
            self.notify(f"The play was not saved: {error}", severity="error", markup=False)
        self.countdown, self.turn, self.paused = None, None, False
        self.call_later(self._after_turn)

    async def _after_turn(self) -> None:
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self.advance()

    async def go_home(self) -> None:
        """There is no home screen in a game day: the flow decides what comes next."""

    # ---- facilitator keys --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Facilitator keys exist only in hot-seat mode, and only during a turn."""
        if action in ("pause", "extend", "skip"):
            return self.facilitator and self.countdown is not None
        return True

    def action_pause(self) -> None:
        """Pause or resume the turn: the countdown and the simulated clock stop."""
        if self.countdown is None:
            return
        self.paused = self.countdown.toggle()
        if self.paused:
            self.push_screen(PauseScreen(self.get_key_display(self._binding("gameday.pause"))))
        elif isinstance(self.screen, PauseScreen):
            self.pop_screen()

    def action_extend(self) -> None:
        """Give the team more time."""
        if self.countdown is not None:
            self.countdown.extend(EXTEND_SECONDS)
            self.notify(f"+{EXTEND_SECONDS // 60} minute on the clock", markup=False)

    def action_skip(self) -> None:
        """End the turn now, as if the time had run out."""
        if self.lab_screen is not None:
            if isinstance(self.screen, PauseScreen):
                self.pop_screen()
            self.paused = False
            self.lab_screen.time_up()
            return
        if self.playing:
            if isinstance(self.screen, PauseScreen):
                self.pop_screen()
            self.paused = False
            self.apply_action(timeout())

    def _binding(self, binding_id: str) -> Binding:
        return next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)

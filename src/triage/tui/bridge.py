"""The app's bridge to the engine: the play in progress, the actions applied to it, the redraws.

`EngineBridge` is the half of `TriageApp` (`triage.tui.app`) that holds the current `Session`,
applies the player's actions to it (`apply_action`), runs the real-time tick, asks every open
play screen to redraw from it (`sync_screens`), and when the session ends builds the debrief,
stores the play and shows the debrief screen; with it, the guard that covers the game while the
terminal is too small (the tick stands still then). The screen flow (home, page, practice) is
`TriageApp`'s.

The play is built in the background while its page is read (`triage.tui.playprep`): `session`
and `loaded` wait for that build when read before it is done; `ready_session`, which the tick
and the page use, never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.css.query import NoMatches
from textual.geometry import Size

from triage.engine.actions import Action, idle

if TYPE_CHECKING:
    from triage.engine.debrief import Debrief
    from triage.engine.session import Session
    from triage.model.loader import LoadedIncident
    from triage.tui.app import PlayOptions
    from triage.tui.playprep import PlayPrep

MIN_WIDTH, MIN_HEIGHT = 60, 15


class EngineBridge(App[int]):
    """The play in progress and what the app does with it (see the module's docstring)."""

    options: PlayOptions

    def __init__(self) -> None:
        super().__init__()
        self._loaded: LoadedIncident | None = None
        self._session: Session | None = None
        self._prep: PlayPrep | None = None
        self.debrief: Debrief | None = None
        self.stored: Any = None
        self.not_saved = 0
        """Plays that ended but could not be stored (`triage play` then exits 3)."""
        self._finishing = False
        self._unstored = False
        """A play ended (`finish`) and is not stored yet."""
        self._started_at: datetime | None = None

    # ---- the play in progress ----------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The play in progress (waits for it to be built, if it is being built)."""
        self._adopt()
        return self._session

    @session.setter
    def session(self, session: Session | None) -> None:
        self._prep, self._session = None, session

    @property
    def loaded(self) -> LoadedIncident | None:
        """The incident being played, validated (waits for it as `session` does)."""
        self._adopt()
        return self._loaded

    @loaded.setter
    def loaded(self, loaded: LoadedIncident | None) -> None:
        self._loaded = loaded

    def ready_session(self) -> Session | None:
        """The play in progress if it is built, else None; never waits (the tick asks)."""
        if self._prep is not None and self._prep.ready:
            self._adopt()
        return self._session if self._prep is None else None

    def _adopt(self) -> None:
        """Take the built play from the prep (waiting for it); tell the player if it failed."""
        prep, self._prep = self._prep, None
        if prep is None:
            return
        try:
            self._loaded, self._session = prep.result()
        except Exception as error:  # noqa: BLE001 - the player is told and taken home
            self._loaded = self._session = None
            self.notify(f"The incident could not be started: {error}", title="Not possible",
                        severity="error", markup=False)
            self.call_later(self.go_home)

    @property
    def playing(self) -> bool:
        """Whether a play is in progress (started and not ended)."""
        session = self.ready_session()
        return session is not None and not session.ended

    # ---- the engine bridge -------------------------------------------------------------------

    def apply_action(self, action: Action) -> bool:
        """Apply an action to the session (waiting for it to be built); tell the player if it
        is refused."""
        session = self.session
        if session is None or session.ended:
            return False
        # Imported after the wait: while the play is built in the worker, an import here
        # contends with the worker's own imports for the interpreter (see `playprep`).
        from triage.engine.session import ActionError

        try:
            session.apply(action)
        except ActionError as error:
            self.notify(str(error), title="Not possible", severity="warning", markup=False)
            return False
        self.sync_screens()
        if session.ended:
            self.finish()
        return True

    def tick(self) -> None:
        """The real-time tick: one simulated minute passes while the player investigates.

        It is recorded as `idle` time, not as a wait the player chose (a replay needs it to run
        the clock the same way; timelines leave it out). The clock stands still while the
        terminal is too small to show the game, and while `?` lists the keys."""
        from triage.tui.screens.keys import KeysScreen

        if self.playing and not self._finishing and not self._too_small() \
                and not isinstance(self.screen, KeysScreen):
            self.apply_action(idle(1))

    def sync_screens(self) -> None:
        """Ask the screens the player can see to redraw from the session: the one in front, and
        those a dialog leaves visible beneath it. A covered screen draws nothing (its widgets'
        incremental repaints would only pile up); `pop_screen` brings it up to date when it is
        in front again."""
        for screen in self._shown_screens():
            sync: Callable[[], None] | None = getattr(screen, "sync", None)
            if sync is None or not screen.is_mounted:
                continue
            try:
                sync()
            except NoMatches:
                pass  # a screen still composing or being torn down has nothing to redraw

    def _shown_screens(self) -> list[Any]:
        """The top screen and, under a modal dialog, the screens that show through it."""
        shown = []
        for screen in reversed(self.screen_stack):
            shown.append(screen)
            if not screen.is_modal:
                break
        return shown

    def finish(self) -> None:
        """End the play: close its screens, build the debrief, store the play, show the debrief.

        The play's screens are closed and their memory given back first: building the debrief
        plays the ideal loop again, and with the war room still up that was a play's memory
        peak. Nothing is awaited between closing and storing but the closing itself, and a play
        the app quits before it is stored is stored on the way out (`on_unmount`).
        """
        if self.session is None or self._finishing:
            return
        self._finishing = self._unstored = True
        self.call_later(self._close_and_debrief)

    async def _close_and_debrief(self) -> None:
        from triage.tui.freeing import give_back_memory
        from triage.tui.screens.debrief import DebriefScreen

        with self.batch_update():  # no frame of the screen under the war room meanwhile
            try:
                await self._close_play_screens()
                give_back_memory()  # now, not after the next frame: before the debrief is built
            finally:
                self._store_ended_play()
            if self.debrief is not None and self.session is not None:
                await self.push_screen(DebriefScreen(self.debrief,
                                                     frozenset(self.session.opened)))
                self.cover_if_too_small()

    def _store_ended_play(self) -> None:
        """Build the debrief of the ended play and store the play, once."""
        if not self._unstored or self.session is None:
            return
        from triage.engine.debrief import build_debrief

        self._unstored = False
        self.debrief = build_debrief(self.session)
        self.stored = self._store(self.debrief)

    def on_unmount(self) -> None:
        """The app is closing: a play that ended but was not stored yet is stored now."""
        self._store_ended_play()

    def _store(self, debrief: Debrief) -> Any:
        """Store the play (`tui.saving`); count it in `not_saved` when that fails."""
        from triage.tui.saving import save_finished_play

        stored = save_finished_play(self, debrief)
        self.not_saved += stored is None and self.options.save
        return stored

    async def go_home(self) -> None:
        """Leave whatever is showing and return to the home screen."""
        await self._close_play_screens()
        self.ensure_home()

    async def _close_play_screens(self) -> None:
        """Pop every screen above the home screen (or above the first, without one)."""
        from triage.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()

    def ensure_home(self) -> None:
        """Mount the home screen on top if the stack holds none (a play named on the command
        line starts without one)."""
        from triage.tui.screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen())

    # ---- size ---------------------------------------------------------------------------------

    def _too_small(self, size: Size | None = None) -> bool:
        width, height = size or self.size
        return width < MIN_WIDTH or height < MIN_HEIGHT

    def cover_if_too_small(self, size: Size | None = None) -> None:
        """Put the "terminal too small" message on top if the terminal is too small for it."""
        from triage.tui.screens.toosmall import TooSmallScreen

        if self._too_small(size) and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))

    def on_resize(self, event: events.Resize) -> None:
        """Cover the game with a message while the terminal is too small, and uncover it after."""
        from triage.tui.screens.toosmall import TooSmallScreen

        if self._too_small(event.size):
            self.cover_if_too_small(event.size)
        elif isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

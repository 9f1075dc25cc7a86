"""The Textual application: screen flow, the simulated-clock tick, and the bridge to the engine.

The app owns no game rules. It holds the current `Session`, applies the player's actions to it
(`apply_action`), asks every open play screen to redraw from it (`sync`), and when the session
ends builds the debrief, stores the play and shows the debrief screen. `create_app` is the factory
that `launch` and the tests both use.

`triage play ID` goes straight to the page: the catalog is loaded, and the home screen mounted,
only when the player first needs them (after the debrief), not before the first frame. The page
is drawn from its facts alone; the play behind it (the validated incident, the simulated world,
the war room's modules) is built in a worker thread while the page is read (`tui.playprep`), so
the first frame waits for neither pydantic, numpy nor the simulation. `session` and `loaded`
wait for that build when read before it is done; the clock's tick does not.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.geometry import Size

from triage.engine.actions import Action, idle
from triage.model.pack import Catalog
from triage.model.playsource import PlaySource
from triage.tui.playprep import PlayPrep, prepare_play
from triage.tui.widgets.scrollbar import use_whole_cell_scrollbars

if TYPE_CHECKING:
    from triage.engine.debrief import Debrief
    from triage.engine.session import Session
    from triage.model.loader import LoadedIncident

CatalogSource = Catalog | Callable[[], Catalog]
"""A catalog, or what loads it the first time it is needed."""

DEFAULT_TICK_SECONDS = 10.0
MIN_WIDTH, MIN_HEIGHT = 60, 15


@dataclass(frozen=True)
class PlayOptions:
    """Who is playing and how the play is stored."""

    player: str | None = None
    save: bool = True
    gameday_run: str | None = None
    team: str | None = None


class TriageApp(App[int]):
    """The on-call simulator: home, page, war room, diagnosis and debrief."""

    CSS_PATH = "app.tcss"
    TITLE = "triage"
    SUB_TITLE = "on-call practice for ML systems"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-tiny"), (76, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("question_mark", "show_keys", "Keys", id="app.keys", key_display="?"),
    ]

    def __init__(
        self,
        catalog: CatalogSource,
        *,
        incident: LoadedIncident | PlaySource | None = None,
        seed: int | None = None,
        options: PlayOptions | None = None,
        tick_seconds: float | None = DEFAULT_TICK_SECONDS,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        use_whole_cell_scrollbars()
        self._catalog = catalog
        self.options = options or PlayOptions()
        self.tick_seconds = tick_seconds
        self.rng = rng or random.Random()
        self._loaded: LoadedIncident | None = None
        self._session: Session | None = None
        self._prep: PlayPrep | None = None
        self.debrief: Debrief | None = None
        self.stored: Any = None
        self.not_saved = 0
        """Plays that ended but could not be stored (`triage play` then exits 3)."""
        self._first = (incident, seed)
        self._finishing = False
        self._started_at: datetime | None = None
        self._next_up: tuple[str | None, str] | None = None

    @property
    def catalog(self) -> Catalog:
        """The incidents to choose from, loaded on first use."""
        if not isinstance(self._catalog, Catalog):
            self._catalog = self._catalog()
        return self._catalog

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

    # ---- flow --------------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Show the requested incident's page if one was named, else the home screen.

        A named incident's page needs no home screen under it: `ensure_home` mounts one when the
        player leaves the debrief."""
        incident, seed = self._first
        if incident is not None:
            self.start_play(incident, seed)
        else:
            self.ensure_home()
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self.tick, name="sim-clock")

    def start_play(self, incident: LoadedIncident | PlaySource, seed: int | None = None) -> None:
        """Start a new play of `incident` (random seed unless given) at its page; the play is
        built in the background while the page is read (`tui.playprep`)."""
        from triage.store import clock  # the store loads on the first play, not at start-up
        from triage.tui.screens.page import PageScreen

        seed = seed if seed is not None else self.rng.randrange(1_000_000)
        self._loaded, self.debrief, self._finishing = None, None, False
        self._next_up = None  # this play changes the history the next pick is drawn from
        self.session = None
        self._prep = prep = prepare_play(incident, seed)
        if not prep.facts.complete:  # no `page:`: the simulation says which alert pages
            self._adopt()
            if self._session is None:
                return
        self._started_at = clock.utc_now()
        self.push_screen(PageScreen(prep))
        self.cover_if_too_small()

    def next_up(self, player: str | None = None) -> str:
        """The incident Practise starts for `player` (default: this app's): drawn once, then
        kept until a play starts, so the Mastery screen's "Next up" is what `p` plays."""
        from triage.practice.coach import next_incident
        from triage.store import default_player

        player = player or self.options.player or default_player()
        if (self._next_up is None or self._next_up[0] != player
                or self._next_up[1] not in self.catalog.incidents):
            self._next_up = (player, next_incident(self.catalog, player, self.rng))
        return self._next_up[1]

    def start_practice(self) -> bool:
        """Start what this player should practise next: weak pitfalls, unseen incidents first."""
        if not self.catalog.incidents:
            self.notify("No incidents found.", severity="warning", markup=False)
            return False
        self.start_play(self.catalog.incidents[self.next_up()])
        return True

    def start_random(self) -> bool:
        """Start a random incident from the catalog; False when the catalog is empty."""
        choices = self.catalog.sorted()
        if not choices:
            self.notify("No incidents found.", severity="warning", markup=False)
            return False
        self.start_play(self.rng.choice(choices))
        return True

    @property
    def playing(self) -> bool:
        """Whether a play is in progress (started and not ended)."""
        session = self.ready_session()
        return session is not None and not session.ended

    # ---- the engine bridge -------------------------------------------------------------------

    def apply_action(self, action: Action) -> bool:
        """Apply an action to the session (waiting for it to be built); tell the player if it
        is refused."""
        from triage.engine.session import ActionError

        session = self.session
        if session is None or session.ended:
            return False
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
        """Build the debrief of the ended session, store the play and show the debrief."""
        if self.session is None or self._finishing:
            return
        from triage.engine.debrief import build_debrief

        self._finishing = True
        self.debrief = build_debrief(self.session)
        self.stored = self._store(self.debrief)
        self.call_later(self._show_debrief)

    async def _show_debrief(self) -> None:
        from triage.tui.screens.debrief import DebriefScreen
        from triage.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        if self.debrief is not None and self.session is not None:
            await self.push_screen(DebriefScreen(self.debrief, frozenset(self.session.opened)))
            self.cover_if_too_small()

    def _store(self, debrief: Debrief) -> Any:
        """Store the play (`tui.saving`); count it in `not_saved` when that fails."""
        from triage.tui.saving import save_finished_play

        stored = save_finished_play(self, debrief)
        self.not_saved += stored is None and self.options.save
        return stored

    def pop_screen(self) -> Any:
        """Pop the top screen, and let go of what Textual cached for it (`tui.caches`)."""
        from triage.tui.caches import release_closed_screens

        popped = super().pop_screen()
        release_closed_screens()
        if self._session is not None or self._prep is not None:
            self.sync_screens()  # the screen now in front missed the ticks while it was covered
        return popped

    async def go_home(self) -> None:
        """Leave whatever is showing and return to the home screen."""
        from triage.tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        self.ensure_home()

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

    # ---- app-wide actions --------------------------------------------------------------------

    def action_show_keys(self) -> None:
        """Show the keys of the current screen."""
        from triage.tui.screens.keys import KeysScreen

        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss()
            return
        self.push_screen(KeysScreen.for_screen(self.screen))


def create_app(
    catalog: CatalogSource | None = None,
    *,
    incident: LoadedIncident | PlaySource | None = None,
    seed: int | None = None,
    options: PlayOptions | None = None,
    tick_seconds: float | None = DEFAULT_TICK_SECONDS,
    rng_seed: int | None = None,
) -> TriageApp:
    """Build the app. Tests pass `tick_seconds=None` so the clock only moves on actions.

    `catalog` may be a loader (called when the catalog is first needed); None loads the built-in
    pack that way."""
    if catalog is None:
        from triage.model.pack import load_catalog

        catalog = load_catalog
    rng = random.Random(rng_seed) if rng_seed is not None else None
    return TriageApp(catalog, incident=incident, seed=seed, options=options,
                     tick_seconds=tick_seconds, rng=rng)

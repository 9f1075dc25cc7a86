"""The Textual application: the screen flow (home, page, practice) and the app-wide keys.

The app owns no game rules. Its other half, `triage.tui.bridge.EngineBridge`, holds the current
`Session`, applies the player's actions to it, runs the real-time tick, asks every open play
screen to redraw from it, and when the session ends stores the play and shows the debrief.
`create_app` is the factory that `launch` and the tests both use.

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
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType

from triage.model.pack import Catalog
from triage.model.playsource import PlaySource
from triage.tui.bridge import MIN_HEIGHT, MIN_WIDTH, EngineBridge
from triage.tui.playprep import prepare_play
from triage.tui.strips import use_lazy_strip_caches
from triage.tui.widgets.scrollbar import use_whole_cell_scrollbars

if TYPE_CHECKING:
    from triage.model.loader import LoadedIncident

__all__ = ["DEFAULT_TICK_SECONDS", "MIN_HEIGHT", "MIN_WIDTH", "CatalogSource", "PlayOptions",
           "TriageApp", "create_app"]

CatalogSource = Catalog | Callable[[], Catalog]
"""A catalog, or what loads it the first time it is needed."""

DEFAULT_TICK_SECONDS = 10.0


@dataclass(frozen=True)
class PlayOptions:
    """Who is playing and how the play is stored."""

    player: str | None = None
    save: bool = True
    gameday_run: str | None = None
    team: str | None = None


class TriageApp(EngineBridge):
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
        use_lazy_strip_caches()  # ~3.5 MiB less at a full play's peak (`tui.strips`)
        self._catalog = catalog
        self.options = options or PlayOptions()
        self.tick_seconds = tick_seconds
        self.rng = rng or random.Random()
        self._first = (incident, seed)
        self._next_up: tuple[str | None, str] | None = None

    @property
    def catalog(self) -> Catalog:
        """The incidents to choose from, loaded on first use."""
        if not isinstance(self._catalog, Catalog):
            self._catalog = self._catalog()
        return self._catalog

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

    def pop_screen(self) -> Any:
        """Pop the top screen, let go of what Textual cached for it (`tui.caches`), and give the
        memory it held back (`tui.freeing`)."""
        from triage.tui.caches import release_closed_screens
        from triage.tui.freeing import give_back_memory

        popped = super().pop_screen()
        release_closed_screens()
        self.call_after_refresh(give_back_memory)  # once the screen below is drawn
        if self._session is not None or self._prep is not None:
            self.sync_screens()  # the screen now in front missed the ticks while it was covered
        return popped

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

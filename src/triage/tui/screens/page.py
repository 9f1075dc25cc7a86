"""The page: the alert that woke the responder. `a` acknowledges and opens the war room.

The page is the first frame of a play, drawn from its facts (`triage.model.pagefacts`) while the
play itself is built in the background (`triage.tui.playprep`): this module imports neither the
engine's session nor the simulation. The firing time and the clock, which only the simulation
knows, read `--:--` until the play is built (well under a second), then tick as before. `a`
waits for the play if it is not built yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.actions import acknowledge
from triage.model.pagefacts import PageFacts, facts_of
from triage.tui.playprep import PlayPrep
from triage.tui.render.pagecard import render_page_card, render_page_clock
from triage.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from triage.engine.session import Session


class PageScreen(Screen[None]):
    """The incoming page, with a running clock; time to acknowledge counts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "acknowledge", "Acknowledge", id="page.acknowledge"),
    ]

    def __init__(self, play: Session | PlayPrep) -> None:
        """`play` is the play in progress, or the prep building it (`tui.playprep`)."""
        super().__init__()
        self.prep, self._session = (play, None) if isinstance(play, PlayPrep) else (None, play)

    @property
    def session(self) -> Session:
        """The play this page belongs to (waits for it to be built)."""
        if self._session is None:
            assert self.prep is not None
            self._session = self.prep.result()[1]
        return self._session

    def ready_session(self) -> Session | None:
        """The play if it is built, else None (never waits)."""
        if self._session is None and self.prep is not None and self.prep.ready:
            try:
                self._session = self.prep.result()[1]
            except Exception:  # noqa: BLE001 - the app tells the player (`TriageApp._adopt`)
                return None
        return self._session

    def facts(self) -> PageFacts:
        """What the page shows: the prep's facts, or the play's (it knows which alert paged)."""
        session = self.ready_session()
        if self.prep is not None and (self.prep.facts.complete or session is None):
            return self.prep.facts
        assert session is not None
        return facts_of(session.incident, session.page.alert if session.page else None)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page-scroll"):
            with Center():
                yield Static(render_page_card(self.facts(), self.ready_session()),
                             id="page-card")
            with Center():
                yield Static(self._prompt(), id="page-prompt")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#page-card", Static).border_title = Text("incoming page")
        if self.prep is not None and not self.prep.ready:
            self.call_after_refresh(self._build_in_background)

    class PlayReady(Message):
        """The play behind the page is built (posted from the worker thread)."""

    def _build_in_background(self) -> None:
        """Start building the play now that the page is on screen (not before: the first frame
        would share the interpreter with it); redraw when it is ready."""
        assert self.prep is not None
        # From the worker thread: `post_message` is thread-safe and never waits.
        self.prep.start(lambda: self.post_message(self.PlayReady()))

    def on_page_screen_play_ready(self, _message: PlayReady) -> None:
        """Draw the firing time and the clock."""
        if self.is_mounted:
            self.app.ready_session()  # type: ignore[attr-defined]
            self.sync()

    def sync(self) -> None:
        """Redraw from the play (the clock moves while the page waits)."""
        self.query_one("#page-card", Static).update(
            render_page_card(self.facts(), self.ready_session()))
        self.query_one("#page-prompt", Static).update(self._prompt())

    def _prompt(self) -> Text:
        prompt = Text()
        facts = self.prep.facts if self.prep is not None else facts_of(self.session.incident)
        prompt.append_text(render_page_clock(facts, self.ready_session()))
        prompt.append("   press ")
        prompt.append(" a ", "bold reverse")
        prompt.append(" to acknowledge · the clock is running")
        prompt.append("\n")
        prompt.append(" m ", "bold reverse")
        prompt.append(" marks what you see as evidence; your diagnosis cites it", "dim")
        return prompt

    def action_acknowledge(self) -> None:
        """Acknowledge the page (once the play is built) and move to the war room."""
        if self.app.apply_action(acknowledge()):  # type: ignore[attr-defined]
            # Imported only now: the worker that builds the play imports it too, once the play
            # is built (`playprep`), and two threads importing the same modules at once wait on
            # each other (`a` pressed at once took 30 ms longer).
            from triage.tui.screens.warroom import WarRoomScreen

            self.app.switch_screen(WarRoomScreen(self.session))

"""The page: the alert that woke the responder. `a` acknowledges and opens the war room."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.actions import acknowledge
from triage.engine.session import Session
from triage.tui.render.status import render_clock, render_page
from triage.tui.widgets.footer import KeyFooter


class PageScreen(Screen[None]):
    """The incoming page, with a running clock; time to acknowledge counts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "acknowledge", "Acknowledge", id="page.acknowledge"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page-scroll"):
            with Center():
                yield Static(render_page(self.session), id="page-card")
            with Center():
                yield Static(self._prompt(), id="page-prompt")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#page-card", Static).border_title = Text("incoming page")
        self.sync()

    def sync(self) -> None:
        """Redraw from the session (the clock moves while the page waits)."""
        self.query_one("#page-card", Static).update(render_page(self.session))
        self.query_one("#page-prompt", Static).update(self._prompt())

    def _prompt(self) -> Text:
        prompt = Text()
        prompt.append_text(render_clock(self.session))
        prompt.append("   press ")
        prompt.append(" a ", "bold reverse")
        prompt.append(" to acknowledge · the clock is running")
        prompt.append("\n")
        prompt.append(" m ", "bold reverse")
        prompt.append(" marks what you see as evidence; your diagnosis cites it", "dim")
        return prompt

    def action_acknowledge(self) -> None:
        """Acknowledge the page and move to the war room."""
        from triage.tui.screens.warroom import WarRoomScreen

        if self.app.apply_action(acknowledge()):  # type: ignore[attr-defined]
            self.app.switch_screen(WarRoomScreen(self.session))

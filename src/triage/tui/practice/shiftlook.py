"""What an investigation during a shift turned up: a dialog over the shift screen.

This is the simplified triage view: investigating a page shows what digging into it found and
how long that took. For a real incident, that is its briefing and which incident it is (the full
war room is a single play, `triage play ID`); for noise, the evidence that it needed nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from triage.practice.shift import Page
from triage.tui.render.text import plain


class InvestigationScreen(ModalScreen[None]):
    """The outcome of investigating one page; any of Enter, Escape or Space closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,space", "close", "Back to the queue", id="shift.look.close"),
    ]

    DEFAULT_CSS = """
    InvestigationScreen { align: center middle; }
    InvestigationScreen #look {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        padding: 1 2; border: round $primary; background: $surface;
    }
    InvestigationScreen #look-footer { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, page: Page, minutes: float, meanwhile: list[Page] | None = None) -> None:
        super().__init__()
        self.page = page
        self.minutes = minutes
        self.meanwhile = list(meanwhile or [])
        """Pages that arrived while this one was being investigated."""

    def compose(self) -> ComposeResult:
        page = self.page
        body = Text()
        body.append_text(plain(f"{page.alert}  {page.service}", "bold"))
        body.append("\n")
        body.append_text(plain(page.summary))
        body.append("\n\n")
        if page.kind == "real":
            body.append("This is real: ", "bold #ff5f5f")
            body.append_text(plain(page.lesson, "bold"))
            body.append("\n\n")
            body.append_text(plain(page.context, multiline=True))
            body.append("\n\nYou work it until it is mitigated. To play this incident in "
                        "full, in the war room: ", "dim")
            body.append_text(plain(f"triage play {page.incident_id} --seed {page.incident_seed}",
                                   "bold"))
        else:
            body.append("Nothing is wrong. ", "bold #87d787")
            body.append_text(plain(page.context, multiline=True))
        if self.meanwhile:
            body.append("\n\nWhile you worked: ", "bold #ff5f5f")
            body.append_text(plain(", ".join(f"{p.id} {p.alert}" for p in self.meanwhile)))
            body.append(" arrived and wait in the queue.", "bold #ff5f5f")
        with Vertical(id="look") as box:
            box.border_title = f"investigated {page.id}: {self.minutes:g} minutes"
            yield Static(body, id="look-body")
            yield Static("Enter: back to the queue", id="look-footer")

    def action_close(self) -> None:
        """Back to the shift."""
        self.dismiss(None)

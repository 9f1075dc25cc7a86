"""Hints: the next hint's point cost is shown, and nothing is charged until the player confirms."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from triage.engine.actions import hint
from triage.engine.session import Session
from triage.tui.render.text import plain


class HintScreen(ModalScreen[None]):
    """A dialog: hints already bought, and an offer of the next one with its cost."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "take", "Take hint", id="hint.take"),
        Binding("n,escape", "close", "Close", id="hint.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="hint-dialog", classes="dialog"):
            yield Static(Text("Hints", "bold"), classes="dialog-title")
            yield Static(id="hint-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Take it (y)", id="take", variant="warning")
                yield Button("Close (n)", id="close")

    def on_mount(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Show the hints taken and the offer, if any is left."""
        session = self.session
        out = Text()
        for number, taken in enumerate(session.incident.hints[: session.hints_taken], start=1):
            out.append(f"Hint {number} (-{taken.cost} pts): ", "bold #d7af5f")
            out.append_text(plain(taken.text, multiline=True))
            out.append("\n\n")
        take = self.query_one("#take", Button)
        if session.hints_left > 0:
            offer = session.incident.hints[session.hints_taken]
            out.append(f"Hint {session.hints_taken + 1} of {len(session.incident.hints)} costs ")
            out.append(f"{offer.cost} points", "bold #d7af5f")
            out.append(" off your score. Take it?")
            take.display = True
        else:
            out.append("No hints left." if session.incident.hints else
                       "This incident has no hints.", "dim")
            take.display = False
        self.query_one("#hint-text", Static).update(out)
        (take if take.display else self.query_one("#close", Button)).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Take the hint or close."""
        if event.button.id == "take":
            self.action_take()
        else:
            self.action_close()

    def action_take(self) -> None:
        """Pay for the next hint (the player has seen its cost)."""
        if self.session.hints_left > 0:
            self.app.apply_action(hint())  # type: ignore[attr-defined]

    def action_close(self) -> None:
        """Back to the war room."""
        self.dismiss()

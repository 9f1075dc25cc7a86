"""The pause overlay the facilitator puts over a turn: the clock and the simulation stop."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static


class PauseScreen(ModalScreen[None]):
    """Blocks the team's keys until the facilitator resumes (the app's pause key again)."""

    DEFAULT_CSS = """
    PauseScreen {
        align: center middle;
        background: $background 70%;
    }
    PauseScreen #gd-paused {
        width: auto;
        padding: 1 4;
        border: heavy $warning;
    }
    """

    def __init__(self, resume_key: str) -> None:
        super().__init__()
        self.resume_key = resume_key

    def compose(self) -> ComposeResult:
        text = Text("PAUSED\n\n", "bold")
        text.append("The facilitator paused the clock. ")
        text.append(f"{self.resume_key} resumes.", "dim")
        with Middle():
            with Center():
                yield Static(text, id="gd-paused")

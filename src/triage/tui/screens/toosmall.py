"""Shown instead of the game while the terminal is below the smallest usable size."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen[None]):
    """A plain message asking for a larger terminal; the play underneath carries on unchanged."""

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.min_width, self.min_height = min_width, min_height

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_resize(self) -> None:
        self.sync_message()

    def on_mount(self) -> None:
        self.sync_message()

    def sync_message(self) -> None:
        """Say how big the terminal is and how big it needs to be."""
        width, height = self.app.size
        text = Text(justify="center")
        text.append("Terminal too small\n", "bold")
        text.append(f"{width}x{height}, need {self.min_width}x{self.min_height}\n")
        text.append("enlarge the window · ctrl+q quits", "dim")
        self.query_one("#too-small", Static).update(text)

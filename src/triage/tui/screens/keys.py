"""The keys of the current screen (`?`), read from its active bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class KeysScreen(ModalScreen[None]):
    """A dialog listing key and description for every binding active on a screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="keys.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    @classmethod
    def for_screen(cls, screen: Screen) -> KeysScreen:
        """The keys active on `screen` right now (its own, its focused widget's and the app's)."""
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system or binding.description in seen:
                continue
            seen.add(binding.description)
            rows.append((screen.app.get_key_display(binding), binding.description))
        rows.sort(key=lambda row: (len(row[0]) > 1, row[0]))
        return cls(rows, type(screen).__name__.removesuffix("Screen"))

    def compose(self) -> ComposeResult:
        body = Text()
        body.append(f"Keys: {self.title_text}\n\n", "bold")
        width = max((len(key) for key, _ in self.rows), default=4)
        for key, description in self.rows:
            body.append(f" {key:>{width}} ", "bold #5fafd7")
            body.append(f"  {description}\n")
        body.append("\nctrl+q quits from anywhere; escape closes a dialog.", "dim")
        with Vertical(id="keys-dialog", classes="dialog"):
            yield Static(body)

    def on_click(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss()

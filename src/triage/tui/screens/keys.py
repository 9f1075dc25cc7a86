"""The keys of the current screen (`?`), read from its active bindings.

Only the game's own keys are listed (every one has an `id`, see `test_every_binding_has_an_id`),
including those the footer leaves out (the arrows between panels, `[`): Textual's generic keys
(scrolling, paging, copying) are summed up in one line instead of a dozen rows. The dialog names
the screen as a player knows it ("the war room"), not by its class.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from triage.tui.textual_internals import action_state, binding_chain

SCREEN_NAMES = {
    "PageScreen": "the page", "WarRoomScreen": "the war room", "LogsScreen": "the log stream",
    "ChangesScreen": "deploys and changes", "PanelScreen": "a panel, full size",
    "ReportScreen": "a report", "AskScreen": "the ML team", "HintScreen": "a hint",
    "DiagnosisScreen": "the diagnosis", "DebriefScreen": "the debrief", "HomeScreen": "home",
    "CatalogScreen": "the catalog", "ScoringScreen": "how scoring works",
    "HistoryScreen": "your history", "ProfileScreen": "your mastery",
    "ShiftScreen": "the shift", "ShiftResultScreen": "the shift's result",
}
GENERIC = ("Arrows and page up/down move and scroll; tab moves between the parts of a screen.\n"
           "ctrl+q quits from anywhere; escape closes a dialog.")


def screen_name(screen: Screen) -> str:
    """What a player calls `screen` (`WarRoomScreen` is "the war room")."""
    name = type(screen).__name__
    if name in SCREEN_NAMES:
        return SCREEN_NAMES[name]
    words = re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", name.removesuffix("Screen"))
    return " ".join(words).capitalize() or name


class KeysScreen(ModalScreen[None]):
    """A dialog listing key and description for every game binding active on a screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="keys.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    @classmethod
    def for_screen(cls, screen: Screen) -> KeysScreen:
        """The game's keys active on `screen` right now: its own (shown in the footer or not),
        its focused widget's and the app's."""
        app = screen.app
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for namespace, bindings in binding_chain(screen):
            for _, binding in bindings:
                if not binding.id or not binding.description or binding.system:
                    continue  # Textual's generic keys: summed up in one line instead
                if binding.description in seen:
                    continue
                if action_state(app, binding.action, namespace) is False:
                    continue  # hidden here (no reports, no questions)
                seen.add(binding.description)
                rows.append((app.get_key_display(binding), binding.description))
        rows.sort(key=lambda row: (len(row[0]) > 1, row[0]))
        return cls(rows, screen_name(screen))

    def compose(self) -> ComposeResult:
        body = Text()
        body.append(f"Keys in {self.title_text}\n\n", "bold")
        width = max((len(key) for key, _ in self.rows), default=4)
        for key, description in self.rows:
            body.append(f" {key:>{width}} ", "bold #5fafd7")
            body.append(f"  {description}\n")
        body.append(f"\n{GENERIC}", "dim")
        with Vertical(id="keys-dialog", classes="dialog"):
            yield Static(body)

    def on_click(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss()

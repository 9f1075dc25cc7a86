"""A card screen: one block of text and "press Enter" (round intros and hand-offs).

Every game-day screen derives from `GamedayScreen`, so the app can tell its own screens from
the play screens it puts the countdown on.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.tui.widgets.footer import KeyFooter


class GamedayScreen(Screen[str]):
    """Base of the game-day screens; dismissed with what the facilitator chose."""

    DEFAULT_CSS = """
    GamedayScreen .gd-scroll {
        align: center middle;
    }
    GamedayScreen .gd-card {
        width: auto;
        max-width: 100%;
        height: auto;
        padding: 1 3;
        border: round $primary;
    }
    """


class CardScreen(GamedayScreen):
    """Text on a card; Enter continues, `s` (when allowed) skips the team's turn."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go", "Continue", id="gameday.continue"),
        Binding("s", "skip", "Skip this turn", id="gameday.skip_turn"),
    ]

    def __init__(self, body: RenderableType, *, title: str, can_skip: bool = False,
                 name: str | None = None) -> None:
        super().__init__(name=name)
        self.body = body
        self.card_title = title
        self.can_skip = can_skip

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="gd-scroll"):
            with Center():
                yield Static(self.body, classes="gd-card", id="gd-card")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#gd-card", Static).border_title = Text(self.card_title)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the skip key unless the facilitator may skip here."""
        return self.can_skip if action == "skip" else True

    def action_go(self) -> None:
        """Continue."""
        self.dismiss("go")

    def action_skip(self) -> None:
        """Skip the team's turn: it scores as if the time ran out at once."""
        self.dismiss("skip")

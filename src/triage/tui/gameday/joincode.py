"""Join with your team's code: the first screen of a browser tab that joins a game day.

The facilitator hands each team a short code (`triage serve` prints them); the code, not a list
to pick from, says which team a tab plays, so no tab can play another team's rounds.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Input, Static

from triage.tui.gameday.card import GamedayScreen
from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter

Attempt = Callable[[str], "str | None"]
"""Try a code: None when it joined a team (the app knows which), else what to tell the player."""


class JoinCodeScreen(GamedayScreen):
    """Ask for the team's join code until one joins; dismissed with "joined"."""

    DEFAULT_CSS = """
    JoinCodeScreen #gd-join {
        align: center middle;
    }
    JoinCodeScreen #gd-heading, JoinCodeScreen #gd-join-message {
        width: 100%;
        text-align: center;
        margin-bottom: 1;
    }
    JoinCodeScreen #gd-join-message {
        color: $warning;
    }
    JoinCodeScreen #gd-code {
        width: 24;
    }
    """

    def __init__(self, title: str, attempt: Attempt) -> None:
        super().__init__()
        self.game_title = title
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        with Vertical(id="gd-join"):
            heading = plain(self.game_title, "bold")
            heading.append("\n\nType your team's join code and press Enter.\n")
            heading.append("The facilitator has the codes.", "dim")
            yield Static(heading, id="gd-heading")
            with Center():
                yield Input(placeholder="ABC-234", max_length=16, id="gd-code")
            yield Static("", id="gd-join-message")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Try the code; stay here with the reason when it does not join."""
        event.stop()
        problem = self.attempt(event.value)
        if problem is None:
            self.dismiss("joined")
            return
        self.query_one("#gd-join-message", Static).update(Text(problem))
        event.input.value = ""

"""The scoreboard screen: after each round, at the end, and live in a team's browser tab.

The facilitator can reveal the round's answer here (`a`), once every team has played it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from triage.gameday.scoreboard import Standings
from triage.tui.gameday.card import GamedayScreen
from triage.tui.gameday.render import render_final, render_round_results, render_standings
from triage.tui.widgets.footer import KeyFooter

LIVE_REFRESH_SECONDS = 2.0


class ScoreboardScreen(GamedayScreen):
    """Standings (and one round's results); Enter continues, `a` reveals the answer."""

    DEFAULT_CSS = """
    ScoreboardScreen #gd-board {
        padding: 1 2;
    }
    ScoreboardScreen #gd-answer {
        margin-top: 1;
        padding: 1 2;
        border: round $success;
        display: none;
    }
    ScoreboardScreen #gd-answer.-shown {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go", "Continue", id="gameday.continue"),
        Binding("a", "reveal", "Reveal the answer", id="gameday.reveal"),
    ]

    def __init__(self, source: Callable[[], Standings], *, round_index: int | None = None,
                 final: bool = False, answer: RenderableType | None = None,
                 live: bool = False, highlight: str | None = None,
                 continue_label: str = "Continue") -> None:
        super().__init__()
        self.source = source
        self.round_index = round_index
        self.final = final
        self.answer = answer
        self.live = live
        self.highlight = highlight
        self.continue_label = continue_label

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="gd-board"):
            yield Static(id="gd-board-title")
            yield Static(id="gd-standings")
            yield Static(id="gd-round")
            yield Static(self.answer or "", id="gd-answer")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()
        if self.live:
            self.set_interval(LIVE_REFRESH_SECONDS, self.sync, name="live-board")

    def sync(self) -> None:
        """Redraw from the latest standings."""
        standings = self.source()
        title = Text()
        if self.final:
            title.append("Final standing\n", "bold underline")
        elif self.round_index is not None:
            title.append(f"Round {self.round_index + 1} results\n", "bold underline")
        else:
            title.append("Scoreboard\n", "bold underline")
        if self.live:
            title.append("(updates as teams finish)\n", "dim")
        self.query_one("#gd-board-title", Static).update(title)
        table = (render_final(standings) if self.final
                 else render_standings(standings, self.highlight, self.round_index))
        self.query_one("#gd-standings", Static).update(table)
        detail = self.query_one("#gd-round", Static)
        if self.round_index is not None and not self.final:
            detail.update(render_round_results(standings, self.round_index))
        else:
            detail.update("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`a` only when there is an answer to reveal."""
        return self.answer is not None if action == "reveal" else True

    def action_reveal(self) -> None:
        """Show or hide the answer of the round."""
        self.query_one("#gd-answer", Static).toggle_class("-shown")

    def action_go(self) -> None:
        """Continue to the next round (or leave, on the final standing)."""
        self.dismiss("go")

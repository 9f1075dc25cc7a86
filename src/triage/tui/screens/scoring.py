"""How scoring works, from the scoring module's own rules: the screen never disagrees with it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

import triage.engine.scoring as scoring
from triage.tui.widgets.footer import KeyFooter

WHY = (
    "The score measures the investigation, not the reading. While you investigate, press `m` "
    "on what convinces you (a panel at a moment, a log line, a change, a report, an answer from "
    "the ML team); the diagnosis cites up to three of your marks. Opening things earns nothing "
    "by itself."
)

EXTRA = """
## Costs you see before you pay

- Opening a panel full-size costs 1 simulated minute, the log stream 3, the change history 2;
  reports and questions to the ML team show their cost. Opening something again is free.
- The clock also moves on its own (one minute every few seconds) and with `w` (wait 5 minutes).
- Hints show their point cost and ask for confirmation before they are charged.
"""


def scoring_markdown() -> str:
    """The scoring rules as Markdown: the engine's own table (`rules_markdown`, which
    docs/scoring.md prints too), then the costs of looking."""
    return (f"# How scoring works\n\n{WHY}\n\n{scoring.rules_markdown()}\n{EXTRA}")


class ScoringScreen(Screen[None]):
    """The scoring rules, as the engine applies them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="scoring.back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scoring"):
            yield Markdown(scoring_markdown())
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_back(self) -> None:
        """Back to where the player came from."""
        self.app.pop_screen()

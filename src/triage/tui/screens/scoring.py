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

EXTRA = """
## Costs you see before you pay

- Opening a panel full-size costs 1 simulated minute, the log stream 3, the change history 2;
  reports and questions to the ML team show their cost. Opening something again is free.
- The clock also moves on its own (one minute every few seconds) and with `w` (wait 5 minutes).
- Hints show their point cost and ask for confirmation before they are charged.
"""


def scoring_markdown() -> str:
    """The scoring rules as Markdown (from `triage.engine.scoring`'s docstring)."""
    rules = (scoring.__doc__ or "").strip()
    title, _, body = rules.partition("\n")
    return f"# {title.strip()}\n{body}\n{EXTRA}"


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

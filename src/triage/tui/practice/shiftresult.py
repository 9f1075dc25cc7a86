"""The end of a shift: score, breakdown, every page and what it was, and the lesson."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.practice.shiftscore import ShiftScore
from triage.practice.shifttext import WIDTH, render_shift_text
from triage.tui.widgets.footer import KeyFooter


class ShiftResultScreen(Screen[None]):
    """The shift debrief (the same text `triage shift --headless` prints), scrollable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "done", "Done", id="shift.result.done"),
    ]

    DEFAULT_CSS = """
    ShiftResultScreen #shift-result { padding: 0 1; }
    """

    def __init__(self, result: ShiftScore) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        yield Static(Text.assemble(("Shift over", "bold"),
                                   (f"  score {result.score}/100, grade {result.grade}", "")),
                     id="shift-result-title", classes="screen-title")
        with VerticalScroll(id="shift-result"):
            # Wrapped to the terminal (padding and scrollbar aside), so no line wraps twice.
            width = max(40, min(WIDTH, self.app.size.width - 4))
            yield Static(Text(render_shift_text(result, width)), id="shift-result-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_done(self) -> None:
        """Leave the result (and the shift)."""
        self.dismiss(None)

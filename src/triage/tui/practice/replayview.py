"""Showing a stored play again as its debrief.

The debrief is rebuilt by `triage.practice.replay` (the engine re-runs the action log), then shown
on the app's `DebriefScreen`. If that screen is not available, `TextDebriefScreen` shows the
plain-text debrief instead, so the history screen works in any app.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.debrief import Debrief
from triage.tui.widgets.footer import KeyFooter


class TextDebriefScreen(Screen[None]):
    """A debrief as scrollable plain text (the fallback when the app has no debrief screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="practice.debrief.back"),
    ]

    DEFAULT_CSS = """
    TextDebriefScreen #practice-debrief-text { padding: 0 1; }
    """

    def __init__(self, debrief: Debrief) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        from triage.engine.debrief_text import render_debrief_text

        with VerticalScroll(id="practice-debrief"):
            yield Static(Text(render_debrief_text(self.debrief)), id="practice-debrief-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_back(self) -> None:
        """Back to the history."""
        self.app.pop_screen()


def debrief_screen(debrief: Debrief) -> Screen[None]:
    """The app's debrief screen for `debrief`, or the plain-text one if it cannot be loaded."""
    try:
        from triage.tui.screens.debrief import DebriefScreen
    except ImportError:
        return TextDebriefScreen(debrief)
    return DebriefScreen(debrief)

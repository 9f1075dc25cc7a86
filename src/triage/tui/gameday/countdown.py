"""The countdown bar: the turn's time left, shown on top of whatever screen the team is on."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from triage.gameday.clock import Countdown

WARN_SECONDS = 60


def render_countdown(countdown: Countdown, team: str, round_number: int) -> Text:
    """`Team red  Round 1  07:42 left` (yellow in the last minute, red at zero, PAUSED)."""
    left = countdown.remaining
    style = "bold red" if left <= 0 else "bold yellow" if left <= WARN_SECONDS else "bold"
    text = Text()
    text.append(" GAME DAY ", "bold reverse")
    text.append("  team ")
    text.append(team, "bold")
    text.append(f"  round {round_number}  ")
    text.append(f"{countdown.text()} left", style)
    if countdown.paused:
        text.append("  PAUSED", "bold reverse yellow")
    return text


class CountdownBar(Static):
    """A one-line bar docked at the top; reads the app's countdown twice a second."""

    DEFAULT_CSS = """
    CountdownBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $warning 15%;
    }
    """

    def on_mount(self) -> None:
        self.sync()
        self.set_interval(0.5, self.sync, name="countdown-bar")

    def sync(self) -> None:
        """Redraw from the app's current turn."""
        status = getattr(self.app, "countdown_status", None)
        found = status() if callable(status) else None
        if found is None:
            self.update("")
            return
        countdown, team, round_number = found
        self.update(render_countdown(countdown, team, round_number))

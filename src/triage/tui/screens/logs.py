"""The log stream up to now, newest at the bottom (followed while scrolled to the end);
`e` keeps only warnings and errors."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.session import Session
from triage.sim.world import LogEntry
from triage.tui.render.text import clock, plain
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.status import StatusBar

LEVEL_STYLE = {"ERROR": "bold #ff5f5f", "WARN": "#d7af00", "INFO": "#87afd7", "DEBUG": "dim"}


def render_logs(entries: list[LogEntry], *, problems_only: bool = False) -> Text:
    """Log lines as `time LEVEL source message`, authored text kept literal."""
    out = Text()
    shown = [e for e in entries if not problems_only or e.level in ("WARN", "ERROR")]
    if not shown:
        out.append("No log lines yet." if not problems_only else "No warnings or errors yet.",
                   "dim")
    for entry in shown:
        out.append(f"{clock(entry.minute)} ", "dim")
        out.append(f"{entry.level:<5} ", LEVEL_STYLE.get(entry.level, ""))
        if entry.source:
            out.append_text(plain(f"{entry.source:<14}", "#87afd7"))
            out.append(" ")
        out.append_text(plain(entry.message))
        out.append("\n")
    return out


class LogsScreen(Screen[None]):
    """Every log line emitted so far, newest at the bottom."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="logs.close"),
        Binding("e", "toggle_problems", "Warnings/errors only", id="logs.problems"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.problems_only = False
        self._count = -1

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status")
        yield Static(Text("Log stream", "bold"), classes="screen-title")
        with VerticalScroll(id="log-scroll"):
            yield Static(id="log-lines")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()
        scroll = self.query_one("#log-scroll", VerticalScroll)
        scroll.focus()
        scroll.anchor()

    def sync(self) -> None:
        """Show the lines emitted up to now; follow the end when new ones arrive."""
        self.query_one(StatusBar).sync()
        entries = self.session.visible_logs()
        if len(entries) != self._count:
            self._count = len(entries)
            self.query_one("#log-lines", Static).update(
                render_logs(entries, problems_only=self.problems_only))

    def action_toggle_problems(self) -> None:
        """Show only warnings and errors, or everything."""
        self.problems_only = not self.problems_only
        self._count = -1
        self.sync()

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

"""The log stream up to now, newest at the bottom (followed while the cursor is on the last line);
`e` keeps only warnings and errors, `m` marks the selected line as evidence."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.engine.evidence import ref_for_log
from triage.engine.session import Session
from triage.sim.world import LogEntry
from triage.tui.marking import mark_binding, toggle
from triage.tui.render.evidence_labels import MARK
from triage.tui.render.text import clock, plain
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.rows import sync_rows
from triage.tui.widgets.status import StatusBar

LEVEL_STYLE = {"ERROR": "bold #ff5f5f", "WARN": "#d7af00", "INFO": "#87afd7", "DEBUG": "dim"}


def log_prompt(entry: LogEntry, marked: bool, page_minute: int = 0, start: int = 0,
               width: int = 5) -> Table:
    """One log line as `◆ time LEVEL source message` (the time's day counted from the page's,
    right-aligned in `width` cells so `-1d 23:45` and `00:05` line up), authored text kept
    literal; a long line wraps beside the mark column, so marks stay easy to see."""
    line = Text()
    line.append(f"{clock(entry.minute, page_minute, start):>{width}} ", "dim")
    line.append(f"{entry.level:<5} ", LEVEL_STYLE.get(entry.level, ""))
    if entry.source:
        line.append_text(plain(f"{entry.source:<14}", "#87afd7"))
        line.append(" ")
    line.append_text(plain(entry.message))
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    grid.add_row(Text(MARK if marked else "", "bold #d7af5f"), line)
    return grid


def shown_logs(entries: list[LogEntry], problems_only: bool = False) -> list[LogEntry]:
    """The lines the screen lists: all of them, or only warnings and errors."""
    return [e for e in entries if not problems_only or e.level in ("WARN", "ERROR")]


class LogsScreen(Screen[None]):
    """Every log line emitted so far, newest at the bottom; up/down select a line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="logs.close"),
        mark_binding("logs"),
        Binding("e", "toggle_problems", "Warnings/errors only", id="logs.problems"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.problems_only = False
        self._rows: list[tuple[LogEntry, bool]] | None = None
        """The lines listed, each with whether it is marked (None before the first draw)."""

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status")
        yield Static(Text("Log stream", "bold"), classes="screen-title")
        yield OptionList(id="log-lines")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()
        self.query_one("#log-lines", OptionList).focus()

    def _ref(self, entry: LogEntry) -> str | None:
        return ref_for_log(self.session.incident, entry.index) if entry.index >= 0 else None

    def sync(self) -> None:
        """List the lines emitted up to now, marks shown; the cursor follows the newest line
        when it was on the last one."""
        self.query_one(StatusBar).sync()
        shown = shown_logs(self.session.visible_logs(), self.problems_only)
        rows = [(entry, self._ref(entry) in self.session.marks) for entry in shown]
        if rows == self._rows:
            return
        lines = self.query_one("#log-lines", OptionList)
        at = lines.highlighted
        follow = at is None or at >= len(self._rows or []) - 1
        if not rows or not self._rows:
            lines.clear_options()
            self._rows = []
        if not rows:
            empty = "No warnings or errors yet." if self.problems_only else "No log lines yet."
            lines.add_option(Option(Text(empty, "dim"), disabled=True))
            return
        page = self.session.page_minute
        start = self.session.incident.timeline.clock_minutes
        width = max(len(clock(entry.minute, page, start)) for entry, _ in rows)
        sync_rows(lines, self._rows or [], rows,
                  lambda entry, marked: log_prompt(entry, marked, page, start, width))
        self._rows = rows
        if follow:
            lines.highlighted = len(rows) - 1

    def action_mark(self) -> None:
        """Mark the selected log line as evidence (every repeat of it), or drop the mark."""
        at = self.query_one("#log-lines", OptionList).highlighted
        rows = self._rows or []
        ref = self._ref(rows[at][0]) if at is not None and at < len(rows) else None
        if ref is None:
            self.notify("Select a log line (up/down) to mark it.", markup=False)
            return
        toggle(self.app, self.session, ref)

    def action_toggle_problems(self) -> None:
        """Show only warnings and errors, or everything."""
        self.problems_only = not self.problems_only
        self._rows = None
        self.sync()

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

"""A report computed by a physics system (drift report, reliability diagram), as of now.

`m` marks the report as evidence (the title shows `◆`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.session import Session
from triage.tui.marking import mark_binding, toggle
from triage.tui.render.evidence_labels import MARK
from triage.tui.render.report import render_report
from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.status import StatusBar


class ReportScreen(Screen[None]):
    """One report; it is recomputed as the clock moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="report.close"),
        mark_binding("report"),
    ]

    def __init__(self, session: Session, report_id: str) -> None:
        super().__init__()
        self.session = session
        self.report_id = report_id

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status")
        yield Static(self._title(), id="report-title", classes="screen-title")
        with VerticalScroll(id="report-scroll"):
            yield Static(id="report-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()
        self.query_one("#report-scroll").focus()

    def _title(self) -> Text:
        ref = next(r for r in self.session.incident.reports if r.id == self.report_id)
        title = plain(ref.title, "bold")
        if self.report_id in self.session.marks:
            title.append(f"   {MARK} marked", "bold #d7af5f")
        return title

    def sync(self) -> None:
        """Recompute the report at the current minute."""
        self.query_one(StatusBar).sync()
        self.query_one("#report-title", Static).update(self._title())
        report = self.session.report(self.report_id)
        start = self.session.incident.timeline.clock_minutes
        body = (render_report(report, self.session.page_minute, start) if report is not None
                else Text("No data yet.", "dim"))
        self.query_one("#report-body", Static).update(body)

    def action_mark(self) -> None:
        """Mark this report as evidence, or drop the mark."""
        toggle(self.app, self.session, self.report_id)

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

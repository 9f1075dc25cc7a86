"""The war room's one-line status bar."""

from __future__ import annotations

from textual.widgets import Static

from triage.engine.session import Session
from triage.tui.render.status import render_status


class StatusBar(Static):
    """Alert, service, simulated clock, acknowledgement, evidence and hints at a glance."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(render_status(session), id=id, classes="status-bar")
        self.session = session

    def sync(self) -> None:
        """Redraw from the session: a repaint only, the bar is always one line high (`.status-bar`
        in app.tcss), so the screen need not be laid out again on every clock tick."""
        self.update(render_status(self.session), layout=False)

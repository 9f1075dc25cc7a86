"""The deploy and change history up to now."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from triage.engine.session import Session
from triage.tui.render.text import clock, label, plain, since
from triage.tui.widgets.status import StatusBar

KIND_STYLE = {"deploy": "#87afd7", "config": "#d7af5f", "data": "#afd787", "model": "#d787d7",
              "feature_flag": "#d7af5f", "infra": "#8a8a8a"}


class ChangesScreen(Screen[None]):
    """What changed, when and by whom; newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="changes.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._count = -1

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status")
        yield Static(Text("Deploys and changes", "bold"), classes="screen-title")
        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("when", "vs page", "kind", "service", "author", "summary")
        self.sync()
        table.focus()

    def sync(self) -> None:
        """Add changes that have landed since the last redraw."""
        self.query_one(StatusBar).sync()
        entries = self.session.visible_changes()
        if len(entries) == self._count:
            return
        self._count = len(entries)
        table = self.query_one(DataTable)
        table.clear()
        for entry in sorted(entries, key=lambda e: -e.minute):
            table.add_row(Text(clock(entry.minute)),
                          Text(since(entry.minute - self.session.page_minute), "dim"),
                          Text(label(entry.kind), KIND_STYLE.get(entry.kind, "")),
                          plain(entry.service), plain(entry.author), plain(entry.summary))
        if not entries:
            table.add_row("", "", "", "", "", Text("No changes recorded.", "dim"))

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

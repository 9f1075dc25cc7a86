"""The deploy and change history up to now, newest first."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.session import Session
from triage.sim.world import ChangeEntry
from triage.tui.render.text import clock, label, plain, since
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.status import StatusBar

KIND_STYLE = {"deploy": "#87afd7", "config": "#d7af5f", "data": "#afd787", "model": "#d787d7",
              "feature_flag": "#d7af5f", "infra": "#8a8a8a"}


def render_changes(entries: list[ChangeEntry], page_minute: int) -> Table | Text:
    """A table of changes, newest first; the summary column wraps."""
    if not entries:
        return Text("No changes recorded.", "dim")
    table = Table(box=box.SIMPLE_HEAD, header_style="bold #87afd7", pad_edge=False,
                  expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("vs page", no_wrap=True, style="dim")
    table.add_column("kind", no_wrap=True)
    table.add_column("service", max_width=24)
    table.add_column("author", max_width=16)
    table.add_column("summary", ratio=1)
    for entry in sorted(entries, key=lambda e: -e.minute):
        table.add_row(Text(clock(entry.minute)), Text(since(entry.minute - page_minute)),
                      Text(label(entry.kind), KIND_STYLE.get(entry.kind, "")),
                      plain(entry.service), plain(entry.author), plain(entry.summary))
    return table


class ChangesScreen(Screen[None]):
    """What changed, when and by whom."""

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
        with VerticalScroll(id="changes-scroll"):
            yield Static(id="changes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()
        self.query_one("#changes-scroll").focus()

    def sync(self) -> None:
        """Redraw when a change has landed since the last redraw."""
        self.query_one(StatusBar).sync()
        entries = self.session.visible_changes()
        if len(entries) != self._count:
            self._count = len(entries)
            self.query_one("#changes", Static).update(
                render_changes(entries, self.session.page_minute))

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

"""The deploy and change history up to now, newest first; `m` marks the selected entry."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.engine.evidence import ref_for_change
from triage.engine.session import Session
from triage.sim.world import ChangeEntry
from triage.text.clock import from_page
from triage.text.safe import clean_line
from triage.tui.marking import mark_binding, toggle
from triage.tui.render.evidence_labels import MARK
from triage.tui.render.text import clock, label, plain
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.rows import sync_rows
from triage.tui.widgets.status import StatusBar

KIND_STYLE = {"deploy": "#87afd7", "config": "#d7af5f", "data": "#afd787", "model": "#d787d7",
              "feature_flag": "#d7af5f", "infra": "#8a8a8a"}
HEADINGS = ("", "when", "vs page", "kind", "service", "author", "summary")
MAX_WIDTHS = (10, 8, 12, 22, 14)
"""The widest each column after the mark, and before the summary, may get (service and author
wrap beyond that)."""


def column_widths(entries: list[ChangeEntry], page_minute: int, start: int = 0) -> list[int]:
    """Widths that line the columns up across every entry (the summary takes the rest); the
    first column holds the mark."""
    cells = [(clock(e.minute, page_minute, start), from_page(e.minute, page_minute), label(e.kind),
              clean_line(e.service).strip(), clean_line(e.author).strip()) for e in entries]
    return [1] + [min(limit, max([cell_len(HEADINGS[i + 1])] + [cell_len(row[i]) for row in cells]))
                  for i, limit in enumerate(MAX_WIDTHS)]


def _grid(widths: list[int]) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    for width in widths:
        grid.add_column(width=width, no_wrap=width <= 10)
    grid.add_column(ratio=1)
    return grid


def change_header(widths: list[int]) -> Table:
    """The heading row, in the entries' columns."""
    grid = _grid(widths)
    grid.add_row(*(Text(h, "bold #87afd7") for h in HEADINGS))
    return grid


def change_row(entry: ChangeEntry, page_minute: int, widths: list[int],
               marked: bool = False, start: int = 0) -> Table:
    """One change: mark, when, offset from the page, kind, service, author, summary (wraps)."""
    grid = _grid(widths)
    grid.add_row(Text(MARK if marked else "", "bold #d7af5f"),
                 Text(clock(entry.minute, page_minute, start)),
                 Text(from_page(entry.minute, page_minute), "dim"),
                 Text(label(entry.kind), KIND_STYLE.get(entry.kind, "")),
                 plain(entry.service), plain(entry.author), plain(entry.summary))
    return grid


class ChangesScreen(Screen[None]):
    """What changed, when and by whom; up/down select an entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="changes.close"),
        mark_binding("changes"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._rows: list[tuple[ChangeEntry, tuple[bool, tuple[int, ...]]]] | None = None
        """The entries listed, each with whether it is marked and the column widths."""

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status")
        yield Static(Text("Deploys and changes", "bold"), classes="screen-title")
        yield Static(id="changes-head")
        yield OptionList(id="change-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()
        self.query_one("#change-list", OptionList).focus()

    def _ref(self, entry: ChangeEntry) -> str | None:
        return ref_for_change(self.session.incident, entry.index) if entry.index >= 0 else None

    def sync(self) -> None:
        """Redraw when a change has landed or a mark changed; the cursor stays on its entry."""
        self.query_one(StatusBar).sync()
        shown = sorted(self.session.visible_changes(), key=lambda e: -e.minute)
        page = self.session.page_minute
        start = self.session.incident.timeline.clock_minutes
        widths = tuple(column_widths(shown, page, start))
        rows = [(entry, (self._ref(entry) in self.session.marks, widths)) for entry in shown]
        if rows == self._rows:
            return
        listing = self.query_one("#change-list", OptionList)
        at = listing.highlighted
        old = self._rows or []
        current = old[at][0] if at is not None and at < len(old) else None
        if not rows or not old:
            listing.clear_options()
            old = []
        self._rows = rows
        if not rows:
            self.query_one("#changes-head", Static).update("")
            listing.add_option(Option(Text("No changes recorded.", "dim"), disabled=True))
            return
        self.query_one("#changes-head", Static).update(change_header(list(widths)))
        sync_rows(listing, old, rows,
                  lambda entry, look: change_row(entry, page, list(look[1]), look[0], start))
        listing.highlighted = shown.index(current) if current in shown else (at or 0)

    def action_mark(self) -> None:
        """Mark the selected change as evidence, or drop the mark."""
        at = self.query_one("#change-list", OptionList).highlighted
        rows = self._rows or []
        ref = self._ref(rows[at][0]) if at is not None and at < len(rows) else None
        if ref is None:
            self.notify("Select a change (up/down) to mark it.", markup=False)
            return
        toggle(self.app, self.session, ref)

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

"""The catalog: every incident with its id, title, pitfall and difficulty; Enter plays one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from triage.model.pitfalls import PITFALLS
from triage.tui.render.text import label, plain, stars
from triage.tui.widgets.footer import KeyFooter


class CatalogScreen(Screen[None]):
    """A table of the loaded incidents."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", id="catalog.play", priority=True),
        Binding("escape", "back", "Back", id="catalog.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("Catalog", "bold"), id="catalog-title", classes="screen-title")
        yield DataTable(id="catalog", cursor_type="row", zebra_stripes=True)
        yield Static(id="catalog-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("difficulty", "pitfall", "id", "title")
        for loaded in self.app.catalog.sorted():  # type: ignore[attr-defined]
            inc = loaded.incident
            card = PITFALLS.get(inc.pitfall)
            table.add_row(Text(stars(inc.difficulty), "#d7af5f"),
                          Text(card.title if card else label(inc.pitfall)),
                          plain(inc.id, "bold"), plain(inc.title), key=inc.id)
        if not table.row_count:
            self.query_one("#catalog-detail", Static).update(
                Text("No incidents found. Add YAML files with --dir PATH.", "dim"))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted incident's service, tags and the start of its briefing."""
        loaded = self.app.catalog.incidents.get(event.row_key.value or "")  # type: ignore[attr-defined]
        if loaded is None:
            return
        inc = loaded.incident
        detail = plain(inc.title, "bold")
        detail.append("\nservice ", "dim")
        detail.append_text(plain(inc.service))
        if inc.tags:
            detail.append("   tags ", "dim")
            detail.append_text(plain(", ".join(inc.tags)))
        detail.append("\n")
        detail.append_text(plain(inc.briefing, multiline=True))
        self.query_one("#catalog-detail", Static).update(detail)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click or Enter on a row plays it."""
        self._play(event.row_key.value)

    def action_play(self) -> None:
        """Play the highlighted incident."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        self._play(row_key.value)

    def _play(self, incident_id: str | None) -> None:
        loaded = self.app.catalog.incidents.get(incident_id or "")  # type: ignore[attr-defined]
        if loaded is None:
            return
        self.app.pop_screen()
        self.app.start_play(loaded)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()

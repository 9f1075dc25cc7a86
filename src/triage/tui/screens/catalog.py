"""The catalog: every incident with its difficulty, service and title; Enter plays one.

The pitfall an incident teaches (and its tags, which often name it) shows only once the player
has finished that incident (`triage.practice.finished`); until then the pitfall column holds a
`?`, and rows are ordered by difficulty and id rather than grouped by pitfall, so neighbours give
nothing away either. The highlighted incident's id is shown below the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from triage.model.pitfalls import PITFALLS
from triage.practice.finished import finished_incidents
from triage.tui.render.text import DIFFICULTY_LEVELS, label, plain, stars
from triage.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from triage.model.incident import Incident

HIDDEN_PITFALL = "?"
"""The pitfall cell of an incident the player has not finished."""

HIDDEN_NOTE = "   ? = the pitfall, shown once you have finished the incident"


class CatalogScreen(Screen[None]):
    """A table of the loaded incidents."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", id="catalog.play", priority=True),
        Binding("escape", "back", "Back", id="catalog.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.finished: frozenset[str] = frozenset()
        """Ids of the incidents this player has finished: their pitfall and tags show."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Catalog", "bold"), id="catalog-title", classes="screen-title")
        yield DataTable(id="catalog", cursor_type="row", zebra_stripes=True)
        yield Static(id="catalog-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        options: Any = getattr(self.app, "options", None)
        catalog = self.app.catalog  # type: ignore[attr-defined]
        self.finished = finished_incidents(getattr(options, "player", None),
                                           aliases=getattr(catalog, "aliases", None))
        table = self.query_one(DataTable)
        table.add_columns("difficulty", "pitfall", "service", "title")
        incidents = [loaded.incident for loaded in catalog.incidents.values()]
        # One scale for every row: the three levels, or the hardest incident's when it is above.
        scale = max([DIFFICULTY_LEVELS, *(inc.difficulty for inc in incidents)])
        for inc in sorted(incidents, key=lambda item: (item.difficulty, item.id)):
            table.add_row(Text(stars(inc.difficulty, scale), "#d7af5f"), self._pitfall_cell(inc),
                          plain(inc.service), plain(inc.title, "bold"), key=inc.id)
        if any(inc.id not in self.finished for inc in incidents):
            self.query_one("#catalog-title", Static).update(
                Text.assemble(("Catalog", "bold"), (HIDDEN_NOTE, "dim")))
        if not table.row_count:
            self.query_one("#catalog-detail", Static).update(
                Text("No incidents found. Add YAML files with --dir PATH.", "dim"))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted incident's id, service, tags (once finished) and briefing."""
        loaded = self.app.catalog.incidents.get(event.row_key.value or "")  # type: ignore[attr-defined]
        if loaded is None:
            return
        inc = loaded.incident
        detail = plain(inc.title, "bold")
        detail.append("\nid ", "dim")
        detail.append_text(plain(inc.id))
        detail.append("   service ", "dim")
        detail.append_text(plain(inc.service))
        if inc.tags and inc.id in self.finished:
            detail.append("   tags ", "dim")
            detail.append_text(plain(", ".join(inc.tags)))
        detail.append("\n")
        detail.append_text(plain(inc.briefing, multiline=True))
        self.query_one("#catalog-detail", Static).update(detail)

    def _pitfall_cell(self, inc: Incident) -> Text:
        """The pitfall's title once the player has finished `inc`, else a dim `?`."""
        if inc.id not in self.finished:
            return Text(HIDDEN_PITFALL, "dim")
        card = PITFALLS.get(inc.pitfall)
        return Text(card.title if card else label(inc.pitfall))

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

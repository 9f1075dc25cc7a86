"""The home screen: practise, play a random incident, browse, review history and mastery, quit."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.tui.widgets.footer import KeyFooter

BANNER = """\
 _        _
| |_ _ __(_) __ _  __ _  ___
| __| '__| |/ _` |/ _` |/ _ \\
| |_| |  | | (_| | (_| |  __/
 \\__|_|  |_|\\__,_|\\__, |\\___|
                  |___/"""

MENU = (
    ("practise", "p", "Practise what you need most"),
    ("random", "r", "Start a random incident"),
    ("catalog", "b", "Browse the catalog"),
    ("shift", "o", "Work an on-call shift"),
    ("lab", "a", "Design alerts in the alert lab"),
    ("history", "h", "Your history"),
    ("profile", "m", "Your mastery per pitfall"),
    ("scoring", "s", "How scoring works"),
    ("quit", "q", "Quit"),
)


class HomeScreen(Screen[None]):
    """The first screen of bare `triage`; every play returns here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "practise", "Practise", id="home.practise"),
        Binding("r", "random", "Random incident", id="home.random"),
        Binding("b", "catalog", "Catalog", id="home.catalog"),
        Binding("o", "shift", "Shift", id="home.shift"),
        Binding("a", "lab", "Alert lab", id="home.lab"),
        Binding("h", "history", "History", id="home.history"),
        Binding("m", "profile", "Mastery", id="home.profile"),
        Binding("s", "scoring", "Scoring", id="home.scoring"),
        Binding("q", "quit_app", "Quit", id="home.quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        catalog = self.app.catalog  # type: ignore[attr-defined]
        count = len(catalog.incidents)
        with Vertical(id="home"):
            with Center():
                yield Static(Text(BANNER, "bold #5fafd7"), id="banner")
            yield Static(Text("on-call practice for machine-learning and LLM production "
                              "incidents", "dim"), id="tagline")
            with Center():
                yield OptionList(
                    *(Option(Text.assemble((f" {key} ", "bold reverse"), "  ", text), id=ident)
                      for ident, key, text in MENU),
                    id="menu",
                )
            note = f"{count} incident{'s' if count != 1 else ''} in the catalog"
            if catalog.problems:
                note += f" ({len(catalog.problems)} file problem(s) skipped: run triage validate)"
            yield Static(Text(note, "dim"), id="catalog-note")
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Run the chosen menu entry."""
        self.run_action(event.option.id or "")

    def action_practise(self) -> None:
        """Start the incident the coach picks: weak pitfalls and unseen incidents first."""
        self.app.start_practice()  # type: ignore[attr-defined]

    def action_history(self) -> None:
        """Show past plays; a play opens again as its debrief."""
        from triage.tui.practice import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_profile(self) -> None:
        """Show the mastery rating and score trend per pitfall."""
        from triage.tui.practice import ProfileScreen

        self.app.push_screen(ProfileScreen())

    def action_shift(self) -> None:
        """Work a simulated on-call shift of real and noisy pages."""
        from triage.tui.practice import shift_screen

        if self.app.catalog.incidents:  # type: ignore[attr-defined]
            self.app.push_screen(shift_screen(self.app.catalog))  # type: ignore[attr-defined]

    def action_lab(self) -> None:
        """Design alerting rules for a service and replay weeks of its history."""
        from triage.tui.screens.lab import LabListScreen

        self.app.push_screen(LabListScreen())

    def action_random(self) -> None:
        """Start a random incident."""
        self.app.start_random()  # type: ignore[attr-defined]

    def action_catalog(self) -> None:
        """Open the catalog."""
        from triage.tui.screens.catalog import CatalogScreen

        self.app.push_screen(CatalogScreen())

    def action_scoring(self) -> None:
        """Explain the scoring rules."""
        from triage.tui.screens.scoring import ScoringScreen

        self.app.push_screen(ScoringScreen())

    def action_quit_app(self) -> None:
        """Leave the game."""
        self.app.exit(0)

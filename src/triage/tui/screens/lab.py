"""The alert lab's first screen: pick a lab (from the home menu's "Design alerts")."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from triage.tui.widgets.footer import KeyFooter

INTRO = ("Design the alerting rules for a service: study a week of its signals, write rules, "
         "then replay three more weeks of deploys, spikes, drift and real incidents against "
         "them. Headless: triage lab alerts LAB --rules FILE.")


class LabListScreen(Screen[None]):
    """The built-in labs; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="lab.back"),
    ]

    DEFAULT_CSS = """
    LabListScreen #lab-list-body { padding: 1 2; height: 1fr; }
    LabListScreen #lab-intro { height: auto; margin-bottom: 1; }
    LabListScreen #lab-options { height: auto; max-height: 12; }
    LabListScreen #lab-detail { height: auto; margin-top: 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.labs: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("Alert lab", "bold"), classes="screen-title")
        with Vertical(id="lab-list-body"):
            yield Static(Text(INTRO), id="lab-intro")
            yield OptionList(id="lab-options")
            yield Static("", id="lab-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self.load_labs()

    @work(thread=True, exclusive=True, group="lab-list")
    def load_labs(self) -> None:
        """Read the built-in labs off the UI thread."""
        from triage.lab.load import LabError, builtin_labs_dir, lab_files, load_lab
        from triage.store.errors import StoreError
        from triage.store.labs import best_scores
        from triage.store.plays import Store
        from triage.tui.practice.common import player_name

        labs = {}
        for path in lab_files([builtin_labs_dir()]):
            try:
                lab = load_lab(path)
            except LabError:
                continue
            labs[lab.id] = lab
        try:
            with Store(quick_check=False) as store:
                best = best_scores(store, player_name(self.app))
        except StoreError:
            best = {}
        self.app.call_from_thread(self._show, labs, best)

    def _show(self, labs: dict[str, object], best: dict[str, tuple[float, int]]) -> None:
        self.labs = labs
        options = self.query_one(OptionList)
        options.loading = False

        def mine(ident: str) -> str:
            if ident not in best:
                return "  not tried yet"
            score, count = best[ident]
            return f"  best {score:.1f} of {count} replay{'s' * (count != 1)}"

        options.add_options([Option(Text.assemble((lab.title, "bold"), "  ", (ident, "dim"),
                                                  (mine(ident), "italic")), id=ident)
                             for ident, lab in labs.items()])
        if labs:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Describe the highlighted lab."""
        lab = self.labs.get(event.option.id or "")
        if lab is not None:
            self.query_one("#lab-detail", Static).update(Text(lab.service))  # type: ignore

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen lab."""
        from triage.tui.screens.lab_design import LabDesignScreen

        lab = self.labs.get(event.option.id or "")
        if lab is not None:
            self.app.push_screen(LabDesignScreen(lab))  # type: ignore[arg-type]

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()

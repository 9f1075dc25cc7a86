"""One alert lab: the signals' training week as sparklines, a rules editor, and the replay.

Each replay is recorded beside the player's plays (`triage lab history` lists them). The screen
only lays out what `triage.lab.design` computes; the history is simulated and the
rules replayed in worker threads. A draft is kept per lab while the game runs, and `ctrl+s`
saves it where `triage lab alerts LAB --rules FILE` can read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Sparkline, Static, TabbedContent, TabPane, TextArea

from triage.tui.render.text import plain
from triage.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from triage.lab.design import SignalSummary
    from triage.lab.history import History
    from triage.lab.model import Lab

DRAFTS: dict[str, str] = {}
"""Rules being written, per lab, for as long as the game runs."""


def rules_path(lab_id: str) -> Path:
    """Where `ctrl+s` saves a lab's rules: `$TRIAGE_HOME/lab-rules/LAB.rules.yaml`."""
    from triage.store.paths import data_dir

    return data_dir() / "lab-rules" / f"{lab_id}.rules.yaml"


class SignalRow(Vertical):
    """A signal's name, its training-week sparkline and its range."""

    DEFAULT_CSS = """
    SignalRow { height: 3; margin-bottom: 1; }
    SignalRow Sparkline { height: 1; width: 1fr; }
    SignalRow .signal-figures { color: $text-muted; }
    """

    def __init__(self, summary: SignalSummary) -> None:
        super().__init__(id=f"signal-{summary.id}")
        self.summary = summary

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Static(Text.assemble(plain(summary.id, "bold"), "  ", plain(summary.title),
                                   "  ", plain(f"[{summary.dashboard}]", "dim")))
        yield Sparkline(list(summary.points), summary_function=max)
        yield Static(Text(summary.figures()), classes="signal-figures")


def lab_panes(lab: Lab, hint: str, draft: str, *rules_extra: Widget) -> ComposeResult:
    """A lab's Signals tab (its briefing, then each signal's training week) and Rules tab (a
    hint and the rules editor, then `rules_extra`): the practice screen's and a game day's lab
    turn's alike."""
    with TabPane("Signals: training week", id="signals"):
        with VerticalScroll(id="lab-signals"):
            yield Static(plain(lab.briefing, multiline=True), id="lab-briefing")
            yield Vertical(id="lab-signals-list")
    with TabPane("Rules", id="rules"):
        yield Static(Text(hint), id="lab-rules-hint")
        yield TextArea(draft, id="lab-rules-editor", show_line_numbers=True)
        yield from rules_extra


class LabDesignScreen(Screen[None]):
    """Study the signals, write rules, replay, read the debrief."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "replay", "Replay", id="labdesign.replay", priority=True),
        Binding("ctrl+s", "save", "Save rules", id="labdesign.save", priority=True),
        Binding("f2", "show('signals')", "Signals", id="labdesign.signals"),
        Binding("f3", "show('rules')", "Rules", id="labdesign.rules"),
        Binding("f4", "show('replay')", "Replay", id="labdesign.result", show=False),
        Binding("escape", "back", "Back", id="labdesign.back"),
    ]

    DEFAULT_CSS = """
    LabDesignScreen #lab-tabs { height: 1fr; }
    LabDesignScreen TabPane { height: 1fr; padding: 0; }
    LabDesignScreen #lab-signals, LabDesignScreen #lab-replay { height: 1fr; }
    LabDesignScreen #lab-briefing { padding: 0 1 1 1; }
    LabDesignScreen #lab-signals-list { padding: 0 1; height: auto; }
    LabDesignScreen #lab-rules-hint { height: auto; color: $text-muted; padding: 0 1; }
    LabDesignScreen #lab-rules-editor { height: 1fr; }
    LabDesignScreen #lab-report { padding: 0 1; width: auto; }
    """

    def __init__(self, lab: Lab, seed: int = 1) -> None:
        super().__init__()
        self.lab, self.seed = lab, seed
        self.history: History | None = None

    def compose(self) -> ComposeResult:
        lab = self.lab
        yield Static(Text.assemble(plain(lab.title, "bold"), (f"  seed {self.seed}", "dim")),
                     classes="screen-title")
        with TabbedContent(id="lab-tabs", initial="signals"):
            yield from lab_panes(lab, "Prometheus alerting rules. ctrl+r replays the history "
                                 "against them; ctrl+s saves them for 'triage lab alerts'.",
                                 self._draft())
            with TabPane("Replay", id="replay"), VerticalScroll(id="lab-replay"):
                yield Static(Text("Write rules, then ctrl+r.", "dim"), id="lab-report")
        yield KeyFooter()

    def _draft(self) -> str:
        if self.lab.id in DRAFTS:
            return DRAFTS[self.lab.id]
        saved = rules_path(self.lab.id)
        if saved.is_file():
            return saved.read_text(encoding="utf-8")
        from triage.lab.design import starter_rules

        return starter_rules(self.lab)

    def on_mount(self) -> None:
        self.query_one("#lab-signals-list").loading = True
        self.simulate()

    @work(thread=True, exclusive=True, group="lab-simulate")
    def simulate(self) -> None:
        """Simulate the history once, off the UI thread."""
        from triage.lab.design import training_summaries
        from triage.lab.history import simulate

        history = simulate(self.lab, self.seed)
        self.app.call_from_thread(self._show_signals, history, training_summaries(history))

    def _show_signals(self, history: History, summaries: list[SignalSummary]) -> None:
        self.history = history
        target = self.query_one("#lab-signals-list", Vertical)
        target.loading = False
        for dashboard in self.lab.dashboards:
            label = dashboard.title + (f" ({dashboard.audience})" if dashboard.audience else "")
            target.mount(Static(plain(label, "bold underline")))
            target.mount_all(SignalRow(s) for s in summaries if s.dashboard == dashboard.id)

    def action_show(self, tab: str) -> None:
        """Switch to a tab."""
        self.query_one(TabbedContent).active = tab
        if tab == "rules":
            self.query_one(TextArea).focus()

    def action_replay(self) -> None:
        """Replay the history against the rules in the editor."""
        text = self.query_one(TextArea).text
        DRAFTS[self.lab.id] = text
        if self.history is None:
            self.notify("Still simulating the history; try again in a moment.")
            return
        self.query_one("#lab-report", Static).update(Text("Replaying...", "dim"))
        self.action_show("replay")
        self.run_replay(text, max(60, self.size.width - 4))

    @work(thread=True, exclusive=True, group="lab-replay")
    def run_replay(self, text: str, width: int) -> None:
        """Replay and build the report off the UI thread."""
        from triage.lab.design import replay_text

        assert self.history is not None
        mine, report = replay_text(self.history, text, width)
        note = ""
        if mine is not None:
            from triage.lab.record import record_replay
            from triage.store.errors import StoreError
            from triage.tui.practice.common import player_name

            try:
                record_replay(mine, text, player_name(self.app))
            except StoreError as error:
                note = f"The result was not recorded: {error}"
        self.app.call_from_thread(self._show_report, mine is not None, report, note)

    def _show_report(self, ok: bool, report: str, note: str = "") -> None:
        if note:
            self.notify(note, severity="warning")
        if not ok:
            import textwrap

            lines = [wrapped for line in report.splitlines()
                     for wrapped in textwrap.wrap(line, max(40, self.size.width - 4))]
            report = "The rules have problems (line:column); nothing was replayed.\n\n" + \
                "\n".join(lines)
        self.query_one("#lab-report", Static).update(plain(report, multiline=True))
        self.query_one("#lab-replay").scroll_home(animate=False)

    def action_save(self) -> None:
        """Save the rules where the headless command can read them."""
        text = self.query_one(TextArea).text
        DRAFTS[self.lab.id] = text
        path = rules_path(self.lab.id)
        from triage.fileio import OutputRefused, write_atomic

        try:  # asked for, so an earlier save is replaced; never through a link
            write_atomic(path, text, force=True, make_parents=True)
        except (OSError, OutputRefused) as error:
            reason = getattr(error, "strerror", None) or error
            self.notify(f"Cannot save {path}: {reason}", severity="error")
            return
        self.notify(f"Saved {path}\ntriage lab alerts {self.lab.id} --rules {path}")

    def action_back(self) -> None:
        """Back to the list of labs, keeping the draft."""
        DRAFTS[self.lab.id] = self.query_one(TextArea).text
        self.app.pop_screen()

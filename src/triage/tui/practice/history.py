"""The history screen: a player's past plays, newest first; Enter opens one again as its debrief.

The list reads each play's summary (`store.summaries`: no action log, no breakdown), so ten
thousand plays cost little; the highlighted play's breakdown is read when it is highlighted."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from triage.practice.history import local_time, pitfall_title
from triage.store.summaries import PlaySummary
from triage.tui.practice.common import player_name, read_store
from triage.tui.widgets.footer import KeyFooter

GRADE_STYLES = {"A": "bold #87d787", "B": "#87d787", "C": "#d7af5f", "D": "#d7875f",
                "F": "bold #ff5f5f"}


class HistoryScreen(Screen[None]):
    """Past plays with incident, pitfall, grade, score and date; Enter replays the debrief."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open debrief", id="history.open", priority=True),
        Binding("p", "profile", "Mastery", id="history.profile"),
        Binding("escape", "back", "Back", id="history.back"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #history-table { height: 1fr; }
    HistoryScreen #history-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary 30%;
    }
    """

    def __init__(self, player: str | None = None) -> None:
        super().__init__()
        self.player = player
        self.plays: dict[str, PlaySummary] = {}
        self._store: Any = None  # kept open for the breakdowns read as rows are highlighted

    def compose(self) -> ComposeResult:
        yield Static(id="history-title", classes="screen-title")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        player = player_name(self.app, self.player)
        self.query_one("#history-title", Static).update(
            Text.assemble(("History", "bold"), ("  " + player, "dim")))
        table = self.query_one(DataTable)
        table.add_columns("id", "date", "incident", "pitfall", "grade", "score", "mode")
        found, problem = read_store(lambda store: _summaries(store, player))
        plays, skipped = found if found is not None else ([], [])
        detail = self.query_one("#history-detail", Static)
        if problem:
            detail.update(Text(problem, "#ff5f5f"))
        elif not plays:
            detail.update(Text(f"No plays yet for {player}. Play an incident and it appears "
                               "here.", "dim"))
        if skipped:  # one bad row hides nothing else, and is not kept quiet either
            ids = ", ".join(str(bad.id) for bad in skipped)
            self.notify(f"Stored play {ids} could not be read and is not listed; 'triage "
                        "history check' says why." if len(skipped) == 1 else
                        f"Stored plays {ids} could not be read and are not listed; 'triage "
                        "history check' says why.", severity="warning", markup=False)
        for play in plays:
            key = str(play.id)
            self.plays[key] = play
            table.add_row(Text(key, "dim"), local_time(play.ended_at), Text(play.incident_id),
                          pitfall_title(play.pitfall),
                          Text(play.grade, GRADE_STYLES.get(play.grade, "")),
                          Text(str(play.score), justify="right"), play.mode, key=key)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted play's seed, length and score breakdown."""
        play = self.plays.get(event.row_key.value or "")
        if play is None:
            return
        detail = Text()
        detail.append(f"{play.incident_id}", "bold")
        minutes = (play.ended_at - play.started_at).total_seconds() / 60
        detail.append(f"   seed {play.seed}   {play.actions} actions   "
                      f"{minutes:.0f} min at the keyboard", "dim")
        whole, problem = self._whole(play.id)
        if whole is None:
            detail.append(f"\n  {problem or 'this play is no longer stored'}", "#ff5f5f")
        for part, line in sorted(whole.breakdown.items()) if whole is not None else ():
            points, maximum = _number(line, "points"), _number(line, "max")
            detail.append(f"\n  {part:<12}{points:>6.1f}")
            detail.append(f"/{maximum:g}" if maximum else "", "dim")
            detail.append(f"  {line.get('detail', '')}" if isinstance(line, dict) else "", "dim")
        self.query_one("#history-detail", Static).update(detail)

    def _whole(self, play_id: int) -> tuple[Any, str]:
        """The whole stored play (its breakdown), or None and why not."""
        from triage.store import Store, StoreError

        if self._store is None:
            self._store = Store(quick_check=False)
        try:
            return self._store.get_play(play_id), ""
        except (StoreError, ValueError) as error:
            return None, str(error)

    def on_unmount(self) -> None:
        """Close the database the highlighted rows were read from."""
        if self._store is not None:
            self._store.close()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click or Enter on a row opens the play."""
        self._open(event.row_key.value)

    def action_open(self) -> None:
        """Open the highlighted play as its debrief."""
        table = self.query_one(DataTable)
        if table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            self._open(row_key.value)

    def _open(self, key: str | None) -> None:
        play = self.plays.get(key or "")
        if play is not None:
            self.notify(f"Replaying play {play.id}...", timeout=2, markup=False)
            self._replay(play.id)

    @work(thread=True, exclusive=True, group="history-replay")
    def _replay(self, play_id: int) -> None:
        """Rebuild the debrief off the UI thread (the engine re-runs the whole play)."""
        from triage.practice.replay import load_replay

        try:
            replay = load_replay(play_id, catalog=getattr(self.app, "catalog", None))
        except Exception as error:  # noqa: BLE001 - every failure is shown, none may crash the app
            self.app.call_from_thread(self.notify, f"Cannot replay play {play_id}: {error}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, replay)

    def _show(self, replay: Any) -> None:
        from triage.tui.practice.replayview import debrief_screen

        for warning in replay.warnings():
            self.notify(warning, severity="warning", timeout=8, markup=False)
        self.app.push_screen(debrief_screen(replay.debrief))

    def action_profile(self) -> None:
        """Open the mastery profile."""
        from triage.tui.practice.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(self.player))

    def action_back(self) -> None:
        """Back to where the player came from."""
        self.app.pop_screen()


def _summaries(store: Any, player: str) -> tuple[list[PlaySummary], list[Any]]:
    """The player's plays as summaries, newest first, and those that cannot be read."""
    from triage.store.records import UnreadablePlay
    from triage.store.summaries import summaries

    plays: list[PlaySummary] = []
    skipped: list[Any] = []
    for play in summaries(store, player):
        (skipped if isinstance(play, UnreadablePlay) else plays).append(play)
    return plays, skipped


def _number(line: Any, key: str) -> float:
    value = line.get(key, 0) if isinstance(line, dict) else 0
    return float(value) if isinstance(value, int | float) else 0.0

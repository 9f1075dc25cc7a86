"""A panel full-size: a large chart with its threshold line, the page and the changes marked.

`m` marks the panel as evidence at this moment (the head shows `◆ marked at +12m`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from triage.engine.session import Session
from triage.textplot import format_value
from triage.tui.marking import mark_binding, toggle_panel
from triage.tui.render.chart import PAGE, ChartSpec, Marker
from triage.tui.render.evidence_labels import MARK, panel_marks
from triage.tui.render.panel import panel_view
from triage.tui.render.text import label, plain
from triage.tui.widgets.chart import BigChart
from triage.tui.widgets.footer import KeyFooter
from triage.tui.widgets.status import StatusBar

WINDOWS = (60, 120, 240, 480, 1440)
DEFAULT_WINDOW = 240


def chart_spec(session: Session, signal_id: str, minutes: int) -> ChartSpec:
    """The last `minutes` of a signal with its thresholds, the page and visible changes."""
    view = panel_view(session, signal_id, minutes)
    start = session.minute - len(view.window) + 1
    markers = [Marker(change.minute, label(change.kind)) for change in session.visible_changes()]
    markers.append(Marker(session.page_minute, "page", PAGE))
    return ChartSpec(values=view.window, start=start, page_minute=session.page_minute,
                     decimals=view.decimals, thresholds=[v for _, v in view.thresholds],
                     markers=markers, firing=view.firing, mode=view.mode,
                     y_range=view.y_range)


class PanelScreen(Screen[None]):
    """One signal, large. `+`/`-` change how much history is shown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="panel_view.close"),
        mark_binding("panel_view"),
        Binding("plus,equals_sign", "zoom(1)", "Longer window", id="panel_view.zoom_out"),
        Binding("minus", "zoom(-1)", "Shorter window", id="panel_view.zoom_in"),
    ]

    def __init__(self, session: Session, signal_id: str) -> None:
        super().__init__()
        self.session = session
        self.signal_id = signal_id
        self.window = DEFAULT_WINDOW

    def compose(self) -> ComposeResult:
        yield StatusBar(self.session, id="status")
        yield Static(self._head(), id="panel-head")
        yield BigChart(chart_spec(self.session, self.signal_id, self.window), id="big-chart")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Redraw from the session."""
        self.query_one(StatusBar).sync()
        head = self._head()
        self.query_one("#panel-head", Static).update(head)
        self.query_one(BigChart).show(chart_spec(self.session, self.signal_id, self.window))

    def _head(self) -> Text:
        """Title, unit, id, window, current value, alert rules, firing state, description."""
        signal = self.session.incident.signal(self.signal_id)
        view = panel_view(self.session, self.signal_id, self.window)
        head = Text()
        head.append_text(plain(signal.title, "bold"))
        if signal.unit:
            head.append("  (")
            head.append_text(plain(signal.unit))
            head.append(")")
        head.append(f"   {self.signal_id}   window {self.window // 60}h", "dim")
        for ref in panel_marks(self.session, self.signal_id):
            moment = ref.partition("@")[2]
            head.append(f"   {MARK} marked" + (f" at +{moment}" if moment else ""),
                        "bold #d7af5f")
        if view.current is not None:
            head.append("\nnow ", "dim")
            head.append(format_value(view.current, view.decimals), "bold")
        for op, value in view.thresholds:
            head.append(f"   alert when {op} {format_value(value, view.decimals)}", "#ff8787")
        if view.firing:
            head.append("   ▲ FIRING", "bold #ff5f5f")
        if signal.description:
            head.append("\n")
            head.append_text(plain(signal.description, "italic"))
        return head

    def action_zoom(self, step: int) -> None:
        """Show a longer or shorter stretch of history."""
        index = WINDOWS.index(self.window) if self.window in WINDOWS else 2
        self.window = WINDOWS[max(0, min(len(WINDOWS) - 1, index + step))]
        self.sync()

    def action_mark(self) -> None:
        """Mark this panel as evidence at this moment, or drop its mark."""
        toggle_panel(self.app, self.session, self.signal_id)

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

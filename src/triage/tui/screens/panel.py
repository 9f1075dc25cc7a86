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
from triage.text.plot import format_value
from triage.tui.marking import mark_binding, toggle_panel
from triage.tui.render.chart import ACTED, PAGE, ChartSpec, Marker, scale, zoomed
from triage.tui.render.evidence_labels import MARK, panel_marks
from triage.tui.render.panel import PanelView, panel_status, panel_view
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
    if session.oncall is not None:  # what you did, where you did it
        markers += [Marker(entry.at, "you", ACTED) for entry in session.oncall.applied]
        markers += [Marker(entry.until, "undo", ACTED) for entry in session.oncall.applied
                    if entry.until is not None]
    return ChartSpec(values=view.window, start=start, page_minute=session.page_minute,
                     decimals=view.decimals, thresholds=[v for _, v in view.thresholds],
                     markers=markers, firing=view.firing, mode=view.mode,
                     y_range=view.y_range, levels=reading_levels(view))


def reading_levels(view: PanelView) -> list[float]:
    """A conventional reading's floor and levels (a PSI's 0, 0.1 and 0.25), or none."""
    return [view.reading.floor, *view.reading.levels] if view.reading is not None else []


def span(minutes: int) -> str:
    """`90` as `1h30m`, `240` as `4h`, `45` as `45m`."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


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
        shown = min(self.window, self._history())
        whole = " (all there is)" if shown < self.window else ""
        head.append(f"   {self.signal_id}   window {span(shown)}{whole}", "dim")
        for ref in panel_marks(self.session, self.signal_id):
            moment = ref.partition("@")[2]
            head.append(f"   {MARK} marked" + (f" at +{moment}" if moment else ""),
                        "bold #d7af5f")
        if view.current is not None:
            head.append("\nnow ", "dim")
            head.append(format_value(view.current, view.decimals), "bold")
        for op, value in view.thresholds:
            head.append(f"   alert when {op} {format_value(value, view.decimals)}", "#ff8787")
        status, style = panel_status(view)
        if view.reading is not None and not view.thresholds:
            levels = ", ".join(f"{format_value(v, view.decimals)}" for v in view.reading.levels)
            head.append(f"   {status} (no alert; {view.reading.name} at {levels})", style)
        else:
            head.append(f"   {status}", "bold #ff5f5f" if view.firing else style)
        low, high = scale(view.window, [v for _, v in view.thresholds] + reading_levels(view),
                          view.y_range)
        if view.window and zoomed(low, high):
            head.append(f"   the scale is zoomed in: {format_value(low, view.decimals)} to "
                        f"{format_value(high, view.decimals)}, not from 0", "#d7af00")
        if signal.description:
            head.append("\n")
            head.append_text(plain(signal.description, "italic"))
        return head

    def _history(self) -> int:
        """Minutes of this signal's history up to now (the data starts at minute 0)."""
        return self.session.minute + 1

    def action_zoom(self, step: int) -> None:
        """Show a longer or shorter stretch of history; say so when there is no other."""
        shown = min(self.window, self._history())
        if step > 0:
            longer = [w for w in WINDOWS if w > shown]
            if shown >= self._history():
                before = span(self.session.page_minute)
                self.notify(f"Nothing older to show: the data starts {before} before the page.",
                            markup=False)
                return
            if not longer:
                self.notify(f"{span(shown)} is the longest window.", markup=False)
                return
            self.window = longer[0]
        else:
            shorter = [w for w in WINDOWS if w < shown]
            if not shorter:
                self.notify(f"{span(shown)} is the shortest window.", markup=False)
                return
            self.window = shorter[-1]
        self.sync()

    def action_mark(self) -> None:
        """Mark this panel as evidence at this moment, or drop its mark."""
        toggle_panel(self.app, self.session, self.signal_id)

    def action_close(self) -> None:
        """Back to the war room."""
        self.app.pop_screen()

"""A dashboard panel as data (`PanelView`, read from the session) and as text (`render_panel`)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from triage.engine.session import Session
from triage.textplot import format_value
from triage.tui.render.chart import FIRING, bounds, resample, styled_rows
from triage.tui.render.text import plain

WINDOW_MINUTES = 120


@dataclass(frozen=True)
class PanelView:
    """Everything a panel shows about one signal at the session's current minute."""

    signal_id: str
    title: str
    unit: str
    decimals: int
    window: list[float]
    thresholds: list[tuple[str, float]]
    firing: bool
    opened: bool
    cost: float

    @property
    def current(self) -> float | None:
        """The latest value, if any."""
        return self.window[-1] if self.window else None

    @property
    def mode(self) -> str:
        """How buckets are reduced: keep dips for `below` rules, spikes otherwise."""
        return "min" if any(op == "<" for op, _ in self.thresholds) else "max"


def thresholds_for(session: Session, signal_id: str) -> list[tuple[str, float]]:
    """The alert thresholds on a signal, as (`>` or `<`, value)."""
    found = []
    for alert in session.incident.alerts:
        if alert.signal != signal_id:
            continue
        if alert.above is not None:
            found.append((">", float(alert.above)))
        elif alert.below is not None:
            found.append(("<", float(alert.below)))
    return found


def is_firing(session: Session, signal_id: str) -> bool:
    """Whether an alert on this signal is firing now."""
    return any(state.alert.signal == signal_id for state in session.firing())


def panel_view(session: Session, signal_id: str, minutes: int = WINDOW_MINUTES) -> PanelView:
    """Read one panel's state from the session (the last `minutes` of its series)."""
    signal = session.incident.signal(signal_id)
    values = session.values(signal_id)
    return PanelView(
        signal_id=signal_id, title=signal.title, unit=signal.unit, decimals=signal.decimals,
        window=values[-minutes:], thresholds=thresholds_for(session, signal_id),
        firing=is_firing(session, signal_id), opened=signal_id in session.opened,
        cost=session.cost_of_open(signal_id),
    )


def render_panel(view: PanelView, width: int, height: int) -> Text:
    """The panel body: current value and status, thresholds and range, then the bars."""
    width = max(1, width)
    current = view.current
    value = "—" if current is None else format_value(current, view.decimals)
    status = Text("▲ FIRING", FIRING) if view.firing else Text("ok", "dim green")
    head = Text()
    head.append(value, "bold")
    if view.unit:
        head.append(" ")
        head.append_text(plain(view.unit, "dim"))
    gap = width - head.cell_len - status.cell_len
    if gap >= 1:
        head.append(" " * gap)
        head.append_text(status)
    lines = [head]
    rule = Text("  ".join(f"{op} {format_value(v, view.decimals)}" for op, v in view.thresholds),
                "#d78787")
    spread = Text()
    if view.window:
        spread = Text(f"{format_value(min(view.window), view.decimals)}–"
                      f"{format_value(max(view.window), view.decimals)}", "dim")
    gap = width - rule.cell_len - spread.cell_len
    facts = rule + Text(" " * gap) + spread if gap >= 1 else rule or spread
    lines.append(facts)
    bar_height = height - 2
    if bar_height >= 1 and view.window:
        points = resample(view.window, width, view.mode)
        low, high = bounds(points, [v for _, v in view.thresholds])
        pad = " " * (width - len(points))
        lines += [Text(pad) + row
                  for row in styled_rows(points, bar_height, low, high, view.firing)]
    for line in lines:
        line.truncate(width, overflow="ellipsis")
    return Text("\n").join(lines[: max(1, height)])

"""A dashboard panel as data (`PanelView`, read from the session) and as rows of styled runs
(`panel_rows`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from triage.engine.session import Session
from triage.safetext import clean_line
from triage.textplot import format_value
from triage.tui.render.chart import FIRING, aligned_buckets, bar_runs, scale
from triage.tui.render.text import Run, fit, runs_width

WINDOW_MINUTES = 120


@dataclass(frozen=True)
class PanelView:
    """Everything a panel shows about one signal at the session's current minute."""

    signal_id: str
    title: str
    unit: str
    decimals: int
    window: list[float]
    """The values of the window asked for (`WINDOW_MINUTES` unless told); the last is now."""
    history: list[float]
    """Up to twice as many: enough for the bars' clock-aligned buckets at any panel width."""
    end_minute: int
    """The timeline minute of the newest value."""
    thresholds: list[tuple[str, float]]
    firing: bool
    opened: bool
    cost: float
    y_range: tuple[float | None, float | None] = (None, None)
    """The signal's authored fixed scale (`None` ends follow the data)."""

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
    values = session.values(signal_id, last=2 * minutes)
    return PanelView(
        signal_id=signal_id, title=signal.title, unit=signal.unit, decimals=signal.decimals,
        window=values[-minutes:], history=values, end_minute=session.minute,
        thresholds=thresholds_for(session, signal_id),
        firing=is_firing(session, signal_id), opened=signal_id in session.opened,
        cost=session.cost_of_open(signal_id), y_range=signal.y_range,
    )


@lru_cache(maxsize=16)
def _bars(points: tuple[float, ...], height: int, low: float, high: float,
          firing: bool) -> list[list[Run]]:
    """`bar_runs`, remembered: with clock-aligned buckets most minutes leave every bar as it
    was (a bucket keeps its max), so a tick usually finds its panel's bars here."""
    return bar_runs(points, height, low, high, firing)


def panel_rows(view: PanelView, width: int, height: int) -> list[list[Run]]:
    """The panel body as rows of (text, style) runs: at most `height` rows (at least one) of
    exactly `width` cells."""
    width, height = max(1, width), max(1, height)
    current = view.current
    value = "—" if current is None else format_value(current, view.decimals)
    head: list[Run] = [(value, "bold")]
    if view.unit:
        head += [(" ", ""), (clean_line(view.unit).strip(), "dim")]
    status: Run = ("▲ FIRING", FIRING) if view.firing else ("ok", "dim green")
    gap = width - runs_width(head) - cell_len(status[0])
    if gap >= 1:
        head += [(" " * gap, ""), status]
    points, shown = aligned_buckets(view.history, view.end_minute, width, WINDOW_MINUTES,
                                    view.mode)
    rule = "  ".join(f"{op} {format_value(v, view.decimals)}" for op, v in view.thresholds)
    spread = ""
    if shown:
        spread = (f"{format_value(min(shown), view.decimals)}–"
                  f"{format_value(max(shown), view.decimals)}")
    gap = width - cell_len(rule) - cell_len(spread)
    facts: list[Run] = ([(rule, "#d78787"), (" " * gap, ""), (spread, "dim")] if gap >= 1
                        else [(rule, "#d78787")] if rule else [(spread, "dim")])
    rows = [head, facts]
    bar_height = height - 2
    if bar_height >= 1 and points:
        low, high = scale(points, [v for _, v in view.thresholds], view.y_range)
        pad: list[Run] = [(" " * (width - len(points)), "")] if len(points) < width else []
        rows += [[*pad, *row] for row in _bars(tuple(points), bar_height, low, high, view.firing)]
    # The bar rows are `width` cells as built; the two text rows are cut or padded to fit.
    return [fit(row, width) if index < 2 else row for index, row in enumerate(rows[:height])]

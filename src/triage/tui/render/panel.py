"""A dashboard panel as data (`PanelView`, read from the session) and as rows of styled runs
(`panel_rows`).

The head row says how the value stands: `▲ FIRING`, `breaching` (over an alert's threshold, not
yet for long enough), `ok` against the panel's alerts, the band of a conventional reading (a PSI's
`no shift`, `moderate`, `significant`) or, with neither, `no alert`: a panel nobody judges is
never called ok. The facts row says when the bars are `flat` or the scale is zoomed in on a small
range, so noise does not read as a surge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from rich.cells import cell_len

from triage.engine.session import Session
from triage.sim.physics.readings import Reading, reading_of
from triage.text.plot import format_value
from triage.text.safe import clean_line
from triage.tui.render.chart import ACTED, FIRING, aligned_buckets, bar_runs, scale, zoomed
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
    reading: Reading | None = None
    """The signal's conventional scale (a PSI's bands), if its physics output has one."""
    acted: tuple[int, ...] = ()
    """Minutes at which the player applied or reverted an option (marked on the bars)."""

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
        reading=reading_for(session, signal_id), acted=acted_minutes(session),
    )


def acted_minutes(session: Session) -> tuple[int, ...]:
    """The absolute minutes at which options were applied or reverted in this play."""
    if session.oncall is None:
        return ()
    return tuple(sorted({int(m) for entry in session.oncall.applied
                         for m in (entry.at, entry.until) if m is not None}))


def reading_for(session: Session, signal_id: str) -> Reading | None:
    """The conventional reading of a physics signal's output (PSI bands), in its unit."""
    signal = session.incident.signal(signal_id)
    if not signal.physics or not isinstance(signal.scale, int | float):
        return None
    found = reading_of(session.incident.systems.get(signal.system or ""), signal.output or "")
    return found.scaled(float(signal.scale)) if found is not None else None


def breaching(thresholds: list[tuple[str, float]], value: float) -> bool:
    """Whether `value` is over any of the thresholds (`>` above, `<` below)."""
    return any(value > limit if op == ">" else value < limit for op, limit in thresholds)


def panel_status(view: PanelView) -> Run:
    """How the value stands, judged only against what the incident gives (see the module)."""
    current = view.current
    if view.firing:
        return "▲ FIRING", FIRING
    if view.thresholds:
        if current is not None and breaching(view.thresholds, current):
            return "breaching", "#d7af00"
        return "ok", "dim green"
    if view.reading is not None and current is not None:
        band = view.reading.band(current)
        return band, "#d7af00" if band in view.reading.alarming else "dim green"
    return "no alert", "dim"


def scale_of(view: PanelView, points: list[float]) -> tuple[float, float]:
    """The bars' vertical scale: the data, the alert thresholds and a reading's levels."""
    extra = [v for _, v in view.thresholds]
    if view.reading is not None:
        extra += [view.reading.floor, *view.reading.levels]
    return scale(points, extra, view.y_range)


def spread_text(view: PanelView, shown: list[float], low: float, high: float) -> list[str]:
    """The range the bars cover, longest wording first: `flat`, `zoom` or just low–high."""
    if not shown:
        return [""]
    least, most = min(shown), max(shown)
    if most - least <= 1e-12:
        return [f"flat at {format_value(most, view.decimals)}", "flat"]
    spread = f"{format_value(least, view.decimals)}–{format_value(most, view.decimals)}"
    return [f"zoomed {spread}", f"zoom {spread}", spread] if zoomed(low, high) else [spread]


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
    unit: list[Run] = [(" ", ""), (clean_line(view.unit).strip(), "dim")] if view.unit else []
    status = panel_status(view)
    # The status outranks the unit: a firing panel says so even in a narrow tile.
    head: list[Run] = [(value, "bold"), *unit]
    for shown_head in ([(value, "bold"), *unit], [(value, "bold")]):
        gap = width - runs_width(shown_head) - cell_len(status[0])
        if gap >= 1:
            head = [*shown_head, (" " * gap, ""), status]
            break
    points, shown = aligned_buckets(view.history, view.end_minute, width, WINDOW_MINUTES,
                                    view.mode)
    low, high = scale_of(view, points) if points else (0.0, 1.0)
    rule = "  ".join(f"{op} {format_value(v, view.decimals)}" for op, v in view.thresholds)
    wordings = spread_text(view, shown, low, high)
    facts: list[Run] = [(rule, "#d78787")] if rule else [(wordings[-1], "dim")]
    for spread in wordings:
        gap = width - cell_len(rule) - cell_len(spread)
        if gap >= 1:
            facts = [(rule, "#d78787"), (" " * gap, ""), (spread, "dim")]
            break
    rows = [head, facts]
    bar_height = height - 2
    if bar_height >= 1 and points:
        pad: list[Run] = [(" " * (width - len(points)), "")] if len(points) < width else []
        bars = _bars(tuple(points), bar_height, low, high, view.firing)
        if view.acted:
            step = max(1, -(-WINDOW_MINUTES // width))  # aligned_buckets' bucket length
            columns = {len(points) - 1 - (view.end_minute // step - minute // step)
                       for minute in view.acted if minute <= view.end_minute}
            bars = [overlay(row, columns) for row in bars]
        rows += [[*pad, *row] for row in bars]
    # The bar rows are `width` cells as built; the two text rows are cut or padded to fit.
    return [fit(row, width) if index < 2 else row for index, row in enumerate(rows[:height])]


def overlay(row: list[Run], columns: set[int], char: str = "┊") -> list[Run]:
    """A bar row with the columns of `columns` (the minutes you acted) in the marker's colour:
    `char` in an empty cell, the bar itself recoloured where it stands."""
    cells = [(c, style) for text, style in row for c in text]
    for column in columns:
        if 0 <= column < len(cells):
            cells[column] = (char if cells[column][0] == " " else cells[column][0], ACTED)
    return [("".join(c for c, _ in run), style)
            for style, run in groupby(cells, key=lambda cell: cell[1])]

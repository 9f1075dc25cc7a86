"""Block-character charts: multi-row bars for panels and a full-size chart with annotations.

Each column is one time bucket; its height uses the eight Unicode eighth-blocks per row, so a
three-row bar has 24 levels. Buckets keep the extreme value that matters for the signal's alert
(the maximum for `above` rules, the minimum for `below` rules), so a brief spike or dip is never
averaged away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from rich.text import Text

from triage.text.plot import format_value
from triage.tui.render.text import since

EIGHTHS = "▁▂▃▄▅▆▇█"
CALM = "#5fafd7"
CALM_FILL = "#1f4a66"
FIRING = "bold #ff5f5f"
FIRING_FILL = "#6b2020"
THRESHOLD = "#ff5f5f"
MARKER = "#d7af5f"
PAGE = "#d787d7"
ACTED = "bold #ffd75f"
"""Where the player applied or reverted an option (the on-call loop)."""
AXIS = "#6c6c6c"


def resample(values: Sequence[float], width: int, mode: str = "max") -> list[float]:
    """`values` reduced to at most `width` buckets, each keeping its max (or min, or mean)."""
    if width <= 0 or not values:
        return []
    if len(values) <= width:
        return [float(v) for v in values]
    pick = {"max": max, "min": min}.get(mode, lambda b: sum(b) / len(b))
    step = len(values) / width
    return [float(pick(values[int(i * step): max(int((i + 1) * step), int(i * step) + 1)]))
            for i in range(width)]


def aligned_buckets(values: Sequence[float], last_minute: int, width: int, span: int,
                    mode: str = "max") -> tuple[list[float], list[float]]:
    """The end of a series as at most `width` buckets of whole minutes, aligned to the clock.

    `values[-1]` is minute `last_minute`. Each bucket spans `ceil(span / width)` minutes and its
    edges fall on multiples of that length, so as the clock runs only the newest bucket changes,
    until a new one begins and the rest move one column left: the bars stand still between
    steps instead of re-cutting the whole window each minute. Each bucket keeps its max (or min,
    `mode`), like `resample`. Returns the bucket values and the values they cover.
    """
    if width <= 0 or not values:
        return [], []
    step = max(1, -(-span // width))
    first = (last_minute // step - width + 1) * step
    covered = list(values[max(0, len(values) - 1 - (last_minute - first)):])
    pick = min if mode == "min" else max
    buckets = []
    minute = last_minute - len(covered) + 1
    index = 0
    while index < len(covered):
        size = step - minute % step
        buckets.append(float(pick(covered[index: index + size])))
        index += size
        minute += size
    return buckets, covered


def stretch(values: Sequence[float], width: int) -> list[float]:
    """`values` repeated nearest-neighbour so that they fill `width` columns."""
    if not values or width <= len(values):
        return list(values)
    return [float(values[min(len(values) - 1, i * len(values) // width)]) for i in range(width)]


def bounds(values: Sequence[float], extra: Sequence[float] = ()) -> tuple[float, float]:
    """The low and high of a chart's scale: the data and any thresholds, never a zero span."""
    points = [*values, *extra]
    if not points:
        return 0.0, 1.0
    low, high = min(points), max(points)
    if high - low <= 1e-12:
        # A flat series is a line along the floor of a scale that starts at its value (0 to 1
        # for a flat zero), not a half-height block on a scale reaching below it (-1 to 1).
        return low, high + (abs(high) * 0.05 or 1.0)
    return low, high


def zoomed(low: float, high: float) -> bool:
    """Whether a scale is zoomed in on its data: it leaves zero out and spans less than a
    quarter of its largest magnitude (1.42 to 1.87 req/s), so that small wobbles fill the
    chart's height and read like a surge."""
    if low <= 0.0 <= high:
        return False
    return high - low < 0.25 * max(abs(low), abs(high))


def scale(values: Sequence[float], extra: Sequence[float] = (),
          fixed: tuple[float | None, float | None] = (None, None)) -> tuple[float, float]:
    """`bounds`, with either end replaced by the panel's authored `y_range` where it sets one.

    A fixed end that would leave no span (the data sits wholly beyond it) gives way to the data,
    so a chart never has zero height; values beyond a fixed end are drawn at that edge.
    """
    low, high = bounds(values, extra)
    fixed_low, fixed_high = fixed
    low = low if fixed_low is None else fixed_low
    high = high if fixed_high is None else fixed_high
    if high - low <= 1e-12:
        return bounds(values, extra)
    return low, high


def levels_of(values: Sequence[float], height: int, low: float, high: float) -> list[int]:
    """Each value's bar height in eighths of a row (at least 1, so the lowest value shows)."""
    span = (high - low) or 1.0
    return [max(0, min(height * 8, int(round((v - low) / span * (height * 8 - 1))) + 1))
            for v in values]


def bar_cells(values: Sequence[float], height: int, low: float,
              high: float) -> list[list[tuple[str, str]]]:
    """Rows (top first) of (character, kind) cells; kind is `top`, `fill` or `empty`."""
    height = max(1, height)
    levels = levels_of(values, height, low, high)
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        cells = []
        for level in levels:
            if level <= floor:
                cells.append((" ", "empty"))
            elif level > floor + 8:
                cells.append(("█", "fill"))
            else:
                cells.append((EIGHTHS[level - floor - 1], "top"))
        rows.append(cells)
    return rows


def bar_runs(values: Sequence[float], height: int, low: float, high: float,
             firing: bool) -> list[list[tuple[str, str]]]:
    """Bar rows (top first) as (text, style) runs: the top of each bar bright, the area under
    it dim. One run per stretch of cells of a kind, so a row is a handful of pieces to draw."""
    top, fill = (FIRING, FIRING_FILL) if firing else (CALM, CALM_FILL)
    styles = {"top": top, "fill": fill, "empty": ""}
    return [[("".join(char for char, _ in run), styles[kind])
             for kind, run in groupby(row, key=itemgetter(1))]
            for row in bar_cells(values, height, low, high)]


def threshold_row(value: float, height: int, low: float, high: float) -> int | None:
    """The row (top is 0) a threshold line falls on, or None when it is off the scale."""
    if not low <= value <= high:
        return None
    span = (high - low) or 1.0
    level = (value - low) / span * height
    return max(0, min(height - 1, height - 1 - int(level)))


@dataclass(frozen=True)
class Marker:
    """An annotation on the time axis (a deploy, a config change, the page)."""

    minute: float
    label: str
    style: str = MARKER


@dataclass(frozen=True)
class ChartSpec:
    """What a full-size chart shows: a window of values and what to draw over it."""

    values: list[float]
    start: int
    """Absolute minute of `values[0]`."""
    page_minute: int
    decimals: int = 2
    thresholds: list[float] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    firing: bool = False
    mode: str = "max"
    y_range: tuple[float | None, float | None] = (None, None)
    """The signal's authored fixed scale; `None` ends follow the data."""
    levels: list[float] = field(default_factory=list)
    """Levels the signal is conventionally read against (a PSI's 0.1 and 0.25), drawn dim; the
    first is the scale's floor."""


def render_chart(spec: ChartSpec, width: int, height: int) -> Text:
    """A full-size chart: y-axis labels, bars, threshold lines, markers and a time axis."""
    gutter = 10
    plot_width = max(4, width - gutter - 1)
    plot_height = max(2, height - 3)
    points = resample(spec.values, plot_width, spec.mode)
    points = stretch(points, plot_width)
    low, high = scale(points, [*spec.thresholds, *spec.levels], spec.y_range)
    rows = bar_cells(points, plot_height, low, high)
    columns = len(points)
    count = max(1, len(spec.values))

    def column_of(minute: float) -> int | None:
        col = int((minute - spec.start) * columns / count)
        return col if 0 <= col < columns else None

    marker_cols = {c: m for m in spec.markers if (c := column_of(m.minute)) is not None}
    threshold_rows = {r: t for t in spec.thresholds
                      if (r := threshold_row(t, plot_height, low, high)) is not None}
    level_rows = {r: v for v in spec.levels[1:]
                  if (r := threshold_row(v, plot_height, low, high)) is not None
                  and r not in threshold_rows}
    top_style, fill_style = (FIRING, FIRING_FILL) if spec.firing else (CALM, CALM_FILL)

    def cell_of(col: int, char: str, kind: str, on_threshold: bool,
                on_level: bool) -> tuple[str, str]:
        """One plot cell as (character, style); runs of a style become one span."""
        if kind == "top":
            return char, top_style
        if on_threshold:
            return "╌", THRESHOLD
        if on_level and kind == "empty":
            return "┄", AXIS
        if kind == "fill":
            return char, fill_style
        if col in marker_cols:
            return "┊", marker_cols[col].style
        return " ", ""

    out = Text(no_wrap=True, overflow="crop")
    for index, row in enumerate(rows):
        if index == 0:
            tick = format_value(high, spec.decimals)
        elif index == plot_height - 1:
            tick = format_value(low, spec.decimals)
        elif index in threshold_rows:
            tick = format_value(threshold_rows[index], spec.decimals)
        elif index in level_rows:
            tick = format_value(level_rows[index], spec.decimals)
        else:
            tick = ""
        out.append(f"{tick[:gutter - 1]:>{gutter - 1}} ", AXIS)
        out.append("│", AXIS)
        cells = (cell_of(col, char, kind, index in threshold_rows, index in level_rows)
                 for col, (char, kind) in enumerate(row))
        for style, run in groupby(cells, key=lambda cell: cell[1]):
            out.append("".join(char for char, _ in run), style)
        out.append("\n")
    out.append(" " * gutter + "└" + "─" * columns + "\n", AXIS)
    labels = [" "] * columns
    for col, marker in sorted(marker_cols.items()):
        text = "▲" + marker.label
        if col + len(text) > columns:
            col = max(0, columns - len(text))
        if all(c == " " for c in labels[col: col + len(text)]):
            labels[col: col + len(text)] = list(text[: columns - col])
    out.append(" " * (gutter + 1))
    styled = ((char, marker.style if (marker := marker_cols.get(col)) else MARKER)
              for col, char in enumerate(labels))
    for style, run in groupby(styled, key=lambda cell: cell[1]):
        out.append("".join(char for char, _ in run), style)
    out.append("\n")
    end = spec.start + len(spec.values) - 1
    left, right = since(spec.start - spec.page_minute), since(end - spec.page_minute)
    axis = f"{left} from page".ljust(max(0, columns - len(right) - 5)) + f"now {right}"
    out.append(" " * (gutter + 1) + axis[:columns], AXIS)
    return out

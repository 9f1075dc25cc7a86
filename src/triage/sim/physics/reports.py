"""Plain-data reports a physics system can show (drift tables, reliability diagrams), as text.

A `Report` holds formatted cells only (no markup, no numpy), so the TUI, the static preview and the
debrief can all draw it their own way; `render_text` is the plain-text drawing used by the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from triage.text.clock import clock

SPARK_BARS = "▁▂▃▄▅▆▇█"
"""Characters of a sparkline, lowest to highest."""


@dataclass(frozen=True)
class Report:
    """A small table with an optional history per row (for a sparkline) and footnotes."""

    title: str
    """What it is, e.g. `Drift report` (`heading` adds the time it describes)."""
    columns: tuple[str, ...]
    """Column headings."""
    rows: tuple[tuple[str, ...], ...]
    """Formatted cells, one tuple per row, as many cells as columns."""
    trends: tuple[tuple[float, ...], ...] | None
    """One history per row (plain floats, oldest first) to draw as a sparkline, or None."""
    notes: tuple[str, ...]
    """Footnotes: how to read the table, thresholds, sample sizes."""
    at: int | None = None
    """The absolute minute the report describes."""

    def heading(self, page_minute: float = 0, start: float = 0) -> str:
        """The title and the time it describes on the play's clock, its day counted from the
        page's day (`triage.text.clock`): `Drift report at 09:49`."""
        if self.at is None:
            return self.title
        return f"{self.title} at {clock(self.at, page_minute, start)}"


def sparkline(values: Sequence[float], low: float | None = None, high: float | None = None) -> str:
    """Draw `values` as a one-line sparkline, scaled to `[low, high]` (default: their range)."""
    if not values:
        return ""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    span = high - low
    top = len(SPARK_BARS) - 1
    if span <= 0:
        return SPARK_BARS[0] * len(values)
    return "".join(
        SPARK_BARS[min(top, max(0, round((value - low) / span * top)))] for value in values
    )


def bar(value: float, width: int = 20) -> str:
    """Draw a share in [0, 1] as a horizontal bar of `width` characters (eighths resolution)."""
    eighths = round(min(1.0, max(0.0, value)) * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width)


def render_text(report: Report, page_minute: float = 0, start: float = 0) -> str:
    """Draw a report as an aligned plain-text table, with a trend sparkline column if it has one;
    its heading's day is counted from the day of `page_minute`, its time from `start` (the
    wall-clock minute of minute 0)."""
    columns = list(report.columns)
    rows = [list(row) for row in report.rows]
    if report.trends is not None:
        # One shared scale, from zero, so a flat healthy row never looks like a spike.
        peak = max((max(trend) for trend in report.trends if trend), default=0.0)
        columns.append("trend")
        for row, trend in zip(rows, report.trends, strict=True):
            row.append(sparkline(list(trend), 0.0, peak))
    widths = [len(name) for name in columns]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    out = [report.heading(page_minute, start), line(columns),
           "  ".join("-" * width for width in widths)]
    out += [line(row) for row in rows]
    out += list(report.notes)
    return "\n".join(text.rstrip() for text in out)

"""A physics report (drift table, reliability diagram) as a Rich table, every cell kept literal."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from triage.sim.physics.reports import Report, sparkline
from triage.tui.render.text import plain

ALARM_WORDS = ("significant", "overconfident", "underconfident", "drift", "high")


def _cell(value: str) -> Text:
    """A cell, red when it names a problem (a significant shift, overconfidence)."""
    text = plain(value)
    if any(word in value.lower() for word in ALARM_WORDS) and "no " not in value.lower():
        text.stylize("bold #ff8787")
    return text


def render_report(report: Report, page_minute: float = 0, start: float = 0) -> RenderableType:
    """Heading (its time's day counted from the page's), the table (with a trend sparkline
    column when the report has trends), notes."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold #87afd7", pad_edge=False,
                  expand=False)
    for column in report.columns:
        table.add_column(plain(column))
    peak = 0.0
    if report.trends is not None:
        table.add_column(Text("trend"))
        peak = max((max(trend) for trend in report.trends if trend), default=0.0)
    for index, row in enumerate(report.rows):
        cells = [_cell(value) for value in row]
        if report.trends is not None:
            trend = list(report.trends[index]) if index < len(report.trends) else []
            cells.append(Text(sparkline(trend[-40:], 0.0, peak), "#5fafd7"))
        table.add_row(*cells)
    notes = Text()
    for note in report.notes:
        notes.append_text(plain(note, "dim"))
        notes.append("\n")
    return Group(plain(report.heading(page_minute, start), "bold"), table, notes)

"""A full-size chart widget over `render_chart`."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from triage.tui.render.chart import ChartSpec, render_chart


class BigChart(Widget):
    """Draws a `ChartSpec` at whatever size the layout gives it."""

    def __init__(self, spec: ChartSpec, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec

    def show(self, spec: ChartSpec) -> None:
        """Replace what the chart shows."""
        self.spec = spec
        self.refresh()

    def render(self) -> Text:
        size = self.content_size
        return render_chart(self.spec, size.width, size.height)

"""The war room's one-line status bar.

It runs the width of the screen and its clock changes every simulated minute. Textual repaints
the smallest rectangle around everything refreshed in a frame, so a bar that refreshed whole
pulled the sidebar and the footer into every tick's repaint. The bar draws through the line API
and refreshes only the cells that changed (the clock, mostly).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from triage.engine.session import Session
from triage.tui.render.status import status_runs
from triage.tui.render.text import fit, run_segments


class StatusBar(Widget):
    """Alert, service, simulated clock, acknowledgement, evidence and hints at a glance."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status-bar")
        self.session = session
        self._strip: Strip | None = None
        self._segments: list[Segment] = []
        self._width = -1
        self._base: Style | None = None
        self._styles: dict[str, Style] = {}

    def sync(self) -> None:
        """Redraw from the session, repainting only the cells that changed (the bar is always
        one line high, `.status-bar` in app.tcss, so the screen is never laid out again)."""
        width = self.content_size.width
        if self._strip is None or width != self._width:
            self._strip = None
            self.refresh()
            return
        old = self._segments
        self._draw(width)
        span = changed_cells(old, self._segments)
        if span is not None:
            self.refresh(Region(span[0], 0, span[1] - span[0], 1))

    def notify_style_update(self) -> None:
        """Styles changed (theme, colours): draw the line again."""
        self._strip = self._base = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        """The status line (the bar has one)."""
        width = self.content_size.width
        if self._strip is None or width != self._width:
            self._draw(width)
        if y != 0 or self._strip is None:
            return Strip.blank(width, self.rich_style)
        return self._strip

    def _draw(self, width: int) -> None:
        """Draw the line at `width` cells over the bar's colours; keep its segments for `sync`."""
        self._width = width
        if self._base is None:
            self._base, self._styles = self.rich_style, {}
        runs = fit(status_runs(self.session), width) if width > 0 else []
        self._segments = run_segments(runs, self._base, self._styles)
        self._strip = Strip(self._segments, max(0, width))


def changed_cells(old: list[Segment], new: list[Segment]) -> tuple[int, int] | None:
    """The cells from the first differing segment to the last one (`None` if the lines are the
    same), comparing the segments from both ends. Both lines fill the bar's width exactly, so a
    segment equal from the end sits in the same cells in both: when the clock reading grows a
    digit, the text after it moves, differs from the end, and is repainted with it."""
    if old == new:
        return None
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while (tail < min(len(old), len(new)) - head
           and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]):
        tail += 1
    start = sum(segment.cell_length for segment in new[:head])
    end = sum(segment.cell_length for segment in new[: len(new) - tail])
    end = max(end, start + 1, sum(segment.cell_length for segment in old[: len(old) - tail]))
    return start, end

"""The war room's one-line status bar.

It runs the width of the screen and its clock changes every simulated minute. Textual repaints
the smallest rectangle around everything refreshed in a frame, so a bar that refreshed whole
pulled the sidebar and the footer into every tick's repaint. The bar draws through the line API
and refreshes only the cells that changed (the clock, mostly).
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from triage.engine.session import Session
from triage.tui.render.status import render_status

Cells = list[tuple[str, Style | None]]
"""A drawn line, one (character, style) per terminal cell."""


class StatusBar(Widget):
    """Alert, service, simulated clock, acknowledgement, evidence and hints at a glance."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status-bar")
        self.session = session
        self._strip: Strip | None = None
        self._cells: Cells = []
        self._width = -1

    def sync(self) -> None:
        """Redraw from the session, repainting only the cells that changed (the bar is always
        one line high, `.status-bar` in app.tcss, so the screen is never laid out again)."""
        width = self.content_size.width
        if self._strip is None or width != self._width:
            self._strip = None
            self.refresh()
            return
        old = self._cells
        self._draw(width)
        new = self._cells
        changed = [x for x in range(max(len(old), len(new)))
                   if x >= len(old) or x >= len(new) or old[x] != new[x]]
        if changed:
            self.refresh(Region(changed[0], 0, changed[-1] + 1 - changed[0], 1))

    def notify_style_update(self) -> None:
        """Styles changed (theme, colours): draw the line again."""
        self._strip = None
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
        """Draw the line at `width` cells over the bar's colours; keep its cells for `sync`."""
        self._width = width
        base = self.rich_style
        text = render_status(self.session)
        text.truncate(max(0, width), overflow="ellipsis", pad=True)
        segments = list(Segment.apply_style(text.render(self.app.console), base))
        self._strip = Strip(segments, max(0, width))
        self._cells = [cell for segment in segments for char in segment.text
                       for cell in ((char, segment.style), ("", segment.style))[
                           : get_character_cell_size(char)]]

"""A dashboard panel: a focusable box that draws one signal's `panel_rows`.

The panel draws through Textual's line API: it turns the rows of `panel_rows` straight into
strips instead of going through Textual's general content pipeline (wrapping, style merging),
which took most of a game tick's time. On each tick only the rows that changed are drawn again
and repainted: the bars' buckets are aligned to the clock (`chart.aligned_buckets`), so most
minutes change the value line and the newest column, not the whole panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widget import Widget

from triage.engine.session import Session
from triage.tui.render.evidence_labels import MARK, panel_marks
from triage.tui.render.ids import dom_id
from triage.tui.render.panel import PanelView, panel_rows, panel_view
from triage.tui.render.text import Run, cost, plain, run_segments
from triage.tui.render.titles import fit_title

TITLE_MARGIN = 6
"""Cells of a panel's top border that the title cannot use: `╭─ ` and ` ─╮`."""


class MetricPanel(Widget, can_focus=True):
    """One signal's panel; Enter or a click asks to open it full-size."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open panel", id="panel.open", show=False),
    ]
    auto_links: Reactive[bool] = Reactive(False)
    """A panel draws no links: skip Textual's per-line link styling on every redraw."""

    class OpenRequested(Message):
        """The player wants this panel full-size."""

        def __init__(self, signal_id: str) -> None:
            super().__init__()
            self.signal_id = signal_id

    def __init__(self, session: Session, signal_id: str,
                 dashboard_titles: Sequence[str] = ()) -> None:
        super().__init__(id=dom_id("panel-", signal_id), classes="panel")
        self.session = session
        self.signal_id = signal_id
        self.dashboard_titles = tuple(dashboard_titles)
        """The titles of the other panels on this dashboard (a cut title stays distinct)."""
        self._title: Text | str | None = None
        self.view: PanelView = panel_view(session, signal_id)
        self._rows: list[list[Run]] = []
        self._rows_size: tuple[int, int] | None = None
        self._strips: list[Strip | None] = []
        self._base: Style | None = None
        self._styles: dict[str, Style] = {}
        self._subtitle = ""
        self._marked: bool | None = None

    def on_mount(self) -> None:
        self.sync()

    def sync(self) -> None:
        """Re-read the signal from the session and redraw the rows that changed."""
        self.view = panel_view(self.session, self.signal_id)
        self.set_class(self.view.firing, "-firing")
        self.set_class(self.view.opened, "-opened")
        subtitle = "✓ opened" if self.view.opened else f"⏎ open · {cost(self.view.cost)}"
        if subtitle != self._subtitle:  # setting it repaints the whole panel
            self._subtitle = subtitle
            self.border_subtitle = Text(subtitle)
        marked = bool(panel_marks(self.session, self.signal_id))
        if marked != self._marked:  # the title shows the mark as a glyph, readable without colour
            self._marked = marked
            self.set_class(marked, "-marked")
        self._show_title()
        size = self.content_size
        if self._rows_size != (size.width, size.height):
            self.refresh()  # drawn whole by `render_line`
            return
        rows = self._draw_rows(size.width, size.height)
        changed = {y for y, row in enumerate(rows) if y >= len(self._rows) or row != self._rows[y]}
        changed.update(range(len(rows), len(self._rows)))
        self._rows = rows
        kept = self._strips[: len(rows)]
        self._strips = [None if y in changed else strip for y, strip in enumerate(kept)]
        self._strips += [None] * (len(rows) - len(kept))
        if changed:
            self.refresh(*(Region(0, y, size.width, 1) for y in sorted(changed)))

    def on_resize(self) -> None:
        self._show_title()

    def forget_lines(self) -> None:
        """Let go of the drawn rows and lines (this panel's tab is hidden); the next paint, once
        the tab is shown again, draws them anew."""
        self._rows, self._strips, self._rows_size = [], [], None
        self.refresh()

    def _show_title(self) -> None:
        """The title, cut to the border's room, kept distinct from the others on its dashboard."""
        room = self.outer_size.width - TITLE_MARGIN - (2 if self._marked else 0)
        title = self.view.title
        fitted = fit_title(title, self.dashboard_titles, room) if room > 0 else title
        shown = Text.assemble((f"{MARK} ", "bold"), plain(fitted)) if self._marked \
            else plain(fitted)
        if shown != self._title:  # setting it repaints the whole panel
            self._title = shown
            self.border_title = shown

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus, classes): draw every row again over the new base."""
        self._rows_size = None
        self._base = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        """Row `y` of the body; every row is drawn again when the size or styles changed."""
        width, height = self.content_size
        if self._rows_size != (width, height):
            self._rows = self._draw_rows(width, height)
            self._strips = [None] * len(self._rows)
        if not 0 <= y < len(self._rows):
            return Strip.blank(width, self._base_style())
        strip = self._strips[y]
        if strip is None:
            strip = self._strips[y] = self._strip(self._rows[y], width)
        return strip

    def _draw_rows(self, width: int, height: int) -> list[list[Run]]:
        """The rows for this size (none when the panel has no room)."""
        self._rows_size = (width, height)
        return panel_rows(self.view, width, height) if width > 0 and height > 0 else []

    def _base_style(self) -> Style:
        """The panel's own colours, kept until its styles change (`notify_style_update`)."""
        if self._base is None:
            self._base, self._styles = self.rich_style, {}
        return self._base

    def _strip(self, row: list[Run], width: int) -> Strip:
        """A row (`width` cells, as `panel_rows` makes them) as a strip over the panel's
        colours."""
        return Strip(run_segments(row, self._base_style(), self._styles), width)

    def on_click(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Ask the screen to open this panel full-size."""
        self.post_message(self.OpenRequested(self.signal_id))

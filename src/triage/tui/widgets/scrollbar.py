"""Scrollbars whose thumb fills whole cells, so they never draw the dashboards' bar glyphs.

Textual draws the two ends of a scrollbar's thumb with eighth-block characters (`▁▂▃▄▅▆▇`) for
smoother movement. Those are the characters of the game's bar charts, and the thumb's colour sits
close to its track's (under NO_COLOR, and in the default theme): a thumb end read as a stray pair
of chart bars at the right edge of the logs, the debrief, the diagnosis and the catalog, moving
with the clock as the log grew. A thumb of whole cells is plainly a scrollbar.
"""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBar, ScrollBarRender


class WholeCellScrollBarRender(ScrollBarRender):
    """Textual's scrollbar, with the thumb's partial end cells left as track (no glyphs)."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def use_whole_cell_scrollbars() -> None:
    """Draw every scrollbar of this process with `WholeCellScrollBarRender` (Textual reads the
    renderer from the `ScrollBar` class, so this is set once, before an app runs)."""
    ScrollBar.renderer = WholeCellScrollBarRender

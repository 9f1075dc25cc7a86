"""Choice widgets whose state shows in the glyph, not only in colour.

Textual draws a chosen and an unchosen radio button or selection with the same character and tells
them apart by colour alone, which is unreadable with NO_COLOR or on a monochrome terminal. These
subclasses draw `●`/`✓` when chosen and a blank when not.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList

ON_RADIO, ON_CHECK, OFF = "●", "✓", " "


class MarkedRadioButton(RadioButton):
    """A radio button that shows `●` only when it is the chosen one."""

    @property
    def _button(self) -> Content:
        button = super()._button
        inner = ON_RADIO if self.value else OFF
        return Content.assemble(*(
            (inner, span_style) if index == 1 else (text, span_style)
            for index, (text, span_style) in enumerate(_parts(button))
        ))


def _parts(content: Content) -> list[tuple[str, object]]:
    """The three one-character parts of a toggle button with their styles."""
    parts = []
    for offset in range(len(content.plain)):
        piece = content[offset: offset + 1]
        spans = piece.spans
        parts.append((piece.plain, spans[0].style if spans else ""))
    return parts


class MarkedSelectionList(SelectionList[str]):
    """A selection list that shows `✓` beside chosen options and a blank beside the others."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2:
            return strip
        meta = segments[1].style.meta if segments[1].style else {}
        index = meta.get("option")
        if index is None:
            return strip
        chosen = self.get_option_at_index(index).value in self.selected
        text, style, control = segments[1]
        segments[1] = Segment(ON_CHECK if chosen else OFF, style, control)
        return Strip(segments, strip.cell_length)

"""Choice widgets whose state shows in the glyph, not only in colour, and whose labels wrap.

Textual draws a chosen and an unchosen radio button or selection with the same character and tells
them apart by colour alone, which is unreadable with NO_COLOR or on a monochrome terminal. These
subclasses draw `●`/`✓` when chosen and a blank when not.

Textual also cuts a long label with `…` on one line. On the diagnosis screen that gave answers
away (the right root cause was often the one option too long to read), so these labels wrap,
with continuation lines indented under the label, not under the button.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widgets import OptionList, RadioButton, SelectionList

from triage.tui.textual_internals import (
    left_gutter_width,
    option_line,
    toggle_button,
    toggle_label,
)

ON_RADIO, ON_CHECK, OFF = "●", "✓", " "


class MarkedRadioButton(RadioButton):
    """A radio button that shows `●` only when it is the chosen one; its label wraps."""

    @property
    def _button(self) -> Content:  # overrides Textual's (see `triage.tui.textual_internals`)
        button = super()._button
        inner = ON_RADIO if self.value else OFF
        return Content.assemble(*(
            (inner, span_style) if index == 1 else (text, span_style)
            for index, (text, span_style) in enumerate(_parts(button))
        ))

    def _label_lines(self, width: int) -> list[Content]:
        """The label wrapped beside the button (one space of padding each side)."""
        room = max(4, width - self._button.cell_length - 2)
        return toggle_label(self).wrap(room) or [Content("")]

    def render(self) -> Content:
        button = self._button
        label_style = self.get_visual_style("toggle--label")
        lines = self._label_lines(self.content_size.width)
        widest = max(line.cell_length for line in lines)
        indent = Content(" " * button.cell_length)
        rows = [Content.assemble(button if index == 0 else indent,
                                 line.pad(1, 1 + widest - line.cell_length)
                                 .stylize_before(label_style))
                for index, line in enumerate(lines)]
        return Content("\n").join(rows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._label_lines(width))


def _parts(content: Content) -> list[tuple[str, TextualStyle | str]]:
    """The three one-character parts of a toggle button with their styles."""
    parts: list[tuple[str, TextualStyle | str]] = []
    for offset in range(len(content.plain)):
        piece = content[offset: offset + 1]
        spans = piece.spans
        parts.append((piece.plain, spans[0].style if spans else ""))
    return parts


class MarkedSelectionList(SelectionList[str]):
    """A selection list that shows `✓` beside chosen options and a blank beside the others;
    long options wrap, the button on their first line only."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual measures the options at the full width, but draws them beside the buttons.
        return super().get_content_height(container, viewport,
                                          width - left_gutter_width(self))

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = option_line(self, self.scroll_offset.y + y)
        except IndexError:
            return line
        selection = self.get_option_at_index(index)
        chosen = selection.value in self.selected
        component = "selection-list--button" + ("-selected" if chosen else "")
        if self.highlighted == index:
            component += "-highlighted"
        underlying = next(iter(line)).style or self.rich_style
        if offset:  # a continuation line: no button, the text stays under the label
            gap = Segment(" " * left_gutter_width(self), underlying)
            return Strip([gap, *line])
        meta = Style(meta={"option": index})
        button = self.get_component_rich_style(component) + meta
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + meta
        base = toggle_button()
        return Strip([
            Segment(base.BUTTON_LEFT, side),
            Segment(ON_CHECK if chosen else OFF, button),
            Segment(base.BUTTON_RIGHT, side),
            Segment(" ", underlying),
            *line,
        ])

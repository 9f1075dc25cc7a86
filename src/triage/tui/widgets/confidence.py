"""A confidence picker from 50% to 100% in steps of 5: arrows, +/-, digits or a click."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

LOW, HIGH, STEP = 50, 100, 5


def render_confidence(value: int, width: int, focused: bool) -> Text:
    """`value`% as a bar across `width` cells, with the number at the end."""
    label = f" {value:>3}% sure"
    bar_width = max(4, width - len(label) - 2)
    filled = round((value - LOW) / (HIGH - LOW) * bar_width)
    out = Text(no_wrap=True)
    out.append("◀" if focused else " ", "bold")
    out.append("█" * filled, "#5fafd7")
    out.append("░" * (bar_width - filled), "#444444")
    out.append("▶" if focused else " ", "bold")
    out.append(label, "bold")
    return out


class ConfidenceBar(Widget, can_focus=True):
    """How sure the player is of the diagnosis (0.5 to 1.0 for the engine)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "change(-5)", "Less sure", id="confidence.less"),
        Binding("right,plus,equals_sign", "change(5)", "More sure", id="confidence.more"),
    ]

    value: reactive[int] = reactive(80)

    @property
    def fraction(self) -> float:
        """The value as the engine wants it, 0.5 to 1.0."""
        return self.value / 100

    def validate_value(self, value: int) -> int:
        return max(LOW, min(HIGH, int(round(value / STEP)) * STEP))

    def render(self) -> Text:
        return render_confidence(self.value, self.content_size.width, self.has_focus)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_change(self, delta: int) -> None:
        """Move the confidence by `delta` percent."""
        self.value += delta

    def on_click(self, event: events.Click) -> None:
        width = max(1, self.content_size.width - 12)
        self.value = LOW + round(max(0, event.x - 1) / width * (HIGH - LOW))

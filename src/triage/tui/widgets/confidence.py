"""A confidence picker from 0% to 100% in steps of 10: left/right, +/-, home/end or a click."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

LOW, HIGH, STEP = 0, 100, 10
DEFAULT = 50
"""Where the bar starts: neither sure nor unsure, so the player moves it to say what they
believe."""


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
    """How sure the player is of the diagnosis (0.0 to 1.0 for the engine)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", f"change(-{STEP})", "Less sure", id="confidence.less"),
        Binding("right,plus,equals_sign", f"change({STEP})", "More sure", id="confidence.more"),
        Binding("home", f"change(-{HIGH})", "Not at all sure", id="confidence.lowest",
                show=False),
        Binding("end", f"change({HIGH})", "Certain", id="confidence.highest", show=False),
    ]

    value: reactive[int] = reactive(DEFAULT)

    @property
    def fraction(self) -> float:
        """The value as the engine wants it, 0.0 to 1.0."""
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

"""A text widget whose content depends on its width (charts that fill the space they get)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget


class SizedText(Widget):
    """Renders `draw(width)`, so the content always fits the widget's current width."""

    def __init__(self, draw: Callable[[int], Text], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.draw = draw

    def render(self) -> Text:
        return self.draw(max(1, self.content_size.width or self.size.width))

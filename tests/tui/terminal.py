"""What a real terminal would show: every update the app writes, applied to a grid of cells.

Under Pilot the app runs headless and writes nothing, so a screen read from the compositor
(`screen_text`) is always a clean, full render; it cannot show a cell that a partial repaint left
stale, or one that a screen no longer in front painted over the current one. `VirtualTerminal`
records every update the app sends to the terminal (full layouts and the partial "chops" of the
incremental repaint), from whichever screen sends it, and applies them as a terminal would.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import ControlType

from triage.tui.app import TriageApp
from triage.tui.textual_internals import hook_display


class VirtualTerminal:
    """A `width` x `height` grid of cells that the app's updates are written onto."""

    def __init__(self, app: TriageApp, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[" "] * width for _ in range(height)]
        self.updates = 0
        self._console = Console(width=width, height=height, legacy_windows=False,
                                force_terminal=True, color_system="truecolor")
        hook_display(app, self._display)

    def _display(self, screen: Any, renderable: Any) -> None:
        """Stand-in for `App._display`: write the update whatever screen sent it."""
        if renderable is None:
            return
        self.updates += 1
        options = self._console.options.update(width=self.width, height=self.height)
        x = y = 0
        for segment in renderable.__rich_console__(self._console, options):
            if segment.control:
                for control in segment.control:
                    if control[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = int(control[1]), int(control[2])
                continue
            for char in segment.text:
                if char == "\n":
                    x, y = 0, y + 1
                    continue
                self._put(x, y, char)
                x += cell_len(char)

    def _put(self, x: int, y: int, char: str) -> None:
        if 0 <= y < self.height and 0 <= x < self.width:
            self.cells[y][x] = char
            if cell_len(char) == 2 and x + 1 < self.width:
                self.cells[y][x + 1] = ""

    def text(self) -> str:
        """The grid as lines of text, top to bottom (a wide character fills its two cells)."""
        return "\n".join("".join(row) for row in self.cells)

"""The round's wall-clock countdown, as plain data the TUI only renders.

The clock reads time from an injectable function (`time.monotonic` by default), so tests move it
by hand. Pausing freezes the remaining time; extending adds to it, even after it ran out.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Countdown:
    """Seconds left on a team's turn, with pause and extend for the facilitator."""

    def __init__(self, seconds: float, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._left = float(seconds)
        self._since: float | None = now()
        self.total = float(seconds)

    @property
    def paused(self) -> bool:
        """Whether the clock is stopped."""
        return self._since is None

    @property
    def remaining(self) -> float:
        """Seconds left (never below zero)."""
        if self._since is None:
            return max(0.0, self._left)
        return max(0.0, self._left - (self._now() - self._since))

    @property
    def expired(self) -> bool:
        """Whether the time has run out."""
        return self.remaining <= 0.0

    def pause(self) -> None:
        """Stop the clock."""
        if self._since is not None:
            self._left = self.remaining
            self._since = None

    def resume(self) -> None:
        """Start the clock again."""
        if self._since is None:
            self._since = self._now()

    def toggle(self) -> bool:
        """Pause or resume; returns whether it is now paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()
        return self.paused

    def extend(self, seconds: float) -> None:
        """Add time to the turn."""
        running = not self.paused
        self.pause()
        self._left = self._left + seconds
        self.total += seconds
        if running:
            self.resume()

    def text(self) -> str:
        """The time left as `MM:SS` (rounded up, so 0:00 means it has run out)."""
        seconds = int(-(-self.remaining // 1))
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

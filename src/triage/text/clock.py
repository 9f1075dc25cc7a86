"""The simulated wall clock as the player reads it: one format, computed in one place.

Every time of day a play shows (the status bar, the page, log lines, the change table, report
headings) counts days from the day of the page, which is "today":

- `09:49`: on the day of the page;
- `-1d 14:15`: the day before the page, `-2d 09:13` two days before;
- `+1d 00:10`: the day after (a play that runs past midnight).

A single-day incident therefore reads as it always did, and a multi-day one no longer mixes a
`d2` clock with bare times that mean yesterday. Times are whole minutes, cut (not rounded) from
the simulated minute, and an offset from the page is taken between the same whole minutes, so a
`when` and its `vs page` always agree.
"""

from __future__ import annotations

import math

MINUTES_PER_DAY = 1440


def whole(minute: float) -> int:
    """The whole minute a moment falls in (what its clock shows)."""
    return math.floor(minute)


def clock(minute: float, page_minute: float = 0, start: float = 0) -> str:
    """The time of day at `minute`, with its day counted from the page's day; `start` is the
    wall-clock time of minute 0, in minutes after midnight (an incident's `timeline.clock`)."""
    day, in_day = divmod(whole(minute + start), MINUTES_PER_DAY)
    days = day - whole(page_minute + start) // MINUTES_PER_DAY
    text = f"{in_day // 60:02d}:{in_day % 60:02d}"
    if days == 0:
        return text
    return f"{days:+d}d {text}"


def offset(minutes: int) -> str:
    """A signed whole-minute offset, `+7m`, `-1h05m`, `-43h25m`."""
    sign = "-" if minutes < 0 else "+"
    size = abs(minutes)
    return f"{sign}{size // 60}h{size % 60:02d}m" if size >= 60 else f"{sign}{size}m"


def from_page(minute: float, page_minute: float) -> str:
    """How long before (or after) the page `minute` is, between the whole minutes the clocks
    show: `-1h30m` for 09:11 against a page at 10:41."""
    return offset(whole(minute) - whole(page_minute))

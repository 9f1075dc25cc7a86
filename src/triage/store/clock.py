"""The wall clock, read in one place.

Plays' `ended_at`, game-day run ids and their `created_at` are the only things in triage that
depend on the calendar. Product code reads the time through `utc_now()` (looked up on this module
at call time) or takes it as an argument, so a test can pass a moment in or freeze the clock for
the whole test instead of depending on the day it runs.
"""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime; a naive one is taken as local time, as Python does."""
    return moment.astimezone(timezone.utc)

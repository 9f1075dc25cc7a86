"""Helpers the practice screens share: whose plays to show, and reading the database safely.

Screens never prompt or repair: a damaged database is reported on screen with the command that
keeps it aside and starts a fresh one, because the terminal belongs to Textual while it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from triage.store import Store, StoreError, default_player
from triage.store.recording import RESET_HINT

T = TypeVar("T")


def player_name(app: Any, explicit: str | None = None) -> str:
    """The player: `explicit`, else the app's `options.player`, else the OS user."""
    if explicit:
        return explicit
    options = getattr(app, "options", None)
    return getattr(options, "player", None) or default_player()


def read_store(work: Callable[[Store], T]) -> tuple[T | None, str]:
    """Run `work` on the practice database; return (its result, "") or (None, the problem)."""
    store = Store()
    try:
        return work(store.open()), ""
    except (StoreError, ValueError) as error:
        from triage.practice.storeaccess import as_store_error

        problem = as_store_error(error, store)
        advice = f"\nIt was left as it is: {RESET_HINT}." if problem.damaged else ""
        return None, f"{problem}{advice}"
    finally:
        store.close()

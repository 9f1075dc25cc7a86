"""triage.store: the practice database (stdlib sqlite3) for plays, players and game days.

No Textual, no numpy: the CLI, the engine's callers and the game-day server all use it headless.

The names below are imported on first use (PEP 562), so a command that needs only one corner of
the store (`triage history`, `triage list` reading which incidents are finished) does not pay
for the rest: the play records' dataclasses, JSON and hashing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triage.store.errors import StoreError
    from triage.store.paths import data_dir, db_path, default_player
    from triage.store.plays import Store
    from triage.store.records import (
        MODES,
        GamedayRun,
        PlayRecord,
        StoredPlay,
        play_checksum,
    )
    from triage.store.schema import CURRENT_VERSION

_HOMES = {
    "CURRENT_VERSION": "schema",
    "MODES": "records",
    "GamedayRun": "records",
    "PlayRecord": "records",
    "Store": "plays",
    "StoreError": "errors",
    "StoredPlay": "records",
    "data_dir": "paths",
    "db_path": "paths",
    "default_player": "paths",
    "play_checksum": "records",
}
"""Each public name, and the module of this package that defines it."""

__all__ = [
    "CURRENT_VERSION",
    "MODES",
    "GamedayRun",
    "PlayRecord",
    "Store",
    "StoreError",
    "StoredPlay",
    "data_dir",
    "db_path",
    "default_player",
    "play_checksum",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the ones not imported yet included."""
    return sorted([*globals(), *_HOMES])

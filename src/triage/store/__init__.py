"""triage.store: the practice database (stdlib sqlite3) for plays, players and game days.

No Textual, no numpy: the CLI, the engine's callers and the game-day server all use it headless.
"""

from __future__ import annotations

from triage.store.errors import StoreError
from triage.store.paths import data_dir, db_path, default_player
from triage.store.plays import Store
from triage.store.records import MODES, GamedayRun, PlayRecord, StoredPlay, play_checksum
from triage.store.schema import CURRENT_VERSION

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

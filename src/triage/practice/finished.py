"""Which incidents a player has finished: what unlocks an incident's pitfall in `triage list` and
the catalog screen, so the lesson is not given away before the incident has been played.

A play is stored only when it ends (the debrief), so any stored play of an incident counts,
whatever started it (a single play, a shift, a game day). Reading is best effort: no database, a
damaged or newer one, or one that cannot be read all mean "nothing finished yet", because a
listing must never fail over the practice history (`triage history` is where such problems are
reported). A missing database is not created just to be read.

Imports only `triage.store` (stdlib sqlite3): no numpy, pydantic or Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from triage.store import Store, StoreError, db_path, default_player
from triage.store.summaries import played_incidents


def finished_incidents(player: str | None = None, *, path: Path | None = None,
                       aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    """The ids of the incidents `player` (default: the OS user) has finished at least once, read
    from the practice database at `path` (default: `db_path()`); empty when it cannot be read.
    A play stored under a former id counts for the incident that now has it (`aliases`: former
    id to current id, as a catalog knows them)."""
    database = path if path is not None else db_path()
    if not database.is_file():
        return frozenset()
    who = player or default_player()
    try:
        with Store(database, quick_check=False) as store:
            stored = played_incidents(store, who)
            return frozenset(stored | {aliases[i] for i in stored if aliases and i in aliases})
    except (StoreError, ValueError, OSError):
        # ValueError: a stored row that no longer decodes (damage SQLite itself did not see).
        return frozenset()

"""Record a replay in the practice database, beside the plays (`triage.store.labs`)."""

from __future__ import annotations

import hashlib
from typing import Any

from triage.lab.model import Lab
from triage.lab.replay import Replay


def lab_hash(lab: Lab) -> str:
    """A fingerprint of the lab as validated (its JSON), stored with each result."""
    return hashlib.sha256(lab.model_dump_json(by_alias=True).encode()).hexdigest()


def record_replay(replay: Replay, rules_text: str, player: str | None = None) -> int:
    """Store the replay's overall figures for `player` (default: the OS user); returns the
    result's id. Raises `triage.store.StoreError` when the database cannot take it."""
    from triage.store.labs import save_lab_result
    from triage.store.paths import default_player
    from triage.store.plays import Store

    history = replay.history
    with Store(quick_check=False) as store:
        return save_lab_result(store, player or default_player(), history.lab.id,
                               lab_hash(history.lab), history.seed, rules_text,
                               result_figures(replay))


def result_figures(replay: Replay) -> dict[str, Any]:
    """What a stored result keeps: the overall figures, and each incident's pitfall and fate
    (mastery lists, per pitfall, the lab incidents a player's rules catch)."""
    incidents = [{"id": c.incident.id, "pitfall": c.incident.incident.pitfall,
                  "caught": c.caught,
                  "delay_minutes": None if c.delay is None else round(c.delay, 1)}
                 for c in replay.catches]
    return {**replay.overall.as_dict(), "incidents": incidents}

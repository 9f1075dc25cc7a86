"""The finished play as plain values: what the engine hands the store when a play ends.

The store sits above the engine but takes no `Session` or `Debrief`: it takes a `FinishedPlay`,
a frozen record of strings, numbers and JSON-ready steps, built here by `finished_play`. A new
fact about a play (for the on-call loop: impact, resolution, a status update) is a new field
here, read from the session in `finished_play`, and a column or JSON key in the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triage.engine.rules import RULES_VERSION

if TYPE_CHECKING:
    from triage.engine.debrief import Debrief
    from triage.engine.session import Session
    from triage.model.loader import LoadedIncident


@dataclass(frozen=True)
class FinishedPlay:
    """One finished play of one incident, without the player, the time or the game day.

    `steps` are the applied actions in actions-file form (what `triage play --actions` reads).
    `breakdown` is the debrief's score breakdown; it and the steps must be JSON-serialisable to
    be stored.
    """

    incident_id: str
    incident_hash: str
    """SHA-256 of the incident file's bytes, so a replay can tell whether it changed since."""
    incident_path: str
    """The incident file as an absolute path (links not resolved: the path the player named)."""
    pitfall: str
    difficulty: int
    seed: int
    variant: str | None
    """The root-cause variant the seed played (None for an incident without variants)."""
    steps: tuple[Any, ...]
    score: int
    grade: str
    breakdown: dict[str, Any]
    rules: int = RULES_VERSION
    """The version of the scoring rules that gave `score`."""


def finished_play(loaded: LoadedIncident, session: Session, debrief: Debrief) -> FinishedPlay:
    """The plain record of `session`, played on `loaded` and scored in `debrief`."""
    return FinishedPlay(
        incident_id=loaded.incident.id,
        incident_hash=loaded.sha256,
        incident_path=os.path.abspath(loaded.path),
        pitfall=loaded.incident.pitfall,
        difficulty=loaded.incident.difficulty,
        seed=session.seed,
        variant=debrief.variant,
        steps=tuple(item.action.to_step() for item in session.log),
        score=debrief.score,
        grade=debrief.grade,
        breakdown=debrief.as_json()["breakdown"],
        rules=debrief.rules,
    )

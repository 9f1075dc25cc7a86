"""The values the store takes and gives back: plays and game-day runs.

A `PlayRecord` is what the engine hands over when a play ends; the store gives it back as a
`StoredPlay`, the same fields plus the row `id`. Action logs and score breakdowns are kept as
JSON text, each play with a SHA-256 checksum over that text, so a damaged row can be told from a
whole one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from triage.engine.rules import RULES_VERSION
from triage.store.fields import read_field
from triage.store.summaries import MODES as MODES  # defined beside the light readers


@dataclass(frozen=True)
class PlayRecord:
    """One finished play, as the engine reports it.

    `incident_hash` is the SHA-256 of the incident file's bytes, so a replay can tell whether the
    incident changed since. `actions` is the full action log and `breakdown` the score breakdown;
    both must be JSON-serialisable. `score` is on the 0..100 scale mastery expects.
    """

    player: str
    incident_id: str
    incident_hash: str
    pitfall: str
    difficulty: int
    seed: int
    actions: list[dict[str, Any]]
    score: int
    grade: str
    breakdown: dict[str, Any]
    started_at: datetime
    ended_at: datetime
    gameday_run: str | None = None
    team: str | None = None
    mode: str = "play"
    rules: int = RULES_VERSION
    """The version of the scoring rules that gave `score` (plays from before version 2 read 1)."""
    variant: str | None = None
    """The root-cause variant the play had (None: the incident had no variants then)."""
    incident_path: str | None = None
    """The incident file the play was read from, as an absolute path (None: plays stored before
    triage kept it); `triage replay` looks there first."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if not self.player:
            raise ValueError("a play needs a player name")


@dataclass(frozen=True)
class StoredPlay(PlayRecord):
    """A play read back from the store: the record plus its row id (ids grow with each save)."""

    id: int = field(kw_only=True)


@dataclass(frozen=True)
class GamedayRun:
    """A game day as the store keeps it: its id, the plan's title, the plan, when it began."""

    id: str
    title: str
    plan: dict[str, Any]
    created_at: datetime


def dump_json(value: Any, what: str) -> str:
    """Serialise `value` to compact, key-sorted JSON, or raise ValueError naming `what` it is."""
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"the play's {what} cannot be saved as JSON: {error}") from error


def play_checksum(actions_json: str, breakdown_json: str) -> str:
    """SHA-256 (hex) over the stored JSON texts of a play's action log and breakdown."""
    digest = hashlib.sha256()
    digest.update(actions_json.encode("utf-8"))
    digest.update(b"\n")
    digest.update(breakdown_json.encode("utf-8"))
    return digest.hexdigest()


PLAY_COLUMNS = (
    "id, player, incident_id, incident_hash, pitfall, difficulty, seed, actions, score, grade, "
    "breakdown, started_at, ended_at, gameday_run, team, mode, rules, variant, incident_path"
)
"""The columns, in order, that `play_from_row` reads."""


def play_from_row(row: tuple[Any, ...]) -> StoredPlay:
    """A `StoredPlay` from a row selected with `PLAY_COLUMNS`; raises `UnreadableRow` (a
    ValueError) naming the field that does not decode."""
    (play_id, player, incident_id, incident_hash, pitfall, difficulty, seed, actions, score,
     grade, breakdown, started_at, ended_at, gameday_run, team, mode, rules,
     variant, incident_path) = row  # fmt: skip
    return StoredPlay(
        id=play_id,
        player=player,
        incident_id=incident_id,
        incident_hash=incident_hash,
        pitfall=pitfall,
        difficulty=difficulty,
        seed=_field("seed", int, seed),
        actions=_field("action log", _json_list, actions),
        score=_field("score", _integer, score),
        grade=grade,
        breakdown=_field("score breakdown", _json_object, breakdown),
        started_at=_field("start time", datetime.fromisoformat, started_at),
        ended_at=_field("end time", datetime.fromisoformat, ended_at),
        gameday_run=gameday_run,
        team=team,
        mode=_field("mode", _mode, mode),
        rules=_field("rules version", int, rules),
        variant=variant if isinstance(variant, str) else None,
        incident_path=incident_path if isinstance(incident_path, str) and incident_path
        else None,
    )


class UnreadableRow(ValueError):
    """A stored play whose row SQLite reads but triage cannot decode (edited by hand, written
    by a bug, or bit rot that SQLite's own checks do not see)."""


@dataclass(frozen=True)
class UnreadablePlay:
    """A stored play that could not be read: its id, and what was wrong with it."""

    id: int
    reason: str


class PlayList(list[StoredPlay]):
    """Plays read from the store, plus `unreadable`: the plays in the same query that could not
    be decoded (each skipped, and named so a command can say so)."""

    def __init__(self, plays: Any = (), unreadable: Any = ()) -> None:
        super().__init__(plays)
        self.unreadable: tuple[UnreadablePlay, ...] = tuple(unreadable)


def read_play(row: tuple[Any, ...]) -> StoredPlay | UnreadablePlay:
    """The play in `row`, or an `UnreadablePlay` saying why it cannot be read."""
    try:
        return play_from_row(row)
    except UnreadableRow as error:
        return UnreadablePlay(row[0], str(error))
    except (ValueError, TypeError) as error:  # a missing name, a wrong type in another column
        return UnreadablePlay(row[0], f"the row does not decode ({error})")


def _field(what: str, decode: Any, value: Any) -> Any:
    return read_field(what, decode, value, UnreadableRow)


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected a whole number")
    return value


def _json_list(text: str) -> list[Any]:
    value = json.loads(text)
    if not isinstance(value, list):
        raise ValueError("expected a JSON list")
    return value


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("expected a JSON object")
    return value


def _mode(value: str) -> str:
    if value not in MODES:
        raise ValueError(f"not one of {', '.join(MODES)}")
    return value


def run_from_row(row: tuple[Any, ...]) -> GamedayRun:
    """A `GamedayRun` from a row of (id, title, plan, created_at)."""
    run_id, title, plan, created_at = row
    return GamedayRun(run_id, title, json.loads(plan), datetime.fromisoformat(created_at))

"""Alert-lab results in the practice database, beside the plays (schema version 8).

A result is one replay of a player's rules against a lab: the lab and its hash, the seed, the
rules as written (so the replay can be run again) and the overall figures. Like plays, results
are only ever added; `best_scores` and `lab_results` read them back.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any, NamedTuple

from triage.store import clock
from triage.store.plays import Store


class LabResult(NamedTuple):
    """One stored replay of a player's rules against a lab."""

    id: int
    player: str
    lab_id: str
    lab_hash: str
    seed: int
    rules: str
    score: float
    figures: dict[str, Any]
    ended_at: str


_COLUMNS = "id, player, lab_id, lab_hash, seed, rules, score, figures, ended_at"


def save_lab_result(store: Store, player: str, lab_id: str, lab_hash: str, seed: int,
                    rules: str, figures: dict[str, Any], ended_at: datetime | None = None
                    ) -> int:
    """Add a result in one transaction; return its id."""
    import json

    moment = clock.as_utc(ended_at) if ended_at is not None else clock.utc_now()
    with store.reading("save the lab result") as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            cursor = connection.execute(
                "INSERT INTO lab_results (player, lab_id, lab_hash, seed, rules, score, figures,"
                " ended_at, ended_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (player, lab_id, lab_hash, str(seed), rules, float(figures.get("score", 0.0)),
                 json.dumps(figures, sort_keys=True), moment.isoformat(), moment.timestamp()))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return int(cursor.lastrowid or 0)


def _result(row: sqlite3.Row | tuple[Any, ...]) -> LabResult:
    import json  # here: `history profile` of a player with no lab results never needs it

    ident, player, lab_id, lab_hash, seed, rules, score, figures, ended_at = row
    return LabResult(int(ident), player, lab_id, lab_hash, int(seed), rules, float(score),
                     json.loads(figures), ended_at)


def lab_results(store: Store, player: str, lab_id: str | None = None,
                limit: int = 50) -> list[LabResult]:
    """A player's results, newest first (of one lab when `lab_id` is given)."""
    where, params = "player = ?", [player]
    if lab_id is not None:
        where, params = where + " AND lab_id = ?", [*params, lab_id]
    with store.reading("list lab results") as connection:
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM lab_results WHERE {where} "
            "ORDER BY ended_ts DESC, id DESC LIMIT ?", (*params, int(limit))).fetchall()
    return [_result(row) for row in rows]


def best_scores(store: Store, player: str) -> dict[str, tuple[float, int]]:
    """Per lab: the player's best score and how many replays they stored."""
    with store.reading("read lab scores") as connection:
        rows = connection.execute(
            "SELECT lab_id, MAX(score), COUNT(*) FROM lab_results WHERE player = ? "
            "GROUP BY lab_id", (player,)).fetchall()
    return {lab_id: (float(best), int(count)) for lab_id, best, count in rows}

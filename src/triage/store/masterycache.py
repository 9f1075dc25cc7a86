"""Each player's mastery kept in the database, so `history profile` folds in only the plays
saved since it last ran instead of every play the player ever made (schema version 9).

A player's cache is a row per pitfall (rating, plays, recent scores) and a mark: the end time and
id of the last play folded in, the ids of the unreadable plays up to it, and the version of the
rating formula. Reading takes the rows, folds in the plays after the mark (in the same order a
full fold takes them, so the ratings are the same floats, to the bit) and writes the result
back. Triggers on `plays` forget a player's mark when one of their plays changes or goes, or a
play lands before the mark (an older play imported late); rows without a mark are not read.

The cache never stands in the way: when it cannot be written (a read-only database, another
process writing at that moment), the mastery is worked out all the same and returned.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from triage.store.connection import BUSY_TIMEOUT_S
from triage.store.mastery import FORMULA_VERSION, PitfallMastery, fold_scores
from triage.store.plays import Store
from triage.store.summaries import READABLE

RECENT_KEPT = 20
"""How many recent scores a pitfall keeps (the trend `history profile` draws)."""

WRITE_WAIT_MS = 200
"""How long writing the cache waits for another writer before giving up on it."""


def player_mastery(store: Store, player: str) -> tuple[dict[str, PitfallMastery], list[Any]]:
    """Each pitfall `player` has played, with its mastery (`trend` holds the last 20 scores),
    and their unreadable plays (`UnreadablePlay`s, by id); the cache is brought up to date."""
    with store.reading("read the player's mastery") as connection:
        connection.execute("BEGIN")  # the reads and the write see one state of the database
        try:
            folded, bad = _up_to_date(connection, player)
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")
    if not bad:
        return folded, []
    from triage.store.records import UnreadablePlay

    return folded, [UnreadablePlay(ident, "its score or difficulty cannot be read")
                    for ident in bad]


def _up_to_date(connection: sqlite3.Connection, player: str
                ) -> tuple[dict[str, PitfallMastery], list[int]]:
    mark = connection.execute(
        "SELECT through_ts, through_id, unreadable FROM mastery_marks WHERE player = ? AND "
        "formula = ?", (player, FORMULA_VERSION)).fetchone()
    if mark is None:
        so_far: dict[str, PitfallMastery] = {}
        bad: list[int] = []
        after, where = "", (player,)
    else:
        so_far = {pitfall: PitfallMastery(pitfall, rating, plays, _scores(recent))
                  for pitfall, rating, plays, recent in connection.execute(
                      "SELECT pitfall, rating, plays, recent FROM mastery_rows "
                      "WHERE player = ?", (player,))}
        bad = [int(ident) for ident in mark[2].split(",") if ident]
        after = "AND (ended_ts > ? OR (ended_ts = ? AND id > ?))"
        where = (player, mark[0], mark[0], mark[1])
    rows = connection.execute(
        f"SELECT pitfall, difficulty, score, {READABLE}, ended_ts, id FROM plays "
        f"WHERE player = ? {after} ORDER BY ended_ts, id", where).fetchall()
    if not rows:
        return so_far, bad
    folded = fold_scores([row[:3] for row in rows if row[3]], so_far, RECENT_KEPT)
    bad = sorted([*bad, *(row[5] for row in rows if not row[3])])
    _keep(connection, player, folded, (rows[-1][4], rows[-1][5]), bad)
    return folded, bad


def _keep(connection: sqlite3.Connection, player: str, folded: dict[str, PitfallMastery],
          through: tuple[Any, Any], bad: list[int]) -> None:
    """Write the player's rows and mark, or nothing if the database will not take them now."""
    connection.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS:d}")
    try:
        connection.execute("DELETE FROM mastery_rows WHERE player = ?", (player,))
        connection.executemany(
            "INSERT INTO mastery_rows (player, pitfall, rating, plays, recent) "
            "VALUES (?, ?, ?, ?, ?)",
            [(player, row.pitfall, row.rating, row.plays, ",".join(f"{s:.0f}" for s in row.trend))
             for row in folded.values()])
        connection.execute(
            "INSERT OR REPLACE INTO mastery_marks (player, formula, through_ts, through_id, "
            "unreadable) VALUES (?, ?, ?, ?, ?)",
            (player, FORMULA_VERSION, *through, ",".join(map(str, bad))))
        connection.execute("COMMIT")
    except sqlite3.OperationalError:  # read-only, or another writer got there first
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000):d}")


def forget_mismatched(connection: sqlite3.Connection) -> list[str]:
    """Each player whose kept mastery is not what folding their plays up to its mark gives (a
    row edited by hand: the triggers see every change made to `plays`, not to the cache), one
    problem each; their mark is forgotten, so the next read folds every play again."""
    problems = []
    marks = connection.execute("SELECT player, through_ts, through_id, unreadable FROM "
                               "mastery_marks WHERE formula = ?", (FORMULA_VERSION,)).fetchall()
    for player, through_ts, through_id, unreadable in marks:
        kept = {pitfall: (rating, plays, _scores(recent)) for pitfall, rating, plays, recent
                in connection.execute("SELECT pitfall, rating, plays, recent FROM mastery_rows "
                                      "WHERE player = ?", (player,))}
        rows = connection.execute(
            f"SELECT pitfall, difficulty, score, {READABLE}, id FROM plays WHERE player = ? AND "
            "(ended_ts < ? OR (ended_ts = ? AND id <= ?)) ORDER BY ended_ts, id",
            (player, through_ts, through_ts, through_id)).fetchall()
        folded = fold_scores([row[:3] for row in rows if row[3]], {}, RECENT_KEPT)
        bad = [row[4] for row in rows if not row[3]]
        if kept == {pitfall: (row.rating, row.plays, row.trend) for pitfall, row in
                    folded.items()} and bad == [int(i) for i in unreadable.split(",") if i]:
            continue
        try:
            connection.execute("DELETE FROM mastery_marks WHERE player = ?", (player,))
            done = "forgotten: worked out again from every play when next read"
        except sqlite3.OperationalError:  # a read-only database
            done = "the database is read-only, so it could not be forgotten"
        problems.append(f"player {player}: the mastery kept for the profile and the Practise "
                        f"pick does not match their plays ({done})")
    return problems


def _scores(recent: str) -> list[float]:
    return [float(score) for score in recent.split(",") if score]

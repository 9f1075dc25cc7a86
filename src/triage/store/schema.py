"""The database schema and its migrations.

The schema version lives in `PRAGMA user_version`. `MIGRATIONS` is ordered: entry *n* takes a
database from version *n* to *n + 1*. Each runs in its own `BEGIN IMMEDIATE` transaction together
with the version bump, so a crash (or SIGKILL) mid-migration leaves the previous version intact,
and two processes opening a fresh database at once cannot both apply the same step.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]

V1_SQL = (
    """
    CREATE TABLE plays (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        player        TEXT    NOT NULL,
        incident_id   TEXT    NOT NULL,
        incident_hash TEXT    NOT NULL,
        pitfall       TEXT    NOT NULL,
        difficulty    INTEGER NOT NULL,
        seed          TEXT    NOT NULL,  -- decimal text: seeds may exceed SQLite's 64-bit integers
        actions       TEXT    NOT NULL,  -- JSON array, the full action log
        score         INTEGER NOT NULL,
        grade         TEXT    NOT NULL,
        breakdown     TEXT    NOT NULL,  -- JSON object
        started_at    TEXT    NOT NULL,  -- ISO 8601, as given
        ended_at      TEXT    NOT NULL,  -- ISO 8601, as given
        ended_ts      REAL    NOT NULL,  -- POSIX seconds of ended_at, for ordering across offsets
        checksum      TEXT    NOT NULL   -- sha256(actions || '\\n' || breakdown)
    )
    """,
    "CREATE INDEX plays_by_player ON plays (player, ended_ts)",
    "CREATE INDEX plays_by_ended ON plays (ended_ts)",
)
"""Version 1: plays only."""

V2_SQL = (
    """
    CREATE TABLE gameday_runs (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        plan       TEXT NOT NULL,  -- JSON object, the plan as run
        created_at TEXT NOT NULL   -- ISO 8601
    )
    """,
    "ALTER TABLE plays ADD COLUMN mode TEXT NOT NULL DEFAULT 'play'",
    "ALTER TABLE plays ADD COLUMN gameday_run TEXT REFERENCES gameday_runs (id)",
    "ALTER TABLE plays ADD COLUMN team TEXT",
    "CREATE INDEX plays_by_run ON plays (gameday_run, team)",
)
"""Version 2: game-day runs; plays gain mode, run and team."""


def _script(statements: Sequence[str]) -> Migration:
    def apply(connection: sqlite3.Connection) -> None:
        # One execute() per statement: executescript() would COMMIT our open transaction.
        for statement in statements:
            connection.execute(statement)

    return apply


V3_SQL = ("ALTER TABLE plays ADD COLUMN rules INTEGER NOT NULL DEFAULT 1",)
"""Version 3: each play records the version of the scoring rules that scored it (older plays
were all scored under version 1)."""

V4_SQL = (
    """
    CREATE TABLE gameday_seats (
        run_id       TEXT NOT NULL REFERENCES gameday_runs (id),
        team         TEXT NOT NULL,
        code         TEXT NOT NULL,  -- the join code the facilitator hands the team
        holder       TEXT,           -- token of the tab process holding the seat, or NULL
        holder_pid   INTEGER,        -- its process id (on the serving machine)
        heartbeat_ts REAL,           -- POSIX seconds of the holder's last sign of life
        claimed_at   TEXT,           -- ISO 8601, when the holder took the seat
        PRIMARY KEY (run_id, team)
    )
    """,
    """
    CREATE TABLE gameday_turns (
        run_id      TEXT    NOT NULL REFERENCES gameday_runs (id),
        team        TEXT    NOT NULL,
        round       INTEGER NOT NULL,  -- 0-based round index
        started_at  TEXT    NOT NULL,  -- ISO 8601
        started_ts  REAL    NOT NULL,  -- POSIX seconds
        deadline_ts REAL    NOT NULL,  -- POSIX seconds: the turn ends as it stands after this
        actions     TEXT    NOT NULL,  -- JSON array: every action applied so far, in order
        play_id     INTEGER REFERENCES plays (id),  -- the stored play, once the turn is over
        PRIMARY KEY (run_id, team, round)
    )
    """,
)
"""Version 4: game-day seats (join codes, the tab holding each team) and started turns (start,
deadline and actions kept on the server side, so a reconnecting tab resumes them)."""

V5_SQL = ("ALTER TABLE plays ADD COLUMN variant TEXT",)
"""Version 5: the root-cause variant a play had (NULL for an incident without variants, and for
plays stored before variants existed)."""

V6_SQL = ("ALTER TABLE plays ADD COLUMN incident_path TEXT",)
"""Version 6: the file a play's incident was read from, as an absolute path, so `triage replay`
finds an incident played from a file rather than the built-in pack (NULL for plays stored
before)."""

V7_SQL = ("CREATE INDEX plays_by_player_scores ON plays "
          "(player, ended_ts, id, incident_id, pitfall, difficulty, score)",)
"""Version 7: an index holding what mastery and the listings read of each play, in the order
they read it, so the "Practise" pick, `history profile`, `triage list`'s finished incidents and
the width of `triage history`'s incident column come from the index alone (about 80 bytes a
play) instead of every play's row with its action log. Nothing else changes."""

V8_SQL = (
    """
    CREATE TABLE lab_results (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        player    TEXT NOT NULL,
        lab_id    TEXT NOT NULL,
        lab_hash  TEXT NOT NULL,  -- sha256 of the lab as replayed (its validated JSON)
        seed      TEXT NOT NULL,  -- decimal text, as plays keep it
        rules     TEXT NOT NULL,  -- the rules file's text, so the replay can be repeated
        score     REAL NOT NULL,
        figures   TEXT NOT NULL,  -- JSON object: the overall figures of the replay
        ended_at  TEXT NOT NULL,  -- ISO 8601
        ended_ts  REAL NOT NULL   -- POSIX seconds of ended_at
    )
    """,
    "CREATE INDEX lab_results_by_player ON lab_results (player, lab_id, ended_ts)",
)
"""Version 8: alert-lab results beside the plays (`triage.store.labs`): one row per replay of a
player's rules against a lab. Plays and every older table are unchanged."""

V9_SQL = (
    """
    CREATE TABLE mastery_marks (
        player     TEXT PRIMARY KEY,
        formula    INTEGER NOT NULL,  -- store.mastery.FORMULA_VERSION the rows were worked out by
        through_ts REAL    NOT NULL,  -- the end time and id of the last play folded in
        through_id INTEGER NOT NULL,
        unreadable TEXT    NOT NULL   -- ids of the unreadable plays up to there, comma-separated
    )
    """,
    """
    CREATE TABLE mastery_rows (
        player  TEXT    NOT NULL,
        pitfall TEXT    NOT NULL,
        rating  REAL    NOT NULL,
        plays   INTEGER NOT NULL,
        recent  TEXT    NOT NULL,  -- the last scores, oldest first, comma-separated
        PRIMARY KEY (player, pitfall)
    )
    """,
    # A play changed, removed, or added before a player's mark makes their rows wrong: forget
    # them (the next `history profile` works them out again from every play).
    """
    CREATE TRIGGER mastery_forget_on_insert AFTER INSERT ON plays
    WHEN EXISTS (SELECT 1 FROM mastery_marks WHERE player = NEW.player AND
                 (NEW.ended_ts < through_ts OR (NEW.ended_ts = through_ts AND
                                                NEW.id <= through_id)))
    BEGIN
        DELETE FROM mastery_marks WHERE player = NEW.player;
    END
    """,
    """
    CREATE TRIGGER mastery_forget_on_update AFTER UPDATE ON plays
    BEGIN
        DELETE FROM mastery_marks WHERE player IN (OLD.player, NEW.player);
    END
    """,
    """
    CREATE TRIGGER mastery_forget_on_delete AFTER DELETE ON plays
    BEGIN
        DELETE FROM mastery_marks WHERE player = OLD.player;
    END
    """,
)
"""Version 9: each player's mastery kept through a mark (`triage.store.masterycache`), so
`history profile` folds in only the plays saved since; triggers forget it when older plays
change. A player's rows count only while their mark exists. Plays are unchanged."""

MIGRATIONS: tuple[Migration, ...] = (
    _script(V1_SQL), _script(V2_SQL), _script(V3_SQL), _script(V4_SQL), _script(V5_SQL),
    _script(V6_SQL), _script(V7_SQL), _script(V8_SQL), _script(V9_SQL))
"""Ordered migrations; `MIGRATIONS[n]` upgrades version n to n + 1."""

CURRENT_VERSION = len(MIGRATIONS)
"""The schema version this build of triage writes."""


def schema_version(connection: sqlite3.Connection) -> int:
    """The database's `user_version` (0 for a new, empty database)."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database up to `CURRENT_VERSION`, one transaction per step; return the version.

    The connection must be in autocommit mode (`isolation_level=None`) so the explicit
    transactions here are the only ones.
    """
    for target, step in enumerate(MIGRATIONS, start=1):
        if schema_version(connection) >= target:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            if schema_version(connection) < target:
                step(connection)
                connection.execute(f"PRAGMA user_version = {target:d}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return schema_version(connection)

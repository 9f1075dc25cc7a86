"""`Store`: the practice database (stdlib sqlite3) for plays and game-day runs.

Opening, durability settings and recovery live in `triage.store.connection`.

One `Store` may be shared between threads (a TUI worker saving while the UI lists history): calls
are serialised on a lock.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from triage.store import clock
from triage.store.connection import connect, move_aside
from triage.store.errors import StoreError, describe
from triage.store.paths import db_path
from triage.store.schema import schema_version

if TYPE_CHECKING:  # the records load on first use: `triage history` lists without them
    from triage.store.records import GamedayRun, PlayList, PlayRecord, StoredPlay


class Store:
    """The practice database at `path` (default: `db_path()`), opened on first use or by `open()`.

    Use it as a context manager, or call `open()` early to surface a `StoreError` (damaged,
    newer, unreadable) before the player starts, and `close()` when done.
    """

    def __init__(self, path: Path | str | None = None, *, quick_check: bool = True) -> None:
        self.path = Path(path) if path is not None else db_path()
        self.quick_check = quick_check
        """Whether opening runs SQLite's quick check of the whole file (see `connect`)."""
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    # -- lifecycle -----------------------------------------------------------------------------

    def open(self) -> Store:
        """Open (creating or migrating as needed) and return self; raise StoreError if unusable."""
        with self._lock:
            if self._connection is None:
                self._connection = connect(self.path, self.quick_check)
        return self

    def close(self) -> None:
        """Close the connection; the store reopens on next use."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _use(self, doing: str, write: bool = False) -> Iterator[sqlite3.Connection]:
        """The open connection, inside a write transaction if `write`; sqlite errors become
        StoreError."""
        with self._lock:
            connection = self.open()._connection
            assert connection is not None
            try:
                if not write:
                    yield connection
                    return
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield connection
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise describe(error, self.path, doing) from error

    def reading(self, doing: str) -> AbstractContextManager[sqlite3.Connection]:
        """The open connection, for a query of the caller's own (`triage.store.summaries`);
        sqlite errors inside become StoreError naming what was being done."""
        return self._use(doing)

    @property
    def schema_version(self) -> int:
        """The schema version of the open database (always `CURRENT_VERSION` once open)."""
        with self._use("read the schema version") as connection:
            return schema_version(connection)

    # -- plays ---------------------------------------------------------------------------------

    def save_play(self, record: PlayRecord) -> int:
        """Store a finished play in one transaction (all of it or none of it); return its id."""
        with self._use("save the play", write=True) as connection:
            return insert_play(connection, record, self.path)

    def get_play(self, play_id: int) -> StoredPlay | None:
        """The play with this id, or None; a StoreError (kind `"bad_row"`) when that one row
        cannot be decoded."""
        from triage.store.records import PLAY_COLUMNS, UnreadablePlay, read_play

        with self._use("read a play") as connection:
            row = connection.execute(
                f"SELECT {PLAY_COLUMNS} FROM plays WHERE id = ?", (play_id,)
            ).fetchone()
        if row is None:
            return None
        play = read_play(row)
        if isinstance(play, UnreadablePlay):
            raise StoreError(
                f"play {play.id} in the practice database at {self.path} cannot be read: "
                f"{play.reason}. The other plays are unaffected; 'triage history check' lists "
                "every problem",
                self.path,
                "bad_row",
            )
        return play

    def list_plays(
        self,
        player: str | None = None,
        limit: int | None = None,
        gameday_run: str | None = None,
        team: str | None = None,
    ) -> PlayList:
        """Plays matching every filter given, newest (by `ended_at`) first. A play whose row
        cannot be decoded is skipped and named in the result's `unreadable` (it still counts
        towards `limit`), so one bad row never hides the others."""
        from triage.store.records import PLAY_COLUMNS, PlayList, UnreadablePlay, read_play

        clauses, params = [], []
        for column, value in (("player", player), ("gameday_run", gameday_run), ("team", team)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {PLAY_COLUMNS} FROM plays{where} ORDER BY ended_ts DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._use("list plays") as connection:
            rows = connection.execute(sql, params).fetchall()
        read = [read_play(row) for row in rows]
        return PlayList([p for p in read if not isinstance(p, UnreadablePlay)],
                        [p for p in read if isinstance(p, UnreadablePlay)])

    def count_plays(self) -> int:
        """How many plays are stored (readable or not)."""
        with self._use("count plays") as connection:
            return int(connection.execute("SELECT count(*) FROM plays").fetchone()[0])

    def players(self) -> list[str]:
        """Everyone who has a saved play, sorted."""
        with self._use("list players") as connection:
            rows = connection.execute("SELECT DISTINCT player FROM plays ORDER BY player")
            return [row[0] for row in rows]

    # -- game days -----------------------------------------------------------------------------

    def create_gameday_run(
        self,
        run_id: str,
        plan_title: str,
        plan_json: str | Mapping[str, Any],
        created_at: datetime | None = None,
    ) -> GamedayRun:
        """Record a game-day run (its plan as JSON text or a mapping); ids are unique."""
        from triage.store.records import GamedayRun, dump_json

        plan = json.loads(plan_json) if isinstance(plan_json, str) else dict(plan_json)
        if not isinstance(plan, dict):
            raise ValueError("a game day plan must be a JSON object")
        when = created_at or clock.utc_now()
        with self._use("create the game day run", write=True) as connection:
            if _run_exists(connection, run_id):
                raise StoreError(
                    f"a game day run with id {run_id!r} already exists in {self.path}",
                    self.path,
                    "conflict",
                )
            connection.execute(
                "INSERT INTO gameday_runs (id, title, plan, created_at) VALUES (?,?,?,?)",
                (run_id, plan_title, dump_json(plan, "game day plan"), when.isoformat()),
            )
        return GamedayRun(run_id, plan_title, plan, when)

    def get_gameday_run(self, run_id: str) -> GamedayRun | None:
        """The game-day run with this id, or None."""
        with self._use("read a game day run") as connection:
            row = connection.execute(
                "SELECT id, title, plan, created_at FROM gameday_runs WHERE id = ?", (run_id,)
            ).fetchone()
        from triage.store.records import run_from_row

        return run_from_row(row) if row else None

    def list_gameday_runs(self) -> list[GamedayRun]:
        """Every game-day run, newest first by the moment it began (whatever UTC offset it was
        stored with); runs that began at the same moment, the one recorded last first."""
        with self._use("list game day runs") as connection:
            rows = connection.execute(
                "SELECT id, title, plan, created_at FROM gameday_runs ORDER BY rowid DESC"
            ).fetchall()
        from triage.store.records import run_from_row

        runs = [run_from_row(row) for row in rows]
        # sorted() is stable, so equal moments keep the rowid order.
        return sorted(runs, key=lambda run: clock.as_utc(run.created_at), reverse=True)

    # -- health --------------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Full integrity check, every play's checksum, every play decoded as `history` would
        read it, and each player's kept mastery against their plays (a mismatch is forgotten);
        an empty list means all is well. Each problem names its play or player."""
        from triage.store.records import PLAY_COLUMNS, UnreadablePlay, play_checksum, read_play

        problems: list[str] = []
        with self._use("check the database") as connection:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                problems.extend(rows)
            cursor = connection.execute(
                f"SELECT {PLAY_COLUMNS}, checksum FROM plays ORDER BY id")
            for row in cursor:
                play_id, actions, breakdown, checksum = row[0], row[7], row[10], row[-1]
                decoded = read_play(row[:-1])
                if isinstance(decoded, UnreadablePlay):
                    problems.append(f"play {play_id}: unreadable: {decoded.reason}")
                elif not isinstance(actions, str) or not isinstance(breakdown, str) \
                        or play_checksum(actions, breakdown) != checksum:
                    problems.append(f"play {play_id}: checksum mismatch (its action log or score "
                                    "breakdown was changed after it was saved)")
            if rows == ["ok"]:
                from triage.store.masterycache import forget_mismatched

                problems.extend(forget_mismatched(connection))
        return problems

    @classmethod
    def recover(cls, path: Path | str | None = None) -> Path:
        """Move a damaged database (and its -wal/-shm) aside, start a fresh one; return the
        path it was moved to (`triage.db.corrupt-YYYYmmddTHHMMSS`). Nothing is deleted.

        Only call this when no other triage process has the database open."""
        source = Path(path) if path is not None else db_path()
        aside = move_aside(source)
        cls(source).open().close()
        return aside


def insert_play(connection: sqlite3.Connection, record: PlayRecord, path: Path) -> int:
    """Insert a play inside the caller's write transaction and return its id (StoreError if its
    game-day run is unknown). `Store.save_play` and the game-day turn ledger both use this."""
    from triage.store.records import dump_json, play_checksum

    actions = dump_json(record.actions, "action log")
    breakdown = dump_json(record.breakdown, "score breakdown")
    row = (
        record.player, record.incident_id, record.incident_hash, record.pitfall,
        int(record.difficulty), str(int(record.seed)), actions, int(record.score),
        record.grade, breakdown, record.started_at.isoformat(), record.ended_at.isoformat(),
        record.ended_at.timestamp(), play_checksum(actions, breakdown),
        record.mode, record.gameday_run, record.team, int(record.rules), record.variant,
        record.incident_path,
    )  # fmt: skip
    if record.gameday_run is not None and not _run_exists(connection, record.gameday_run):
        raise StoreError(
            f"game day run {record.gameday_run!r} is not in the practice database at "
            f"{path}; create it before saving its plays",
            path,
            "conflict",
        )
    cursor = connection.execute(
        "INSERT INTO plays (player, incident_id, incident_hash, pitfall, difficulty, seed, "
        "actions, score, grade, breakdown, started_at, ended_at, ended_ts, checksum, "
        "mode, gameday_run, team, rules, variant, incident_path) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        row,
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _run_exists(connection: sqlite3.Connection, run_id: str) -> bool:
    query = "SELECT 1 FROM gameday_runs WHERE id = ?"
    return connection.execute(query, (run_id,)).fetchone() is not None

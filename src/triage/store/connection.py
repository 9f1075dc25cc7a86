"""Opening the practice database safely, and moving a damaged one aside.

Durability choices, and why:

- WAL journal: readers (the history screen, a game-day scoreboard) never block the writer, and a
  process killed at any instant leaves either the whole last transaction or none of it.
- `synchronous=FULL`: each commit fsyncs the WAL, so a play whose debrief the player has seen also
  survives a power cut or OS crash (NORMAL would be safe against corruption but could lose the last
  plays). A play is saved once every few minutes, so the ~1 ms fsync costs nothing anyone notices.
- A 30 s busy timeout, and (in `Store`) `BEGIN IMMEDIATE` for every write: two writers (two
  players, a game-day server) queue for the write lock instead of failing.
- `PRAGMA quick_check` when opening, so damage is reported up front with the path rather than as
  an odd error halfway through a session. It reads the whole file (about 100 ms at 100,000
  plays), so the listings (`triage history`, the profile, the "Practise" pick, `triage list`)
  open without it: damage in what they read still raises SQLite's "malformed" error, reported
  as damage with the path, and `triage history check` runs the full check.
- Another program's SQLite file is refused before anything is written to it, and a database that
  cannot be written is opened read-only (`triage.store.identity`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from triage.store import clock
from triage.store.errors import StoreError, describe
from triage.store.identity import (
    check_identity,
    connect_read_only,
    needs_read_only,
    stamp_identity,
)
from triage.store.schema import CURRENT_VERSION, migrate, schema_version

BUSY_TIMEOUT_S = 30.0
"""How long a write waits for another process's write to finish before giving up."""


def connect(path: Path, quick_check: bool = True) -> sqlite3.Connection:
    """An autocommit connection to the database at `path`, created or migrated to the current
    schema, or read-only when it cannot be written; raises StoreError (damaged, newer, foreign,
    unreadable, busy) instead of sqlite3 errors. `quick_check=False` skips SQLite's check of
    the whole file (for a listing, which reads only part of it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder for the practice database at {path} "
            f"({error.strerror or error})",
            path,
            "unreadable",
        ) from error
    if path.is_dir():
        raise StoreError(
            f"the practice database at {path} is a folder, not a file", path, "unreadable"
        )
    connection: sqlite3.Connection | None = None
    read_only = needs_read_only(path)
    try:
        if read_only:
            connection = connect_read_only(path, BUSY_TIMEOUT_S)
        else:
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        # Reading the identity and the version writes nothing, so a foreign or newer database
        # is left exactly as found.
        check_identity(connection, path)
        version = schema_version(connection)
        if version > CURRENT_VERSION:
            raise StoreError(
                f"the practice database at {path} was written by a newer version of triage "
                f"(schema {version}; this version knows up to {CURRENT_VERSION}). "
                "Upgrade triage to use it; it has not been changed.",
                path,
                "newer",
            )
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")] \
            if quick_check else ["ok"]
        if problems != ["ok"]:
            raise StoreError(
                f"the practice database at {path} is damaged ({problems[0]})", path, "damaged"
            )
        if read_only:
            _check_readable_as_is(version, path)
            return connection
        _use_wal(connection)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection)
        stamp_identity(connection)
    except StoreError:
        if connection is not None:
            connection.close()
        raise
    except sqlite3.Error as error:
        if connection is not None:
            connection.close()
        raise describe(error, path, "open the database") from error
    return connection


def _check_readable_as_is(version: int, path: Path) -> None:
    """A read-only database cannot be created or migrated: refuse an empty one or one from an
    older triage, saying why."""
    if version == 0:
        raise StoreError(
            f"the practice database at {path} is read-only and empty: there are no plays in it "
            "yet, and none can be saved there", path, "unreadable")
    if version < CURRENT_VERSION:
        raise StoreError(
            f"the practice database at {path} is read-only and was written by an older triage "
            f"(schema {version}; this version needs {CURRENT_VERSION}); make it writable once "
            "so it can be upgraded",
            path,
            "unreadable",
        )


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another process holds the database.

    Changing the journal mode needs an exclusive lock and SQLite may report "database is locked"
    at once rather than wait, which happens when two processes create the database together.
    """
    if connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            # A file system without WAL support answers with its old mode; that still works.
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            name = getattr(error, "sqlite_errorname", "")
            if not name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise
            if time.monotonic() > deadline:
                raise
            import random

            time.sleep(random.uniform(0.005, 0.05))


def move_aside(path: Path) -> Path:
    """Rename a damaged database and its -wal/-shm/-journal to `NAME.corrupt-YYYYmmddTHHMMSS`
    (adding `-1`, `-2`... if taken); return the new path of the database file. Deletes nothing."""
    if not path.exists():
        raise FileNotFoundError(f"there is no practice database at {path} to recover")
    stamp = clock.utc_now().astimezone().strftime("%Y%m%dT%H%M%S")
    aside, attempt = path.with_name(f"{path.name}.corrupt-{stamp}"), 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm", "-journal")):
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{attempt}")
        attempt += 1
    # Side files first: a stale -wal left beside a fresh database would be replayed into it.
    for suffix in ("-wal", "-shm", "-journal", ""):
        if Path(f"{path}{suffix}").exists():
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return aside

"""Telling triage's practice database from someone else's SQLite file, and opening it read-only.

A SQLite file at `triage.db` is used only when it is triage's: it carries triage's
`application_id` in its header, or (written before triage set one) it holds triage's `plays`
table, or it is empty. Anything else is another program's database and is refused, never
migrated: migrating would add tables to it and switch its journal mode. The header's
`application_id` is stamped on first use by this version; that is a header field, not a schema
change, so older versions of triage still open the file.

A practice database in a folder that cannot be written (a read-only mount, another user's home)
is opened read-only, so it can still be listed; saving then fails with a clear message.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from triage.store.errors import StoreError

APPLICATION_ID = 0x54524941
"""`PRAGMA application_id` of a triage practice database ("TRIA" in ASCII)."""

LEGACY_COLUMNS = frozenset({"id", "player", "incident_id", "actions", "breakdown", "checksum"})
"""Columns of the `plays` table in every schema version: how a database from before the
application id is recognised."""


def application_id(connection: sqlite3.Connection) -> int:
    """The `application_id` in the database header (0 when none was set)."""
    return int(connection.execute("PRAGMA application_id").fetchone()[0])


def check_identity(connection: sqlite3.Connection, path: Path) -> None:
    """Raise StoreError (kind `"foreign"`) unless the open database is triage's or empty.
    Reads only; a foreign file is left exactly as it was found."""
    stamped = application_id(connection)
    if stamped == APPLICATION_ID:
        return
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if stamped == 0 and not tables:
        return
    if stamped == 0 and "plays" in tables:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(plays)")}
        if LEGACY_COLUMNS <= columns:
            return
    owner = f" (application id {stamped:#x})" if stamped else ""
    raise StoreError(
        f"{path} is not a triage practice database: it is another program's SQLite file"
        f"{owner}. It has not been changed; move it, or set TRIAGE_HOME to another folder.",
        path,
        "foreign",
    )


def stamp_identity(connection: sqlite3.Connection) -> None:
    """Write triage's application id into the header if it has none yet (one small write)."""
    if application_id(connection) == 0:
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def needs_read_only(path: Path) -> bool:
    """True when the database exists but this process cannot write it, or cannot create the
    `-wal`/`-shm` files beside it (a read-only folder): it must then be opened read-only."""
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection to the database at `path`.

    `mode=ro` first; a WAL database in a read-only folder without its `-shm` file cannot be
    opened that way, and then `immutable=1` is used: nothing can be writing it, since any writer
    would have had to create that file."""
    uri = "file:" + quote(str(path.resolve()))
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout,
                                 isolation_level=None, check_same_thread=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout,
                           isolation_level=None, check_same_thread=False)

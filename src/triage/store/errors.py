"""`StoreError`, and how sqlite3's errors are turned into messages a player can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

ErrorKind = Literal["damaged", "newer", "unreadable", "busy", "conflict", "bad_row", "foreign"]


class StoreError(Exception):
    """A problem with the practice database, phrased for the player and naming its path.

    `kind` tells the caller what it may offer: only a `"damaged"` database should be handed to
    `Store.recover` (after the player agrees); `"newer"` means upgrade triage; `"unreadable"` is a
    permissions, path or disk problem; `"busy"` means another triage held the database too long;
    `"conflict"` is a refused write (a duplicate game-day run, an unknown run for a play);
    `"bad_row"` is one stored play that cannot be decoded (the rest of the database is fine);
    `"foreign"` is a file that is not a triage database at all (another program's), left alone.
    """

    def __init__(self, message: str, path: Path, kind: ErrorKind) -> None:
        super().__init__(message)
        self.path = path
        self.kind: ErrorKind = kind

    @property
    def damaged(self) -> bool:
        """True when the file is corrupt and `Store.recover` is the way out."""
        return self.kind == "damaged"


def _kind(error: sqlite3.Error) -> ErrorKind:
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return "damaged"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "busy"
    if name.startswith(
        ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_READONLY", "SQLITE_AUTH", "SQLITE_IOERR",
         "SQLITE_FULL", "SQLITE_NOLFS")
    ):  # fmt: skip
        return "unreadable"
    if isinstance(error, sqlite3.IntegrityError):
        return "conflict"
    # Anything else (a missing table or column, a malformed schema) means the file is not the
    # database we expect to find there.
    return "damaged"


def describe(error: sqlite3.Error, path: Path, doing: str) -> StoreError:
    """A StoreError for `error`, raised while trying to `doing` (e.g. "save the play")."""
    kind = _kind(error)
    detail = str(error) or type(error).__name__
    if kind == "damaged":
        message = f"the practice database at {path} is damaged ({detail})"
    elif kind == "busy":
        message = (
            f"the practice database at {path} is busy: another triage kept it locked, "
            f"so could not {doing} ({detail}); try again"
        )
    elif (getattr(error, "sqlite_errorname", "") or "").startswith("SQLITE_READONLY"):
        message = (f"cannot {doing}: the practice database at {path} is read-only (its file or "
                   f"folder cannot be written) ({detail})")
    elif kind == "unreadable":
        message = f"cannot {doing}: the practice database at {path} is not usable ({detail})"
    else:
        message = f"could not {doing} in the practice database at {path} ({detail})"
    return StoreError(message, path, kind)

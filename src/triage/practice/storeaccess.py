"""Using the practice database from a command, and what happens when it is damaged.

The rules: a damaged, unreadable, foreign or newer database is reported with its path and the
command fails; nothing is ever deleted. One stored play that cannot be decoded is not damage:
listings skip it and name it, and only a command about that very play fails. A damaged
database is moved aside (`triage.db.corrupt-<time>`, by `Store.recover`) and a fresh one started
only when the player agrees: they pass `--reset-damaged-db`, or answer yes when asked on a
terminal. A database written by a newer triage, or by another program, is never touched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from triage.store import Store, StoreError, db_path

T = TypeVar("T")

Confirm = Callable[[str], bool]
"""Asks the player a yes/no question; True means yes."""


def tty_confirm(question: str) -> bool:
    """Ask on the terminal when stdin is one; anything but yes (or no terminal) means no.

    The question goes to stderr, so `--format json` output on stdout stays clean."""
    if not sys.stdin or not sys.stdin.isatty():
        return False
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def as_store_error(error: Exception, store: Store) -> StoreError:
    """A StoreError for anything reading the database raised. Only SQLite's own findings are
    damage: a value that will not decode is one bad record (`"bad_row"`), and moving the whole
    database aside would hide every good play with it."""
    if isinstance(error, StoreError):
        return error
    return StoreError(
        f"a record in the practice database at {store.path} cannot be read ({error}); the "
        "database itself is fine and was left as it is ('triage history check' lists problems)",
        store.path,
        "bad_row",
    )


def use_store(
    work: Callable[[Store], T],
    *,
    reset_damaged: bool = False,
    confirm: Confirm | None = tty_confirm,
    err: TextIO | None = None,
    path: Any = None,
    quick_check: bool = True,
) -> tuple[bool, T | None]:
    """Run `work` on the open practice database; return (ok, its result).

    On a problem the player is told why, with the path, and `(False, None)` comes back, so the
    command can exit 1. A damaged database is moved aside and `work` run again on a fresh one
    only with `reset_damaged` or the player's yes through `confirm`. Keep `work` to store reads
    and writes: any ValueError it raises is taken for a record that cannot be read.
    `quick_check=False` opens without SQLite's check of the whole file (for listings).
    """
    stream = err or sys.stderr
    store = Store(path if path is not None else db_path(), quick_check=quick_check)
    try:
        try:
            return True, work(store.open())
        except (StoreError, ValueError) as raised:
            error = as_store_error(raised, store)
    finally:
        store.close()
    print(f"triage: {error}", file=stream)
    if not error.damaged:
        return False, None
    question = "Move the damaged database aside (it is kept) and start a fresh one?"
    if not (reset_damaged or (confirm is not None and confirm(question))):
        print("  It has not been changed. To keep it aside and start a fresh one, rerun with "
              "--reset-damaged-db.", file=stream)
        return False, None
    try:
        aside = Store.recover(store.path)
    except (OSError, StoreError) as failure:
        print(f"triage: could not move the damaged database aside: {failure}", file=stream)
        return False, None
    print(f"triage: kept the damaged database as {aside}; started a fresh one at {store.path}",
          file=stream)
    fresh = Store(store.path)
    try:
        return True, work(fresh.open())
    except (StoreError, ValueError) as raised:
        print(f"triage: {as_store_error(raised, fresh)}", file=stream)
        return False, None
    finally:
        fresh.close()

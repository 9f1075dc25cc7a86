"""`-o FILE` and `--force` for every command that writes a file, and the one way they write.

The rules (`triage.fileio.write_atomic`): an existing file is replaced only with `--force`; a
symbolic link is never written through; the practice database (and its `-wal`, `-shm` and
`-journal` files) is never written, `--force` or not; the file is replaced in one rename, so a
full disk leaves the old one intact. A refused write is a usage error (exit 2); a write that
fails is exit 1. Either way the message names the path.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORCE_HELP = "replace FILE if it exists (never a link or the practice database)"


def add_output(parser: argparse.ArgumentParser, help_text: str = "write to FILE instead of "
               "standard output") -> None:
    """Add `-o/--output FILE` and `--force` to a command that writes its result."""
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=help_text)
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)


def protected_paths() -> list[Path]:
    """The files no command may write: the practice database and its side files."""
    from triage.store.paths import db_path

    database = db_path()
    return [database] + [Path(f"{database}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def check_path(path: Path, *, force: bool = False) -> int:
    """0 when `path` may be written by the rules above, else 2 after saying why (checked early,
    so a command refuses before it does its work; `write_file` checks again)."""
    from triage.fileio import OutputRefused, check_output
    from triage.text.safe import clean_line

    try:
        check_output(path, force=force, protected=protected_paths())
    except OutputRefused as refused:
        print(clean_line(f"triage: error: {refused}"), file=sys.stderr)
        return 2
    return 0


def write_file(path: Path, text: str, *, force: bool = False, make_parents: bool = False) -> int:
    """Write `text` to `path` by the rules above; 0 on success, 2 if refused, 1 if it failed
    (each failure said on stderr). Prints nothing on success."""
    from triage.fileio import OutputRefused, write_atomic
    from triage.text.safe import clean_line

    try:
        write_atomic(path, text, force=force, protected=protected_paths(),
                     make_parents=make_parents)
    except OutputRefused as refused:
        print(clean_line(f"triage: error: {refused}"), file=sys.stderr)
        return 2
    except OSError as error:
        kept = "; the existing file is unchanged" if path.exists() else ""
        print(clean_line(f"triage: cannot write {path}: {error.strerror or error}{kept}"),
              file=sys.stderr)
        return 1
    return 0


def write_output(text: str, output: Path | None, done: str | None = None, *,
                 force: bool = False) -> int:
    """Write `text` to stdout, or to `output` (see `write_file`) with a `wrote ...` note on
    stderr; the exit code."""
    if output is None:
        sys.stdout.write(text)
        return 0
    code = write_file(output, text, force=force)
    if code == 0:
        from triage.text.safe import clean_line

        print(clean_line(done or f"wrote {output}"), file=sys.stderr)
    return code

"""Helpers shared by subcommands: printing problems and loading incidents by id or path."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage.model.problems import print_problems

if TYPE_CHECKING:
    from triage.model.loader import LoadedIncident

__all__ = ["add_dirs", "add_format", "load_or_report", "print_json", "print_problems",
           "usage_error"]
# Files are written only through `triage.commands.output` (refuses to clobber, atomic).


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    """Add `--format` with `text` first among the choices."""
    parser.add_argument("--format", choices=("text", *choices), default="text",
                        help="output format (default: text)")


def add_dirs(parser: argparse.ArgumentParser) -> None:
    """Add `--dir PATH` (repeatable): extra incident directories beside the built-in pack."""
    parser.add_argument("--dir", dest="dirs", action="append", type=Path, default=[],
                        metavar="PATH", help="also look for incidents in this directory")


def print_json(data: Any) -> None:
    """Print JSON to stdout."""
    from triage.safetext import inert_json

    print(inert_json(json.dumps(data, indent=2, ensure_ascii=False)))


def load_or_report(ref: str, dirs: Iterable[Path] = ()) -> LoadedIncident | None:
    """Find an incident by id or path; on failure print its problems and return None."""
    from triage.model.loader import IncidentError
    from triage.model.pack import find_incident

    try:
        return find_incident(ref, dirs)
    except IncidentError as error:
        print_problems(error.problems)
        return None


def usage_error(message: str) -> int:
    """Print a usage error and return exit code 2."""
    print(f"triage: error: {message}", file=sys.stderr)
    return 2


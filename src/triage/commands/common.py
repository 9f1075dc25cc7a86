"""Helpers shared by subcommands: printing problems and loading incidents by id or path."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triage.model.loader import LoadedIncident
    from triage.model.problems import Problem

__all__ = ["add_dirs", "add_format", "load_or_report", "missing_incident", "print_json",
           "print_problems", "usage_error"]
# Files are written only through `triage.commands.output` (refuses to clobber, atomic).


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    """Add `--format` with `text` first among the choices."""
    parser.add_argument("--format", choices=("text", *choices), default="text",
                        help="output format (default: text)")


def add_dirs(parser: argparse.ArgumentParser) -> None:
    """Add `--dir PATH` (repeatable): extra incident directories beside the built-in pack."""
    parser.add_argument("--dir", dest="dirs", action="append", type=Path, default=[],
                        metavar="PATH", help="also look for incidents in this directory")


def print_problems(problems: Iterable[Problem], stream: Any = None) -> None:
    """`triage.model.problems.print_problems`, imported when there are problems to print (it
    brings dataclasses and difflib, a tenth of the start-up of `triage history`)."""
    from triage.model.problems import print_problems as show

    show(problems, stream)


def print_json(data: Any) -> None:
    """Print JSON to stdout."""
    import json

    from triage.text.safe import inert_json

    print(inert_json(json.dumps(data, indent=2, ensure_ascii=False)))


def missing_incident(ref: str, dirs: Iterable[Path] = ()) -> str | None:
    """Why `ref` names no incident at all, as a usage error says it, or None when it names one.

    One rule for every command that takes `ID|PATH`: a reference that looks like a path (a YAML
    suffix or a `/`) must be an existing file, anything else an id (or former id) in the catalog;
    both failures are usage errors (exit 2, `triage: error: ...`). A file that exists but is
    not a valid incident is judged bad input instead (exit 1, its problems at their lines).
    """
    from triage.model.pack import YAML_SUFFIXES, builtin_dir, incident_files

    candidate = Path(ref)
    if candidate.suffix in YAML_SUFFIXES or "/" in ref or "\\" in ref:
        return None if candidate.exists() else f"no such file: {ref}"
    if candidate.is_file():
        return None
    from triage.model.index import incident_index

    index = incident_index(incident_files([builtin_dir(), *dirs]))
    if ref in index.entries or ref in index.aliases:
        return None
    from triage.model.crossref import suggest  # loads pydantic: only for the message

    return (f"no incident with id '{ref}'{suggest(ref, index.entries)}; give an id from "
            "'triage list' or the path of an incident file")


def load_or_report(ref: str, dirs: Iterable[Path] = ()) -> LoadedIncident | int:
    """Find an incident by id or path; on failure print why and return the exit code: 2 when
    `ref` names nothing (`missing_incident`), 1 when it names an invalid incident."""
    from triage.model.loader import IncidentError
    from triage.model.pack import find_incident

    missing = missing_incident(ref, dirs)
    if missing is not None:
        return usage_error(missing)
    try:
        return find_incident(ref, dirs)
    except IncidentError as error:
        print_problems(error.problems)
        return 1


def usage_error(message: str) -> int:
    """Print a usage error and return exit code 2."""
    print(f"triage: error: {message}", file=sys.stderr)
    return 2


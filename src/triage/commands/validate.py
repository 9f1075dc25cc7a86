"""`triage validate`: report every problem in incident and actions files, with positions.

Authoring lints (wording that gives the answer away) are printed as warnings
(`path:line:col: warning: message`); they never change the exit code.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from triage.commands.common import add_format, usage_error

if TYPE_CHECKING:
    from triage.authoring.results import Validation


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `validate` subcommand."""
    parser = subparsers.add_parser(
        "validate", help="check incident files and report every error with file:line:col",
        description="Validate incident files (and NAME.actions.yaml files) and report every "
        "problem as path:line:col: message. Valid incidents are also linted for wording that "
        "gives the answer away, printed as path:line:col: warning: message. Directories are "
        "searched recursively for *.yaml and *.yml. Exit 0 when all are valid (warnings or "
        "not), 1 when any is not, 2 on a usage error.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="incident files, actions files, or directories")
    parser.add_argument("--incident", metavar="ID|PATH",
                        help="the incident that actions files play (default: from their name)")
    add_format(parser, "json", "github")
    parser.set_defaults(run=run)


def collect_files(paths: list[Path]) -> list[Path] | str:
    """The YAML files to look at, or a usage-error message."""
    from triage.model.pack import yaml_files

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        return f"no such file or directory: {', '.join(missing)}"
    files = list(dict.fromkeys(yaml_files(paths)))
    if not files:
        return f"no .yaml or .yml files found in {', '.join(str(p) for p in paths)}"
    return files


def run(args: argparse.Namespace) -> int:
    """Validate, print the problems in the chosen format, and return 0 or 1."""
    files = collect_files(args.paths)
    if isinstance(files, str):
        return usage_error(files)
    try:
        with few_collections():
            from triage.authoring.validation import validate_paths

            validation = validate_paths(files, args.incident, keep_values=False)
    except Exception as error:  # noqa: BLE001 - never a traceback, even for a bug of ours
        print(f"triage: internal error ({type(error).__name__}: {error}); please report it",
              file=sys.stderr)
        return 1
    print_validation(validation, args.format)
    return 0 if validation.ok else 1


@contextmanager
def few_collections() -> Iterator[None]:
    """While validating: the garbage collector off for the imports, then run a fifteenth as
    often (restored afterwards).

    Importing pydantic and the models, and then composing and checking each file, make many
    short-lived objects and next to no garbage cycles (validating 1,000 files peaks at the same
    memory with the collector off). At the default thresholds the collector ran over and over,
    walking every imported object: about a fifth of validating 1,000 files.
    """
    enabled, threshold = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        from triage.authoring import validation  # noqa: F401 - imported with the collector off

        gc.set_threshold(10_000, 10, 10)
        if enabled:
            gc.enable()
        yield
    finally:
        gc.set_threshold(*threshold)
        if enabled:
            gc.enable()


def print_validation(validation: Validation, output_format: str) -> None:
    """Print problems and warnings as text lines, JSON or GitHub annotations, and a summary on
    stderr."""
    from triage.authoring.problem_format import as_github, as_json
    from triage.commands.common import print_json
    from triage.text.safe import clean_line

    findings = validation.findings
    if output_format == "json":
        print_json([as_json(p) for p in findings])
        return
    for finding in findings:
        line = as_github(finding) if output_format == "github" else finding.format()
        print(clean_line(line))
    if output_format == "text":
        print(summary(validation), file=sys.stderr)


def summary(validation: Validation) -> str:
    """The stderr summary: "3 problems in 2 of 5 files" or "5 files valid", then the number of
    warnings if there are any."""
    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'s' * (count != 1)}"

    total = len(validation.results)
    problems, warnings = len(validation.problems), len(validation.warnings)
    if problems:
        bad = sum(1 for r in validation.results if not r.ok)
        text = f"{plural(problems, 'problem')} in {bad} of {plural(total, 'file')}"
    else:
        text = f"{plural(total, 'file')} valid"
    return f"{text}, {plural(warnings, 'warning')}" if warnings else text

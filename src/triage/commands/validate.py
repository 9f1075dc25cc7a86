"""`triage validate`: report every problem in incident and actions files, with positions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from triage.commands.common import add_format, usage_error


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `validate` subcommand."""
    parser = subparsers.add_parser(
        "validate", help="check incident files and report every error with file:line:col",
        description="Validate incident files (and NAME.actions.yaml files) and report every "
        "problem as path:line:col: message. Directories are searched recursively for *.yaml "
        "and *.yml. Exit 0 when all are valid, 1 when any is not, 2 on a usage error.")
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
        from triage.authoring.validation import validate_paths

        validation = validate_paths(files, args.incident, keep_values=False)
    except Exception as error:  # noqa: BLE001 - never a traceback, even for a bug of ours
        print(f"triage: internal error ({type(error).__name__}: {error}); please report it",
              file=sys.stderr)
        return 1
    print_validation(validation, args.format)
    return 0 if validation.ok else 1


def print_validation(validation, output_format: str) -> None:  # noqa: ANN001
    """Print problems as text lines, JSON or GitHub annotations, and a summary on stderr."""
    from triage.authoring.validation import as_github, as_json
    from triage.commands.common import print_json
    from triage.safetext import clean_line

    problems = validation.problems
    if output_format == "json":
        print_json([as_json(p) for p in problems])
        return
    for problem in problems:
        line = as_github(problem) if output_format == "github" else problem.format()
        print(clean_line(line))
    if output_format == "text":
        total = len(validation.results)
        bad = sum(1 for r in validation.results if not r.ok)
        if problems:
            summary = (f"{len(problems)} problem{'s' * (len(problems) != 1)} in {bad} of "
                       f"{total} file{'s' * (total != 1)}")
        else:
            summary = f"{total} file{'s' * (total != 1)} valid"
        print(summary, file=sys.stderr)

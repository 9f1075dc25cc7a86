"""`triage preview`: show an incident's dashboards, alerts and options without playing it."""

from __future__ import annotations

import argparse
import json
import sys

from triage.commands.common import add_dirs, add_format, load_or_report, usage_error
from triage.commands.inputs import DEFAULT_SEED, add_seed


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `preview` subcommand."""
    parser = subparsers.add_parser(
        "preview", help="render an incident's dashboards, alerts and options as plain text",
        description="Render an incident for one seed without playing it: the briefing, every "
        "dashboard with full-timeline sparklines, the minute each alert fires, and the options. "
        "The answer key is left out unless --spoilers is given. "
        "Plain text (safe in a pipe) or --format json.")
    parser.add_argument("incident", metavar="PATH|ID", help="an incident file or id")
    add_seed(parser, DEFAULT_SEED, "the simulation")
    parser.add_argument("--width", type=int, default=72,
                        help="width of the text output (default 72)")
    parser.add_argument("--spoilers", action="store_true",
                        help="also show the answer key: the pitfall, the correct diagnosis, each "
                        "remediation's effect and the evidence roles (JSON: the \"answer\" key)")
    add_dirs(parser)
    add_format(parser, "json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the preview; 1 for an invalid incident, 2 for an id or file that does not exist."""
    ref = args.incident
    if args.width < 20:
        return usage_error("--width must be at least 20")
    if ref.endswith((".yaml", ".yml")) and _is_lab(ref) or _is_lab_id(ref, args.dirs):
        return _preview_lab(args)
    loaded = load_or_report(ref, args.dirs)
    if isinstance(loaded, int):
        return loaded
    from triage.authoring.preview import preview_data, render_preview

    try:
        if args.format == "json":
            # One line: thousands of values would make an indented document hard to read.
            from triage.text.safe import inert_json

            print(inert_json(json.dumps(preview_data(loaded.incident, args.seed, args.spoilers),
                                        ensure_ascii=False)))
        else:
            sys.stdout.write(render_preview(loaded.incident, args.seed, args.width,
                                            args.spoilers))
    except Exception as error:  # noqa: BLE001 - a broken simulation is reported, not dumped
        print(f"{loaded.path}: cannot simulate this incident: {type(error).__name__}: {error}",
              file=sys.stderr)
        return 1
    return 0


def _is_lab(ref: str) -> bool:
    from pathlib import Path

    from triage.lab.load import lab_files

    return Path(ref).is_file() and bool(lab_files([Path(ref)]))


def _is_lab_id(ref: str, dirs: list) -> bool:
    """Does `ref` name no incident but a built-in lab?"""
    from triage.commands.common import missing_incident

    if "/" in ref or ref.endswith((".yaml", ".yml")) or missing_incident(ref, dirs) is None:
        return False
    from triage.lab.load import LabError, find_lab

    try:
        find_lab(ref)
    except (KeyError, LabError):  # then it is reported as a missing incident
        return False
    return True


def _preview_lab(args: argparse.Namespace) -> int:
    """Preview an alert lab: its signals over the training window (all of it with spoilers)."""
    from triage.commands.common import print_json
    from triage.commands.lab import clean, find_or_report
    from triage.lab.preview import preview_data, render_preview

    lab = find_or_report(args.incident, [])
    if isinstance(lab, int):
        return lab
    if args.format == "json":
        print_json(preview_data(lab, args.seed, args.spoilers))
    else:
        sys.stdout.write(clean(render_preview(lab, args.seed, args.width, args.spoilers)))
    return 0

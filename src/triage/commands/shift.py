"""`triage shift`: a simulated on-call shift of real and noise pages, in the TUI or headless.

    triage shift [--minutes N] [--seed N]                     the shift in the TUI
    triage shift --pages [--seed N] [--minutes N]             list the pages, what each is hidden
    triage shift --headless --decisions FILE [--seed N] [--minutes N] [--format json]

The headless forms do not import Textual. Real pages come from the built-in pack and `--dir`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage.commands.common import (
    add_dirs,
    add_format,
    print_json,
    print_problems,
    usage_error,
)
from triage.commands.inputs import add_seed

if TYPE_CHECKING:
    from triage.practice.shift import Page, Shift

DEFAULT_MINUTES = 240
"""Kept equal to `triage.practice.shift.DEFAULT_MINUTES` (a test checks); not imported from
there because that module loads numpy, and building the parser must stay instant."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `shift` subcommand."""
    parser = subparsers.add_parser(
        "shift", help="an on-call shift: pages arrive over time, some real, some noise",
        description="Pages arrive over a simulated shift; investigate, escalate or resolve each "
                    "as noise. The score counts missed incidents, time wasted on noise and time "
                    "to acknowledge.")
    parser.add_argument("--minutes", type=int, default=DEFAULT_MINUTES, metavar="N",
                        help=f"length of the shift in simulated minutes (default "
                             f"{DEFAULT_MINUTES})")
    add_seed(parser, None, "the schedule")
    parser.add_argument("--headless", action="store_true",
                        help="play without the TUI, from --decisions, and print the debrief")
    parser.add_argument("--decisions", type=Path, metavar="FILE",
                        help="decisions file (YAML list: 'noise: p1', 'investigate: p2', ...)")
    parser.add_argument("--pages", action="store_true",
                        help="print the shift's pages (without saying which are real) and exit")
    add_dirs(parser)
    add_format(parser, "json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the shift from the seed, then list it, play it headless, or open the TUI."""
    from triage.model.pack import load_catalog
    from triage.practice.shift import MAX_MINUTES, MIN_MINUTES, ShiftError, build_shift

    if args.decisions is not None and not args.headless:
        return usage_error("--decisions needs --headless")
    if args.headless and args.decisions is None and not args.pages:
        return usage_error("--headless needs --decisions FILE (see triage shift --pages)")
    if args.headless and args.decisions is not None and not args.decisions.exists():
        return usage_error(f"decisions file not found: {args.decisions}")
    if not MIN_MINUTES <= args.minutes <= MAX_MINUTES:
        return usage_error(f"--minutes must be between {MIN_MINUTES} and {MAX_MINUTES}")
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    catalog = load_catalog(args.dirs)
    try:
        shift = build_shift(list(catalog.incidents.values()), seed, args.minutes)
    except ShiftError as error:
        print(f"triage: cannot start a shift: {error}", file=sys.stderr)
        print_problems(catalog.problems)
        return 1
    if args.pages:
        from triage.practice.shifttext import render_schedule_text

        if args.format == "json":
            print_json({"seed": seed, "minutes": shift.minutes,
                        "pages": [_public(page) for page in shift.pages]})
        else:
            sys.stdout.write(render_schedule_text(shift))
        return 0
    if args.headless:
        return _run_headless(args, shift)
    from triage.terminal import refuse_without_terminal

    hint = "to work a shift without one, use 'triage shift --headless --decisions FILE'"
    if (refused := refuse_without_terminal("shift", hint)) is not None:
        return refused
    from triage.tui.practice.launch import launch_shift

    return launch_shift(shift, catalog)


def _public(page: Page) -> dict[str, Any]:
    """What the pager shows of a page (no kind, no incident)."""
    fields = ("id", "arrives_at", "severity", "alert", "service", "summary", "context")
    return {name: getattr(page, name) for name in fields}


def _run_headless(args: argparse.Namespace, shift: Shift) -> int:
    from triage.practice.shift import ShiftError, run_shift
    from triage.practice.shiftfile import DecisionsError, load_decisions
    from triage.practice.shiftscore import score_shift
    from triage.practice.shifttext import render_shift_text

    try:
        actions = load_decisions(args.decisions, shift)
        session = run_shift(shift, actions)
    except DecisionsError as error:
        print_problems(error.problems)
        return 1
    except ShiftError as error:
        print(f"{args.decisions}: {error}", file=sys.stderr)
        return 1
    result = score_shift(session)
    if args.format == "json":
        print_json(result.as_json())
    else:
        sys.stdout.write(render_shift_text(result))
    return 0

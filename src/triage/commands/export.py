"""`triage export`: an incident's simulated series as OpenMetrics text or CSV."""

from __future__ import annotations

import argparse
from datetime import timedelta

from triage.commands.common import add_dirs, load_or_report, usage_error
from triage.commands.inputs import DEFAULT_SEED, add_seed
from triage.commands.output import add_output, write_output


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `export` subcommand."""
    parser = subparsers.add_parser(
        "export", help="export an incident's series as OpenMetrics or CSV",
        description="Write every signal of an incident, one value per simulated minute, as "
        "OpenMetrics text (load it with 'promtool tsdb create-blocks-from openmetrics FILE "
        "DIR') or as CSV. The same incident and seed always give the same output.")
    parser.add_argument("incident", metavar="ID|PATH", help="incident id or incident file")
    add_seed(parser, DEFAULT_SEED, "the simulation")
    parser.add_argument("--format", choices=("openmetrics", "csv"), default="openmetrics",
                        help="output format (default: openmetrics)")
    parser.add_argument("--start", metavar="ISO_TIME",
                        help="time of minute 0, e.g. 2026-06-12T09:00:00Z "
                        "(default: 2025-01-01 at the incident's timeline.clock, 00:00 unless set)")
    parser.add_argument("--prefix", default="", metavar="TEXT",
                        help="prefix for every metric name, e.g. 'triage_' (OpenMetrics only)")
    add_output(parser)
    add_dirs(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the world for the seed and print (or write) the export."""
    from triage.commands.exporting import DEFAULT_START, csv_text, openmetrics_text, parse_start
    from triage.sim.world import build_world

    start = DEFAULT_START
    if args.start:
        try:
            start = parse_start(args.start)
        except ValueError:
            return usage_error(f"--start: '{args.start}' is not an ISO 8601 time "
                               "(e.g. 2026-06-12T09:00:00Z)")
    loaded = load_or_report(args.incident, args.dirs)
    if isinstance(loaded, int):
        return loaded
    if not args.start:  # minute 0 is the incident's own wall-clock time on the default day
        start = DEFAULT_START + timedelta(minutes=loaded.incident.timeline.clock_minutes)
    world = build_world(loaded.incident, args.seed)
    if args.format == "csv":
        text = csv_text(world, start=start)
    else:
        text = openmetrics_text(world, start=start, prefix=args.prefix)
    return write_output(text, args.output, force=args.force)

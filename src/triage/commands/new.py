"""`triage new`: write a commented incident scaffold for a pitfall, ready to edit."""

from __future__ import annotations

import argparse
from pathlib import Path

from triage.commands.common import usage_error
from triage.commands.output import FORCE_HELP


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `new` subcommand."""
    parser = subparsers.add_parser(
        "new", help="write a new incident scaffold for a pitfall",
        description="Write a commented incident file for PITFALL at PATH. The scaffold "
        "validates and passes 'triage check' as written; edit it from there. The incident id "
        "comes from the file name. An existing file is replaced only with --force, and never "
        "through a symbolic link.")
    parser.add_argument("path", type=Path, metavar="PATH", help="the new file (*.yaml or *.yml)")
    parser.add_argument("--pitfall", required=True, metavar="PITFALL",
                        help="the pitfall it teaches, e.g. training_divergence, input_drift, "
                        "hallucination (an unknown value lists them all)")
    parser.add_argument("--title", metavar="TEXT", help="the incident's title")
    parser.add_argument("--force", action="store_true", help=FORCE_HELP.replace("FILE", "PATH"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the scaffold; 2 for an unknown pitfall, a bad name or a path it may not write."""
    import sys

    from triage.authoring.scaffold import incident_id_for, pitfall_ids, render_scaffold
    from triage.commands.output import write_file
    from triage.model.crossref import suggest
    from triage.text.safe import clean_line

    path: Path = args.path
    known = pitfall_ids()
    if args.pitfall not in known:
        return usage_error(f"unknown pitfall '{args.pitfall}'{suggest(args.pitfall, known)}; "
                           f"choose from: {', '.join(known)}")
    if path.suffix not in (".yaml", ".yml"):
        return usage_error(f"{path}: an incident file name ends in .yaml or .yml")
    if args.title is not None and not args.title.strip():
        return usage_error("--title must not be empty")
    if args.title is not None and len(" ".join(args.title.split())) > 100:
        return usage_error("--title is limited to 100 characters")
    text = render_scaffold(args.pitfall, incident_id_for(path), args.title, clean_line(str(path)))
    code = write_file(path, text, force=args.force, make_parents=True)
    if code:
        return code
    print(f"wrote {path} ({args.pitfall}); next: triage validate {path} && triage check {path}",
          file=sys.stderr)
    return 0

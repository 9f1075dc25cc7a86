"""`triage schema`: print the JSON Schema of the incident format, for editors and CI."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `schema` subcommand."""
    parser = subparsers.add_parser(
        "schema", help="print the JSON Schema of the incident (or game-day plan, lab) format",
        description="Print the JSON Schema (draft 2020-12) of an authored file format on stdout. "
        "Point your editor at it: '# yaml-language-server: $schema=incident.schema.json'.")
    parser.add_argument("--kind", default="incident", metavar="KIND",
                        help="incident (default), gameday, lab or lab-rules")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema; an unknown kind is a usage error."""
    from triage.authoring.jsonschema_export import SCHEMA_KINDS, json_schema
    from triage.commands.common import usage_error
    from triage.model.crossref import suggest

    if args.kind not in SCHEMA_KINDS:
        return usage_error(f"unknown kind '{args.kind}'{suggest(args.kind, SCHEMA_KINDS)}; "
                           f"choose from: {', '.join(SCHEMA_KINDS)}")
    print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return 0

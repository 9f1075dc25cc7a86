"""`triage list`: the incidents found in the built-in pack and any extra directories."""

from __future__ import annotations

import argparse

from triage.commands.common import add_dirs, add_format, print_json, print_problems


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `list` subcommand."""
    parser = subparsers.add_parser("list", help="list the available incidents")
    add_dirs(parser)
    add_format(parser, "json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalog as a table or JSON; problems in bad files go to stderr (exit 1)."""
    # The cached index, not `load_catalog`: unchanged files are not validated again.
    from triage.model.index import incident_index
    from triage.model.pack import builtin_dir, incident_files
    from triage.safetext import clean_line

    catalog = incident_index(incident_files([builtin_dir(), *args.dirs]))
    rows = [
        {"id": x.id, "title": x.title, "pitfall": x.pitfall, "difficulty": x.difficulty,
         "service": x.service, "path": str(x.path)}
        for x in catalog.sorted()
    ]
    if args.format == "json":
        print_json(rows)
    else:
        id_width = max([len("ID"), *(len(row["id"]) for row in rows)])
        pit_width = max([len("PITFALL"), *(len(row["pitfall"]) for row in rows)])
        print(f"{'ID':<{id_width}}  {'PITFALL':<{pit_width}}  DIFF  TITLE")
        for row in rows:
            print(f"{row['id']:<{id_width}}  {row['pitfall']:<{pit_width}}  "
                  f"{row['difficulty']:<4}  {clean_line(row['title'])}")
    print_problems(catalog.problems)
    return 1 if catalog.problems else 0

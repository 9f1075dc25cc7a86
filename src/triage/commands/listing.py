"""`triage list`: the incidents found in the built-in pack and any extra directories.

The pitfall an incident teaches is half its answer, so the text table shows it only for incidents
the player has finished at least once (`triage.practice.finished`), or for all with `--spoilers`;
the others show `?`, and rows are then ordered by difficulty and id rather than grouped by
pitfall. `--format json` is for scripts and always has every field.
"""

from __future__ import annotations

import argparse
from typing import Any

from triage.commands.common import add_dirs, add_format, print_json, print_problems

HIDDEN_PITFALL = "?"
"""What the PITFALL column shows for an incident the player has not finished."""

HIDDEN_NOTE = "? = not played yet: the pitfall shows once you finish the incident (or --spoilers)"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `list` subcommand."""
    parser = subparsers.add_parser(
        "list", help="list the available incidents",
        description="List the incidents. The pitfall of an incident shows once you have finished "
        "it (or with --spoilers); --format json always includes it.")
    add_dirs(parser)
    add_format(parser, "json")
    parser.add_argument("--spoilers", action="store_true",
                        help="show the pitfall of every incident, played or not")
    # After the command too, as `triage history --player NAME` takes it.
    parser.add_argument("--player", default=argparse.SUPPRESS,
                        help="whose finished incidents unlock their pitfall (default: OS user)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalog as a table or JSON; problems in bad files go to stderr (exit 1)."""
    # The cached index, not `load_catalog`: unchanged files are not validated again.
    from triage.model.index import incident_index
    from triage.model.pack import builtin_dir, incident_files

    catalog = incident_index(incident_files([builtin_dir(), *args.dirs]))
    rows = [
        {"id": x.id, "title": x.title, "pitfall": x.pitfall, "difficulty": x.difficulty,
         "service": x.service, "path": str(x.path)}
        for x in catalog.sorted()
    ]
    if args.format == "json":
        print_json(rows)
    elif args.spoilers:
        _print_table(rows, {row["id"] for row in rows})
    else:
        from triage.practice.finished import finished_incidents

        finished = finished_incidents(getattr(args, "player", None), aliases=catalog.aliases)
        # Grouped by pitfall, neighbours would give away what an unplayed incident teaches.
        rows.sort(key=lambda row: (row["difficulty"], row["id"]))
        _print_table(rows, finished)
        if any(row["id"] not in finished for row in rows):
            print(f"\n{HIDDEN_NOTE}")
    print_problems(catalog.problems)
    return 1 if catalog.problems else 0


def _print_table(rows: list[dict[str, Any]], revealed: set[str] | frozenset[str]) -> None:
    """The table, with the pitfall of the incidents in `revealed` and `?` for the others."""
    from triage.text.safe import clean_line

    pitfalls = [row["pitfall"] if row["id"] in revealed else HIDDEN_PITFALL for row in rows]
    id_width = max([len("ID"), *(len(row["id"]) for row in rows)])
    pit_width = max([len("PITFALL"), *(len(pitfall) for pitfall in pitfalls)])
    print(f"{'ID':<{id_width}}  {'PITFALL':<{pit_width}}  DIFF  TITLE")
    for row, pitfall in zip(rows, pitfalls, strict=True):
        print(f"{row['id']:<{id_width}}  {pitfall:<{pit_width}}  "
              f"{row['difficulty']:<4}  {clean_line(row['title'])}")

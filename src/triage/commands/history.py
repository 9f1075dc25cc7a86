"""`triage history`: past plays, a play's actions file, and the player's mastery profile.

    triage history [--format json] [--limit N] [--offset N] [--all-players]
    triage history export PLAY_ID [-o FILE [--force]]
    triage history profile [--format json]
    triage history check [--format json]

Every form takes `--player NAME` (before or after the command) and `--reset-damaged-db`.
None of them imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from triage.commands.common import add_dirs, print_json
from triage.commands.output import add_output, write_output


def add_store_options(parser: argparse.ArgumentParser, *, nested: bool = False) -> None:
    """Add `--player NAME` and `--reset-damaged-db` to a command that reads the database.

    Their defaults are suppressed (for `--reset-damaged-db` only in nested parsers) so that
    `triage --player bob history` and `triage history --player bob` both work: a subparser's
    defaults would otherwise overwrite what the parent parser read.
    """
    parser.add_argument("--player", default=argparse.SUPPRESS,
                        help="whose plays to use (default: the OS user)")
    parser.add_argument("--reset-damaged-db", action="store_true",
                        default=argparse.SUPPRESS if nested else False,
                        help="if the practice database is damaged, keep it aside under a new "
                             "name and start a fresh one")


def store_work(args: argparse.Namespace, work: Any, *, listing: bool = False
               ) -> tuple[bool, Any]:
    """Run `work(store)` on the practice database with the command's recovery options; a
    `listing` opens it without SQLite's whole-file check (see `triage.store.connection`)."""
    from triage.practice.storeaccess import use_store

    return use_store(work, reset_damaged=bool(getattr(args, "reset_damaged_db", False)),
                     quick_check=not listing)


def stored_play(args: argparse.Namespace) -> Any:
    """The play `args.play_id` from the database, or None after saying why it cannot be had."""
    ok, play = store_work(args, lambda store: store.get_play(args.play_id))
    if ok and play is None:
        print(f"triage: there is no play {args.play_id}; 'triage history' lists them",
              file=sys.stderr)
    return play if ok else None


def player_of(args: argparse.Namespace) -> str:
    """The player named on the command line, or the OS user."""
    from triage.store import default_player

    return getattr(args, "player", None) or default_player()


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `history` subcommand and its `export` and `profile` actions."""
    parser = subparsers.add_parser(
        "history", help="your past plays, newest first; export a play; your mastery profile",
        description="List past plays, newest first. 'export' writes a play's actions file; "
                    "'profile' shows your rating on each pitfall.")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--limit", type=int, metavar="N", help="show only the newest N plays")
    parser.add_argument("--offset", type=int, metavar="N", default=0,
                        help="skip the newest N plays first (with --limit: page through them)")
    parser.add_argument("--all-players", action="store_true",
                        help="list the plays of everyone on this machine")
    add_store_options(parser)
    parser.set_defaults(run=run)
    actions = parser.add_subparsers(dest="history_action", metavar="[export | profile | check]")

    export = actions.add_parser(
        "export", help="write a play's actions file (replay it with triage play --headless)")
    export.add_argument("play_id", type=int, metavar="PLAY_ID", help="the play's id")
    add_output(export)
    add_store_options(export, nested=True)
    export.set_defaults(run=run_export)

    profile = actions.add_parser("profile", help="your rating and recent scores per pitfall")
    profile.add_argument("--format", choices=("text", "json"), default=argparse.SUPPRESS,
                         help="output format (default: text)")
    add_dirs(profile)
    add_store_options(profile, nested=True)
    profile.set_defaults(run=run_profile)

    check = actions.add_parser(
        "check", help="check the practice database: SQLite's full check, every play's "
                      "checksum and contents, and the kept mastery (exit 1 if anything is "
                      "wrong)")
    check.add_argument("--format", choices=("text", "json"), default=argparse.SUPPRESS,
                       help="output format (default: text)")
    add_store_options(check, nested=True)
    check.set_defaults(run=run_check)


def run(args: argparse.Namespace) -> int:
    """List plays (exit 1 when the database cannot be read), a row at a time from the store."""
    from triage.practice.history import write_history_json, write_history_text

    for flag, value, least in (("--limit", args.limit, 1), ("--offset", args.offset, 0)):
        if value is not None and value < least:
            from triage.commands.common import usage_error

            return usage_error(f"{flag} must be at least {least}")
    player = None if args.all_players else player_of(args)
    page = {"limit": args.limit, "offset": args.offset}
    if args.format == "json":
        ok, _ = store_work(args, lambda store: write_history_json(
            store, player, sys.stdout, sys.stderr, **page), listing=True)
    else:
        ok, _ = store_work(args, lambda store: write_history_text(
            store, player, sys.stdout, **page), listing=True)
    return 0 if ok else 1


def _warn_unreadable(skipped: Any) -> None:
    """Name the plays the store skipped (`UnreadablePlay`s), on stderr (where JSON and profile
    output stays clean)."""
    from triage.practice.history import skipped_lines

    for line in skipped_lines(skipped):
        print(f"triage: {line}", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    """Write one play's actions file to stdout or `-o FILE`."""
    from triage.practice.replay import export_text, replay_command

    play = stored_play(args)
    if play is None:
        return 1
    if args.output is None:
        return write_output(export_text(play), None)
    target = str(args.output)
    return write_output(export_text(play, target), args.output,
                        f"wrote {target}; replay it with: {replay_command(play, target)}",
                        force=args.force)


def run_profile(args: argparse.Namespace) -> int:
    """Print the player's per-pitfall ratings and recent scores.

    Reads the player's mastery as the database keeps it, folding in the plays saved since
    (`store.masterycache`), their lab results (`store.labs`) and no incident file: the rows
    are every pitfall triage has a card for (the built-in pack teaches each of them), plus
    those of the incidents in `--dir` folders, read from the cached index."""
    from triage.model.pitfalls import PITFALLS
    from triage.practice.coach import profile_of_mastery, render_profile_text
    from triage.practice.labmastery import player_lab_results
    from triage.store.masterycache import player_mastery

    player = player_of(args)
    ok, found = store_work(args, lambda store: (player_mastery(store, player),
                                                player_lab_results(store, player)), listing=True)
    if not ok:
        return 1
    (mastery, unreadable), lab_results = found
    pitfalls = set(PITFALLS)
    if args.dirs:
        from triage.model.index import incident_index
        from triage.model.pack import incident_files

        index = incident_index(incident_files(args.dirs))
        pitfalls |= {entry.pitfall for entry in index.entries.values()}
    profile = profile_of_mastery(player, mastery, pitfalls, lab_results)
    _warn_unreadable(unreadable)
    if args.format == "json":
        print_json(profile.as_json())
    else:
        sys.stdout.write(render_profile_text(profile))
    return 0


def run_check(args: argparse.Namespace) -> int:
    """`Store.check()`: 0 and "ok" when all is well, else 1 and one line per problem."""
    from triage.text.safe import clean_line

    ok, found = store_work(args, lambda store: (store.path, store.check(), store.count_plays()))
    if not ok:
        return 1
    path, problems, plays = found
    if getattr(args, "format", "text") == "json":
        print_json({"database": str(path), "plays": plays, "ok": not problems,
                    "problems": problems})
    elif problems:
        print(clean_line(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} "
                         f"in {plays} plays:"))
        for problem in problems:
            print(clean_line(f"  {problem}"))
    else:
        print(clean_line(f"{path}: ok ({plays} play{'s' if plays != 1 else ''}; integrity, "
                         "every checksum and the kept mastery verified)"))
    return 1 if problems else 0

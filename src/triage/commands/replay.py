"""`triage replay PLAY_ID`: re-run a stored play headless from its action log to the same debrief.

The output is what a headless play prints: the text debrief, or with `--format json` the same
JSON as `triage play --headless --format json`. If the incident file changed since the play was
recorded a warning goes to stderr first. The incident is read from the file the play was played
from (kept with plays since schema version 6), else found by id in the built-in pack and the
`--dir` folders; when neither has it, the message says which `--dir` to pass. Does not import
Textual.
"""

from __future__ import annotations

import argparse
import sys

from triage.commands.common import add_dirs, add_format, print_json, print_problems
from triage.commands.history import add_store_options, stored_play
from triage.text.safe import clean_line


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `replay` subcommand."""
    parser = subparsers.add_parser(
        "replay", help="re-run a stored play from its action log and print its debrief")
    parser.add_argument("play_id", type=int, metavar="PLAY_ID",
                        help="the play's id, as 'triage history' lists it")
    add_dirs(parser)
    add_format(parser, "json")
    add_store_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Replay the play; exit 1 when it, its incident or its database cannot be used."""
    from triage.engine.actionfile import ActionFileError
    from triage.engine.debrief_text import render_debrief_text
    from triage.engine.session import ActionError
    from triage.practice.replay import PlayIncidentMissing, find_play_incident, replay_play

    play = stored_play(args)
    if play is None:
        return 1
    try:
        loaded = find_play_incident(play, args.dirs)
    except PlayIncidentMissing as error:
        print(clean_line(f"triage: cannot replay play {play.id}: {error}"), file=sys.stderr)
        print_problems(error.problems)
        return 1
    if loaded.sha256 != play.incident_hash:
        print(f"triage: warning: incident {play.incident_id} ({loaded.path}) changed since play "
              f"{play.id} was recorded; the replay may not match", file=sys.stderr)
    try:
        replay = replay_play(play, loaded)
    except ActionFileError as error:
        print(f"triage: play {play.id} no longer fits its incident:", file=sys.stderr)
        print_problems(error.problems)
        return 1
    except ActionError as error:
        print(f"triage: play {play.id} no longer fits its incident: {error}", file=sys.stderr)
        return 1
    print(f"triage: play {play.id} replayed under scoring rules v{play.rules}, the rules it was "
          "scored with", file=sys.stderr)
    if replay.score_changed:
        print(f"triage: warning: the replay scores {replay.debrief.score}; the stored play "
              f"scored {play.score}", file=sys.stderr)
    if args.format == "json":
        print_json(replay.debrief.as_json())
    else:
        sys.stdout.write(render_debrief_text(replay.debrief))
    return 0

"""`triage play`: play an incident in the TUI, or headless from an actions file.

Exit codes: 0 played (and saved, unless `--no-save`); 1 a bad incident or actions file; 2 usage
error; 3 (`NOT_SAVED`) played to the debrief, which is printed (or, in the TUI, shown), but the
play could not be stored (a database busy too long, read-only, full, damaged, foreign or newer):
a script must not take an unsaved play for a saved one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from triage.commands.common import (
    add_dirs,
    add_format,
    load_or_report,
    missing_incident,
    print_json,
    print_problems,
    usage_error,
)
from triage.commands.inputs import DEFAULT_SEED, add_seed

NOT_SAVED = 3
"""The exit code of a play that ended but could not be stored."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `play` subcommand."""
    parser = subparsers.add_parser(
        "play", help="play an incident (by id or file); random when none is named")
    parser.add_argument("incident", nargs="?", metavar="ID|PATH",
                        help="incident id from the catalog, or a path to an incident file")
    add_seed(parser, None, "the simulation",
             shown=f"random in the TUI, {DEFAULT_SEED} with --headless, as preview and export")
    parser.add_argument("--headless", action="store_true",
                        help="play without the TUI, from --actions, and print the debrief")
    parser.add_argument("--actions", type=Path, metavar="FILE",
                        help="actions file (YAML list of steps) for --headless")
    parser.add_argument("--gameday", metavar="RUN", help="tag the stored play with a game-day run")
    parser.add_argument("--team", metavar="NAME", help="tag the stored play with a team")
    parser.add_argument("--no-save", action="store_true", help="do not store the play")
    add_dirs(parser)
    add_format(parser, "json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Play headless (exit 1 on a bad incident or actions file) or open the TUI."""
    if args.headless:
        return run_headless(args)
    if args.actions:
        return usage_error("--actions needs --headless")
    if args.incident and (missing := missing_incident(args.incident, args.dirs)):
        return usage_error(missing)
    from triage.tui.launch import launch

    return launch(args, incident_ref=args.incident, seed=args.seed)


def run_headless(args: argparse.Namespace) -> int:
    """Apply an actions file through the engine and print the debrief."""
    if args.actions is None:
        return usage_error("--headless needs --actions FILE")
    if not args.incident:
        return usage_error("--headless needs an incident id or path")
    if not args.actions.exists():
        return usage_error(f"actions file not found: {args.actions}")
    from triage.engine.actionfile import ActionFileError, load_actions
    from triage.engine.debrief import build_debrief, play_actions
    from triage.engine.debrief_text import render_debrief_text
    from triage.engine.session import ActionError

    loaded = load_or_report(args.incident, args.dirs)
    if isinstance(loaded, int):
        return loaded
    seed = args.seed if args.seed is not None else DEFAULT_SEED
    try:
        actions = load_actions(args.actions, loaded.incident)
        session = play_actions(loaded.incident, seed, actions)
    except ActionFileError as error:
        print_problems(error.problems)
        return 1
    except ActionError as error:  # a step the play refused: shown at that step's line
        from triage.model.yamlsource import Problem, YamlError, load_yaml

        line = col = 1
        if error.step is not None:
            try:
                line, col = load_yaml(args.actions, expect_mapping=False).position(
                    (error.step - 1,))
            except YamlError:
                pass
        print_problems([Problem(str(args.actions), line, col, "", str(error))])
        return 1
    debrief = build_debrief(session)
    saved = args.no_save or _save(args, loaded, session, debrief)
    if args.format == "json":
        print_json(debrief.as_json())
    else:
        sys.stdout.write(render_debrief_text(debrief))
    return 0 if saved else NOT_SAVED


def _save(args: argparse.Namespace, loaded, session, debrief) -> bool:  # noqa: ANN001
    """Store the play; False (after saying why on stderr) when it could not be stored."""
    from triage.engine.record import finished_play
    from triage.store.recording import store_play

    return store_play(finished_play(loaded, session, debrief), player=getattr(args, "player", None),
                      gameday_run=args.gameday, team=args.team) is not None


def open_home(args: argparse.Namespace) -> int:
    """Bare `triage`: open the game's home screen on the built-in pack."""
    from triage.tui.launch import launch

    return launch(args, incident_ref=None, seed=None)

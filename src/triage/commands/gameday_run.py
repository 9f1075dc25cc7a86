"""What `triage gameday run|join|board|report|list` do (imported only when one of them runs).

Writing and checking plans (`new`, `validate`) is in `gameday_plan`.

Exit codes: 0 success; 1 a bad plan, actions file or run, or an unusable store; 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from triage.commands.common import print_json, print_problems, usage_error
from triage.commands.gameday_plan import load_plan_or_report
from triage.commands.output import write_output


def _store() -> Any:
    from triage.store import Store

    return Store().open()


def _fail(message: str) -> int:
    print(f"triage: {message}", file=sys.stderr)
    return 1


def _open_run(run_id: str | None) -> Any:
    """The GameDay for RUN (newest when None) from the practice database, or an exit code after
    printing why not (no runs yet, an unknown run, a database that cannot be used)."""
    from triage.gameday.runner import GameDay, GamedayError
    from triage.store import StoreError

    try:
        store = _store()
        if run_id is None:
            runs = store.list_gameday_runs()
            if not runs:
                return _fail(f"there are no game-day runs in {store.path} yet; start one with "
                             "'triage gameday run PLAN' or 'triage serve --gameday PLAN'")
            run_id = runs[0].id
        return GameDay.open(store, run_id)
    except (GamedayError, StoreError) as error:
        return _fail(str(error))


def run_plan(args: argparse.Namespace) -> int:
    """Run a plan hot-seat (TUI) or headless from an actions directory."""
    if args.actions_dir is not None and not args.headless:
        return usage_error("--actions-dir needs --headless")
    if args.headless and args.actions_dir is None:
        return usage_error("--headless needs --actions-dir DIR (DIR/TEAM/round-N.yaml)")
    if args.headless and not args.actions_dir.is_dir():
        return usage_error(f"not a directory: {args.actions_dir}")
    loaded = load_plan_or_report(args.plan, args.dirs)
    if isinstance(loaded, int):
        return loaded
    from triage.store import StoreError

    try:
        store = None if (args.headless and args.no_save) else _store()
        if args.headless:
            return _run_headless(args, loaded, store)
        from triage.terminal import refuse_without_terminal

        hint = "to run it without one, use 'triage gameday run PLAN --headless --actions-dir DIR'"
        if (refused := refuse_without_terminal("gameday run", hint)) is not None:
            return refused
        from triage.tui.gameday.launch import run_hot_seat

        return run_hot_seat(loaded, store, run_id=args.run_id, player=args.player)
    except StoreError as error:
        return _fail(str(error))


def _refused_step(actions_dir: Path, error: Any) -> Any:
    """The positioned problem for a step a headless game day refused, or None if unknown."""
    from triage.model.yamlsource import Problem, YamlError, load_yaml

    if error.turn is None or error.step is None:
        return None
    name = f"round-{error.turn.round_index + 1}"
    files = [path for folder in actions_dir.iterdir()
             if folder.is_dir() and folder.name.casefold() == error.turn.team.casefold()
             for path in (folder / f"{name}.yaml", folder / f"{name}.yml") if path.is_file()]
    if not files:
        return None
    try:
        line, col = load_yaml(files[0], expect_mapping=False).position((error.step - 1,))
    except YamlError:
        line, col = 1, 1
    return Problem(str(files[0]), line, col, "", str(error))


def _run_headless(args: argparse.Namespace, loaded: Any, store: Any) -> int:
    from triage.engine.actionfile import ActionFileError
    from triage.gameday.actionsdir import load_actions_dir
    from triage.gameday.runner import GamedayError, run_plan_headless
    from triage.gameday.scoreboard import render_board

    try:
        actions = load_actions_dir(args.actions_dir, loaded.plan.teams, loaded.rounds)
        game = run_plan_headless(loaded, actions, store=store, run_id=args.run_id,
                                 player=args.player)
    except ActionFileError as error:
        print_problems(error.problems)
        return 1
    except GamedayError as error:
        problem = _refused_step(args.actions_dir, error)
        if problem is None:
            return _fail(str(error))
        print_problems([problem])
        return 1
    standings = game.standings()
    if args.format == "json":
        print_json(standings.as_json())
    else:
        sys.stdout.write(render_board(standings))
    if store is not None:
        print(f"\nrun {game.run.run_id} saved; report: triage gameday report "
              f"{game.run.run_id} --format md", file=sys.stderr)
    return 0


def run_join(args: argparse.Namespace) -> int:
    """Open the browser-tab app for one team of a stored run."""

    from triage.gameday.labround import tabs_refusal

    game = _open_run(args.run_id)
    if isinstance(game, int):
        return game
    if (refusal := tabs_refusal(game.run)) is not None:
        return _fail(refusal)
    team = None
    if args.team:
        team = game.run.team_named(args.team)
        if team is None:
            from triage.model.crossref import suggest

            return usage_error(f"no team '{args.team}' in run {game.run.run_id}"
                               f"{suggest(args.team, game.run.teams)}; teams: "
                               f"{', '.join(game.run.teams)}")
    from triage.terminal import refuse_without_terminal

    hint = "a team's tab runs in a browser: 'triage serve --gameday PLAN'"
    if (refused := refuse_without_terminal("gameday join", hint)) is not None:
        return refused
    from triage.tui.gameday.launch import run_join as launch_join

    return launch_join(game, team)


def run_board(args: argparse.Namespace) -> int:
    """Print the scoreboard once, or keep refreshing it until Ctrl+C."""
    from triage.gameday.scoreboard import render_board
    from triage.store import StoreError

    if args.interval <= 0:
        return usage_error("--interval must be positive")
    try:
        game = _open_run(args.run_id)
        if isinstance(game, int):
            return game
        live = not args.once and sys.stdout.isatty()
        while True:
            standings = game.standings()
            if args.format == "json":
                print_json(standings.as_json())
            else:
                if live:
                    sys.stdout.write("\x1b[H\x1b[2J")
                sys.stdout.write(render_board(standings))
            sys.stdout.flush()
            if args.once or (not live and args.format == "json") or standings.complete:
                return 0
            time.sleep(args.interval)
            game.reload()
    except StoreError as error:
        return _fail(str(error))


def run_report(args: argparse.Namespace) -> int:
    """Write the report in the chosen format."""
    from triage.gameday.report import FORMATS

    game = _open_run(args.run_id)
    if isinstance(game, int):
        return game
    text = FORMATS[args.format](game.standings())
    return write_output(text, args.output, force=args.force)


def run_list(args: argparse.Namespace) -> int:
    """List the runs, newest first."""
    from triage.store import StoreError
    from triage.text.safe import clean_line

    try:
        runs = _store().list_gameday_runs()
    except StoreError as error:
        return _fail(str(error))
    rows = [{"id": r.id, "title": r.title, "created_at": r.created_at.isoformat(),
             "teams": r.plan.get("teams", []), "rounds": len(r.plan.get("rounds", []))}
            for r in runs]
    if args.format == "json":
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['id']:<40} {row['created_at'][:16]:<17} {row['rounds']} rounds  "
              f"{clean_line(row['title'])}")
    return 0

"""`triage serve`: the game in browser tabs, served by textual-serve from this machine.

Every tab that opens the page starts its own `triage` process here (one process per tab),
forked from a warm parent that has imported what a tab needs (`triage.web.warmtabs`).
Without `--gameday` each tab gets the normal game. With `--gameday PLAN` a run is created in the
store first and each tab runs `triage gameday join RUN`: the team types the join code printed
here, and plays its rounds against the clock; `triage gameday board RUN` shows the standings
and which teams are connected.

The server binds to loopback by default. Binding anything else needs `--public` (it serves a
process per visitor to whoever can reach the port, with no login), and prints a warning.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from triage.commands.common import add_dirs, usage_error
from triage.web.guard import host_text, is_loopback

__all__ = ["is_loopback", "register", "run", "served_argv", "served_command"]

TAB_MODULES = (
    "numpy", "yaml", "pydantic", "triage.cli", "triage.model.incident", "triage.model.loader",
    "triage.engine.session", "triage.engine.debrief", "triage.engine.scoring", "triage.store",
    "triage.store.plays", "triage.gameday.runner", "triage.gameday.tabs", "textual.app",
    "textual.widgets", "textual.drivers.web_driver", "triage.tui.app", "triage.tui.screens.home",
    "triage.tui.screens.page", "triage.tui.screens.warroom", "triage.tui.screens.debrief",
    "triage.tui.screens.diagnosis", "triage.tui.gameday.tab", "triage.tui.gameday.joincode",
    "triage.commands.play", "triage.commands.gameday",
)
"""What a tab imports before its first frame: the warm parent imports it once for every tab."""


def warm_tab_imports() -> None:
    """The warm parent's preparation: as `triage.cli.main` starts, then `TAB_MODULES`, then the
    incident validator (the models build it on first use), so every tab shares one."""
    from triage.commands.pydantic_plugins import skip_plugin_discovery
    from triage.web.warmtabs import import_modules

    skip_plugin_discovery()
    import_modules(TAB_MODULES)
    from triage.model.incident import Incident

    Incident.model_rebuild(force=True)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `serve` subcommand."""
    parser = subparsers.add_parser(
        "serve", help="serve the game (or a game day) to browser tabs with textual-serve",
        description=__doc__.split("\n\n", 1)[1].split("\n\n")[0])
    parser.add_argument("--host", default=None, metavar="ADDRESS",
                        help="address to bind (default 127.0.0.1; with --public, 0.0.0.0)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    parser.add_argument("--public", action="store_true",
                        help="allow binding a non-loopback address (anyone who can reach it "
                        "can play)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the URL browsers use to reach this server (e.g. "
                        "http://10.0.0.5:8000); needed behind a proxy or with 0.0.0.0")
    parser.add_argument("--gameday", type=Path, metavar="PLAN",
                        help="serve a game day: create a run of PLAN; each tab plays as a team")
    parser.add_argument("--run", dest="run_id", metavar="RUN",
                        help="serve an existing game-day run instead of creating one")
    parser.add_argument("--run-id", dest="new_run_id", metavar="ID",
                        help="id for the run --gameday creates (default: from the title)")
    parser.add_argument("--new", action="store_true",
                        help="with --gameday: start a new run even if one of PLAN is unfinished")
    add_dirs(parser)
    parser.set_defaults(run=run)


def served_argv(run_id: str | None, player: str | None = None,
                dirs: Sequence[Path] = ()) -> list[str]:
    """The command each browser tab runs: this Python's `triage`, joined to the run (or the
    normal game, with the `--dir` folders)."""
    argv = [sys.executable, "-m", "triage"]
    if player:
        argv += ["--player", player]
    if run_id:
        return argv + ["gameday", "join", run_id]
    if dirs:
        argv += ["play"]
        for folder in dirs:
            argv += ["--dir", str(Path(folder).resolve())]
    return argv


def served_command(run_id: str | None, player: str | None = None,
                   dirs: Sequence[Path] = ()) -> str:
    """`served_argv` as one shell-quoted line (what the server prints)."""
    return shlex.join(served_argv(run_id, player, dirs))


def run(args: argparse.Namespace) -> int:
    """Check the bind address, create or resume the run, and serve until Ctrl+C or SIGTERM."""
    host = (args.host or ("0.0.0.0" if args.public else "127.0.0.1")).strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not is_loopback(host) and not args.public:
        return usage_error(f"--host {host} is not a loopback address; add --public to serve "
                           "the game to other machines")
    if not 0 < args.port < 65536:
        return usage_error("--port must be between 1 and 65535")
    if args.gameday and args.run_id:
        return usage_error("give --gameday PLAN or --run RUN, not both")
    game = _prepare_run(args)
    if isinstance(game, int):
        return game
    if not is_loopback(host):
        print(f"warning: serving on {host}:{args.port}: anyone who can reach this address can "
              "start triage processes on this machine; there is no login. Stop with Ctrl+C.",
              file=sys.stderr)
    from triage.web.guard import allowed_hosts
    from triage.web.server import TriageServer

    extra: list[str] = []
    public_url = args.public_url
    if host in ("0.0.0.0", "::"):
        import socket

        extra = [socket.gethostname(), socket.getfqdn()]
        public_url = public_url or f"http://{socket.gethostname()}:{args.port}"
    public_url = public_url or f"http://{host_text(host)}:{args.port}"
    run_id = game.run.run_id if game is not None else None
    argv = served_argv(run_id, args.player, args.dirs)
    server = TriageServer(
        argv, host=host, port=args.port, public_url=public_url,
        title="triage" + (f" game day {run_id}" if run_id else ""),
        allowed=allowed_hosts(host, args.port, public_url, extra),
        background=_deadline_keeper(game) if game is not None else None,
        announce=lambda: _announce(shlex.join(argv), public_url, game),
        preload=warm_tab_imports)
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        print(f"triage: cannot serve on {host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0


def _announce(command: str, url: str, game: Any) -> None:
    """What the facilitator needs once the port is bound: the address, and the join codes."""
    print(f"Serving {command!r} on {url}\nPress Ctrl+C to quit", flush=True)
    if game is None:
        return
    from triage.gameday.tabs import join_codes

    codes = join_codes(game)
    width = max(len(team) for team in game.run.teams)
    lines = [f"game day run {game.run.run_id}: each team opens {url} and types its join code:"]
    lines += [f"  {team:<{width}}  {codes[team]}" for team in game.run.teams]
    lines.append(f"scoreboard, and who is connected: triage gameday board {game.run.run_id}")
    print("\n".join(lines), file=sys.stderr, flush=True)


def _deadline_keeper(game: Any) -> Callable[[], None]:
    """The server's side of the deadlines: end turns whose time ran out with no tab open."""
    import logging

    from triage.gameday.tabs import reap_expired

    log = logging.getLogger("triage.web")

    def keep() -> None:
        for result in reap_expired(game):
            log.info("team %s's round %d ended at its deadline with no tab open (score %d)",
                     result.team, result.round_index + 1, result.score)

    return keep


def _prepare_run(args: argparse.Namespace) -> Any:
    """The run the tabs join (created from --gameday, or resumed), None for the plain game, or
    an exit code."""
    if not args.gameday and not args.run_id:
        return None
    from triage.commands.common import print_problems
    from triage.gameday.checks import PlanError, load_plan
    from triage.gameday.labround import tabs_problems, tabs_refusal
    from triage.gameday.runner import GameDay, GamedayError
    from triage.store import Store, StoreError

    try:
        store = Store().open()
        if args.run_id:
            game = GameDay.open(store, args.run_id, player=args.player)
            if (refusal := tabs_refusal(game.run)) is not None:
                raise GamedayError(refusal)
            return game
        if not args.gameday.exists():
            return usage_error(f"plan not found: {args.gameday}")
        loaded = load_plan(args.gameday.resolve(), args.dirs)
        if problems := tabs_problems(loaded):  # lab rounds: refused, not half played
            print_problems(problems)
            return 1
        if not args.new:
            unfinished = unfinished_run(store, loaded.path)
            if unfinished is not None:
                choice = offer_resume(unfinished, args.gameday)
                if isinstance(choice, int):
                    return choice
                if choice:
                    return unfinished
        return GameDay.create(loaded, store, run_id=args.new_run_id, player=args.player)
    except PlanError as error:
        print_problems(error.problems)
        return 1
    except (GamedayError, StoreError) as error:
        print(f"triage: {error}", file=sys.stderr)
        return 1


def unfinished_run(store: Any, plan_path: Path) -> Any:
    """The newest run of this plan that still has turns to play, or None."""
    from triage.gameday.runner import GameDay, GamedayError

    for stored in store.list_gameday_runs():
        source = stored.plan.get("source") if isinstance(stored.plan, dict) else None
        if not source or Path(source).resolve() != Path(plan_path).resolve():
            continue
        try:
            game = GameDay.open(store, stored.id)
        except GamedayError:
            continue
        if game.pending():
            return game
    return None


def offer_resume(game: Any, plan: Path, ask: Callable[[str], str] | None = None,
                 interactive: bool | None = None) -> bool | int:
    """Ask whether to resume the unfinished run (True), start a new one (False); without a
    terminal to ask on, explain both ways and return exit code 2."""
    total = len(game.turns())
    done = total - len(game.pending())
    what = (f"run {game.run.run_id} of {plan} is unfinished ({done} of {total} turns "
            f"played, started {game_started(game)})")
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        return usage_error(f"{what}; resume it with 'triage serve --run {game.run.run_id}', or "
                           "pass --new to start another run")
    answer = (ask or input)(f"{what}. Resume it? [Y/n] ").strip().casefold()
    return answer in ("", "y", "yes")


def game_started(game: Any) -> str:
    """When the run was created, in local time."""
    stored = game.store.get_gameday_run(game.run.run_id) if game.store is not None else None
    if stored is None:
        return "earlier"
    return stored.created_at.astimezone().strftime("%Y-%m-%d %H:%M")

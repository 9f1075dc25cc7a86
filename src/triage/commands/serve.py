"""`triage serve`: the game in browser tabs, served by textual-serve from this machine.

Every tab that opens the page starts its own `triage` process here (textual-serve runs one
command per connection). Without `--gameday` each tab gets the normal game. With `--gameday
PLAN` a run is created in the store first and each tab runs `triage gameday join RUN`, which asks
the team's name and plays the rounds against the clock; every play lands in the same store, so
`triage gameday board RUN` shows the standings live.

The server binds to loopback by default. Binding anything else needs `--public` (it serves a
process per visitor to whoever can reach the port, with no login), and prints a warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from triage.commands.common import add_dirs, usage_error

LOOPBACK_NAMES = ("localhost", "ip6-localhost")


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
    add_dirs(parser)
    parser.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address or name."""
    if host.casefold() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_command(run_id: str | None, player: str | None = None) -> str:
    """The shell command each browser tab runs: this Python's `triage`, joined to the run."""
    argv = [sys.executable, "-m", "triage"]
    if player:
        argv += ["--player", player]
    if run_id:
        argv += ["gameday", "join", run_id]
    return shlex.join(argv)


def run(args: argparse.Namespace) -> int:
    """Check the bind address, create the run if asked, and serve until Ctrl+C or SIGTERM."""
    host = args.host or ("0.0.0.0" if args.public else "127.0.0.1")
    if not is_loopback(host) and not args.public:
        return usage_error(f"--host {host} is not a loopback address; add --public to serve "
                           "the game to other machines")
    if not 0 < args.port < 65536:
        return usage_error("--port must be between 1 and 65535")
    if args.gameday and args.run_id:
        return usage_error("give --gameday PLAN or --run RUN, not both")
    run_id = _prepare_run(args)
    if isinstance(run_id, int):
        return run_id
    if not is_loopback(host):
        print(f"warning: serving on {host}:{args.port}: anyone who can reach this address can "
              "start triage processes on this machine; there is no login. Stop with Ctrl+C.",
              file=sys.stderr)
    from textual_serve.server import Server

    public_url = args.public_url
    if public_url is None and host in ("0.0.0.0", "::"):
        import socket

        public_url = f"http://{socket.gethostname()}:{args.port}"
    server = Server(served_command(run_id, args.player), host=host, port=args.port,
                    title="triage" + (f" game day {run_id}" if run_id else ""),
                    public_url=public_url)
    if run_id:
        print(f"game day run {run_id}: each tab joins as a team; scoreboard: "
              f"triage gameday board {run_id}", file=sys.stderr)
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        print(f"triage: cannot serve on {host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0


def _prepare_run(args: argparse.Namespace) -> str | int | None:
    """The run the tabs join (created from --gameday), None for the plain game, or an exit code."""
    if not args.gameday and not args.run_id:
        return None
    from triage.commands.common import print_problems
    from triage.gameday.checks import PlanError, load_plan
    from triage.gameday.runner import GameDay, GamedayError
    from triage.store import Store, StoreError

    try:
        store = Store().open()
        if args.run_id:
            return GameDay.open(store, args.run_id).run.run_id
        if not args.gameday.exists():
            return usage_error(f"plan not found: {args.gameday}")
        loaded = load_plan(args.gameday, args.dirs)
        return GameDay.create(loaded, store, run_id=args.new_run_id).run.run_id
    except PlanError as error:
        print_problems(error.problems)
        return 1
    except (GamedayError, StoreError) as error:
        print(f"triage: {error}", file=sys.stderr)
        return 1

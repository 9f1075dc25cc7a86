"""The `triage` command line: argparse in front of lazily imported subcommands.

Each subcommand lives in `triage.commands.<name>` with `register(subparsers)`, which adds its
parser and sets `run`. Heavy modules (numpy, pydantic, Textual) are imported inside `run`, so
`triage --help` is instant and only the commands that show the TUI ever import Textual.

Exit codes: 0 success, 1 the input was judged bad (invalid incident, failed check), 2 usage error.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from triage.commands.conventions import ArgumentParser, add_version, player_after_command

if TYPE_CHECKING:
    from pathlib import Path

COMMANDS = (
    "play", "listing", "validate", "preview", "new", "schema", "check",
    "history", "replay", "shift", "gameday", "serve", "export", "lab",
)
_MODULES = {"list": "listing"}
"""Commands whose module is not named after them."""


def command_on_line(argv: Sequence[str]) -> str | None:
    """The module of the subcommand `argv` runs, when it plainly names one of ours, else None.

    Only the top-level `--player NAME` may come before the command; anything else there (`-h`,
    a typo) gets the full parser, whose help and errors list every command.
    """
    words = iter(argv)
    for word in words:
        if word == "--player":
            next(words, None)
        elif not word.startswith("--player="):
            module = _MODULES.get(word, word)
            named = word in _MODULES or module not in _MODULES.values()  # `listing` is no command
            return module if module in COMMANDS and named else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, one subparser per available command module (or just `only`'s).

    Registering only the command being run saves importing and building the twelve others, a
    fifth of the start-up of `triage list` or `triage validate`.
    """
    parser = ArgumentParser(
        prog="triage",
        description="On-call practice for machine-learning and LLM production incidents.",
        epilog="Run 'triage' with no command to open the game on the built-in incidents.",
    )
    parser.add_argument("--player", help="whose history and mastery to use (default: OS user)")
    add_version(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMANDS:
        try:
            module = importlib.import_module(f"triage.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"triage.commands.{name}":
                raise
            continue
        module.register(subparsers)
    player_after_command(subparsers)
    return parser


def use_incident_cache() -> None:
    """Keep the incident index's cache in the cache directory, `$XDG_CACHE_HOME/triage` (found on
    first use, so commands that never read incidents never load the store)."""
    from triage.model.cachedir import use_cache_dir

    def store_cache_dir() -> Path:
        from triage.store.paths import cache_dir

        return cache_dir()

    use_cache_dir(store_cache_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `triage` console script; returns the exit code."""
    if os.environ.get("TRIAGE_TAB_PARENT"):  # a browser tab of `triage serve`: end with it
        from triage.web.parentwatch import expected_parent, watch_parent

        parent = expected_parent()
        if parent is not None:
            watch_parent(parent)
    # Before numpy loads: the simulations multiply small matrices (hundreds of columns), which
    # OpenBLAS would split over threads, and on a busy machine every hand-off waits for a core.
    # A training incident took 0.8-1.1 s to build with two other busy processes, 0.15-0.2 s on
    # one thread; the series are the same, bit for bit. An explicit setting is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from triage.commands.pydantic_plugins import skip_plugin_discovery

    skip_plugin_discovery()
    use_incident_cache()
    parser = build_parser(command_on_line(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    try:
        if run is None:
            from triage.commands.play import open_home

            return open_home(args)
        return int(run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as error:  # noqa: BLE001 - a game day is no time for a traceback
        if os.environ.get("TRIAGE_DEBUG"):
            raise
        from triage.text.safe import clean_line

        print(clean_line(f"triage: internal error ({type(error).__name__}: {error}); please "
                         "report it (set TRIAGE_DEBUG=1 to see the traceback)"), file=sys.stderr)
        return 1


def entry() -> None:
    """The `triage` console script: `main`, then an exit that skips tearing the interpreter down.

    Freeing every module and object one by one at exit was about a tenth of `triage validate
    ONE.yaml` (25-35 ms). The output is flushed and the exit handlers run first; while any other
    thread is alive (a server, a worker), the normal exit waits for it as usual.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be written
            pass
    threading = sys.modules.get("threading")  # never imported: no other thread was started
    if threading is not None and threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    entry()

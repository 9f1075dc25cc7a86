"""Command-line conventions every `triage` command shares: `--version`, `--player` accepted
after the command as well as before it (`triage serve --player alice` = `triage --player alice
serve`), and the parser class every command's parser is made of."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

PLAYER_COMMANDS = ("play", "serve", "shift", "gameday", "replay", "history", "list", "lab")
"""Commands that play or read a player's history, so `--player` means something to them."""


def help_width() -> int:
    """The width argparse wraps help to: `shutil.get_terminal_size()`'s columns (COLUMNS, else
    the terminal, else 80) less 2, as argparse works it out, without importing shutil (and with
    it bz2, lzma and zlib), which argparse does for every parser and argument it builds."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, its width from `help_width`."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         help_width() if width is None else width)


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with `HelpFormatter` unless told otherwise; the subcommands' parsers
    are made of the same class (`add_subparsers` uses the parent's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


class _Version(argparse.Action):
    """`--version`: print `triage X.Y.Z` and exit 0; the version is read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print(f"triage {version()}")
        parser.exit()


def version() -> str:
    """The installed package's version (`0.1.0`), or `unknown` when it is not installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("triage")
    except PackageNotFoundError:
        return "unknown"


def add_version(parser: argparse.ArgumentParser) -> None:
    """Add `--version` (and `-V`) to the top-level parser."""
    parser.add_argument("-V", "--version", action=_Version, help="print the version and exit")


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """`parser` itself, or the parsers of its subcommands (at any depth) when it has some."""
    nested = [action for action in parser._actions
              if isinstance(action, argparse._SubParsersAction)]
    if not nested:
        return [parser]
    return [leaf for action in nested for child in dict.fromkeys(action.choices.values())
            for leaf in _leaves(child)]


def player_after_command(subparsers: argparse._SubParsersAction) -> None:
    """Let `--player NAME` follow the command (and its subcommand) in `PLAYER_COMMANDS`.

    Its default is suppressed, so the name given before the command is kept when none follows
    it; a command that already takes `--player` keeps its own.
    """
    for name, command in subparsers.choices.items():
        if name not in PLAYER_COMMANDS:
            continue
        for parser in _leaves(command):
            if any("--player" in action.option_strings for action in parser._actions):
                continue
            parser.add_argument("--player", default=argparse.SUPPRESS,
                                help="whose history and mastery to use (default: the OS user); "
                                     "the same as before the command")

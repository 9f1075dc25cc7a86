"""`triage gameday`: write, run, join, watch and report game days.

    triage gameday new PATH                     write a commented example plan
    triage gameday validate PLAN...             check plans and resolve their rounds
    triage gameday run PLAN                     hot-seat play in this terminal
    triage gameday run PLAN --headless --actions-dir DIR   play from actions files (CI)
    triage gameday join RUN [--team NAME]       one team's tab (what `triage serve` runs)
    triage gameday board [RUN] [--once]         live scoreboard from the store
    triage gameday report [RUN] --format md|csv|json       the retro report
    triage gameday list                         runs in the store

RUN defaults to the newest run. Plays land in the practice store (`TRIAGE_HOME`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from triage.commands.common import add_dirs
from triage.commands.output import add_output


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `gameday` and its subcommands."""
    parser = subparsers.add_parser(
        "gameday", help="run a team game day: plans, rounds, scoreboard, report",
        description=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="gameday_command", metavar="SUBCOMMAND", required=True)

    new = sub.add_parser("new", help="write a commented example plan that validates")
    new.add_argument("path", type=Path, metavar="PATH", help="the plan file to write (*.yaml)")
    new.add_argument("--title", default="ML on-call fire drill", help="the game day's title")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    add_dirs(new)
    new.set_defaults(run=_runner("run_new", "gameday_plan"))

    check = sub.add_parser("validate", help="check plans and resolve each round's incident")
    check.add_argument("plans", nargs="+", type=Path, metavar="PLAN", help="plan files")
    add_dirs(check)
    check.set_defaults(run=_runner("run_validate", "gameday_plan"))

    play = sub.add_parser("run", help="run a plan: hot-seat in this terminal, or headless")
    play.add_argument("plan", type=Path, metavar="PLAN", help="the plan file")
    play.add_argument("--headless", action="store_true",
                      help="no TUI: play every turn from --actions-dir and print the standings")
    play.add_argument("--actions-dir", type=Path, metavar="DIR",
                      help="for --headless: DIR/TEAM/round-N.yaml actions files")
    play.add_argument("--run-id", metavar="ID", help="id for the new run (default: from title)")
    play.add_argument("--no-save", action="store_true", help="do not record the run (headless)")
    play.add_argument("--format", choices=("text", "json"), default="text",
                      help="standings format for --headless (default: text)")
    add_dirs(play)
    play.set_defaults(run=_runner("run_plan"))

    join = sub.add_parser("join", help="play a stored run as one team (used by triage serve)")
    join.add_argument("run_id", metavar="RUN", help="the run id")
    join.add_argument("--team", metavar="NAME", help="the team (default: choose on screen)")
    join.set_defaults(run=_runner("run_join"))

    board = sub.add_parser("board", help="show the live scoreboard of a run")
    board.add_argument("run_id", nargs="?", metavar="RUN", help="the run id (default: newest)")
    board.add_argument("--once", action="store_true", help="print once and exit")
    board.add_argument("--interval", type=float, default=2.0, metavar="SECONDS",
                       help="refresh interval (default: 2)")
    board.add_argument("--format", choices=("text", "json"), default="text",
                       help="output format (default: text)")
    board.set_defaults(run=_runner("run_board"))

    report = sub.add_parser("report", help="write the retro report of a run")
    report.add_argument("run_id", nargs="?", metavar="RUN", help="the run id (default: newest)")
    report.add_argument("--format", choices=("md", "csv", "json"), default="md",
                        help="report format (default: md)")
    add_output(report)
    report.set_defaults(run=_runner("run_report"))

    runs = sub.add_parser("list", help="list the game-day runs in the store")
    runs.add_argument("--format", choices=("text", "json"), default="text",
                      help="output format (default: text)")
    runs.set_defaults(run=_runner("run_list"))


def _runner(name: str, module: str = "gameday_run"):  # noqa: ANN202 - imports its target on use
    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        return int(getattr(import_module(f"triage.commands.{module}"), name)(args))

    run.__name__ = name
    return run

"""`triage lab`: list the alert labs, replay rules against one, or start a new one.

    triage lab list [--dir PATH] [--format json]
    triage lab alerts LAB [--rules FILE] [--seed N] [--width N] [--no-save] [--format json]
                          [--gameday RUN --team NAME]
    triage lab history [LAB] [--limit N] [--format json]
    triage lab new PATH [--title TEXT] [--force]

None of them imports Textual. A lab or rules file with problems prints them at `file:line:col`
and exits 1; a lab id that does not exist is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from triage.commands.common import add_format, print_json, print_problems, usage_error
from triage.commands.inputs import DEFAULT_SEED, add_seed


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `lab` subcommand and its own subcommands."""
    parser = subparsers.add_parser(
        "lab", help="design alerting rules and replay weeks of history against them",
        description="The alert lab: a service's signals over weeks of simulated history, with "
        "deploys, spikes and drift as noise and real incidents among them. Write alerting "
        "rules (a Prometheus rules file), replay the history against them, and see what they "
        "caught, how late, and how often they paged for nothing.")
    labs = parser.add_subparsers(dest="lab_command", metavar="SUBCOMMAND")
    listing = labs.add_parser("list", help="list the built-in labs (and those in --dir)")
    _add_dirs(listing)
    add_format(listing, "json")
    listing.set_defaults(run=run_list)
    alerts = labs.add_parser(
        "alerts", help="replay a lab's history against a rules file and score it",
        description="Replay LAB's history against the rules in FILE (the lab's reference rules "
        "when --rules is not given) and report recall, precision, detection delay, pages per "
        "week, harm before detection, action fit and a score, overall and per rule, beside the "
        "reference; then a timeline and a debrief of every missed or late incident and every "
        "false page. Exit 0 when replayed, 1 for a lab or rules file with problems.")
    alerts.add_argument("lab", metavar="LAB", help="a lab id (see 'triage lab list') or file")
    alerts.add_argument("--rules", type=Path, metavar="FILE",
                        help="a Prometheus alerting-rules file (default: the reference rules)")
    add_seed(alerts, DEFAULT_SEED, "the simulated history")
    alerts.add_argument("--width", type=int, default=100, help="text width (default 100)")
    alerts.add_argument("--no-save", action="store_true",
                        help="do not record the result in your history (a replay of --rules "
                        "is recorded beside your plays; the reference never is)")
    alerts.add_argument("--gameday", metavar="RUN",
                        help="with --team: submit the rules as that team's in a game-day run "
                        "(they count for its lab round of LAB and --seed)")
    alerts.add_argument("--team", metavar="NAME", help="the team, with --gameday")
    _add_dirs(alerts)
    add_format(alerts, "json")
    alerts.set_defaults(run=run_alerts)
    past = labs.add_parser(
        "history", help="your recorded lab results, newest first",
        description="List your replays of rules files against labs (recorded by 'triage lab "
        "alerts --rules' and by the game), newest first, with each lab's best score.")
    past.add_argument("lab", nargs="?", metavar="LAB", help="only this lab's results")
    past.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    add_format(past, "json")
    past.set_defaults(run=run_history)
    new = labs.add_parser(
        "new", help="write a new lab scaffold", description="Write a small commented lab at "
        "PATH that validates and passes 'triage check'; edit it from there. An existing file "
        "is replaced only with --force.")
    new.add_argument("path", type=Path, metavar="PATH", help="the new file (*.yaml or *.yml)")
    new.add_argument("--title", metavar="TEXT", help="the lab's title")
    new.add_argument("--force", action="store_true", help="replace PATH if it exists")
    new.set_defaults(run=run_new)
    parser.set_defaults(run=lambda args: _help(parser))


def _add_dirs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dir", dest="dirs", action="append", type=Path, default=[],
                        metavar="PATH", help="also look for labs in this directory")


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def clean(text: str) -> str:
    """Authored text made safe for the terminal."""
    from triage.text.safe import clean_line

    return "\n".join(clean_line(line) for line in text.split("\n"))


def run_list(args: argparse.Namespace) -> int:
    """Print one line per lab: id, incidents, signals and title."""
    from triage.lab.load import LabError, builtin_labs_dir, lab_files, load_lab

    rows: list[dict[str, Any]] = []
    bad = 0
    for path in lab_files([builtin_labs_dir(), *args.dirs]):
        try:
            lab = load_lab(path)
        except LabError as error:
            print_problems(error.problems)
            bad += 1
            continue
        rows.append({"id": lab.id, "title": lab.title, "path": str(path),
                     "signals": sum(1 for s in lab.signals if not s.hidden),
                     "incidents": len(lab.incidents), "weeks": lab.history.weeks})
    if args.format == "json":
        print_json(rows)
    else:
        for row in rows:
            print(clean(f"{row['id']:<28} {row['weeks']}w {row['signals']:>2} signals "
                        f"{row['incidents']} incidents  {row['title']}"))
    return 1 if bad else 0


def find_or_report(ref: str, dirs: list[Path]) -> Any:
    """The lab `ref` names, or the exit code after saying why not."""
    from triage.lab.load import LabError, find_lab

    if ref.endswith((".yaml", ".yml")) and not Path(ref).exists():
        return usage_error(f"no such file: {ref}")
    try:
        return find_lab(ref, dirs)
    except LabError as error:
        print_problems(error.problems)
        return 1
    except KeyError as error:
        return usage_error(str(error.args[0]))


def run_alerts(args: argparse.Namespace) -> int:
    """Replay and report; 1 for a lab or rules file with problems."""
    from triage.lab.history import simulate
    from triage.lab.load import LabError, load_rules, reference_rules
    from triage.lab.replay import replay
    from triage.lab.report import report_data, report_text

    if args.width < 40:
        return usage_error("--width must be at least 40")
    if args.rules is not None and not args.rules.exists():
        return usage_error(f"no such file: {args.rules}")
    if (args.gameday is None) != (args.team is None) or (args.gameday and args.rules is None):
        return usage_error("--gameday RUN and --team NAME go together, with --rules FILE")
    player = getattr(args, "player", None)
    if args.gameday is not None:
        player = _team_player(args.gameday, args.team)
        if isinstance(player, int):
            return player
    lab = find_or_report(args.lab, args.dirs)
    if isinstance(lab, int):
        return lab
    reference = reference_rules(lab)
    try:
        rules = load_rules(args.rules, lab) if args.rules is not None else reference
    except LabError as error:
        print_problems(error.problems)
        return 1
    history = simulate(lab, args.seed)
    mine = replay(history, rules)
    theirs = mine if rules is reference else replay(history, reference)
    if args.format == "json":
        print_json(report_data(mine, theirs))
    else:
        sys.stdout.write(clean(report_text(mine, theirs, args.width)))
    if args.rules is not None and not args.no_save:
        _record(mine, args.rules.read_text(encoding="utf-8"), player)
    return 0


def _team_player(run_id: str, team: str) -> str | int:
    """The player a game-day team's results are stored under (`TEAM@RUN`), or the exit code
    after saying why not (an unknown run or team, with the closest names)."""
    from triage.gameday.labround import team_in_run
    from triage.store.errors import StoreError

    try:
        found = team_in_run(run_id, team)
    except (StoreError, LookupError) as error:
        print(clean(f"triage: {error.args[0] if error.args else error}"), file=sys.stderr)
        return 1
    return found


def _record(mine: Any, rules_text: str, player: str | None) -> None:
    """Record the replay in the history; a database that cannot take it is a warning."""
    from triage.lab.record import record_replay
    from triage.store.errors import StoreError

    try:
        record_replay(mine, rules_text, player)
    except StoreError as error:
        print(clean(f"triage: the result was not recorded: {error}"), file=sys.stderr)


def run_history(args: argparse.Namespace) -> int:
    """Print the player's lab results; 1 when the database cannot be read."""
    from triage.store.errors import StoreError
    from triage.store.labs import best_scores, lab_results
    from triage.store.paths import default_player
    from triage.store.plays import Store

    if args.limit < 1:
        return usage_error("--limit must be at least 1")
    player = getattr(args, "player", None) or default_player()
    try:
        with Store(quick_check=False) as store:
            results = lab_results(store, player, args.lab, args.limit)
            best = best_scores(store, player)
    except StoreError as error:
        print(clean(f"triage: {error}"), file=sys.stderr)
        return 1
    if args.format == "json":
        print_json([{"id": r.id, "lab": r.lab_id, "seed": r.seed, "ended_at": r.ended_at,
                     **r.figures} for r in results])
        return 0
    if not results:
        print(f"No lab results for {player} yet: 'triage lab alerts LAB --rules FILE' records "
              "one.")
        return 0
    print(f"{'when':<17} {'lab':<26} {'seed':>4} {'score':>6} {'recall':>6} {'prec.':>6} "
          f"{'pages/wk':>8}")
    for r in results:
        figures = r.figures
        precision = figures.get("precision")
        print(clean(f"{r.ended_at[:16].replace('T', ' '):<17} {r.lab_id[:26]:<26} "
                    f"{r.seed:>4} {r.score:>6.1f} {figures.get('recall', 0):>6.2f} "
                    f"{'-' if precision is None else f'{precision:.2f}':>6} "
                    f"{figures.get('pages_per_week', 0):>8.1f}"))
    print("best: " + ", ".join(f"{lab} {score:.1f} ({count} replays)"
                               for lab, (score, count) in sorted(best.items())))
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Write the scaffold; 2 for a bad name or a path it may not write."""
    from triage.commands.output import write_file
    from triage.lab.scaffold import render_lab_scaffold

    path: Path = args.path
    if path.suffix not in (".yaml", ".yml"):
        return usage_error(f"{path}: a lab file name ends in .yaml or .yml")
    if args.title is not None and not 0 < len(args.title.strip()) <= 100:
        return usage_error("--title must be 1 to 100 characters")
    code = write_file(path, render_lab_scaffold(path, args.title), force=args.force,
                      make_parents=True)
    if code:
        return code
    print(clean(f"wrote {path}; next: triage validate {path} && triage check {path} && "
                f"triage lab alerts {path}"), file=sys.stderr)
    return 0

"""Measure how fast and how lean `triage` refuses hostile incident files and game-day plans.

Run: `python benchmarks/bench_hostile.py [--case NAME ...] [--command NAME ...] [--all]`. Every
file in `tests/hardening/corpus.py` is handed to every command that reads authored files, in this
process (the time to refuse, start-up excluded) and, for `validate` and `play --headless` (every
command with `--all`), in a fresh subprocess: its wall time and peak resident memory (through a
small parent's `RUSAGE_CHILDREN`). A case is flagged when a command does not exit 1, the refusal
takes over 1 s, or a process peaks over 200 MB. Process times include Python's start-up and
imports (about 0.3 s on an idle machine; much more on a busy one).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "hardening"))

from corpus import INCIDENTS, PLANS, PWNED, write_pack  # noqa: E402

TIME_LIMIT, MEMORY_LIMIT_MB = 1.0, 200
# What the TUI's loading path does before it draws anything: find the incident by path.
LOAD = ("import sys\nfrom triage.model.loader import IncidentError\n"
        "from triage.model.pack import find_incident\n"
        "try:\n    find_incident(sys.argv[1])\nexcept IncidentError as error:\n"
        "    print(error.problems[0].format(), file=sys.stderr)\n    sys.exit(1)\n")
# A small parent for each measured run: a child's peak memory (ru_maxrss) starts from its
# parent's at fork, so measuring from this script, which builds a 50 MB file, would inflate it.
WRAPPER = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[2:]).returncode\n"
           "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
           "open(sys.argv[1], 'w').write(str(peak))\nsys.exit(code)\n")


def incident_commands(path: Path, pack: Path, actions: Path) -> dict[str, list[str]]:
    """Every command that reads an incident file, as argv lists (after `python -m triage`)."""
    plan = pack / "plan-for-hostile.yaml"
    plan.write_text("schema: triage/gameday@1\ntitle: t\nteams: [red]\nrounds:\n"
                    f"  - {{incident: {path.parent.name}/{path.name}, seed: 1, time_limit: 10m}}\n")
    return {
        "validate": ["validate", str(path)],
        "check": ["check", "--seeds", "1", str(path)],
        "preview": ["preview", str(path)],
        "play-headless": ["play", str(path), "--headless", "--actions", str(actions),
                          "--no-save", "--seed", "1"],
        "list": ["list", "--dir", str(path.parent)],
        "export": ["export", str(path)],
        "gameday-validate": ["gameday", "validate", str(plan)],
        "gameday-run": ["gameday", "run", str(plan), "--headless", "--actions-dir",
                        str(pack / "actions"), "--no-save"],
        "tui-load": ["-c", LOAD, str(path)],
    }


def plan_commands(plan: Path, pack: Path) -> dict[str, list[str]]:
    """Every command that reads a game-day plan."""
    return {
        "validate": ["validate", str(plan)],
        "gameday-validate": ["gameday", "validate", str(plan)],
        "gameday-run": ["gameday", "run", str(plan), "--headless", "--actions-dir",
                        str(pack / "actions"), "--no-save"],
    }


def measure(argv: list[str], cwd: Path, home: Path) -> tuple[float, float, int, str]:
    """Run `python -m triage ARGV` (or `python -c`); return seconds, peak MB, exit code, stderr."""
    command = [sys.executable, *(argv if argv[0] == "-c" else ["-m", "triage", *argv])]
    env = {**os.environ, "TRIAGE_HOME": str(home), "NO_COLOR": "1"}
    peak_file = cwd / "peak.txt"
    start = time.perf_counter()
    try:
        run = subprocess.run([sys.executable, "-c", WRAPPER, str(peak_file), *command], cwd=cwd,
                             env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=30)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, float("nan"), -9, "timed out (30 s)"
    elapsed = time.perf_counter() - start
    lines = (run.stdout + run.stderr).decode("utf-8", "replace").splitlines()
    first = [line.strip() for line in lines if re.search(r":\d+:\d+: ", line)] or lines[:1]
    peak_mb = int(peak_file.read_text()) / 1024
    return elapsed, peak_mb, run.returncode, first[0] if first else ""


def in_process(argv: list[str]) -> tuple[float, int]:
    """Time `triage ARGV` inside this (warm) process: the refusal itself, without start-up."""
    import contextlib
    import io

    from triage.cli import main as triage_main

    if argv[0] == "-c":
        return float("nan"), 1
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = triage_main(argv)
    return time.perf_counter() - start, code


def main() -> int:
    """Measure every case: in-process time for each command, subprocess time and memory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", default=[], help="only this case (repeat)")
    parser.add_argument("--command", action="append", default=[],
                        help="only this command (default: all in-process; validate and "
                        "play-headless in subprocesses)")
    parser.add_argument("--all", action="store_true", help="every command in a subprocess too")
    args = parser.parse_args()
    flagged = 0
    worst = {"inproc": 0.0, "seconds": 0.0, "mb": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pack = write_pack(root)
        cases_dir = pack / "case"
        cases_dir.mkdir()
        (pack / "actions").mkdir()
        actions = root / "steps.actions.yaml"
        actions.write_text("- acknowledge\n- diagnose: prompt_bloat\n"
                           "- remediate: rollback_prompt\n")
        home = root / "home"
        os.environ["TRIAGE_HOME"] = str(home)
        os.chdir(root)
        cases = [("incident", n, b) for n, b in INCIDENTS.items()]
        cases += [("plan", n, b) for n, b in PLANS.items()]
        print(f"{'case':<28} {'in-process max s':>16} {'process max s':>13} {'peak MB':>8}"
              "  first problem")
        for kind, name, build in cases:
            if args.case and name not in args.case:
                continue
            path = (cases_dir if kind == "incident" else pack) / f"{name}.yaml"
            path.write_bytes(build())
            commands = (incident_commands(path, pack, actions) if kind == "incident"
                        else plan_commands(path, pack))
            chosen = {c: a for c, a in commands.items()
                      if not args.command or c in args.command}
            inproc = seconds = peak = 0.0
            first_line, bad = "", False
            for command, argv in chosen.items():
                elapsed, code = in_process(argv)
                inproc = max(inproc, elapsed) if elapsed == elapsed else inproc
                bad |= code != 1
                if args.all or args.command or command in ("validate", "play-headless"):
                    took, mb, code, first = measure(argv, root, home)
                    seconds, peak = max(seconds, took), max(peak, mb)
                    bad |= code != 1
                    first_line = first_line or first
            bad |= inproc > TIME_LIMIT or peak > MEMORY_LIMIT_MB
            if (root / PWNED).exists():
                print(f"!! {name}: code ran (created {root / PWNED})")
                bad = True
            flagged += bad
            worst = {"inproc": max(worst["inproc"], inproc),
                     "seconds": max(worst["seconds"], seconds), "mb": max(worst["mb"], peak)}
            shown = first_line.replace(str(path), path.name)
            print(f"{name:<28} {inproc:16.3f} {seconds:13.2f} {peak:8.1f}"
                  f"{'  !!' if bad else '  '} {shown[:80]}")
            path.unlink()
    print(f"worst: {worst['inproc']:.3f} s in-process, {worst['seconds']:.2f} s as a process "
          f"(start-up included), {worst['mb']:.0f} MB peak; {flagged} flagged")
    return 1 if flagged else 0


if __name__ == "__main__":
    raise SystemExit(main())

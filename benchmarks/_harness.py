"""Shared helpers of the benchmark suite: interleaved timing, child processes, the results table.

Every figure is a ratio against a baseline measured in the same run. Runs are interleaved
(A B A B ...) so that whatever else the machine is doing hits ours and the baseline alike, and each
side's figure is the median of its repeats. Child processes are timed from just before they are
spawned until they exit (or until they print a `STAMP` line, for "first frame" figures); their peak
memory comes from `os.wait4`, which reports the child's own maximum resident set size.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
PYTHON = sys.executable


@dataclass
class Figure:
    """One row of the results table.

    `ours` and `baseline` are in `unit` (medians); `ratio` is ours / baseline unless given: the
    figures timed in child processes give the median of paired ratios (`paired_ratio`), and the
    growth figure the ratio of two fitted exponents (ours, and the same fit over plain numpy).
    `passed` is decided by the benchmark against its target, which may be a ratio or, for the
    simulation figures, an absolute time (the baseline still shows what the time is made of).
    """

    name: str
    ours: float
    baseline: float
    unit: str
    target: str
    passed: bool
    ratio: float | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.ratio is None:
            self.ratio = self.ours / self.baseline if self.baseline else math.inf


def interleaved(runs: Mapping[str, Callable[[], float]], repeats: int, warmup: int = 1
                ) -> dict[str, list[float]]:
    """Call each run in turn `repeats` times (A B A B ...), after `warmup` untimed rounds.

    Each run returns its own measurement (seconds, bytes...), so it can time exactly the part
    that matters. Returns every measurement, by run name.
    """
    for _ in range(warmup):
        for run in runs.values():
            run()
    results: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            results[name].append(run())
    return results


def medians(results: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """The median of each run's measurements."""
    return {name: statistics.median(values) for name, values in results.items()}


def paired_ratio(results: Mapping[str, Sequence[float]], ours: str, base: str) -> float:
    """The median of the ratios of neighbouring runs (ours_i / base_i).

    Runs i of both sides ran back to back, so each ratio sees nearly the same machine; the
    median of those ratios shrugs off a burst of load better than the ratio of two medians.
    """
    return statistics.median(a / b for a, b in zip(results[ours], results[base], strict=True))


def timed(work: Callable[[], object]) -> Callable[[], float]:
    """A run that returns the wall time of one call of `work`, in seconds."""

    def run() -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    return run


_PYCACHE = tempfile.TemporaryDirectory(prefix="triage-bench-pycache-")


def child_env(**extra: str) -> dict[str, str]:
    """The environment for child processes: ours, plus `extra`, never touching OPENBLAS_*.

    Children keep compiled bytecode, as an installed triage and its libraries have: without it
    (PYTHONDONTWRITEBYTECODE is set on some machines) every triage module would be compiled from
    source on each start while the libraries' `.pyc` files came from pip, which is no fair race.
    The bytecode goes to a temporary PYTHONPYCACHEPREFIX, for ours and the baselines alike, so
    the source tree stays clean; the untimed warm-up runs fill it.
    """
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")  # as `triage` itself runs (triage.cli.main)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE.name
    env.setdefault("TEXTUAL_ANIMATIONS", "none")
    env.update(extra)
    return env


def spawn(argv: Sequence[str], *, env: Mapping[str, str] | None = None,
          cwd: Path | None = None, ok: Sequence[int] = (0,)) -> tuple[float, bytes]:
    """Run a child; return its wall time (s), from spawn to exit, and its standard output.

    Standard error is discarded unless the exit code is unexpected, when it is raised with it.
    """
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env=dict(env or child_env()),
                               cwd=cwd)
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode not in ok:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n"
                           f"{err.decode(errors='replace')[-3000:]}")
    return elapsed, out


def spawn_rss(argv: Sequence[str], *, env: Mapping[str, str] | None = None) -> tuple[int, bytes]:
    """Run a child to completion; return its own peak RSS (KiB, from wait4) and its stdout.

    The child runs under a small runner (see `spawn_rss_fresh`): a child forked straight from
    `benchmarks/run`, grown by the in-process suites before it, would report that process's size
    (a full run once read 163 MiB for the play, the floor and the bare app alike)."""
    _, out = spawn([PYTHON, "-c", _RSS_PASSING_RUNNER, *argv], env=env)
    out, _, last = out.rstrip(b"\n").rpartition(b"\n")
    code, peak = last.split()[1:]
    if int(code) != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {int(code)}")
    return int(peak), out + b"\n"


def spawn_until_stamp(argv: Sequence[str], *, env: Mapping[str, str] | None = None) -> float:
    """Seconds from spawning a child to the `STAMP <time.monotonic()>` line it prints.

    `time.monotonic()` is CLOCK_MONOTONIC, shared by every process on Linux, so the child can
    stamp the moment that matters (its first frame) and exit without its shutdown being counted.
    """
    start = time.monotonic()
    _, out = spawn(argv, env=env)
    for line in out.decode().splitlines():
        if line.startswith("STAMP "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"{' '.join(argv)} printed no STAMP line: {out[-500:]!r}")


def fit_exponent(sizes: Sequence[float], times: Sequence[float]) -> float:
    """The exponent k of the least-squares fit time = c * size**k (a line in log-log)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
            / sum((x - mx) ** 2 for x in xs))


def marginal_exponent(sizes: Sequence[float], times: Sequence[float]) -> float:
    """The growth exponent of the marginal cost: `fit_exponent` of the time each size adds over
    the smallest (t - t0) against the size it adds (s - s0).

    A fit on whole times is flattered by fixed costs: t = 50 + s, from s = 1 to 16, fits k of
    about 0.1, and a quadratic term under a large constant still looks linear. Without the
    constant, linear work gives k = 1 and t = a + b * s**2 gives about 1.8 at sizes 1, 4, 16.
    """
    s0, t0 = sizes[0], times[0]
    floor = max(abs(t0) * 1e-3, 1e-9)  # a size that added nothing measurable
    return fit_exponent([s - s0 for s in sizes[1:]], [max(t - t0, floor) for t in times[1:]])


def fmt(value: float, unit: str) -> str:
    """A value with its unit, in a readable precision."""
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value >= 0.0995 else f"{value * 1000:.1f} ms"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.2f}{(' ' + unit) if unit else ''}"


def table(figures: Sequence[Figure]) -> str:
    """The results as a fixed-width table: figure, ours, baseline, ratio, target, result."""
    head = ("figure", "ours", "baseline", "ratio", "target", "result")
    rows = [head] + [
        (f.name, fmt(f.ours, f.unit), fmt(f.baseline, f.unit), f"{f.ratio:.2f}",
         f.target, "pass" if f.passed else "FAIL")
        for f in figures
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i in (0, 4, 5) else cell.rjust(widths[i])
                 for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", "notes:"] + notes if notes else []))


def triage_command() -> list[str]:
    """How to start `triage` as a user does: the console script beside this Python, if any."""
    script = Path(PYTHON).parent / "triage"
    return [str(script)] if script.exists() else [PYTHON, "-m", "triage"]


def imports_of(argv: Sequence[str], env: Mapping[str, str] | None = None) -> set[str]:
    """The top-level names of every module a Python command imports (via `-X importtime`)."""
    if argv[0] != PYTHON:  # the console script: run the same entry point under `-X importtime`
        argv = [PYTHON, "-X", "importtime", "-m", "triage", *argv[1:]]
    else:
        argv = [PYTHON, "-X", "importtime", *argv[1:]]
    result = subprocess.run(argv, capture_output=True, env=dict(env or child_env()), check=False)
    names = set()
    for line in result.stderr.decode(errors="replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


_RSS_RUNNER = """\
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


_RSS_PASSING_RUNNER = """\
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(f"\\nRSS {os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""
"""`_RSS_RUNNER`, passing the child's stdout through before its own last line."""


def spawn_rss_fresh(argv: Sequence[str], *, env: Mapping[str, str] | None = None) -> int:
    """A child's own peak RSS (KiB), measured from a small runner process.

    Linux counts in a child's peak RSS the memory it had as a fork of its parent before `exec`,
    so a child of a benchmark that has loaded the incident pack reports the benchmark's size, not
    its own. The runner is a bare interpreter (about 10 MiB), below any figure it measures.
    """
    _, out = spawn([PYTHON, "-c", _RSS_RUNNER, *argv], env=env)
    code, peak = out.split()
    if int(code) != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {int(code)}")
    return int(peak)

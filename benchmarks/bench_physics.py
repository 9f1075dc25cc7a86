"""Benchmark the physics systems over a typical six-hour incident timeline (360 minutes).

Run: `python benchmarks/bench_physics.py [--repeat N] [--minutes M]`. Each system runs N times
(default 50) from a fresh generator; the median and the best run are printed, then the same for
a typical incident: one training run, one drift system with five features (four numeric, one
categorical) and one calibration system, with and without an intervention. The target for the
typical incident is about 15 ms. The best run and the CPU time show the cost on an idle machine;
the wall-clock median also reflects whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

# Before numpy, as `triage` runs (cli.main): with two BLAS threads, on a busy machine the
# training system's many small matrix products waited on each other (5x slower, erratic).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402

from triage.model.physics import PhysicsSpec  # noqa: E402
from triage.sim.physics import Intervention, run_physics  # noqa: E402

SPEC = TypeAdapter(PhysicsSpec)
SYSTEMS = {
    "training (lr push)": {"kind": "training", "onset_learning_rate": 0.5},
    "drift, 5 features": {
        "kind": "drift",
        "features": [
            {"name": "basket", "mean": 40, "std": 12, "shift": 1.0},
            {"name": "hour", "mean": 12, "std": 5},
            {"name": "tenure", "shift": 0.5},
            {"name": "clicks", "scale": 2.0},
            {"name": "country", "categories": {"us": 5, "de": 3, "fr": 2}, "drifted": {"br": 1}},
        ],
        "drifting": ["basket", "tenure"],
        "ramp": "30m",
    },
    "calibration": {"kind": "calibration", "onset_temperature": 0.2},
    "delayed_accuracy": {"kind": "delayed_accuracy"},
}
TYPICAL = ("training (lr push)", "drift, 5 features", "calibration")
FIXES: dict[str, dict[str, float | bool | str]] = {
    "training (lr push)": {"learning_rate": 0.05},
    "drift, 5 features": {"retrain": True},
    "calibration": {"temperature": 1.0},
}


def timings(work: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and best wall time and median CPU time of `work` in ms, after a warm-up call."""
    work()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - start) * 1000.0)
        cpu.append((time.process_time() - start_cpu) * 1000.0)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def main() -> None:
    """Time each system and the typical incident, and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--minutes", type=int, default=360)
    args = parser.parse_args()
    specs = {name: SPEC.validate_python(raw) for name, raw in SYSTEMS.items()}

    def one(name: str, fix: bool = False) -> Callable[[], object]:
        intervention = Intervention(at=200, overrides=FIXES[name]) if fix else None
        return lambda: run_physics(
            specs[name],
            rng=np.random.default_rng(7),
            minutes=args.minutes,
            onset=120.0,
            intervention=intervention,
        )

    def typical(fix: bool) -> Callable[[], object]:
        runs = [one(name, fix) for name in TYPICAL]
        return lambda: [run() for run in runs]

    print(f"{args.minutes} simulated minutes, {args.repeat} runs each; milliseconds")
    print(f"{'system':38s} {'median':>8s} {'best':>8s} {'cpu med':>8s}")
    rows = [(name, one(name)) for name in specs]
    rows += [
        ("typical incident (train+drift+calib)", typical(False)),
        ("typical incident, with interventions", typical(True)),
    ]
    for label, work in rows:
        median, best, cpu = timings(work, args.repeat)
        print(f"{label:38s} {median:8.2f} {best:8.2f} {cpu:8.2f}")


if __name__ == "__main__":
    main()

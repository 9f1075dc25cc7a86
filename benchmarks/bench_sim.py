"""Simulation: every series of an incident, and how that cost grows with steps and signals.

- "simulate": `build_world` for the built-in incident with the most physics systems, set to 6 h at
  1-minute steps and 20 signals (copies of its own). Target: median under 20 ms. Baseline:
  the least a simulator could do for the same output, numpy drawing and summing that many
  random-walk series of that length (the ratio says how much our curves and physics cost over it).
- "growth": the same incident at 1x, 4x and 16x its steps (360 to 5,760 minutes, 20 signals) and,
  apart, its signals (4 to 64, the schema's limit, at 360 minutes); the exponent k of the
  least-squares fit of the marginal cost, (t - t1x) = c * (size - 1)**k (`marginal_exponent`:
  a fit on whole times lets fixed costs pull k below 1 and hide a superlinear term), for ours
  and for the baseline at the same sizes. Target: k <= 1.15 (linear, with room for noise). The
  note gives the exponent of whole times too. When 16x the size adds less than a quarter to the
  time (signals: the physics systems cost the same however many panels read them), the
  increments are timing noise and the row says so and fits whole times instead.

Runs are interleaved (ours, base, ours ...), medians of `--repeat` runs.
Run: `python benchmarks/bench_sim.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy, as `triage` runs (cli.main)

import numpy as np  # noqa: E402
from _harness import (  # noqa: E402
    Figure,
    fit_exponent,
    interleaved,
    marginal_exponent,
    medians,
    table,
    timed,
)

SIM_TARGET_MS = 20.0
MINUTES, SIGNALS = 360, 20
GROWTH_TARGET = 1.15
MEASURABLE = 0.25
"""The least growth (the largest size over the smallest, minus one) worth fitting a marginal
exponent on; below it the increments are mostly timing noise."""
SEED = 7


def heaviest_physics_incident() -> Any:
    """The built-in incident with the most physics systems, then the most signals."""
    from triage.model.pack import load_catalog

    return max((x for x in load_catalog().sorted() if x.incident.systems),
               key=lambda x: (len(x.incident.systems), len(x.incident.signals), x.incident.id))


def variant(loaded: Any, *, minutes: int = MINUTES, signals: int = SIGNALS) -> Any:
    """The incident with a timeline of `minutes` and exactly `signals` signals.

    Extra signals are copies of the incident's own (new ids, same dashboards, shapes, physics
    outputs), so every size does the same kind of work.
    """
    from triage.model.incident import Incident

    data = loaded.incident.model_dump(by_alias=True)
    data["timeline"]["duration"] = float(minutes)
    originals = data["signals"]
    data["signals"] = [
        {**originals[i % len(originals)],
         "id": originals[i % len(originals)]["id"] + (f"_{i}" if i >= len(originals) else "")}
        for i in range(signals)
    ]
    return Incident.model_validate(data)


def pack_medians(repeat: int) -> dict[str, float]:
    """The median build time (ms) of every built-in physics incident at 6 h and 20 signals."""
    from triage.model.pack import load_catalog
    from triage.sim.world import build_world

    found = {}
    for loaded in load_catalog().sorted():
        if loaded.incident.systems:
            incident = variant(loaded)
            runs = interleaved({"ours": timed(lambda i=incident: build_world(i, SEED))}, repeat)
            found[loaded.incident.id] = statistics.median(runs["ours"]) * 1000
    return found


def numpy_floor(signals: int, minutes: int) -> Any:
    """The baseline: `signals` random-walk series of `minutes` points, drawn and summed."""

    def work() -> None:
        rng = np.random.default_rng(SEED)
        walk = rng.normal(0.0, 1.0, size=(signals, minutes)).cumsum(axis=1)
        (walk + rng.normal(0.0, 0.1, size=(signals, minutes))).tolist()

    return work


def figures(repeat: int = 31) -> list[Figure]:
    """The simulation and growth figures."""
    from triage.sim.world import build_world

    loaded = heaviest_physics_incident()
    incident = variant(loaded)
    times = medians(interleaved({
        "ours": timed(lambda: build_world(incident, SEED)),
        "base": timed(numpy_floor(SIGNALS, MINUTES)),
    }, repeat))
    ours_ms = times["ours"] * 1000
    pack = pack_medians(max(5, repeat // 4))
    result = [Figure(
        f"simulate 6 h, {SIGNALS} signals, {len(incident.systems)} systems",
        ours_ms, times["base"] * 1000, "ms", f"< {SIM_TARGET_MS:g} ms", ours_ms < SIM_TARGET_MS,
        note=f"{loaded.incident.id} (the most physics systems) at 6 h with {SIGNALS} signals; "
             f"all {len(pack)} built-in physics incidents so: median "
             f"{statistics.median(pack.values()):.1f} ms, slowest {max(pack.values()):.1f} ms "
             f"({max(pack, key=pack.__getitem__)})")]

    for axis, sizes in (("steps", (1, 4, 16)), ("signals", (1, 4, 16))):
        runs: dict[str, Any] = {}
        for size in sizes:
            shape = (SIGNALS, MINUTES * size) if axis == "steps" else (4 * size, MINUTES)
            grown_incident = variant(loaded, minutes=shape[1], signals=shape[0])
            runs[f"ours{size}"] = timed(lambda i=grown_incident: build_world(i, SEED))
            runs[f"base{size}"] = timed(numpy_floor(*shape))
        grown = medians(interleaved(runs, max(5, repeat // 3)))
        ours_times = [grown[f"ours{s}"] for s in sizes]
        base_times = [grown[f"base{s}"] for s in sizes]
        spread = ", ".join(f"{s}x {grown[f'ours{s}'] * 1000:.1f} ms" for s in sizes)
        label = (f"steps {MINUTES}..{MINUTES * 16}" if axis == "steps" else "signals 4..64")
        added = ours_times[-1] / ours_times[0] - 1
        if added < MEASURABLE:  # the largest size adds less than the noise of the fixed part
            ours_k, base_k = fit_exponent(sizes, ours_times), fit_exponent(sizes, base_times)
            result.append(Figure(
                f"growth exponent, {label} (whole times: marginal cost within noise)", ours_k,
                base_k, "", f"k <= {GROWTH_TARGET}", ours_k <= GROWTH_TARGET,
                note=f"ours {spread}: {sizes[-1]}x the size adds {added:.0%}, too little to fit "
                     "an exponent on; k on whole times"))
            continue
        ours_k = marginal_exponent(sizes, ours_times)
        base_k = marginal_exponent(sizes, base_times)
        result.append(Figure(f"growth exponent of the marginal cost, {label}", ours_k, base_k,
                             "", f"k <= {GROWTH_TARGET}", ours_k <= GROWTH_TARGET,
                             note=f"ours {spread}; on whole times k would read "
                                  f"{fit_exponent(sizes, ours_times):.2f}"))
    return result


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31)
    print(table(figures(parser.parse_args().repeat)))


if __name__ == "__main__":
    main()

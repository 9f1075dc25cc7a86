"""Benchmark the position-keeping YAML loader against a plain libyaml parse.

Run: `python benchmarks/bench_yaml.py [--copies N] [--rounds R]`. Loads N copies (default 1,000)
of a ~200-line incident-like document with `triage.model.yamlsource.load_yaml_text` and with
`yaml.load(text, Loader=yaml.CSafeLoader)`, keeps the best of R interleaved rounds of each, and
prints the ratio. The target is a ratio of at most 1.5: positions are looked up lazily from the
kept node tree, so the loader pays nothing for them until an error needs one, and plain scalars
that cannot be numbers, booleans or null skip PyYAML's resolver regexes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import yaml

from triage.model.yamlsource import load_yaml_text

_SIGNAL = """\
  - id: {name}
    title: "{title}"
    dashboard: {dashboard}
    unit: ms
    shape:
      baseline: [120, 140]
      noise: 0.05
      effects:
        - {{kind: step, at: 30m, height: 1.8}}
        - {{kind: ramp, from: 40m, to: 1h10m, slope: 0.02}}
        - {{kind: seasonality, period: 24h, amplitude: 0.1}}
    alert:
      name: {name}_high
      expr: "{name} > 250"
      for: 5m
      severity: page
      summary: >
        {title} has been above its threshold for five minutes; check the
        deploy history and the drift report before acting.
      runbook: https://runbooks.example/{name}
"""

_HEAD = """\
schema: triage/incident@1
id: silent-degradation-07
title: Recommendations quietly got worse
pitfall: silent_accuracy_degradation
difficulty: 3
service: recsys-ranker
tags: [drift, ranking, delayed-labels]
briefing: |
  You are on call for the ranking service. Click-through has been soft since the morning,
  but every operational dashboard is green. Product is asking whether it is real.
timeline:
  start: "2024-05-01 09:00"
  duration: 6h
  tick: 1m
deploys:
  - {at: -2h, service: recsys-ranker, version: "4.12.0", note: new embedding table}
  - {at: -30m, service: feature-store, version: "2.3.1", note: schema change}
logs:
  - {at: 10m, level: warn, text: "feature user_age null rate 12%"}
  - {at: 25m, level: info, text: "batch job finished"}
  - {at: 50m, level: warn, text: "PSI(user_age) = 0.31"}
signals:
"""

_TAIL = """\
diagnosis:
  correct: train_prod_mismatch
  options:
    - {id: train_prod_mismatch, text: The feature pipeline changed under the model}
    - {id: training_divergence, text: The last training run diverged}
    - {id: miscalibration, text: The scores are miscalibrated}
remediations:
  - {id: rollback_feature_store, effect: resolves, text: Roll back feature-store 2.3.1}
  - {id: retrain, effect: helps, text: Retrain on recent data}
  - {id: restart, effect: no_effect, text: Restart the ranker pods}
debrief:
  summary: |
    A schema change in the feature store turned a numeric feature into nulls for a
    slice of users. Nothing crashed; the model just saw a different world.
"""


def make_document() -> str:
    """Return an incident-like YAML document of about 200 lines."""
    dashboards = ("operational", "quality", "drift")
    signals = "".join(
        _SIGNAL.format(name=f"signal_{i}", title=f"Signal {i} latency", dashboard=dashboards[i % 3])
        for i in range(8)
    )
    return _HEAD + signals + _TAIL


def best_of(rounds: int, *runs: Callable[[], object]) -> list[float]:
    """Return the fastest wall time of each run over `rounds`, interleaved so load hits both."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for index, run in enumerate(runs):
            start = time.perf_counter()
            run()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def main() -> None:
    """Time both loaders and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    text = make_document()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert load_yaml_text(text, "bench.yaml").data == yaml.load(text, Loader=loader)

    def ours() -> None:
        for _ in range(args.copies):
            load_yaml_text(text, "bench.yaml")

    def plain() -> None:
        for _ in range(args.copies):
            yaml.load(text, Loader=loader)

    ours_s, plain_s = best_of(args.rounds, ours, plain)
    lines = text.count("\n")
    print(f"document: {lines} lines, {len(text):,} bytes; {args.copies:,} copies")
    print(f"yaml.load (CSafeLoader): {plain_s * 1000:8.1f} ms")
    print(f"load_yaml_text:          {ours_s * 1000:8.1f} ms")
    print(f"ratio: {ours_s / plain_s:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()

"""`triage check` over the built-in pack, blind-play strategies included.

Each incident is checked in process (`authoring.checker.check_incident`, default seeds, the
incidents already loaded) with and without its blind-play checks, interleaved incident by
incident (without, with, without ...), for `--repeat` rounds over the whole pack. The blind
strategies play on the world `check` has already built for each seed (`authoring.worlds`), so
they should cost little more than their own moves and scoring.

- "check the pack": the pack's total with blind play against the same total without it (the
  median over rounds of the paired ratio of the round totals). Target: within 1.5x.
- the note gives the per-incident median, with and without, and the slowest incident.

Run: `python benchmarks/bench_check.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy, as `triage` runs (cli.main)

from _harness import Figure, table  # noqa: E402

TARGET = 1.5


def figures(repeat: int = 3) -> list[Figure]:
    """The pack figure."""
    from triage.authoring.checker import check_incident
    from triage.model.pack import load_catalog

    incidents = [loaded.incident for loaded in load_catalog().sorted()]
    for incident in incidents:  # warm-up: validation and imports out of the timed rounds
        check_incident(incident, blind=True)
    per: dict[str, dict[str, list[float]]] = {
        incident.id: {"base": [], "ours": []} for incident in incidents}
    totals: dict[str, list[float]] = {"base": [], "ours": []}
    for _ in range(repeat):
        spent = {"base": 0.0, "ours": 0.0}
        for incident in incidents:
            for name, blind in (("base", False), ("ours", True)):
                start = time.perf_counter()
                check_incident(incident, blind=blind)
                took = time.perf_counter() - start
                per[incident.id][name].append(took)
                spent[name] += took
        for name in spent:
            totals[name].append(spent[name])
    ratio = statistics.median(a / b for a, b in zip(totals["ours"], totals["base"], strict=True))
    each = {name: [statistics.median(times[name]) for times in per.values()]
            for name in ("base", "ours")}
    slowest = max(per, key=lambda i: statistics.median(per[i]["ours"]))
    note = (f"{len(incidents)} incidents, in process, default seeds; per incident median "
            f"{statistics.median(each['ours']) * 1000:.0f} ms with blind play, "
            f"{statistics.median(each['base']) * 1000:.0f} ms without; slowest {slowest} "
            f"{statistics.median(per[slowest]['ours']) * 1000:.0f} ms")
    return [Figure("check the pack, blind play included", statistics.median(totals["ours"]),
                   statistics.median(totals["base"]), "s", f"<= {TARGET}x of check without "
                   "blind play", ratio <= TARGET, ratio=ratio, note=note)]


def main() -> None:
    """Print this benchmark's row of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    print(table(figures(parser.parse_args().repeat)))


if __name__ == "__main__":
    main()

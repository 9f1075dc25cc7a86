"""Peak memory of a full headless-TUI play against the floor every war room starts from.

Ours: a full play in the TUI, headless at 120x40 (`_tui_child.py play ours`: the page, every
investigation screen, every panel opened full-size and closed, ten ticks, the diagnosis, the
fix, the debrief), started as `triage play PATH` starts. The floor: a bare Textual app of as
many Sparklines, redrawn as many times, after importing numpy, PyYAML, pydantic and triage's
incident models, the incident's validator built (`_tui_child.py play floor`): what no war
room built on these libraries can go below. numpy counts with numpy.random, which numpy 2
defers on `import numpy` and every simulation draws from (2.3 MiB), as `validate`'s baseline
counts pydantic's deferred submodules (`bench_startup`); the reading with numpy's top level
only (`floor-top`) is printed too. Peak RSS is the child's own maximum resident set (`wait4`).
Target: within 1.25x. The note gives the bare app without those imports, for scale.
Run: `python benchmarks/bench_memory.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import tempfile

from _harness import (
    BENCH_DIR,
    PYTHON,
    Figure,
    child_env,
    interleaved,
    medians,
    paired_ratio,
    spawn_rss,
    table,
)

RSS_TARGET = 1.25
CHILD = str(BENCH_DIR / "_tui_child.py")
WINDOW = 120


def figures(repeat: int = 5) -> list[Figure]:
    """Peak RSS of a full play against the floor."""
    from bench_sim import heaviest_physics_incident

    loaded = heaviest_physics_incident()
    path, panels = str(loaded.path), len(loaded.incident.signals)
    redraws = [40]
    with tempfile.TemporaryDirectory(prefix="triage-bench-memory-") as home:
        env = child_env(TRIAGE_HOME=home)

        def ours() -> float:
            rss, out = spawn_rss([PYTHON, CHILD, "play", "ours", path], env=env)
            redraws[0] = int(out.decode().split()[-1])
            return rss / 1024

        def floor(side: str = "floor") -> float:
            rss, _ = spawn_rss([PYTHON, CHILD, "play", side, str(panels), str(WINDOW),
                                str(redraws[0])], env=env)
            return rss / 1024

        runs = interleaved({"ours": ours, "floor": floor, "top": lambda: floor("floor-top"),
                            "bare": lambda: floor("bare")}, repeat, warmup=0)
    rss = medians(runs)
    ratio = paired_ratio(runs, "ours", "floor")
    top = paired_ratio(runs, "ours", "top")
    return [Figure("peak RSS: full headless-TUI play vs the floor", rss["ours"], rss["floor"],
                   "MiB", f"<= {RSS_TARGET}x", ratio <= RSS_TARGET, ratio=ratio,
                   note=f"floor: a bare app of {panels} Sparklines after importing numpy "
                        f"(numpy.random included), PyYAML, pydantic and triage's models; "
                        f"without those imports {rss['bare']:.1f} MiB"),
            Figure("peak RSS: full play vs the floor without numpy.random", rss["ours"],
                   rss["top"], "MiB", "reported", True, ratio=top,
                   note="the floor importing numpy's top level only, as `import numpy` does; "
                        "numpy.random counts on our side")]


def main() -> None:
    """Print this benchmark's row of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    print(table(figures(parser.parse_args().repeat)))


if __name__ == "__main__":
    main()

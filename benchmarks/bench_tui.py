"""The war room against a bare Textual app with the same number of Sparkline widgets.

- "first frame: war room": process start to the first frame of the war room, headless at 120x40,
  started as `triage play PATH` starts (page first, acknowledged as soon as it is drawn).
  Baseline: a bare Textual app drawing one Sparkline per panel. Reported, no target: the player's
  first frame is the page (`bench_page`, within 1.3x of a bare page), and the war room is built
  while the page is read. The note gives the floor: the bare app after importing numpy (with
  numpy.random), PyYAML, pydantic and triage's incident models, which no war room can start
  without.
- "game tick": the tick's own work, timed in the app's event loop (under Pilot) from a settled
  screen: `app.tick()` (advance the clock one minute, update every visible panel, the status bar,
  sidebar and firing list) plus the repaint it causes, run at once (`_tui_child.repaint_now`:
  the refreshed widgets marked dirty and their containers' layouts invalidated, then what
  Textual's screen-update timer runs: any new layout, every refreshed line drawn, the frame
  composed). The child fails if any widget line is drawn again in the untimed `pilot.pause()`
  after the tick, so nothing the player sees is left out (a tick that delivers a message grows
  the sidebar's Messages box: its new layout is part of the timed tick). Target: median under
  8 ms. Baseline: the bare app updating every Sparkline by one point per tick, timed the same
  way. The note gives what a bare `pilot.pause(0)` costs (the harness's round trip through every
  widget, not part of the tick).

Peak memory of a full play is `bench_memory` (against the floor). Both rows here use the built-in
incident with the most physics systems (the heaviest to draw), run in child processes
(`_tui_child.py`), interleaved ours, bare, ours, bare ...
Run: `python benchmarks/bench_tui.py [--repeat N] [--ticks N]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile

from _harness import (
    BENCH_DIR,
    PYTHON,
    Figure,
    child_env,
    interleaved,
    medians,
    paired_ratio,
    spawn,
    spawn_until_stamp,
    table,
)

TICK_TARGET_MS = 8.0
CHILD = str(BENCH_DIR / "_tui_child.py")
WINDOW = 120  # points a panel shows (the last two hours), so each Sparkline gets as many


def the_incident() -> tuple[str, int]:
    """The path and signal count of the built-in incident with the most physics systems."""
    from bench_sim import heaviest_physics_incident

    loaded = heaviest_physics_incident()
    return str(loaded.path), len(loaded.incident.signals)


def figures(repeat: int = 7, ticks: int = 30) -> list[Figure]:
    """The war room's first frame (reported) and the game tick, ours against the bare app."""
    path, panels = the_incident()
    result = []
    with tempfile.TemporaryDirectory(prefix="triage-bench-home-") as home:
        env = child_env(TRIAGE_HOME=home)
        ours = [PYTHON, CHILD]
        bare = [PYTHON, CHILD]

        frame_runs = interleaved({
            "ours": lambda: spawn_until_stamp([*ours, "frame", "ours", path], env=env),
            "bare": lambda: spawn_until_stamp([*bare, "frame", "bare", str(panels), str(WINDOW)],
                                              env=env),
            "floor": lambda: spawn_until_stamp([*bare, "frame", "floor", str(panels),
                                                str(WINDOW)], env=env),
        }, repeat)
        frames, ratio = medians(frame_runs), paired_ratio(frame_runs, "ours", "bare")
        floor = paired_ratio(frame_runs, "floor", "bare")
        result.append(Figure(f"first frame: war room vs a bare app of {panels} Sparklines",
                             frames["ours"], frames["bare"], "s", "reported", True, ratio=ratio,
                             note=f"the page is the first frame (see its row); floor (the bare "
                                  f"app after importing numpy with numpy.random, PyYAML, "
                                  f"pydantic, triage's models): {frames['floor'] * 1000:.0f} ms, "
                                  f"{floor:.2f}x the bare app"))

        samples: dict[str, list[float]] = {"ours": [], "bare": [], "ours idle": [],
                                           "bare idle": []}

        def tick_run(side: str, argv: list[str]) -> float:
            _, out = spawn(argv, env=env)
            ticks_part, idle_part = out.decode().split("IDLE")
            samples[side].extend(float(line) for line in ticks_part.split())
            samples[f"{side} idle"].extend(float(line) for line in idle_part.split())
            return 0.0

        interleaved({
            "ours": lambda: tick_run("ours", [*ours, "tick", "ours", path, str(ticks)]),
            "bare": lambda: tick_run("bare", [*bare, "tick", "bare", str(panels), str(WINDOW),
                                              str(ticks)]),
        }, max(2, repeat // 2), warmup=0)
        tick = {side: statistics.median(values) * 1000 for side, values in samples.items()}
        result.append(Figure("game tick (tick + repaint)", tick["ours"], tick["bare"], "ms",
                             f"< {TICK_TARGET_MS:g} ms", tick["ours"] < TICK_TARGET_MS,
                             note=f"pilot.pause(0) alone, no tick: ours {tick['ours idle']:.1f}"
                                  f" ms, bare {tick['bare idle']:.1f} ms"))

    return result


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--ticks", type=int, default=30)
    args = parser.parse_args()
    print(table(figures(args.repeat, args.ticks)))


if __name__ == "__main__":
    main()

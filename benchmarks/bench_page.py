"""The page is the first frame: `triage play ID` against a bare Textual app drawing the same page.

- "first frame: the page": process start to the page's first frame, `triage play ID` as a player
  runs it (the real command line, `_page_child.py`), the incident's verdict cached (as after any
  earlier `list` or play). Baseline: a bare Textual app drawing an equivalent page (the same
  widgets, the same text, rendered by triage in this process and handed over as ANSI). Target:
  within 1.3x. The "cold" row is the same with no index cache (a first start after an install or
  a code change): the file is validated (pydantic) before the page; reported, no target.
- "`a` -> war room, page read 1 s": from pressing `a` after a second on the page to the war
  room's first frame. Target: at most 100 ms (median). Baseline: the same with the play built
  before the page (`PageFacts.complete` forced false, the path an incident without `page:`
  takes), which is how every play started before the page came first.
- "`a` at once": process start to the war room's first frame when `a` is pressed as soon as the
  page shows, ours against that same build-first start. Target: no worse (within 1.05x, the
  noise of a busy machine).

All on the built-in incident with the most physics systems, headless at 120x40, interleaved
(ours, baseline, ...), medians of paired ratios. Run: `python benchmarks/bench_page.py`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from _harness import (
    BENCH_DIR,
    PYTHON,
    Figure,
    child_env,
    interleaved,
    medians,
    paired_ratio,
    spawn,
    table,
)

FRAME_TARGET, ACK_TARGET_S, AT_ONCE_TARGET = 1.3, 0.100, 1.05
CHILD = str(BENCH_DIR / "_page_child.py")
CARD_WIDTH = 86  # the card's 90 columns less its border and padding (app.tcss)


def page_text(incident_id: str, folder: Path) -> Path:
    """The page's card and prompt as ANSI, drawn by triage's own renderers, in a JSON file."""
    from rich.console import Console

    from triage.model.pack import find_incident
    from triage.model.pagefacts import facts_of
    from triage.tui.render.pagecard import render_page_card, render_page_clock

    facts = facts_of(find_incident(incident_id).incident)
    console = Console(width=CARD_WIDTH, force_terminal=True, color_system="truecolor",
                      record=False)

    def ansi(renderable: object) -> str:
        with console.capture() as capture:
            console.print(renderable)
        return capture.get().rstrip("\n")

    prompt = render_page_clock(facts, None)
    prompt.append("   press ")
    prompt.append(" a ", "bold reverse")
    prompt.append(" to acknowledge · the clock is running\n")
    prompt.append(" m ", "bold reverse")
    prompt.append(" marks what you see as evidence; your diagnosis cites it", "dim")
    path = folder / "page.json"
    path.write_text(json.dumps({"card": ansi(render_page_card(facts, None)),
                                "prompt": ansi(prompt)}), encoding="utf-8")
    return path


def stamps(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """The child's `WORD t` lines, as seconds since it was spawned."""
    start = time.monotonic()
    _, out = spawn(argv, env=env)
    found = {}
    for line in out.decode().splitlines():
        word, _, value = line.partition(" ")
        if word in ("STAMP", "PRESS", "WARROOM"):
            found[word] = float(value) - start
    if "STAMP" not in found:
        raise RuntimeError(f"{argv} printed no STAMP: {out[-300:]!r}")
    return found


def figures(repeat: int = 11) -> list[Figure]:
    """The page's first frame (cached and cold), and `a` to the war room (read, at once)."""
    from bench_sim import heaviest_physics_incident

    incident = heaviest_physics_incident().incident.id
    result = []
    with tempfile.TemporaryDirectory(prefix="triage-bench-page-") as folder:
        home = Path(folder) / "home"
        env = child_env(TRIAGE_HOME=str(home))
        build_first = child_env(TRIAGE_HOME=str(home), BENCH_BUILD_FIRST="1")
        facts = str(page_text(incident, Path(folder)))
        cold_homes = iter(range(10_000))

        def cold() -> float:
            fresh = child_env(TRIAGE_HOME=str(Path(folder) / f"cold{next(cold_homes)}"))
            return stamps([PYTHON, CHILD, "ours", incident, "-1"], fresh)["STAMP"]

        runs = interleaved({
            "ours": lambda: stamps([PYTHON, CHILD, "ours", incident, "-1"], env)["STAMP"],
            "bare": lambda: stamps([PYTHON, CHILD, "bare", facts], env)["STAMP"],
            "cold": cold,
        }, repeat)
        frame = medians(runs)
        ratio = paired_ratio(runs, "ours", "bare")
        result.append(Figure("first frame: the page (triage play ID)", frame["ours"],
                             frame["bare"], "s", f"<= {FRAME_TARGET}x", ratio <= FRAME_TARGET,
                             ratio=ratio, note="baseline: a bare Textual app drawing the same "
                             "page (same widgets, same text)"))
        cold_ratio = paired_ratio(runs, "cold", "bare")
        result.append(Figure("first frame: the page, cold (no index cache)", frame["cold"],
                             frame["bare"], "s", "reported", True, ratio=cold_ratio))

        def ack(argv_env: dict[str, str], wait: str) -> dict[str, float]:
            return stamps([PYTHON, CHILD, "ours", incident, wait], argv_env)

        read = interleaved({
            "ours": lambda: (lambda s: s["WARROOM"] - s["PRESS"])(ack(env, "1")),
            "first": lambda: (lambda s: s["WARROOM"] - s["PRESS"])(ack(build_first, "1")),
        }, repeat)
        after = medians(read)
        result.append(Figure("`a` -> war room, page read 1 s", after["ours"], after["first"],
                             "s", f"<= {ACK_TARGET_S * 1000:.0f} ms",
                             after["ours"] <= ACK_TARGET_S,
                             ratio=paired_ratio(read, "ours", "first"),
                             note="baseline: the play built before the page, as before"))
        at_once = interleaved({
            "ours": lambda: ack(env, "0")["WARROOM"],
            "first": lambda: ack(build_first, "0")["WARROOM"],
        }, repeat)
        once = medians(at_once)
        once_ratio = paired_ratio(at_once, "ours", "first")
        result.append(Figure("start -> war room, `a` at once", once["ours"], once["first"],
                             "s", f"<= {AT_ONCE_TARGET}x", once_ratio <= AT_ONCE_TARGET,
                             ratio=once_ratio, note=f"spread of ours: "
                             f"{statistics.pstdev(at_once['ours']) * 1000:.0f} ms"))
    return result


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    print(table(figures(parser.parse_args().repeat)))


if __name__ == "__main__":
    main()

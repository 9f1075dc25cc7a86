"""The game tick in a real terminal: the war room ticking in a pty, its output included.

The child (`_pty_child.py`) runs with Textual's own terminal driver on a pseudo-terminal of
120x40 whose other end this process reads (and discards) as a terminal would: each tick is timed
from `app.tick()` to the moment the frame it caused has been written and flushed to the terminal.
"Ours" is `triage play INCIDENT`'s war room (the built-in incident with the most physics systems,
its first dashboard showing). The baseline is a bare Textual app with the same number of widgets
as that war room: as many `Sparkline`s as the dashboard shows metric panels (each gains a point
per tick, as a panel gains a minute), a status line updated each tick (the clock), and `Static`s
for the rest. Target: median under 8 ms, as the in-process tick (`bench_tui`).
Run: `python benchmarks/bench_tick.py [--repeat N] [--ticks N]`.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import tempfile
import termios
import threading
from pathlib import Path

from _harness import BENCH_DIR, PYTHON, Figure, child_env, interleaved, table

TICK_TARGET_MS = 8.0
CHILD = str(BENCH_DIR / "_pty_child.py")
COLUMNS, ROWS = 120, 40


def in_a_pty(argv: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run `argv` on a fresh 120x40 pty, reading its output as a terminal would; the exit code
    and the output's last bytes."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               close_fds=True, start_new_session=True)
    os.close(slave)
    received = [b""]

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            received[0] = (received[0] + data)[-4000:]

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    code = process.wait(timeout=300)
    reader.join(timeout=5)
    os.close(master)
    return code, received[0]


def figures(repeat: int = 3, ticks: int = 30) -> list[Figure]:
    """The tick in a pty, ours against the bare app of as many widgets."""
    from bench_sim import heaviest_physics_incident

    path = str(heaviest_physics_incident().path)
    samples: dict[str, list[float]] = {"ours": [], "bare": []}
    shape = {"widgets": 0, "panels": 0}
    with tempfile.TemporaryDirectory(prefix="triage-bench-tick-") as folder:
        env = child_env(TRIAGE_HOME=str(Path(folder) / "home"), TERM="xterm-256color",
                        COLUMNS=str(COLUMNS), LINES=str(ROWS))
        out = str(Path(folder) / "times")

        def read(side: str) -> float:
            lines = Path(out).read_text(encoding="utf-8").split()
            values = dict(zip(lines[0:4:2], lines[1:4:2], strict=True))
            if side == "ours":
                shape["widgets"], shape["panels"] = int(values["WIDGETS"]), int(values["PANELS"])
            samples[side].extend(float(value) for value in lines[4:])
            return 0.0

        def ours() -> float:
            code, tail = in_a_pty([PYTHON, CHILD, "ours", path, str(ticks), out], env)
            if code:
                raise RuntimeError(f"the war room child exited {code}: {tail!r}")
            return read("ours")

        def bare() -> float:
            code, tail = in_a_pty([PYTHON, CHILD, "bare", str(shape["widgets"] or 60),
                                   str(shape["panels"] or 4), str(ticks), out], env)
            if code:
                raise RuntimeError(f"the bare child exited {code}: {tail!r}")
            return read("bare")

        interleaved({"ours": ours, "bare": bare}, repeat, warmup=0)
    tick = {side: statistics.median(values) * 1000 for side, values in samples.items()}
    return [Figure(f"game tick in a terminal (pty, output included), {shape['panels']} panels",
                   tick["ours"], tick["bare"], "ms", f"< {TICK_TARGET_MS:g} ms",
                   tick["ours"] < TICK_TARGET_MS,
                   note=f"baseline: a bare app of the war room's {shape['widgets']} widgets "
                        f"({shape['panels']} Sparklines ticked, a status line, Statics)")]


def main() -> None:
    """Print this benchmark's row of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ticks", type=int, default=30)
    args = parser.parse_args()
    print(table(figures(args.repeat, args.ticks)))


if __name__ == "__main__":
    main()

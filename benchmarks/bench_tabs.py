"""Game-day tabs: 20 browser tabs opened at once on `triage serve --gameday PLAN`.

A scripted websocket client (what textual.js sends, over loopback, with aiohttp) opens `tabs`
tabs at the same moment, as teams do when a game day starts, and times each from its connection
to its first frame (the join-code screen drawn). Then, with every tab open, the memory of the
server and all its descendants is summed: PSS (each shared page divided among the processes
that share it, so the sum is what the machine really spends; RSS would count a page shared by
twenty tabs twenty times), with RSS and the process count in the note.

Two servers, the same `triage serve` in the same run, alternately: "ours" forks each tab from
the warm, pre-imported parent (`triage.web.warmtabs`); "cold" runs each tab as its own
interpreter (`python -c 'triage.cli.entry()' ARGS`, which the server starts the ordinary way), as
every tab ran before. Targets: first-frame median within 1.5 s, total memory within 700 MB.
Run: `python benchmarks/bench_tabs.py [--tabs N] [--repeat N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _harness import PYTHON, ROOT, Figure, child_env, table

FRAME_TARGET_S, MEMORY_TARGET_MIB = 1.5, 700.0
COLD_TAB = "import sys; sys.argv[0] = 'triage'; from triage.cli import entry; entry()"
INCIDENT = ROOT / "tests" / "fixtures" / "shapes_only.yaml"
ESCAPES = re.compile(  # as tests/unit/tab_client.py: a terminal's escape sequences
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_plan(folder: Path, teams: int) -> Path:
    """A game-day plan of one round on the test incident, for `teams` teams."""
    (folder / INCIDENT.name).write_bytes(INCIDENT.read_bytes())
    names = ", ".join(f"team{n}" for n in range(min(teams, 12)))  # a plan has 12 at most
    plan = folder / "plan.yaml"
    plan.write_text(f"schema: triage/gameday@1\ntitle: Bench\nteams: [{names}]\nrounds:\n"
                    f"  - {{incident: {INCIDENT.name}, seed: 1, time_limit: 30m}}\n",
                    encoding="utf-8")
    return plan


SERVE = """
import sys
import triage.commands.serve as serve
if sys.argv[1] == "cold":
    original = serve.served_argv
    serve.served_argv = lambda *a, **k: [sys.executable, "-c", {cold!r}, *original(*a, **k)[3:]]
from triage.cli import entry
sys.argv = ["triage", *sys.argv[2:]]
entry()
"""


def start_server(side: str, plan: Path, home: str, port: int) -> subprocess.Popen[bytes]:
    """`triage serve --gameday PLAN` on `port`, its tabs warm (ours) or cold."""
    env = child_env(TRIAGE_HOME=home, COLUMNS="100")
    code = SERVE.format(cold=COLD_TAB)
    process = subprocess.Popen(
        [PYTHON, "-c", code, side, "serve", "--host", "127.0.0.1", "--port", str(port),
         "--gameday", str(plan), "--new"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    seen = b""
    while b"scoreboard" not in seen:
        line = process.stdout.readline()
        if not line or time.monotonic() > deadline:
            raise RuntimeError(f"triage serve did not start: {seen.decode(errors='replace')}")
        seen += line
    return process


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True)
    children: dict[int, list[int]] = {}
    pairs = [tuple(map(int, line.split())) for line in out.stdout.splitlines() if line.strip()]
    for child, parent in pairs:
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def memory_kib(pids: list[int]) -> tuple[int, int]:
    """The summed PSS and RSS (KiB) of these processes."""
    pss = rss = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        pss += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        rss += int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
    return pss, rss


async def open_tabs(port: int, count: int) -> tuple[list[float], list[object]]:
    """Open `count` tabs at once; each one's seconds to its first frame; the open tabs.

    A lean client (what textual.js sends: the size, then nothing until the screen is drawn)
    that looks only at what each message adds, so that the client's own work stays small
    beside the tabs' on a two-core machine."""
    import aiohttp

    url = f"ws://127.0.0.1:{port}/ws?width=120&height=40"
    session = aiohttp.ClientSession()

    async def one() -> tuple[float, object]:
        start = time.monotonic()
        ws = await session.ws_connect(url, headers={"Origin": f"http://127.0.0.1:{port}"},
                                      max_msg_size=0)
        await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
        tail = ""
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                tail = (tail + ESCAPES.sub("", message.data.decode("utf-8", "replace")))[-4000:]
                if "join code" in tail:
                    return time.monotonic() - start, ws
        raise RuntimeError(f"a tab closed before its first frame: {tail[-300:]!r}")

    results = await asyncio.gather(*(one() for _ in range(count)))
    opened = [ws for _, ws in results]
    opened.append(session)
    return [seconds for seconds, _ in results], opened


def one_run(side: str, tabs: int, folder: Path) -> tuple[float, float, float, int]:
    """Median first frame (s), PSS and RSS (MiB) with every tab open, and the process count."""
    home = tempfile.mkdtemp(prefix=f"bench-{side}-", dir=folder)
    plan = write_plan(Path(home), tabs)
    port = free_port()
    server = start_server(side, plan, home, port)

    async def scenario() -> tuple[list[float], float, float, int]:
        frames, opened = await open_tabs(port, tabs)
        await asyncio.sleep(1.0)  # every tab idle at its first screen
        pids = descendants(server.pid)
        pss, rss = memory_kib(pids)
        for tab in opened:
            await tab.close()  # type: ignore[attr-defined]  # each websocket, then the session
        return frames, pss / 1024, rss / 1024, len(pids)

    try:
        frames, pss, rss, count = asyncio.run(scenario())
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return statistics.median(frames), pss, rss, count


def figures(tabs: int = 20, repeat: int = 3) -> list[Figure]:
    """First frame and total memory of `tabs` tabs, warm against cold."""
    runs: dict[str, list[tuple[float, float, float, int]]] = {"ours": [], "cold": []}
    with tempfile.TemporaryDirectory(prefix="triage-bench-tabs-") as folder:
        for _ in range(repeat):
            for side in runs:
                runs[side].append(one_run(side, tabs, Path(folder)))
    frame = {side: statistics.median(r[0] for r in values) for side, values in runs.items()}
    pss = {side: statistics.median(r[1] for r in values) for side, values in runs.items()}
    rss = {side: statistics.median(r[2] for r in values) for side, values in runs.items()}
    procs = {side: values[-1][3] for side, values in runs.items()}
    frame_ratio = statistics.median(a[0] / b[0] for a, b in zip(runs["ours"], runs["cold"],
                                                                 strict=True))
    pss_ratio = statistics.median(a[1] / b[1] for a, b in zip(runs["ours"], runs["cold"],
                                                               strict=True))
    return [
        Figure(f"game-day tabs: first frame, {tabs} at once (median)", frame["ours"],
               frame["cold"], "s", f"< {FRAME_TARGET_S:g} s", frame["ours"] < FRAME_TARGET_S,
               ratio=frame_ratio, note="baseline: the same server, each tab a cold interpreter"),
        Figure(f"game-day tabs: total memory (PSS), {tabs} open", pss["ours"], pss["cold"],
               "MiB", f"< {MEMORY_TARGET_MIB:g} MiB", pss["ours"] < MEMORY_TARGET_MIB,
               ratio=pss_ratio,
               note=f"server and every descendant: ours {procs['ours']} processes, RSS sum "
                    f"{rss['ours']:.0f} MiB; cold {procs['cold']} processes, RSS sum "
                    f"{rss['cold']:.0f} MiB"),
    ]


def main() -> None:
    """Print this benchmark's rows of the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    print(table(figures(args.tabs, args.repeat)))


if __name__ == "__main__":
    main()

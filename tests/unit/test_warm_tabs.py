"""Warm tabs (`triage.web.warmtabs`): a tab forked from the warm parent runs `triage ARGS` on its
own pipes and environment, as `python -m triage ARGS` would, and nothing outlives the server.

The warm parent is forked from a fresh interpreter (not from pytest, which may hold threads)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from triage.web.warmtabs import run_argv

SCRIPT = r"""
import json, os, sys, time
from triage.web.warmtabs import WarmParent, import_modules

warm = WarmParent.start(lambda: import_modules(["triage.cli"]))
report = {"warm": warm.pid, "alive": warm.alive}
in_r, in_w = os.pipe(); out_r, out_w = os.pipe(); err_r, err_w = os.pipe()
env = dict(os.environ)
tab = warm.fork(["--version"], env, (in_r, out_w, err_w))
for fd in (in_r, out_w, err_w):
    os.close(fd)
report["tab"] = tab
with os.fdopen(out_r, "rb") as out:
    report["stdout"] = out.read().decode()
warm.close()
deadline = time.monotonic() + 5
while os.path.exists(f"/proc/{warm.pid}/status") and time.monotonic() < deadline:
    state = open(f"/proc/{warm.pid}/status").read()
    if "zombie" in state:
        break
    time.sleep(0.02)
report["warm_ended"] = (not os.path.exists(f"/proc/{warm.pid}/status")
                       or "zombie" in open(f"/proc/{warm.pid}/status").read())
try:
    warm.fork(["--version"], env, (0, 1, 2))
    report["refused"] = False
except ConnectionError:
    report["refused"] = not warm.alive
print(json.dumps(report))
"""


def test_a_forked_tab_runs_triage_on_its_own_pipes_and_the_parent_ends_with_the_server(
        tmp_path: Path) -> None:
    env = {**os.environ, "TRIAGE_HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         env=env, timeout=60, check=True)
    report = json.loads(run.stdout)
    cold = subprocess.run([sys.executable, "-m", "triage", "--version"], capture_output=True,
                          text=True, env=env, timeout=60, check=True)
    assert report["alive"] and report["tab"] > 0
    assert report["stdout"] == cold.stdout and cold.stdout.strip()
    assert report["warm_ended"], "the warm parent outlived the server's end of the socket"
    assert report["refused"], "a fork from an ended parent must fail (tabs then start cold)"


def test_only_python_m_triage_is_forked_warm() -> None:
    assert run_argv([sys.executable, "-m", "triage", "gameday", "join", "r1"]) == \
        ["gameday", "join", "r1"]
    assert run_argv([sys.executable, "-m", "triage"]) == []
    assert run_argv(["/bin/sh", "-c", "triage"]) is None
    assert run_argv([sys.executable, "-c", "print(1)"]) is None



def test_tabs_opened_together_start_in_turn() -> None:
    """With one turn, a second tab's process starts only once the first has drawn."""
    import asyncio

    from textual_serve.app_service import AppService

    from triage.web.tabservice import TabService

    started: list[str] = []

    async def scenario() -> list[str]:
        gate = asyncio.Semaphore(1)

        async def write(_data: object) -> None:
            return None

        def tab(name: str) -> TabService:
            service = TabService(["triage-test"], None, gate, write_bytes=write,
                                 write_str=write, close=write, download_manager=None)
            service.name = name  # type: ignore[attr-defined]
            return service

        async def fake_start(self: TabService, width: int, height: int) -> None:
            started.append(self.name)  # type: ignore[attr-defined]

        original = AppService.start
        AppService.start = fake_start  # type: ignore[method-assign]
        try:
            first, second = tab("first"), tab("second")
            await first.start(80, 24)
            waiting = asyncio.create_task(second.start(80, 24))
            await asyncio.sleep(0.05)
            assert started == ["first"], "the second tab started before the first drew"
            await first.on_data(b"\x1b[?1049h")  # terminal modes: not a frame yet
            await asyncio.sleep(0.05)
            assert started == ["first"], "a tab's terminal modes are not its first frame"
            await first.on_data(b"x" * 4096)
            await asyncio.wait_for(waiting, 1)
            await second.on_data(b"x" * 4096)
        finally:
            AppService.start = original  # type: ignore[method-assign]
        return started

    assert asyncio.run(scenario()) == ["first", "second"]

"""A game day over `triage serve`: join codes printed for the facilitator, the board showing who
is connected, tabs that end with the server (no ghost plays), and a restart that offers to resume
the unfinished run instead of silently starting a new one."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from serve_helpers import Served, write_plan
from tab_client import Tab

from triage.commands.serve import offer_resume, unfinished_run
from triage.gameday.checks import load_plan
from triage.gameday.runner import GameDay
from triage.store import Store


def board(run_id: str) -> str:
    return subprocess.run([sys.executable, "-m", "triage", "gameday", "board", run_id, "--once"],
                          capture_output=True, text=True, timeout=60, check=True).stdout


def test_codes_are_printed_and_the_board_shows_who_is_connected(tmp_path: Path) -> None:
    served = Served("--gameday", str(write_plan(tmp_path)), "--run-id", "tabs")

    async def scenario(code: str) -> str:
        tab = await Tab(served.url).open()
        await tab.wait_for("join code", timeout=60)
        await tab.keys(code.lower() + "\r")
        await tab.wait_for("start your clock")
        shown = board("tabs")
        await tab.close()
        return shown

    try:
        served.wait_ready()
        codes = served.codes()
        assert set(codes) == {"red", "blue"}
        shown = asyncio.run(scenario(codes["blue"]))
    finally:
        served.stop()
    assert "Tabs: red not connected; blue connected" in shown
    assert codes["blue"] not in shown and codes["red"] not in shown  # the board may be projected


def test_a_killed_server_takes_its_tabs_with_it(tmp_path: Path) -> None:
    """An orphaned tab used to keep its countdown and store a ghost play when it ran out."""
    served = Served("--gameday", str(write_plan(tmp_path)), "--run-id", "tabs")

    async def scenario(code: str) -> list[int]:
        tab = await Tab(served.url).open()
        await tab.wait_for("join code", timeout=60)
        await tab.keys(code + "\r")
        await tab.wait_for("start your clock")
        await tab.keys("\r")
        await tab.wait_for("left")
        children = served.children()
        served.kill()  # SIGKILL: no chance to close anything
        await tab.drop()
        return children

    try:
        served.wait_ready()
        children = asyncio.run(scenario(served.codes()["red"]))
    finally:
        served.stop()
    assert len(children) == 1
    deadline = time.monotonic() + 3
    while Path(f"/proc/{children[0]}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{children[0]}").exists(), "the tab outlived its server"
    assert Store().list_plays(gameday_run="tabs") == []  # the turn waits in the store


def test_restarting_serve_with_an_unfinished_plan_offers_to_resume(tmp_path: Path) -> None:
    plan = write_plan(tmp_path).resolve()
    first = GameDay.create(load_plan(plan), Store(), run_id="friday")
    argv = [sys.executable, "-m", "triage", "serve", "--gameday", str(plan), "--port", "1"]
    refused = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL)
    assert refused.returncode == 2
    assert "run friday of" in refused.stderr and "is unfinished (0 of 2 turns played" in \
        refused.stderr
    assert "triage serve --run friday" in refused.stderr and "--new" in refused.stderr
    assert [r.id for r in Store().list_gameday_runs()] == ["friday"]  # no silent new run

    found = unfinished_run(Store(), plan)
    assert found is not None and found.run.run_id == first.run.run_id
    asked: list[str] = []
    assert offer_resume(found, plan, ask=lambda q: asked.append(q) or "", interactive=True)
    assert "Resume it? [Y/n]" in asked[0]
    assert offer_resume(found, plan, ask=lambda q: "n", interactive=True) is False

    from triage.engine import actions as act
    from triage.gameday.runner import Turn

    for team in ("red", "blue"):
        first.play_turn(Turn(0, team), [act.acknowledge()])
    assert unfinished_run(Store(), plan) is None  # a finished run is not offered

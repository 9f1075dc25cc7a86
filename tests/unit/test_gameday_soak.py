"""Soak: a served game day under disconnects and a server crash (slow; CI runs it; loopback only).

Three teams play three rounds, each in its own browser tab, scripted over the websocket the way
textual.js talks to the server. Twelve tabs in all (four per team): the first plays until it is
dropped or closed mid-turn; a second tab of the same team tries to join while the first is live
and is turned away; a third resumes the turn; the server is then SIGKILLed in the last round and
restarted with `serve --run`, and a fourth tab per team resumes there. At random, a team ends a
round by diagnosing or lets its clock run out. At the end every team has exactly one play per
round, every turn kept its first deadline (nothing recorded after it but the time-out itself),
and `gameday report` agrees with `gameday board`.

`TRIAGE_SOAK_SEED` picks another random schedule. The figures are printed (`pytest -s`).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from serve_helpers import Served, write_plan
from tab_client import Tab

from triage.store import Store
from triage.store.turns import TurnLedger

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("TRIAGE_SOAK_SEED", "18"))
TEAMS = ("red", "blue", "green")
ROUNDS = 3
LIMIT_SECONDS = 20
BUDGET_SECONDS = 240
"""The whole soak must end within this (it takes well under half of it)."""


class Day:
    """The server, restarted once, and what the teams' scripts share."""

    def __init__(self, plan: Path) -> None:
        self.server = Served("--gameday", str(plan), "--run-id", "soak")
        self.port = self.server.port
        self.codes: dict[str, str] = {}
        self.in_last_round: set[str] = set()
        self.restarted = asyncio.Event()
        self.tabs_opened = 0
        self.refused = 0
        self.resumed = 0
        self.ended_while_down = 0
        self.retries = 0
        self.downtime = 0.0

    async def tab(self) -> Tab:
        self.tabs_opened += 1
        return await Tab(self.server.url, width=100, height=30).open()

    async def crash_and_resume(self, rng: random.Random) -> None:
        """Once every team plays the last round: SIGKILL the server, then `serve --run`."""
        while len(self.in_last_round) < len(TEAMS):
            await asyncio.sleep(0.1)
        await asyncio.sleep(rng.uniform(0.5, 2.0))
        began = time.monotonic()
        self.server.kill()
        self.server.stop()
        self.server = Served("--run", "soak", port=self.port)
        await asyncio.to_thread(self.server.wait_ready)
        self.downtime = time.monotonic() - began
        self.restarted.set()


TAKEN = "already playing in another tab"


async def join(day: Day, team: str, *, expect_taken: bool = False) -> Tab:
    """Open a tab and type the team's code; like a person told the team is still held by a tab
    that was just closed, try again a moment later (unless that refusal is what we expect)."""
    tab = await day.tab()
    await tab.wait_for("join code", timeout=60)
    for _ in range(20):
        tab.clear()
        await tab.keys(day.codes[team].lower() + "\r")
        seen = await tab.wait_any(TAKEN, "start your clock", "resumed with", "results",
                                  "Final standing")
        if seen != TAKEN or expect_taken:
            return tab
        day.retries += 1
        await asyncio.sleep(1.0)
    raise AssertionError(f"team {team}'s seat stayed taken")


async def finish_turn(tab: Tab, diagnose: bool) -> None:
    """End the turn by a diagnosis and a fix, or by letting the clock run out."""
    if diagnose:
        await tab.keys("d")
        await tab.wait_for("root cause")
        for keys in ("\r", "\t\t", " ", "\x13"):  # cause, to the fixes, the first fix, submit
            await tab.keys(keys)
            await asyncio.sleep(0.3)  # as fast as a person: each choice lands before the next
    await tab.wait_for("results", timeout=LIMIT_SECONDS + 15)


async def start_round(tab: Tab) -> None:
    await tab.wait_for("start your clock", timeout=30)
    tab.clear()
    await tab.keys("\r")
    await tab.wait_for(" left")
    await tab.keys("a")
    await tab.wait_for("Diagnose")  # the war room's footer


async def play_team(day: Day, team: str, rng: random.Random) -> None:
    """One team's day: four tabs, one refused, one resuming after a drop, one after the crash."""
    first = await join(day, team)
    await start_round(first)  # round 1
    intruder = await join(day, team, expect_taken=True)
    await intruder.wait_for(TAKEN)
    day.refused += 1
    await intruder.close()
    await first.keys("w")
    await finish_turn(first, diagnose=rng.random() < 0.7)
    first.clear()
    await first.keys("\r")

    await start_round(first)  # round 2: the tab goes away mid-turn
    await asyncio.sleep(rng.uniform(0.0, 3.0))
    await (first.drop() if rng.random() < 0.5 else first.close())
    second = await join(day, team)
    await second.wait_for("resumed with")
    day.resumed += 1
    await finish_turn(second, diagnose=rng.random() < 0.5)
    second.clear()
    await second.keys("\r")

    await start_round(second)  # round 3: the server dies under it
    day.in_last_round.add(team)
    await day.restarted.wait()
    await second.drop()
    third = await join(day, team)
    seen = await third.wait_any("resumed with", "results", "Final standing", timeout=60)
    if seen == "resumed with":
        day.resumed += 1
        await finish_turn(third, diagnose=rng.random() < 0.5)
    else:  # its deadline passed while the server was down: the server ended it
        day.ended_while_down += 1
    if seen != "Final standing":
        third.clear()
        await third.keys("\r")
        await third.wait_for("Final standing")
    await third.close()


def cli(*argv: str) -> str:
    return subprocess.run([sys.executable, "-m", "triage", *argv], capture_output=True,
                          text=True, timeout=60, check=True).stdout


def test_twelve_tabs_three_teams_three_rounds_disconnects_and_a_server_crash(
        tmp_path: Path) -> None:
    plan = write_plan(tmp_path, teams="[red, blue, green]", rounds=ROUNDS,
                      limit=f"{LIMIT_SECONDS}s")
    day = Day(plan)
    rng = random.Random(SEED)
    began = time.monotonic()

    async def scenario() -> None:
        await asyncio.to_thread(day.server.wait_ready)
        day.codes = day.server.codes()
        teams = [play_team(day, team, random.Random(rng.random())) for team in TEAMS]
        await asyncio.wait_for(asyncio.gather(day.crash_and_resume(rng), *teams),
                               BUDGET_SECONDS)

    try:
        asyncio.run(scenario())
    except BaseException:
        print(f"\nserver log (seed {SEED}):\n{day.server.stop()}")
        raise
    log = day.server.stop()
    elapsed = time.monotonic() - began

    plays = Store().list_plays(gameday_run="soak")
    per_team_round = sorted((p.team, p.seed) for p in plays)
    assert per_team_round == sorted((t, r + 1) for t in TEAMS for r in range(ROUNDS))

    turns = TurnLedger(Store()).turns("soak")
    assert len(turns) == len(TEAMS) * ROUNDS and all(t.finished for t in turns)
    late = []
    for turn in turns:
        assert turn.deadline_ts - turn.started_ts == pytest.approx(LIMIT_SECONDS)
        late += [entry for entry in turn.actions
                 if entry["step"] != "timeout" and entry["at"] > turn.deadline_ts + 1.0]
    assert late == [], "actions were recorded after their turn's deadline"
    ended = {(p.team, p.seed): p.ended_at.timestamp() for p in plays}
    overrun = max(ended[(t.team, t.round_index + 1)] - t.deadline_ts for t in turns)
    assert overrun <= 5.0 + day.downtime, "a turn outlived its deadline"

    board = json.loads(cli("gameday", "board", "soak", "--once", "--format", "json"))
    report = json.loads(cli("gameday", "report", "soak", "--format", "json"))
    assert board["standings"] == report["standings"] and board["complete"]
    assert "Traceback" not in log

    timeouts = sum(1 for p in plays if any(a.get("step") == "timeout" for a in p.actions))
    assert day.tabs_opened == 12 and day.refused == len(TEAMS)
    assert day.resumed + day.ended_while_down == 2 * len(TEAMS)
    print(f"\nsoak (seed {SEED}): {day.tabs_opened} tabs for {len(TEAMS)} teams, {ROUNDS} rounds "
          f"of {LIMIT_SECONDS}s; {len(plays)} plays ({timeouts} timed out, "
          f"{len(plays) - timeouts} diagnosed); {day.refused} second tabs turned away; "
          f"{day.resumed} turns resumed in a new tab, {day.ended_while_down} ended by the "
          f"server; server down {day.downtime:.1f}s; {day.retries} joins retried while a "
          f"closed tab let go; latest end {overrun:+.1f}s from its deadline; "
          f"{elapsed:.1f}s in all")

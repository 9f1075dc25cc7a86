"""A team's browser tab, driven by Pilot: the join code, one tab per team, a turn that survives
closing the tab (same deadline, actions and screen depth), and the clock kept by the store."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from triage.gameday.checks import load_plan
from triage.gameday.runner import GameDay
from triage.gameday.tabs import join_codes
from triage.store import Store
from triage.store.turns import TurnLedger
from triage.tui.gameday.board import ScoreboardScreen
from triage.tui.gameday.tab import TeamTabApp
from triage.tui.screens.page import PageScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.textual_internals import screen_text

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def pilot_test(scenario: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot scenario as a plain test."""

    @functools.wraps(scenario)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(scenario(*args, **kwargs))

    return run


class Clock:
    """A wall clock (POSIX seconds) the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def make_game(tmp_path: Path) -> GameDay:
    plan = tmp_path / "plan.yaml"
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())
    plan.write_text("schema: triage/gameday@1\ntitle: Tab day\nteams: [red, blue]\nrounds:\n"
                    f"  - {{incident: {INCIDENT.name}, seed: 1, time_limit: 2m}}\n",
                    encoding="utf-8")
    return GameDay.create(load_plan(plan), Store(), run_id="tab")


def tab_app(clock: Clock) -> TeamTabApp:
    return TeamTabApp(GameDay.open(Store(), "tab"), now=clock, tick_seconds=None,
                      heartbeat_seconds=3600)


async def type_code(pilot: Any, code: str) -> None:
    await pilot.press(*code.lower(), "enter")
    await pilot.pause()


@pilot_test
async def test_a_tab_joins_only_with_its_team_code(tmp_path: Path) -> None:
    codes = join_codes(make_game(tmp_path))
    app = tab_app(Clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "join code" in screen_text(app)
        await type_code(pilot, "QQQ-QQQ")
        assert "No team has that code (4 tries left)" in screen_text(app) and app.team is None
        await type_code(pilot, codes["blue"])
        assert app.team == "blue" and "start your clock" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen) and "team blue" in screen_text(app)
        assert "Pause" not in screen_text(app)
        await pilot.press("f4")
        assert app.playing  # skipping is the facilitator's, not the team's


@pilot_test
async def test_five_wrong_codes_close_the_tab(tmp_path: Path) -> None:
    make_game(tmp_path)
    app = tab_app(Clock())
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(5):
            await type_code(pilot, "QQQ-QQQ")
        assert "Too many wrong codes" in screen_text(app)
        await pilot.press("q", "r", "enter")  # no sixth try: the tab closes
        await pilot.pause()
    assert app.return_code == 1 and app.team is None


@pilot_test
async def test_a_second_tab_of_a_team_is_told_who_holds_it(tmp_path: Path) -> None:
    codes = join_codes(make_game(tmp_path))
    clock = Clock()
    first, second = tab_app(clock), tab_app(clock)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        await type_code(one, codes["red"])
        await type_code(two, codes["red"])
        assert second.team is None
        assert "already playing in another tab since" in screen_text(second)


@pilot_test
async def test_closing_the_tab_mid_turn_resumes_the_same_turn_and_clock(tmp_path: Path) -> None:
    codes = join_codes(make_game(tmp_path))
    clock = Clock()
    first = tab_app(clock)
    async with first.run_test(size=(100, 30)) as pilot:
        await type_code(pilot, codes["red"])
        await pilot.press("enter")  # start the clock: 02:00
        await pilot.pause()
        clock.now += 15
        await pilot.press("a")  # acknowledge: on to the war room
        await pilot.pause()
        assert isinstance(first.screen, WarRoomScreen)
        first.tab.leave()  # what closing the tab does (the process exits)
    clock.now += 3

    again = tab_app(clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await type_code(pilot, codes["red"])
        await pilot.pause()
        assert isinstance(again.screen, WarRoomScreen)  # no intro card, no fresh clock
        assert again.countdown is not None and again.countdown.text() == "01:42"
        assert again.session is not None and again.session.acknowledged_at is not None
        assert "01:42 left" in screen_text(again)
        assert Store().list_plays(gameday_run="tab") == []
        clock.now += 103  # the stored deadline passes
        await pilot.pause(0.5)
        assert isinstance(again.screen, ScoreboardScreen)
    plays = Store().list_plays(gameday_run="tab")
    assert [(p.team, p.player) for p in plays] == [("red", "red@tab")]
    turn = TurnLedger(Store()).get_turn("tab", "red", 0)
    assert turn is not None and turn.finished and turn.actions[0]["step"] == "acknowledge"


@pilot_test
async def test_the_round_card_fits_an_80_column_terminal(tmp_path: Path) -> None:
    make_game(tmp_path)
    app = TeamTabApp(GameDay.open(Store(), "tab"), team="red", now=Clock(), tick_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        squashed = "".join(screen_text(app).replace("│", " ").split())
        assert "whenitrunsouttheincidentendsasitstands." in squashed  # wrapped, not cut
        assert "Enter" in screen_text(app) and "╮" in screen_text(app)

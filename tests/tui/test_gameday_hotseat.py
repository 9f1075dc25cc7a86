"""The hot-seat game day, driven by Pilot: intro, turns against the clock, facilitator keys,
the round's scoreboard with both teams, the answer, and the final standing."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from triage.engine import actions as act
from triage.gameday.checks import load_plan
from triage.gameday.runner import GameDay
from triage.store import Store
from triage.tui.gameday.app import GamedayApp
from triage.tui.gameday.board import ScoreboardScreen
from triage.tui.gameday.card import CardScreen
from triage.tui.gameday.countdown import CountdownBar
from triage.tui.gameday.pause import PauseScreen
from triage.tui.screens.page import PageScreen
from triage.tui.textual_internals import screen_text

INCIDENT = Path(__file__).parent.parent / "fixtures" / "shapes_only.yaml"


def pilot_test(scenario: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot scenario as a plain test."""

    @functools.wraps(scenario)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(scenario(*args, **kwargs))

    return run


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_game(tmp_path: Path, rounds: int = 1) -> GameDay:
    plan = tmp_path / "plan.yaml"
    (tmp_path / INCIDENT.name).write_bytes(INCIDENT.read_bytes())  # plans name files beside them
    body = "".join(f"  - {{incident: {INCIDENT.name}, seed: {n + 1}, time_limit: 2m}}\n"
                   for n in range(rounds))
    plan.write_text(f"schema: triage/gameday@1\ntitle: Pilot day\nteams: [red, blue]\n"
                    f"rounds:\n{body}", encoding="utf-8")
    return GameDay.create(load_plan(plan), Store(), run_id="pilot")


@pilot_test
async def test_countdown_expiry_ends_the_turn_and_the_board_shows_both_teams(tmp_path) -> None:
    clock = FakeClock()
    game = make_game(tmp_path)
    app = GamedayApp(game, clock=clock, tick_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CardScreen) and "Round 1 of 1" in screen_text(app)
        await pilot.press("enter")  # round intro -> red's hand-off
        assert "Next: team red" in screen_text(app)
        await pilot.press("enter")  # red takes the keyboard
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        assert app.screen.query(CountdownBar) and "02:00 left" in screen_text(app)

        clock.now += 30
        await pilot.press("f2")  # the facilitator pauses: the clock stops
        assert isinstance(app.screen, PauseScreen) and app.countdown.paused
        clock.now += 600
        app.check_clock()
        assert app.playing
        await pilot.press("f2")
        await pilot.press("f3")  # one more minute
        assert round(app.countdown.remaining) == 150

        await pilot.press("a")  # red acknowledges, then dawdles until the time runs out
        clock.now += 151
        app.check_clock()
        await pilot.pause()
        assert isinstance(app.screen, CardScreen)
        text = screen_text(app)
        assert "Team red is done" in text and "Next: team blue" in text
        red = game.results[0]
        assert red.team == "red" and red.summary.timed_out and red.summary.acknowledged == 0

        await pilot.press("enter")  # blue plays it right
        await pilot.pause()
        for action in (act.acknowledge(), act.open_("tokens_per_request"),
                       act.diagnose("prompt_bloat", 0.9), act.remediate("rollback_prompt"),
                       act.wait(30), act.resolve()):  # a turn of the loop ends when resolved
            assert app.apply_action(action)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ScoreboardScreen)
        text = screen_text(app)
        assert "Round 1 results" in text and "red" in text and "blue" in text
        assert "time ran out" in text and "remediated" in text
        assert [t.team for t in game.standings().teams] == ["blue", "red"]

        await pilot.press("a")  # reveal the answer
        assert "Root cause: The new prompt inflated tokens per request" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScoreboardScreen) and app.screen.final
        assert "blue wins Pilot day!" in screen_text(app)

    plays = Store().list_plays(gameday_run="pilot")
    assert sorted(p.team for p in plays) == ["blue", "red"]


@pilot_test
async def test_skip_and_hints_off(tmp_path) -> None:
    game = make_game(tmp_path, rounds=2)
    app = GamedayApp(game, clock=FakeClock(), tick_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("f4")  # skip red's turn in the middle of it
        await pilot.pause()
        assert "Next: team blue" in screen_text(app)
        await pilot.press("s")  # skip blue's turn from the hand-off
        await pilot.pause()
        assert isinstance(app.screen, ScoreboardScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "Round 2 of 2" in screen_text(app) and "Order: blue -> red" in screen_text(app)
    assert [(r.round_index, r.team, r.score) for r in game.results] == [(0, "red", 0),
                                                                        (0, "blue", 0)]



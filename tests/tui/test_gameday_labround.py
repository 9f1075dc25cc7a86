"""A hot-seat lab round, driven by Pilot: each team gets the lab screen with the countdown,
starts from the starter rules (never the last team's), rules with problems are shown and not
submitted, valid rules end the turn, time running out submits what is valid, and the round's
board shows the lab figures and the author's rules."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import TextArea

from triage.gameday.checks import load_plan
from triage.gameday.runner import GameDay
from triage.store import Store
from triage.tui.gameday.app import GamedayApp
from triage.tui.gameday.board import ScoreboardScreen
from triage.tui.gameday.countdown import CountdownBar
from triage.tui.gameday.labturn import LabRoundScreen
from triage.tui.textual_internals import screen_text

RULES = (Path(__file__).parent.parent / "fixtures" / "labs"
        / "support-bot-alerts.errors-only.rules.yaml").read_text()


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_hot_seat_lab_round(tmp_path: Path) -> None:
    asyncio.run(_lab_round(tmp_path))


async def _lab_round(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("schema: triage/gameday@1\ntitle: Lab day\nteams: [red, blue]\nrounds:\n"
                    "  - {lab: support-bot-alerts, seed: 3, time_limit: 5m, weight: 2}\n")
    game = GameDay.create(load_plan(plan), Store(), run_id="labday")
    clock = FakeClock()
    app = GamedayApp(game, clock=clock, tick_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Alert lab: Support bot" in screen_text(app) and "points x2" in screen_text(app)
        await pilot.press("enter", "enter")  # intro, then red takes the keyboard
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LabRoundScreen) and screen.query(CountdownBar)
        editor = screen.query_one(TextArea)
        starter = editor.text
        editor.text = "bogus: 1\n" + RULES
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is screen and "1:1: unknown key 'bogus'" in screen_text(app)
        editor.text = RULES
        await pilot.press("ctrl+r")  # valid: red's turn ends
        for _ in range(20):
            await pilot.pause()
        assert "Next: team blue" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        blue = app.screen
        assert isinstance(blue, LabRoundScreen) and blue.query_one(TextArea).text == starter
        blue.query_one(TextArea).text = "groups: [oops"
        clock.now += 301
        app.check_clock()  # time is up on rules with problems: blue submits none
        for _ in range(20):
            await pilot.pause()
        assert isinstance(app.screen, ScoreboardScreen)
        text = screen_text(app)
        assert "Prec." in text and "no rules" in text
        await pilot.press("a")
        assert "The author's rules" in screen_text(app)
    points = {t.team: t.points[0] for t in GameDay.open(Store(), "labday").standings().teams}
    assert points["blue"] == 0.0 and points["red"] > 0

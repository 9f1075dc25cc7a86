"""`?` lists the game's keys on the screen in front, named as a player knows the screen.

A playtest found `Keys: WarRoom` (a class name) over a list padded with Textual's generic keys
(Scroll Left, `^pgdn Page Right`, `^c Copy selected text`) and short of keys that work there.
"""

from __future__ import annotations

from tui_helpers import pilot_test, screen_text

from triage.model.pack import find_incident
from triage.tui.screens.keys import KeysScreen

GENERIC = ("Scroll Left", "Page Right", "Copy selected text", "Focus Next", "Scroll Home")


async def keys_text(app, pilot) -> str:  # noqa: ANN001
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, KeysScreen)
    text = " ".join(screen_text(app).split())  # rows as `key description`
    await pilot.press("escape")
    await pilot.pause()
    return text


@pilot_test
async def test_keys_name_the_screen_and_list_only_the_game_keys(make_app) -> None:
    app = make_app(incident=find_incident("silent-accuracy-fraud-drift"), seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        page = await keys_text(app, pilot)
        assert "Keys in the page" in page and "a Acknowledge" in page
        await pilot.press("a")
        await pilot.pause()
        room = await keys_text(app, pilot)
        assert "Keys in the war room" in room and "WarRoom" not in room
        for row in ("r Report", "l Logs", "d Diagnose", "← Panel left", "[ Previous tab",
                    "⏎ Open panel", "? Keys"):
            assert row in room, row
        assert not [word for word in GENERIC if word in room], room
        await pilot.press("l")
        await pilot.pause()
        logs = await keys_text(app, pilot)
        assert "Keys in the log stream" in logs and "e Warnings/errors only" in logs
        assert "esc Back" in logs and not [word for word in GENERIC if word in logs]


@pilot_test
async def test_r_without_reports_says_there_are_none(make_app) -> None:
    from tui_helpers import notes

    app = make_app(incident=find_incident("training-lr-config-push"), seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert not app.session.incident.reports
        assert "r Report" not in screen_text(app), "hidden from the footer"
        await pilot.press("r")
        await pilot.pause()
        assert "This incident has no reports." in notes(app)


@pilot_test
async def test_the_clock_stands_still_while_the_keys_are_listed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        before = app.session.now
        for _ in range(3):
            app.tick()
        assert app.session.now == before, "reading the keys costs no simulated time"
        await pilot.press("escape")
        await pilot.pause()
        app.tick()
        assert app.session.now == before + 1
        assert app.session.log[-1].action.kind == "idle", "a tick is no wait of the player's"

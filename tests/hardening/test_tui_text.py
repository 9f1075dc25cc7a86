"""In the TUI too, text from files is text: markup and escape sequences are shown, not obeyed.

The hostile-text incident (`corpus.hostile_text_incident`: Rich markup, CSI colours, an OSC 8
hyperlink, a bell, an 8-bit CSI, backspace, carriage return and a terminal reset in every text
field) is played through every screen that shows authored text. What each screen draws must
hold no control character, and the markup must appear as the characters the author typed.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest
from corpus import hostile_text_incident, hostile_text_plan

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from triage.model.loader import LoadedIncident, load_incident  # noqa: E402
from triage.model.pack import Catalog  # noqa: E402
from triage.tui.app import PlayOptions, create_app  # noqa: E402
from triage.tui.textual_internals import notification_messages, screen_text  # noqa: E402

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LITERAL = "[bold red]B[/]"
STEPS = [
    # (what is on screen, keys to get there, whether the full title-size markup must show)
    ("catalog", ["b"], True),
    ("page", ["enter"], True),
    ("war room", ["a"], False),
    ("second dashboard", ["right_square_bracket"], False),
    ("panel", ["enter"], True),
    ("logs", ["escape", "l"], True),
    ("changes", ["escape", "c"], True),
    ("ask", ["escape", "k", "enter"], True),
    ("hint", ["escape", "h", "y"], True),
    ("diagnosis", ["escape", "d"], True),
    ("act", ["enter", "tab", "tab", "ctrl+s", "f"], True),
    ("status update", ["end", "enter"], True),
    ("debrief", ["enter", "tab", "enter", "tab", "tab", "enter", "tab", "enter", "ctrl+s"],
     True),
]


@pytest.fixture
def hostile(tmp_path: Path) -> LoadedIncident:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(hostile_text_incident())
    return load_incident(path)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Play the hostile-text incident through every screen once; what each screen drew."""
    path = tmp_path_factory.mktemp("tui-text") / "hostile.yaml"
    path.write_bytes(hostile_text_incident())
    catalog = Catalog()
    catalog.add(load_incident(path))
    app = create_app(catalog, seed=3, options=PlayOptions(save=False), tick_seconds=None,
                     rng_seed=1)
    drawn: dict[str, str] = {}

    async def scenario() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            for name, keys, _ in STEPS:
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
                await pilot.pause()
                drawn[name] = f"{type(app.screen).__name__}\n{screen_text(app)}"
            drawn["notifications"] = "\n".join(notification_messages(app))

    asyncio.run(scenario())
    return drawn




@pytest.mark.parametrize("name", [name for name, _, _ in STEPS])
def test_each_screen_shows_authored_text_literally(drawn: dict[str, str], name: str) -> None:
    full = next(full for step, _, full in STEPS if step == name)
    text = drawn[name]
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})
    assert not found, f"{name}: control characters drawn: {found}"
    assert "[b]" in text or "[bold" in text, f"{name}: the markup is not shown:\n{text}"
    if full:
        assert LITERAL in text, f"{name}: '{LITERAL}' is not shown as typed:\n{text}"


def test_the_walk_reached_the_debrief(drawn: dict[str, str]) -> None:
    assert drawn["debrief"].startswith("DebriefScreen"), drawn["debrief"][:300]
    assert not CONTROL.search(drawn["notifications"])




def test_the_hot_seat_game_day_shows_plan_text_literally(tmp_path: Path) -> None:
    from triage.gameday.checks import load_plan
    from triage.gameday.runner import GameDay
    from triage.store import Store
    from triage.tui.gameday.app import GamedayApp

    (tmp_path / "hostile.yaml").write_bytes(hostile_text_incident())
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(hostile_text_plan("hostile.yaml"))
    game = GameDay.create(load_plan(plan), Store(), run_id="hostile")
    app = GamedayApp(game, clock=lambda: 1000.0, tick_seconds=None)
    seen: list[str] = []

    async def scenario() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            seen.append(screen_text(app))  # the intro: title and description
            await pilot.press("enter")
            await pilot.pause()
            seen.append(screen_text(app))  # the hand-off card
            await pilot.press("enter")
            await pilot.pause()
            seen.append(screen_text(app))  # the page

    asyncio.run(scenario())
    for text in seen:
        assert not CONTROL.search(text), text
    assert LITERAL in seen[0]  # the intro shows the plan's title as typed

"""The TUI in hostile terminals: resized to nothing and back, NO_COLOR, and three TERM values.

Each screen is opened at 120x40 and the terminal is then resized down through 30x8 to 1x1 and
back up. Nothing may raise; below the smallest usable size (60x15) the app shows a plain
"Terminal too small" message instead of a squashed game; back at a usable size the same screen
returns. NO_COLOR makes Textual draw in shades of grey only. Under tmux, `triage` draws its home
screen with TERM set to xterm-256color, screen-256color and linux.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from triage.model.loader import LoadedIncident, load_incident  # noqa: E402
from triage.model.pack import Catalog  # noqa: E402
from triage.tui.app import MIN_HEIGHT, MIN_WIDTH, PlayOptions, TriageApp, create_app  # noqa: E402
from triage.tui.screens.toosmall import TooSmallScreen  # noqa: E402
from triage.tui.textual_internals import screen_strips, screen_text  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "tui" / "fixtures" / "checkout-drift.yaml"
SIZES = [(MIN_WIDTH - 1, MIN_HEIGHT), (MIN_WIDTH, MIN_HEIGHT - 1), (30, 8), (1, 1),
         (MIN_WIDTH, MIN_HEIGHT)]
"""Just under the smallest usable size each way, the issue's 30x8, one cell, and back up."""
HOME_WALK = [("home", []), ("catalog", ["b"]), ("scoring", ["escape", "s"]),
             ("history", ["escape", "h"]), ("profile", ["escape", "m"])]
PAGE_WALK = [("page", []), ("warroom", ["a"]), ("warroom, 2nd tab", ["right_square_bracket"]),
             ("panel", ["enter"]), ("logs", ["escape", "l"]), ("changes", ["escape", "c"]),
             ("report", ["escape", "r"]), ("hint", ["escape", "h"]),
             ("keys", ["n", "question_mark"]), ("diagnosis", ["escape", "d"]),
             ("act", ["enter", "tab", "tab", "ctrl+s", "f"]),
             ("status update", ["end", "enter"]),
             ("debrief", ["enter", "tab", "enter", "tab", "tab", "enter", "tab", "enter",
                          "ctrl+s"])]
"""Every screen, reached one after another in one app, each then resized through SIZES."""


def pilot_test(scenario: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot scenario as a plain test."""

    @functools.wraps(scenario)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(scenario(*args, **kwargs))

    return run


@pytest.fixture(scope="module")
def loaded() -> LoadedIncident:
    return load_incident(FIXTURE)


def make_app(loaded: LoadedIncident, *, start_on_page: bool) -> TriageApp:
    catalog = Catalog()
    catalog.add(loaded)
    return create_app(catalog, incident=loaded if start_on_page else None, seed=7,
                      options=PlayOptions(save=False), tick_seconds=None, rng_seed=1)


async def resize_through(pilot: Any, app: TriageApp, name: str) -> None:
    """Resize through SIZES: the message when too small, the same screen when big enough."""
    screen = type(app.screen)
    assert screen is not TooSmallScreen, name
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            assert isinstance(app.screen, TooSmallScreen), (name, width, height)
            if width >= 20 and height >= 4:
                assert "Terminal too small" in screen_text(app), (name, width, height)
        else:
            assert type(app.screen) is screen, (name, width, height, app.screen)
            assert screen_text(app).strip(), (name, "nothing drawn")


async def walk(app: TriageApp, steps: list[tuple[str, list[str]]],
               size: tuple[int, int] = (120, 40)) -> list[str]:
    """Open each screen in turn and resize it; return the screens' class names."""
    seen = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for name, keys in steps:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            seen.append(type(app.screen).__name__)
            await resize_through(pilot, app, name)
    return seen


@pilot_test
async def test_every_home_screen_survives_resizing_to_nothing_and_back(
    loaded: LoadedIncident,
) -> None:
    seen = await walk(make_app(loaded, start_on_page=False), HOME_WALK)
    assert len(set(seen)) == len(HOME_WALK), seen


@pilot_test
async def test_every_play_screen_survives_resizing_to_nothing_and_back(
    loaded: LoadedIncident,
) -> None:
    seen = await walk(make_app(loaded, start_on_page=True), PAGE_WALK)
    assert seen[-1] == "DebriefScreen" and len(set(seen)) == len(PAGE_WALK) - 1, seen


@pilot_test
async def test_the_ask_dialog_survives_a_one_column_terminal(loaded: LoadedIncident) -> None:
    await walk(make_app(loaded, start_on_page=True), [("ask", ["a", "k"])])


@pilot_test
async def test_a_play_started_while_too_small_stays_behind_the_message(
    loaded: LoadedIncident,
) -> None:
    app = make_app(loaded, start_on_page=False)
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        app.start_play(loaded, 7)  # as the clock, a web tab or a game-day turn could
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen), "the page was drawn over the message"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)


@pilot_test
async def test_the_debrief_arriving_while_too_small_stays_behind_the_message(
    loaded: LoadedIncident,
) -> None:
    app = make_app(loaded, start_on_page=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        from triage.engine.actions import Action

        app.apply_action(Action("timeout"))  # what the real-time clock does when time runs out
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen), "the debrief was drawn over the message"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)


def _colours(app: TriageApp) -> set[tuple[int, int, int]]:
    found = set()
    for strip in screen_strips(app):
        for segment in strip:
            style = segment.style
            for colour in (style.color, style.bgcolor) if style else ():
                if colour is not None and colour.triplet is not None:
                    found.add(tuple(colour.triplet))
    return found


@pilot_test
async def test_no_color_draws_in_grey_only(loaded: LoadedIncident,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(loaded, start_on_page=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert any(r != g or g != b for r, g, b in _colours(app)), "no colour even without it"
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(loaded, start_on_page=True)
    assert app.no_color
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        coloured = {c for c in _colours(app) if len(set(c)) > 1}
        assert not coloured, f"colours drawn under NO_COLOR: {sorted(coloured)[:5]}"


@pilot_test
async def test_no_color_cursor_rows_are_underlined_not_only_shaded(
        loaded: LoadedIncident, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under NO_COLOR the cursor row in menus, tables and the diagnosis lists is bold and
    underlined: a lighter grey alone is lost on a monochrome terminal."""
    from textual.widgets import DataTable, OptionList, RadioSet

    def underlined(widget: Any, component: str) -> bool:
        return bool(widget.get_component_rich_style(component).underline)

    app = make_app(loaded, start_on_page=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one(OptionList)
        assert not underlined(menu, "option-list--option-highlighted"), "only without colour"
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(loaded, start_on_page=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert underlined(app.screen.query_one(OptionList), "option-list--option-highlighted")
        await pilot.press("b")
        await pilot.pause()
        assert underlined(app.screen.query_one(DataTable), "datatable--cursor")
    app = make_app(loaded, start_on_page=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        causes = app.screen.query_one(RadioSet)
        causes.focus()
        await pilot.pause()
        label = causes.query_one("RadioButton.-selected")
        assert label.get_component_rich_style("toggle--label").underline


TMUX = shutil.which("tmux")
TERMS = [("xterm-256color", False), ("screen-256color", False), ("linux", False),
         ("xterm-256color", True), ("linux", True)]
"""(TERM, NO_COLOR) for each tmux run; all run side by side."""


def _chromatic(screen: str) -> list[str]:
    """The SGR colour codes in captured pane text that are not black, white or grey."""
    found = []
    for params in re.findall(r"\x1b\[([0-9;:]*)m", screen):
        codes = [int(p) if p.isdigit() else 0 for p in re.split(r"[;:]", params)]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code in (38, 48) and codes[index + 1: index + 2] == [5]:
                n = codes[index + 2] if index + 2 < len(codes) else 0
                cube = n - 16
                grey = n in (0, 7, 8, 15) or n >= 232 or (
                    16 <= n <= 231 and cube // 36 == (cube // 6) % 6 == cube % 6)
                found += [] if grey else [f"{code};5;{n}"]
                index += 3
            elif code in (38, 48) and codes[index + 1: index + 2] == [2]:
                r, g, b = (codes[index + 2: index + 5] + [0, 0, 0])[:3]
                found += [] if r == g == b else [f"{code};2;{r};{g};{b}"]
                index += 5
            else:
                if code in (*range(31, 37), *range(41, 47), *range(91, 97), *range(101, 107)):
                    found.append(str(code))
                index += 1
    return found


@pytest.mark.skipif(TMUX is None, reason="needs tmux")
def test_triage_draws_its_home_screen_under_each_term(tmp_path: Path) -> None:
    assert TMUX is not None
    sessions = {}
    for term, no_color in TERMS:
        name = f"triage-hardening-{uuid.uuid4().hex[:8]}"
        env = {"TERM": term, "TRIAGE_HOME": str(tmp_path / name), "TEXTUAL_ANIMATIONS": "none",
               **({"NO_COLOR": "1"} if no_color else {})}
        command = " ".join(["env", "-u", "NO_COLOR", "-u", "COLORTERM"]
                           + [f"{key}={value}" for key, value in env.items()]
                           + [sys.executable, "-m", "triage"])
        subprocess.run([TMUX, "new-session", "-d", "-x", "100", "-y", "30", "-s", name,
                        command], check=True)
        sessions[name] = (term, no_color)
    try:
        screens = {name: "" for name in sessions}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for name in sessions:
                screens[name] = subprocess.run([TMUX, "capture-pane", "-p", "-e", "-t", name],
                                               capture_output=True, text=True).stdout
            plain = {name: re.sub(r"\x1b\[[0-9;:]*m", "", s) for name, s in screens.items()}
            if all("on-call practice" in p and "Practise" in p for p in plain.values()):
                break
            time.sleep(0.5)
        for name, (term, no_color) in sessions.items():
            text = re.sub(r"\x1b\[[0-9;:]*m", "", screens[name])
            assert "on-call practice" in text and "Practise" in text, (term, no_color, text)
            assert "Traceback" not in text
            colours = _chromatic(screens[name])
            if no_color:
                assert not colours, (term, "colours under NO_COLOR", colours[:5])
            else:
                assert colours, (term, "no colour at all without NO_COLOR")
    finally:
        for name in sessions:
            subprocess.run([TMUX, "kill-session", "-t", name], capture_output=True)

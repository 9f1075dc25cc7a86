"""Helpers for the TUI tests: run a Pilot scenario from a plain test, read what is on screen."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

from triage.tui.app import TriageApp
from triage.tui.render.ids import dom_id

FIXTURE_FILE = Path(__file__).parent / "fixtures" / "checkout-drift.yaml"


def pilot_test(scenario: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot scenario as a plain pytest test (no async plugin needed)."""

    @functools.wraps(scenario)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(scenario(*args, **kwargs))

    return run


def widget_text(widget: Widget) -> str:
    """The characters a widget draws at its current size (what a player would read)."""
    width, height = widget.size
    lines = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(line.text for line in lines)


def screen_text(app: TriageApp) -> str:
    """Everything drawn on the app's current screen, top to bottom."""
    return "\n".join(line.text for line in app.screen._compositor.render_strips())


def plain_of(content: Any) -> str:
    """The plain text of a Static's content (Text or str)."""
    return content.plain if isinstance(content, Text) else str(content)


def notes(app: TriageApp) -> list[str]:
    """The notifications on show (what the player was just told)."""
    return [note.message for note in app._notifications]


def diagnosis_keys(app: TriageApp, cause: str, fixes: list[str], confidence: list[str] = ()) -> \
        list[str]:
    """Keys that pick `cause` and `fixes` on the open diagnosis screen, whose options are shown
    in a seeded order: move down to each, then select it. The cited evidence is left as it
    starts (the first three marks checked). `confidence` keys (e.g. `right`) are pressed on the
    confidence bar on the way."""
    from textual.widgets import RadioButton, SelectionList

    causes = [button.id for button in app.screen.query_one("#causes").query(RadioButton)]
    keys = ["down"] * causes.index(dom_id("dx-", cause)) + ["enter", "tab"]
    if app.screen.query("#citations"):
        keys.append("tab")
    keys += [*confidence, "tab"]
    options = app.screen.query_one("#fixes", SelectionList)
    order = [options.get_option_at_index(i).value for i in range(options.option_count)]
    at = 0
    for index in sorted(order.index(fix) for fix in fixes):
        keys += ["down"] * (index - at) + ["space"]
        at = index
    return keys

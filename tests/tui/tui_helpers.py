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
from triage.tui.textual_internals import notification_messages
from triage.tui.textual_internals import screen_text as screen_text  # the tests import it here

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


def plain_of(content: Any) -> str:
    """The plain text of a Static's content (Text or str)."""
    return content.plain if isinstance(content, Text) else str(content)


def notes(app: TriageApp) -> list[str]:
    """The notifications on show (what the player was just told)."""
    return notification_messages(app)


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
    if not fixes:  # the on-call loop: the diagnosis screen has no fixes (Act applies them)
        return keys
    options = app.screen.query_one("#fixes", SelectionList)
    order = [options.get_option_at_index(i).value for i in range(options.option_count)]
    at = 0
    for index in sorted(order.index(fix) for fix in fixes):
        keys += ["down"] * (index - at) + ["space"]
        at = index
    return keys


async def diagnose_fix_and_resolve(pilot: Any, app: TriageApp, cause: str, fixes: list[str],
                                   confidence: list[str] = ()) -> None:
    """Play the rest of an on-call loop as a player would, from the open diagnosis screen:
    state `cause` (citing the first marks, `confidence` keys on the way), apply each of `fixes`
    from the Act dialog, then resolve with a status update that picks the first choice of each
    part."""
    from textual.widgets import OptionList

    await pilot.press(*diagnosis_keys(app, cause, [], confidence), "ctrl+s")
    await pilot.pause()
    for fix in fixes:
        await pilot.press("f")
        await pilot.pause()
        acts = app.screen.query_one("#acts", OptionList)
        ids = [acts.get_option_at_index(i).id for i in range(acts.option_count)]
        await pilot.press(*["down"] * ids.index(f"apply:{fix}"), "enter")
        await pilot.pause()
    await pilot.press("f")
    await pilot.pause()
    await pilot.press("end", "enter")
    await pilot.pause()
    await pilot.press("enter", "tab", "enter", "tab", "tab", "enter", "tab", "enter", "ctrl+s")
    await pilot.pause()

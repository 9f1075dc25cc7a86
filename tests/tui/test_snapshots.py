"""Snapshots of the page, the war room, a full-size panel, the diagnosis with marks and the
debrief at 120x40 with a fixed seed.

Update them after a deliberate visual change with `pytest tests/tui --snapshot-update`, and look
at the SVGs before committing.
"""

from __future__ import annotations

SIZE = (120, 40)


def test_page(make_app, snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_war_room(make_app, snap_compare) -> None:
    assert snap_compare(make_app(), press=["a", "right_square_bracket", "_"],
                        terminal_size=SIZE)


def test_full_size_panel(make_app, snap_compare) -> None:
    assert snap_compare(make_app(), press=["a", "right_square_bracket", "enter", "_"],
                        terminal_size=SIZE)


LOOP = ["a", "c", "escape", "d", "enter", "tab", "right", "tab", "ctrl+s",  # diagnose
        "f", "enter", "w", "w", "w",  # act on it, then watch
        "f", "end", "enter",  # resolve: the status update first
        "enter", "tab", "enter", "tab", "tab", "enter", "tab", "enter", "ctrl+s"]
"""A whole on-call loop by keyboard: diagnose, apply a fix, watch, resolve with an update."""


def test_debrief(make_app, snap_compare) -> None:
    assert snap_compare(make_app(), press=[*LOOP, "_"], terminal_size=SIZE)


def test_the_war_room_status_bar_counts_the_harm(make_app, snap_compare) -> None:
    """After a fix and a severity: the harm accrued beside the clock, the severity, the minute
    the fix went in marked on the panels."""
    keys = ["a", "f", "enter", "f", "end", "up", "up", "up", "enter", "w", "w", "_"]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)


def test_the_debrief_draws_what_happened_beside_the_ideal(make_app, snap_compare) -> None:
    """The debrief's chart of this play's real curve beside the ideal loop's and doing nothing."""
    async def play_then_scroll(pilot) -> None:
        await pilot.press(*LOOP)
        await pilot.pause()
        pilot.app.screen.query_one("#whatif").scroll_visible(top=True, animate=False)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), run_before=play_then_scroll, terminal_size=SIZE)


def test_diagnosis_with_marks(make_app, snap_compare) -> None:
    """The diagnosis after marking a panel, a log line and an ML-team answer: the three marks
    listed as citations, checked, each labelled as the player saw it."""
    keys = ["a", "right_square_bracket", "right", "m", "l", "m", "escape", "k", "enter", "m",
            "escape", "d"]

    async def mark_then_diagnose(pilot) -> None:
        await pilot.press(*keys)
        pilot.app.clear_notifications()  # the "marked ..." notes fade on a timer: not drawn
        await pilot.pause()

    assert snap_compare(make_app(), run_before=mark_then_diagnose, terminal_size=SIZE)

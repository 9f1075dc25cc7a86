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


def test_debrief(make_app, snap_compare) -> None:
    keys = ["a", "c", "escape", "d", "enter", "tab", "right", "tab", "space", "ctrl+s", "_"]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)


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

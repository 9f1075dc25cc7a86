"""Snapshots of the page, the war room and the debrief at 120x40 with a fixed seed.

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

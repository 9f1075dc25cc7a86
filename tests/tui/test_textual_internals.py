"""The Textual internals the game relies on are still there (`triage.tui.textual_internals`).

After a Textual upgrade this is the test that fails first, and it names the module to update,
instead of a screen drawing wrong or a memory test growing for no visible reason.
"""

from __future__ import annotations

from importlib.metadata import version

import pytest

MODULE = "src/triage/tui/textual_internals.py"


def test_every_textual_internal_the_game_uses_is_still_there() -> None:
    try:
        from triage.tui import textual_internals
    except ImportError as error:
        pytest.fail(f"Textual {version('textual')} moved a private module that {MODULE} imports "
                    f"({error}); update that module (its table says what each is for)")
    changed = textual_internals.changed()
    assert not changed, (
        f"Textual {version('textual')} changed private APIs that {MODULE} relies on: "
        f"{'; '.join(changed)}. Update that module (its table says what each is for and which "
        "public API would replace it), then the pin in pyproject.toml.")


def test_a_moved_internal_is_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check really looks: take one internal away and it is named."""
    from textual.widgets import OptionList, SelectionList

    from triage.tui import textual_internals

    monkeypatch.delattr(SelectionList, "_get_left_gutter_width")
    monkeypatch.delattr(OptionList, "_get_left_gutter_width")
    assert textual_internals.changed() == [
        "OptionList._get_left_gutter_width, OptionList._lines"]


"""Keeping an OptionList in step with a list of rows without rebuilding it.

The logs, the changes and the ML team's answers are lists the player moves through with a cursor
and marks with `m`. Rebuilding such a list on every mark or new line would throw the view back to
the top; `sync_rows` redraws only the rows whose look changed and appends new ones, and rebuilds
only when rows were removed or reordered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

Item = TypeVar("Item", bound=Hashable)
Look = TypeVar("Look")


def sync_rows(listing: OptionList, shown: Sequence[tuple[Item, Look]],
              wanted: Sequence[tuple[Item, Look]],
              prompt: Callable[[Item, Look], VisualType]) -> bool:
    """Make `listing`, which shows `shown`, show `wanted`: one option per (item, look) row.
    Returns True when the list had to be rebuilt (its cursor and scroll reset)."""
    kept = [item for item, _ in wanted[: len(shown)]]
    if len(wanted) < len(shown) or kept != [item for item, _ in shown]:
        listing.clear_options()
        listing.add_options(Option(prompt(item, look)) for item, look in wanted)
        return True
    for index, ((item, look), (_, was)) in enumerate(zip(wanted, shown, strict=False)):
        if look != was:
            listing.replace_option_prompt_at_index(index, prompt(item, look))
    if len(wanted) > len(shown):
        listing.add_options(Option(prompt(item, look)) for item, look in wanted[len(shown):])
    return False

"""The key bar at the bottom of every screen: Textual's Footer, without its memory leak, and with
`? Keys` always in view.

Textual's Footer rebuilds its keys whenever the screen's bindings change (every time a screen is
pushed over it or popped off it). Each key it builds binds its `compact` reactive to the footer,
which files a watcher on the footer; Textual drops a closed node's watcher only when that
reactive changes, and `compact` never does. So every rebuild kept the previous keys alive, with
all their styles and render caches: about a megabyte each time a panel was opened full-size and
closed (15 MiB of a 98 MiB play, growing without bound over a shift or a game day).
`KeyFooter` drops the watchers of closed keys after each rebuild.

At 80 columns the war room's keys ran past the edge and `? Keys`, the one that lists them all,
was cut off first. `? Keys` is docked at the right end now, and below `NARROW` columns the footer
is compact: less spacing, and each description cut to its first word (`m Mark`, `w Wait`).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

from triage.tui.textual_internals import FooterKey, bindings_ready, drop_closed_watchers

NARROW = 100
"""Below this many columns the footer is compact."""
KEYS_ACTION = "app.show_keys"
QUIT_ACTIONS = ("app.quit", "quit")


def short(description: str) -> str:
    """A description cut to its first word for a narrow footer (`Mark evidence` -> `Mark`)."""
    return description.split(" ", 1)[0]


class KeyFooter(Footer):
    """The footer of key bindings; the same look as Textual's, and it keeps no removed keys."""

    DEFAULT_CSS = """
    KeyFooter FooterKey.-keys {
        dock: right;
        padding-right: 1;
        border-left: vkey $foreground 20%;
    }
    """

    def compose(self) -> ComposeResult:
        """One key per shown binding, in the screen's order, and `? Keys` at the right end.
        Compact, `^q Quit` gives way when the keys do not fit (`?` lists it, and ctrl+q works
        everywhere)."""
        if not bindings_ready(self):
            return
        seen: set[str] = set()
        keys: list[FooterKey] = []
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            description = short(binding.description) if self.compact else binding.description
            is_keys = binding.action in (KEYS_ACTION, "show_keys")
            key = FooterKey(binding.key, self.app.get_key_display(binding), description,
                            binding.action, disabled=not enabled, tooltip=tooltip,
                            classes="-keys" if is_keys else "")
            keys.append(key.data_bind(compact=Footer.compact))
        if self.compact and sum(cell_len(f"{k.key_display} {k.description} ") for k in keys) \
                + 2 > self.size.width:
            keys = [key for key in keys if key.action not in QUIT_ACTIONS]
        yield from keys

    def on_resize(self, event: events.Resize) -> None:
        """Compact below `NARROW` columns."""
        self.compact = event.size.width < NARROW

    def watch_compact(self, compact: bool) -> None:
        """The descriptions change with the width: build the keys again."""
        if bindings_ready(self):
            self.refresh(recompose=True)

    async def recompose(self) -> None:
        """Rebuild the keys, then forget the watchers the removed ones left on this footer."""
        await super().recompose()
        drop_closed_watchers(self)

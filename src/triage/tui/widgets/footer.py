"""The key bar at the bottom of every screen: Textual's Footer, without its memory leak.

Textual's Footer rebuilds its keys whenever the screen's bindings change (every time a screen is
pushed over it or popped off it). Each key it builds binds its `compact` reactive to the footer,
which files a watcher on the footer; Textual drops a closed node's watcher only when that
reactive changes, and `compact` never does. So every rebuild kept the previous keys alive, with
all their styles and render caches: about a megabyte each time a panel was opened full-size and
closed (15 MiB of a 98 MiB play, growing without bound over a shift or a game day).
`KeyFooter` drops the watchers of closed keys after each rebuild.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """The footer of key bindings; the same look as Textual's, and it keeps no removed keys."""

    async def recompose(self) -> None:
        """Rebuild the keys, then forget the watchers the removed ones left on this footer."""
        await super().recompose()
        watchers = getattr(self, "__watchers", None)  # where textual.reactive files them
        for entries in (watchers or {}).values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]

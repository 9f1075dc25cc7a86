"""Every use of Textual's private API, in one place, checked against the installed Textual.

Textual's underscore names (`textual._module`, `obj._attribute`) may change in any release. The
game, its tests and its benchmarks reach them only through this module; `pyproject.toml` pins
Textual to one minor release (`textual>=8.2,<8.3`); and `tests/tui/test_textual_internals.py`
runs `changed()`, which tries each entry of `textual_checks.INTERNALS` on the installed
Textual, so an upgrade that moves one fails that test naming this module and the entry, not
somewhere deep in a screen.

The table, one entry per private name (Textual 8.2): what, used by, why, and the public API that
would replace it.

`StylesCache` (`textual._styles_cache`): `get_inner_outer` (an lru_cache), `render_line`
    used by  `caches.release_closed_screens` (`clear_style_cache`), tests/tui/test_memory.py,
             the tick benchmark (counts drawn lines)
    why      the cache's 1,024 entries kept closed screens' widgets (~1 MB per panel opened)
    instead  none: the cache would have to forget unmounted widgets
`rich.style.Style._add` (an lru_cache)
    used by  `caches.release_closed_screens` (`clear_drawing_memos`)
    why      with the other memos of what was drawn (cell widths, colour filters, regions), ~1 MB
             of a full play's peak that outlived the screens that drew it
    instead  none: the memos are module-wide
`Strip.__init__` (its slots), `FIFOCache._maxsize`
    used by  `strips.use_lazy_strip_caches` (`strips.cache_sizes`)
    why      seven caches per strip made only when used (~3.5 MiB of a full play's peak)
    instead  none (Textual's own `Content` makes its caches lazily; `Strip` does not)
`FooterKey` (`textual.widgets._footer`) and `Footer._bindings_ready`
    used by  `widgets.footer.KeyFooter` (`bindings_ready`)
    why      the footer's own keys, `? Keys` docked right; compose once the bindings are known
    instead  `FooterKey` exported from `textual.widgets`; a `Footer` hook to filter its keys
a reactive's watchers (`obj.__watchers`), `MessagePump._closing`
    used by  `KeyFooter.recompose` (`drop_closed_watchers`)
    why      each rebuild left the old keys watching `compact` (~1 MB per panel opened)
    instead  Textual dropping a closed node's watchers
`ToggleButton` (`textual.widgets._toggle_button`): `_button` (overridden), `_label`,
`BUTTON_LEFT`/`BUTTON_RIGHT`
    used by  `widgets.marks` (`toggle_button`, `toggle_label`)
    why      `●`/`✓` only when chosen (readable without colour); labels that wrap
    instead  a per-state `BUTTON_INNER` and a wrapping-label option
`OptionList._get_left_gutter_width`, `OptionList._lines`
    used by  `widgets.marks.MarkedSelectionList` (`left_gutter_width`, `option_line`)
    why      wrapped options drawn beside their buttons
    instead  a public gutter width and line-to-option map
`Screen._modal_binding_chain`, `App._check_action_state`
    used by  `screens.keys.KeysScreen` (`binding_chain`, `action_state`)
    why      list every key of the screen, its focused widget and the app, hidden ones left out
    instead  `Screen.active_bindings` keeps one binding per key: `warroom.left` ("Panel left")
             would vanish behind the focused container's own `left`
`Screen._compositor` (`render_strips()`, `visible_widgets`), `App._notifications`
    used by  tests (`screen_text`, `screen_strips`, `visible_widgets`, `notification_messages`)
    why      the screen and the notifications as the player sees them, as text
    instead  none (`App.export_screenshot` gives SVG; `App.notify` only adds)
`App._display(screen, renderable)`
    used by  tests/tui/terminal.py, the benchmarks (`hook_display`)
    why      every update as the terminal would receive it
    instead  a driver writing to a buffer (`TEXTUAL_DRIVER`)
`Widget._layout_required`, `_repaint_required`, `_repaint_regions`, `_clear_arrangement_cache`,
`_layout_updates`; `Screen._dirty_widgets`, `_layout_widgets`, `_on_timer_update`
    used by  the tick benchmark (`paint_now`), the redraw test (`repaint_regions`)
    why      paint a tick's refreshes now; see which rows a tick redrew
    instead  `pilot.pause()` paints too, but asynchronously (it times the event loop as well)

Outside Textual: `triage.web.server.TabService` overrides textual-serve's
`AppService._open_app_process` and calls its `_build_environment` (an entry of
`textual_checks.INTERNALS` checks them too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual._styles_cache import StylesCache
from textual.widgets._footer import FooterKey

__all__ = [
    "FooterKey", "StylesCache", "action_state", "binding_chain", "bindings_ready",
    "changed", "clear_drawing_memos", "clear_style_cache",
    "drop_closed_watchers", "hook_display", "left_gutter_width", "notification_messages",
    "option_line", "paint_now", "repaint_regions", "screen_lines", "screen_strips", "screen_text",
    "toggle_button", "toggle_label", "visible_widgets",
]


def clear_style_cache() -> None:
    """Empty Textual's per-widget style cache (pure: live widgets refill it on their next paint)."""
    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()


def drawing_memos() -> list[Any]:
    """The module-wide `lru_cache`s rich and Textual fill with what is drawn: the cell width of
    each distinct line, style sums, the truecolor filter's styles, region arithmetic."""
    from rich.cells import cached_cell_len
    from rich.style import Style
    from textual.filter import ANSIToTruecolor
    from textual.geometry import Region

    region = [getattr(Region, name) for name in (
        "intersection", "overlaps", "translate", "shrink", "grow", "union", "contains_region")]
    return [cached_cell_len, Style._add, ANSIToTruecolor.truecolor_style, *region]


def clear_drawing_memos() -> None:
    """Empty `drawing_memos()` (pure functions: what is drawn next fills them again)."""
    for memo in drawing_memos():
        cache_clear = getattr(memo, "cache_clear", None)
        if cache_clear is not None:
            cache_clear()


def bindings_ready(footer: Any) -> bool:
    """Whether a `Footer` knows its screen's bindings yet (it composes nothing before)."""
    return bool(footer._bindings_ready)


def drop_closed_watchers(node: Any) -> None:
    """Forget the watchers that closed nodes filed on `node`'s reactives."""
    watchers = getattr(node, "__watchers", None)  # where textual.reactive files them
    for entries in (watchers or {}).values():
        entries[:] = [(owner, callback) for owner, callback in entries if not owner._closing]


def toggle_button() -> type:
    """Textual's `ToggleButton` (the base of `RadioButton` and `Checkbox`), imported on use."""
    from textual.widgets._toggle_button import ToggleButton

    return ToggleButton


def toggle_label(button: Any) -> Any:
    """A toggle button's label `Content`, as Textual keeps it."""
    return button._label


def left_gutter_width(option_list: Any) -> int:
    """The cells an option list (a selection list: its buttons) draws left of each option."""
    return int(option_list._get_left_gutter_width())


def option_line(option_list: Any, y: int) -> tuple[int, int]:
    """`(option index, line within the option)` of content line `y` (IndexError past the end)."""
    index, offset = option_list._lines[y]
    return index, offset


def binding_chain(screen: Any) -> list[tuple[Any, Any]]:
    """`(node, bindings)` from the focused widget up to the app, stopping at a modal screen:
    every binding, also those another binding of the same key shadows in `active_bindings`."""
    return list(screen._modal_binding_chain)


def action_state(app: Any, action: str, namespace: Any) -> bool | None:
    """Whether `action` runs on `namespace` (True), shows disabled (None) or is hidden (False)."""
    return app._check_action_state(action, namespace)


def screen_strips(app: Any) -> list[Any]:
    """The app's current screen as drawn: one `Strip` (styled segments) per row."""
    return list(app.screen._compositor.render_strips())


def screen_lines(app: Any) -> list[str]:
    """The app's current screen, one string per row, as drawn."""
    return [strip.text for strip in screen_strips(app)]


def visible_widgets(app: Any) -> dict[Any, tuple[Any, Any]]:
    """The widgets drawn on the current screen: `{widget: (region, clip)}`."""
    return dict(app.screen._compositor.visible_widgets)


def screen_text(app: Any) -> str:
    """The app's current screen as drawn, rows joined by newlines."""
    return "\n".join(screen_lines(app))


def notification_messages(app: Any) -> list[str]:
    """The messages of the notifications the app is showing."""
    return [str(note.message) for note in app._notifications]


def hook_display(target: Any, display: Callable[..., None]) -> Callable[..., None]:
    """Make `display(screen, renderable)` (on an app) or `display(app, screen, renderable)` (on an
    app class) receive every screen update; returns the method it replaced."""
    original = target._display
    target._display = display
    return original


def paint_now(screen: Any) -> None:
    """Paint what the last change refreshed, synchronously, as Textual's next frame would.

    Textual hands a refresh to the screen by message (each refreshed widget, when idle, tells the
    screen it is dirty or needs a new layout), and the screen paints on its update timer. Here the
    refreshed widgets are marked on the screen directly (as `Widget._check_refresh` and the
    screen's handlers would) and the timer's work runs now."""
    from textual.widget import Widget

    for widget in screen.walk_children():
        if widget._layout_required:
            # `_check_refresh` and `Screen._on_layout`: each ancestor up to the first of fixed
            # size forgets its arrangement, so the reflow measures the widget's new content
            widget._layout_required = False
            changed: Any = widget
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                screen._layout_widgets.setdefault(ancestor, set()).add(changed)
                if not ancestor.styles.auto_dimensions:
                    break
                changed = ancestor
            screen._layout_required = True
        if widget._repaint_required and widget.display:
            screen._dirty_widgets.add(widget)
    screen._on_timer_update()


def repaint_regions(widget: Any) -> set[Any]:
    """The regions of `widget` waiting to be repainted."""
    return set(widget._repaint_regions)


def changed() -> list[str]:
    """The private names of the table above the installed Textual no longer offers as triage
    uses them (`textual_checks.INTERNALS`, one entry per row)."""
    from triage.tui.textual_checks import changed as check

    return check()

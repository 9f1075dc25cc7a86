"""The check that every private Textual name `triage.tui.textual_internals` relies on is still
there and works alike: one `Internal` per row of that module's table, tried by `changed()`
(tests/tui/test_textual_internals.py runs it, so an upgrade names what moved)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from triage.tui.textual_internals import FooterKey, StylesCache, toggle_button


@dataclass(frozen=True)
class Internal:
    """One private name triage relies on, and how to tell it is still there and works alike."""

    what: str
    present: Callable[[], bool]


def _widget_attributes(*names: str) -> bool:
    from textual.widget import Widget

    widget = Widget()
    return all(hasattr(widget, name) for name in names)


def _screen_attributes() -> bool:
    from textual.screen import Screen

    screen = Screen()
    return (hasattr(screen, "_dirty_widgets") and isinstance(screen._layout_widgets, dict)
            and callable(Screen._on_timer_update)
            and callable(getattr(getattr(screen, "_compositor", None), "render_strips", None))
            and hasattr(screen._compositor, "visible_widgets"))


def _watchers_filed_as_expected() -> bool:
    import inspect

    import textual.reactive
    from textual.message_pump import MessagePump

    source = inspect.getsource(textual.reactive)
    return '"__watchers"' in source and "_closing" in inspect.getsource(MessagePump.__init__)


def _strip_slots() -> bool:
    from triage.tui.strips import cache_sizes

    return bool(cache_sizes())


def _drawing_memos() -> bool:
    from triage.tui.textual_internals import drawing_memos

    return all(callable(getattr(memo, "cache_clear", None)) for memo in drawing_memos())


def _footer_ready_flag() -> bool:
    from textual.widgets import Footer

    return hasattr(Footer, "_bindings_ready")


def _toggle_button_parts() -> bool:
    from textual.widgets import RadioButton

    base = toggle_button()
    return (isinstance(base.__dict__.get("_button"), property)
            and hasattr(RadioButton("x"), "_label")
            and all(isinstance(getattr(base, name, None), str)
                    for name in ("BUTTON_LEFT", "BUTTON_RIGHT")))


def _option_list_parts() -> bool:
    from textual.widgets import OptionList, SelectionList

    return callable(getattr(SelectionList, "_get_left_gutter_width", None)) \
        and hasattr(OptionList(), "_lines")


def _app_parts() -> bool:
    from textual.app import App
    from textual.screen import Screen

    return (callable(getattr(App, "_display", None)) and hasattr(App(), "_notifications")
            and callable(getattr(App, "_check_action_state", None))
            and isinstance(getattr(Screen, "_modal_binding_chain", None), property))


def _serve_parts() -> bool:
    from textual_serve.app_service import AppService

    return all(callable(getattr(AppService, name, None))
               for name in ("_open_app_process", "_build_environment"))


INTERNALS: tuple[Internal, ...] = (
    Internal("textual._styles_cache.StylesCache.get_inner_outer.cache_clear / render_line",
             lambda: callable(getattr(StylesCache.get_inner_outer, "cache_clear", None))
             and callable(StylesCache.render_line)),
    Internal("textual.strip.Strip slots, FIFOCache._maxsize", _strip_slots),
    Internal("textual.widgets._footer.FooterKey", lambda: callable(FooterKey)),
    Internal("Footer._bindings_ready", _footer_ready_flag),
    Internal("rich.style.Style._add and the other drawing memos are lru_caches", _drawing_memos),
    Internal("reactive watchers in obj.__watchers, MessagePump._closing",
             _watchers_filed_as_expected),
    Internal("textual.widgets._toggle_button.ToggleButton._button (property), ._label, "
             "BUTTON_LEFT/RIGHT", _toggle_button_parts),
    Internal("OptionList._get_left_gutter_width, OptionList._lines", _option_list_parts),
    Internal("Widget._layout_required, _repaint_required, _repaint_regions, "
             "_clear_arrangement_cache, _layout_updates",
             lambda: _widget_attributes("_layout_required", "_repaint_required",
                                        "_repaint_regions", "_clear_arrangement_cache",
                                        "_layout_updates")),
    Internal("Screen._dirty_widgets, _layout_widgets, _on_timer_update, "
             "_compositor.render_strips/visible_widgets",
             _screen_attributes),
    Internal("App._display, App._notifications, App._check_action_state; "
             "Screen._modal_binding_chain", _app_parts),
    Internal("textual_serve AppService._open_app_process, _build_environment", _serve_parts),
)
"""What `changed()` tries: one entry per row of the table above."""


def changed() -> list[str]:
    """The entries of `INTERNALS` the installed Textual no longer offers as triage uses them."""
    missing = []
    for internal in INTERNALS:
        try:
            ok = internal.present()
        except Exception as error:  # noqa: BLE001 - any failure means the internal moved
            missing.append(f"{internal.what} ({type(error).__name__}: {error})")
            continue
        if not ok:
            missing.append(internal.what)
    return missing

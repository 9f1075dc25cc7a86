"""Textual's strips make their caches on first use (`triage.tui.strips`), and still cache.

A strip that never crops, styles or divides holds no cache at all (the war room keeps thousands
of those: ~3.5 MiB of a full play's peak); one that does gets Textual's cache, of Textual's
size, and returns the cached line the second time, as before.
"""

from __future__ import annotations

import gc

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.cache import FIFOCache
from textual.strip import Strip

from triage.tui import strips
from triage.tui.strips import use_lazy_strip_caches


def caches_alive() -> int:
    gc.collect()
    return sum(type(o) is FIFOCache for o in gc.get_objects())


def test_an_unused_strip_holds_no_cache() -> None:
    assert use_lazy_strip_caches()
    before = caches_alive()
    lines = [Strip([Segment("line "), Segment(str(n), Style(bold=True))]) for n in range(500)]
    assert [line.text for line in lines[:2]] == ["line 0", "line 1"]
    assert caches_alive() == before


def test_a_used_cache_is_textuals_and_caches() -> None:
    assert use_lazy_strip_caches()
    line = Strip([Segment("hello "), Segment("world", Style(bold=True))])
    first = line.crop(2, 8)
    assert first.text == "llo wo"
    assert line.crop(2, 8) is first  # the second call is served from the cache
    assert isinstance(line._crop_cache, FIFOCache) and line._crop_cache._maxsize == 16
    assert [part.text for part in line.divide([6, 11])] == ["hello ", "world"]
    assert line.divide([6, 11]) is line.divide([6, 11])
    with pytest.raises(AttributeError):
        line.no_such_attribute  # noqa: B018 - only the cache slots are made on demand


def test_another_textuals_strip_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A strip with a slot this module does not know: nothing replaced, and the internals check
    names it."""
    from triage.tui import textual_internals

    monkeypatch.setattr(strips, "_sizes", {})
    monkeypatch.setattr(Strip, "__slots__", [*Strip.__slots__, "_new_slot"])
    assert strips.cache_sizes() is None
    assert "textual.strip.Strip slots, FIFOCache._maxsize" in textual_internals.changed()

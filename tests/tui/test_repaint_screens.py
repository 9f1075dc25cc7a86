"""The clock ticks on every screen but the war room; the terminal must show what that screen holds.

A playtest saw pairs of bar glyphs (`▃▃`, `▇▇`) at the right edge of the logs, the debrief, the
diagnosis and the catalog, moving with the clock. The war room's panels keep drawing while it is
covered (every tick syncs every screen on the stack), through Textual's incremental repaint; if a
covered screen's repaint reached the terminal, it would paint the war room's bars over the screen
in front. The glyphs turned out to be the ends of the scrollbar thumbs, drawn with the same
eighth-block characters as the bars, which read as stray chart glyphs wherever the thumb's colour
is close to the track's (NO_COLOR, a copied screen). Both are checked here on every screen a
player reaches while the clock runs, and after the play: what reached the (virtual) terminal
equals the screen drawn from scratch, and no scrollbar draws a glyph.
"""

from __future__ import annotations

from terminal import VirtualTerminal
from textual.scrollbar import ScrollBar
from tui_helpers import diagnose_fix_and_resolve, pilot_test, screen_text

from triage.model.pack import find_incident
from triage.tui.screens.debrief import DebriefScreen
from triage.tui.screens.diagnosis import DiagnosisScreen
from triage.tui.screens.page import PageScreen
from triage.tui.screens.warroom import WarRoomScreen
from triage.tui.textual_internals import visible_widgets
from triage.tui.widgets.panel import MetricPanel

SIZES = ((120, 40), (80, 24))


async def redrawn_from_scratch(app, pilot) -> str:  # noqa: ANN001 - Pilot types
    """The screen's text once every widget on it has been drawn again."""
    for widget in app.screen.walk_children(with_self=True):
        widget.refresh()
    await pilot.pause()
    return screen_text(app)


def scrollbar_glyphs(app, terminal: VirtualTerminal) -> list[str]:  # noqa: ANN001
    """Every non-blank cell the terminal shows where a scrollbar is drawn."""
    found = []
    for widget, (region, clip) in visible_widgets(app).items():
        if not isinstance(widget, ScrollBar):
            continue
        area = region.intersection(clip)
        for y in range(area.y, area.bottom):
            for x in range(area.x, area.right):
                if terminal.cells[y][x].strip():
                    found.append(f"{terminal.cells[y][x]!r} at {x},{y}")
    return found


async def ticked_matches_full_redraw(app, pilot, terminal, size, where: str) -> None:  # noqa: ANN001
    """Tick the clock a few times on the screen in front, then compare the terminal."""
    for _ in range(4):
        app.tick()
        await pilot.pause()
    await pilot.pause()
    shown = terminal.text()
    assert not isinstance(app.screen, WarRoomScreen), where
    assert not scrollbar_glyphs(app, terminal), f"{where}: {scrollbar_glyphs(app, terminal)}"
    assert shown == await redrawn_from_scratch(app, pilot), f"stale cells on {where}"


async def back_in_the_war_room_up_to_date(app, pilot, terminal, where: str) -> None:  # noqa: ANN001
    """Back from a screen: the war room shows the clock as it is now, and the terminal agrees."""
    await pilot.pause()
    assert isinstance(app.screen, WarRoomScreen), where
    assert f"(+{app.session.elapsed:.0f}m)" in terminal.text(), f"stale clock after {where}"
    assert terminal.text() == await redrawn_from_scratch(app, pilot), f"after {where}"


async def play_through_every_screen(make_app, size) -> None:  # noqa: ANN001
    app = make_app(incident=find_incident("training-lr-config-push"), seed=3)
    async with app.run_test(size=size) as pilot:
        terminal = VirtualTerminal(app, *size)
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        await ticked_matches_full_redraw(app, pilot, terminal, size, "the page")
        await pilot.press("a")
        await pilot.pause()
        app.tick()  # the war room's panels have drawn once and repaint incrementally from now
        await pilot.pause()
        screens = [("l", "the logs"), ("c", "the changes"), ("enter", "a full-size panel"),
                   ("k", "the ML team"), ("h", "the hint dialog"), ("question_mark", "? keys"),
                   ("d", "the diagnosis")]
        panels = list(app.screen.query(MetricPanel))
        for key, where in screens:
            await pilot.press(key)
            await pilot.pause()
            if not app.screen.is_modal:  # covered whole: its panels draw nothing meanwhile
                drawn = [panel._rows for panel in panels]
                app.tick()
                kept = [panel._rows is rows for panel, rows in zip(panels, drawn, strict=True)]
                assert all(kept), where
            await ticked_matches_full_redraw(app, pilot, terminal, size, where)
            if where != "the diagnosis":
                await pilot.press("escape")
                await pilot.pause()
                await back_in_the_war_room_up_to_date(app, pilot, terminal, where)
        assert isinstance(app.screen, DiagnosisScreen)
        await diagnose_fix_and_resolve(pilot, app, "lr_too_high", ["restore_lr"])
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("pagedown")
        await ticked_matches_full_redraw(app, pilot, terminal, size, "the debrief")
        await pilot.press("escape")  # home
        await pilot.pause()
        await pilot.press("b")  # the catalog
        await pilot.pause()
        await ticked_matches_full_redraw(app, pilot, terminal, size, "the catalog")


@pilot_test
async def test_every_screen_but_the_war_room_at_120x40(make_app) -> None:
    await play_through_every_screen(make_app, SIZES[0])


@pilot_test
async def test_every_screen_but_the_war_room_at_80x24(make_app) -> None:
    await play_through_every_screen(make_app, SIZES[1])

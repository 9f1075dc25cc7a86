"""The child process of the TUI benchmarks: our war room, or a bare Textual app of Sparklines.

    python _tui_child.py frame ours INCIDENT        print `STAMP t` at the war room's first frame
    python _tui_child.py frame bare N LENGTH        ... at the bare app's first frame
    python _tui_child.py frame floor N LENGTH       ... after importing what the war room needs
    python _tui_child.py tick ours INCIDENT TICKS   one tick time (s) per line (tick + repaint)
    python _tui_child.py tick bare N LENGTH TICKS
    python _tui_child.py play ours INCIDENT         a full headless play, page to debrief
    python _tui_child.py play bare N LENGTH TICKS   the bare app through the same number of updates
    python _tui_child.py play floor N LENGTH TICKS  ... after importing what the war room needs
    python _tui_child.py play floor-top N LENGTH TICKS  ... with numpy.random left out

"Ours" starts the way `triage play PATH` does (the set-up of `triage.cli.main`, then find the
incident, build the app with `create_app` and a catalog loader, which it calls when the catalog is
first needed), headless at 120x40; the page is acknowledged as soon as it is first drawn.
"Bare" imports nothing from triage: one screen with N `Sparkline`s of LENGTH points in a grid.
"Floor" is the bare app after importing what the war room cannot start without, as triage starts
(`import_floor`): numpy (numpy.random included), PyYAML, pydantic and triage's incident models
(their classes and the incident's validator built). It bounds what any war room built on these
libraries could reach. "Floor-top" leaves numpy.random out, as a bare `import numpy` does.
A frame counts once Textual has composed it and turned it into the terminal's byte stream, which
a headless app otherwise skips; both sides pay that the same way.
"""

from __future__ import annotations

import os
import random
import sys
import time
from typing import Any

SIZE = (120, 40)
SEED = 7


def stamp_first_frame(app_class: type, target: Any, on_other: Any = None) -> None:
    """Make `app_class` print `STAMP <monotonic>` and exit at the first frame of a `target` screen.

    `on_other(app, screen)` runs at the first frame of any other screen (the page, to acknowledge).
    """
    from triage.tui.textual_internals import hook_display

    seen: set[int] = set()

    def display(self: Any, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is None:
            return
        if isinstance(screen, target):
            renderable.render_segments(self.console)
            os.write(1, f"STAMP {time.monotonic()!r}\n".encode())
            os._exit(0)
        if on_other is not None and id(screen) not in seen:
            seen.add(id(screen))
            on_other(self, screen)

    original = hook_display(app_class, display)


def our_app(incident_path: str, *, save: bool = False) -> Any:
    """Our app, built as `triage play PATH` builds it, with no real-time tick."""
    from triage.cli import use_incident_cache
    from triage.model.pack import find_incident, load_catalog
    from triage.tui.app import PlayOptions, create_app
    from triage.tui.caches import freeze_startup_objects

    use_incident_cache()  # as `triage` does: the incident index cache in the data directory
    loaded = find_incident(incident_path)
    app = create_app(lambda: load_catalog(), incident=loaded, seed=SEED,
                     options=PlayOptions(save=save), tick_seconds=None)
    freeze_startup_objects()  # as `triage.tui.launch` does just before `run()`
    return app


def bare_app(count: int, length: int) -> Any:
    """A bare Textual app: `count` Sparklines of `length` points in a grid."""
    from textual.app import App
    from textual.containers import Grid
    from textual.widgets import Sparkline

    rng = random.Random(SEED)

    class Bare(App[None]):
        CSS = "Grid { grid-size: 3; grid-gutter: 1; } Sparkline { height: 6; }"

        def compose(self) -> Any:
            with Grid():
                for _ in range(count):
                    yield Sparkline([rng.gauss(0, 1) for _ in range(length)])

        def tick(self) -> None:
            for sparkline in self.query(Sparkline):
                sparkline.data = [*list(sparkline.data or [])[1:], rng.gauss(0, 1)]

    return Bare()


def import_floor(numpy_random: bool = True) -> None:
    """Import what the war room needs before it can draw, started as triage starts: numpy, with
    numpy.random (numpy 2 defers it to first use; every simulation draws from it: a generator is
    made and drawn from, as a world's are), PyYAML, and pydantic with triage's incident models,
    their validator built (the models defer that to the first validation, which no play skips)."""
    start_like_triage()
    import numpy
    import yaml  # noqa: F401

    from triage.model.incident import Incident

    if numpy_random:
        numpy.random.default_rng([SEED, 0]).standard_normal(16)
    Incident.model_rebuild(force=True)  # the one validator every nested model's schema is in


def frame(side: str, args: list[str]) -> None:
    """Run until the first frame of the war room (or of the bare app), stamping it."""
    if side in ("bare", "floor", "floor-top"):
        if side != "bare":
            import_floor(side == "floor")
        app = bare_app(int(args[0]), int(args[1]))
        from textual.screen import Screen

        stamp_first_frame(type(app), Screen)
    else:
        from triage.tui.app import TriageApp
        from triage.tui.screens.page import PageScreen
        from triage.tui.screens.warroom import WarRoomScreen

        def acknowledge(app: Any, screen: Any) -> None:
            if isinstance(screen, PageScreen):
                app.call_later(screen.action_acknowledge)

        stamp_first_frame(TriageApp, WarRoomScreen, acknowledge)
        app = our_app(args[0])
    app.run(headless=True, size=SIZE)
    raise SystemExit("no frame was drawn")


async def to_war_room(app: Any, pilot: Any) -> None:
    """Acknowledge the page and wait for the war room."""
    from triage.tui.screens.warroom import WarRoomScreen

    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, WarRoomScreen), app.screen


def count_renders() -> list[int]:
    """Count the widget lines drawn from now on (cached lines not counted), in a one-item list.

    Counted where every widget's line is drawn, whether through `render()` or the line API
    (`StylesCache.render_line`, which turns a widget's content line into a styled line)."""
    from triage.tui.textual_internals import StylesCache

    count = [0]
    original = StylesCache.render_line

    def render_line(self: Any, *args: Any, **kwargs: Any) -> Any:
        count[0] += 1
        return original(self, *args, **kwargs)

    StylesCache.render_line = render_line
    return count


def repaint_now(screen: Any) -> None:
    """Paint what the last change refreshed, synchronously, as Textual's next frame would
    (`textual_internals.paint_now`)."""
    from triage.tui.textual_internals import paint_now

    paint_now(screen)


async def tick(side: str, args: list[str]) -> None:
    """Print the wall time of each game tick: the tick's own work and the repaint it causes.

    Timed: `app.tick()` (advance the clock one minute, update every visible widget from it), then
    `repaint_now`: the new layout if one is needed, every refreshed line drawn, the frame
    composed and handed to the driver. Each tick starts from a settled screen; after each timed
    tick an untimed `pilot.pause()` lets every widget handle what the tick posted, and the run
    fails if any widget line is drawn then (the timed part must paint all the player sees).
    Then, after `IDLE` on a line of its own, the time of as many `pilot.pause(0)` calls with no
    tick before them: what the Pilot harness itself costs on this screen (not part of the tick).
    """
    app = bare_app(int(args[0]), int(args[1])) if side == "bare" else our_app(args[0])
    ticks = int(args[-1])
    times, idle = [], []
    async with app.run_test(size=SIZE) as pilot:
        if side == "ours":
            await to_war_room(app, pilot)
        await pilot.pause()
        await pilot.pause()
        renders = count_renders()
        for _ in range(ticks):
            start = time.perf_counter()
            app.tick()
            repaint_now(app.screen)
            times.append(time.perf_counter() - start)
            assert renders[0] > 0, "the tick rendered nothing"
            renders[0] = 0
            await pilot.pause()
            assert renders[0] == 0, f"{renders[0]} lines drawn after the timed repaint"
        for _ in range(ticks):
            start = time.perf_counter()
            await pilot.pause(0)
            idle.append(time.perf_counter() - start)
        if side == "ours":
            assert not app.session.ended, "the tick benchmark must stay inside the timeline"
    print("\n".join([*(repr(t) for t in times), "IDLE", *(repr(t) for t in idle)]))


async def play(side: str, args: list[str]) -> None:
    """A full headless play (ours) or the same number of redraws of the bare app.

    Sides `floor` and `floor-top` are the bare app after `import_floor`: how much of our footprint
    the libraries and models the war room cannot start without account for.
    """
    if side in ("bare", "floor", "floor-top"):
        if side != "bare":
            import_floor(side == "floor")
        app = bare_app(int(args[0]), int(args[1]))
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(int(args[2])):
                app.tick()
                await pilot.pause(0)
        print("REDRAWS", args[2])
        return
    from triage.engine.actions import diagnose, remediate
    from triage.tui.screens.debrief import DebriefScreen

    app = our_app(args[0], save=True)
    async with app.run_test(size=SIZE) as pilot:
        await to_war_room(app, pilot)
        session = app.session
        incident = session.incident
        redraws = await look_around(app, pilot)
        for _ in range(10):
            app.tick()
            await pilot.pause(0)
            redraws += 1
        app.apply_action(diagnose(incident.correct_diagnosis.id, 0.9))
        app.apply_action(remediate(*incident.ideal_remediations))
        if not session.ended:  # the on-call loop: the player declares the incident resolved
            from triage.engine.actions import resolve

            app.apply_action(resolve())
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen), app.screen
        await pilot.press("pagedown", "pagedown", "end")
        await pilot.pause()
    print("REDRAWS", redraws)


async def look_around(app: Any, pilot: Any) -> int:
    """Look at everything a thorough responder would, each screen drawn, then close it; return
    the redraws. Its own function, so that its references to the war room and a panel end with
    it: a player's process holds the war room only while the app does (these locals once kept
    the closed war room's widgets alive through the debrief)."""
    incident = app.session.incident
    redraws = 0
    screen = app.screen
    for key in ("l", "c", "r", "k"):
        await pilot.press(key)
        await pilot.pause()
        redraws += 1
        if app.screen is not screen:
            await pilot.press("escape")
            await pilot.pause()
    from triage.tui.render.ids import dom_id

    for index, dashboard in enumerate(incident.dashboards):
        if index:  # the next dashboard, as a player moves to it (its panels are built then)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        for signal in (s for s in incident.signals if s.dashboard == dashboard.id):
            panel = screen.query_one(f"#{dom_id('panel-', signal.id)}")
            panel.post_message(type(panel).OpenRequested(signal.id))
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            redraws += 1
    return redraws


def start_like_triage() -> None:
    """What `triage.cli.main` does before any command: one BLAS thread, and no scan of the
    installed packages for pydantic plugins."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from triage.commands.pydantic_plugins import skip_plugin_discovery

    skip_plugin_discovery()


def main() -> None:
    """Dispatch on the mode and side."""
    mode, side, *args = sys.argv[1:]
    if side == "ours":
        start_like_triage()
    if mode == "frame":
        frame(side, args)
    else:
        import asyncio

        asyncio.run((tick if mode == "tick" else play)(side, args))


if __name__ == "__main__":
    main()

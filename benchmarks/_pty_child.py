"""The child of the tick-in-a-terminal benchmark: run in a pty, tick, time each tick to its bytes.

    python _pty_child.py ours INCIDENT TICKS OUT        the war room of `triage play INCIDENT`
    python _pty_child.py bare WIDGETS PANELS TICKS OUT   a bare app of as many widgets

Runs with Textual's real terminal driver on the pty it is given (the parent reads the other
end), so every frame is encoded and written, as a player's terminal gets it. Each tick is timed
from its start to the moment Textual's output thread has written and flushed the frame it
caused: the tick's own work (`app.tick()`), the repaint, run at once as the screen's update
timer would (`_tui_child.repaint_now`), and the write to the terminal. The times (seconds, one
per line) go to OUT. "ours" also writes `WIDGETS n` and `PANELS n`: the war room's widget count
and how many metric panels are on the visible dashboard, which the bare app then copies: that
many `Sparkline`s (each ticked by one point, as a panel gains a minute), one status line
(updated each tick, as the clock), and plain `Static`s for the rest of the widgets.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from typing import Any

from _tui_child import our_app, repaint_now, start_like_triage

FLUSHED: list[float] = []
"""When Textual's output thread last flushed a frame to the terminal (perf_counter)."""
SETTLE_SECONDS = 0.05


def time_the_output() -> None:
    """Make Textual's output thread note when it has flushed what it was given."""
    from textual.drivers import _writer_thread, linux_driver

    class TimedWriter(_writer_thread.WriterThread):
        def run(self) -> None:
            write, flush, get, qsize = (self._file.write, self._file.flush, self._queue.get,
                                        self._queue.qsize)
            while True:
                text = get()
                if text is None:
                    break
                write(text)
                if qsize() == 0:
                    flush()
                    FLUSHED.append(time.perf_counter())
            flush()

    linux_driver.WriterThread = TimedWriter  # type: ignore[misc]


async def tick_and_time(app: Any, ticks: int) -> list[float]:
    """Tick `ticks` times from a settled screen; each tick's seconds up to its flushed output."""
    times = []
    for _ in range(ticks):
        await asyncio.sleep(SETTLE_SECONDS)
        flushed = len(FLUSHED)
        start = time.perf_counter()
        app.tick()
        repaint_now(app.screen)
        while len(FLUSHED) == flushed:  # the output thread writes on its own: wait for it
            await asyncio.sleep(0)
            if time.perf_counter() - start > 5:
                raise RuntimeError("the tick wrote nothing to the terminal")
        times.append(FLUSHED[-1] - start)
    return times


def bare_app(widgets: int, panels: int) -> Any:
    """A bare app of `widgets` widgets: `panels` Sparklines, a status line, Statics."""
    from textual.app import App
    from textual.containers import Grid, Horizontal, Vertical
    from textual.widgets import Footer, Sparkline, Static

    rng = random.Random(7)

    class Bare(App[None]):
        CSS = ("Grid { grid-size: 2; grid-gutter: 1; } Sparkline { height: 8; } "
               "#side { width: 34; } #status { height: 1; }")

        def compose(self) -> Any:
            # screen, status, body, grid, side and footer: 6; panels; Statics for the rest
            yield Static("status", id="status")
            with Horizontal():
                with Grid():
                    for _ in range(panels):
                        yield Sparkline([rng.gauss(0, 1) for _ in range(120)])
                with Vertical(id="side"):
                    for index in range(max(0, widgets - panels - 6)):
                        yield Static(f"item {index}")
            yield Footer()

        def tick(self) -> None:
            self.minute = getattr(self, "minute", 0) + 1
            self.query_one("#status", Static).update(f"status  minute {self.minute}")
            for sparkline in self.query(Sparkline):
                sparkline.data = [*list(sparkline.data or [])[1:], rng.gauss(0, 1)]

    return Bare()


def run(side: str, args: list[str]) -> None:
    """Run the app on this terminal, tick, and write the times to the last argument."""
    out, ticks = args[-1], int(args[-2])
    time_the_output()
    if side == "ours":
        app = our_app(args[0])
    else:
        app = bare_app(int(args[0]), int(args[1]))
    result: dict[str, Any] = {}

    def current() -> Any:
        try:
            return app.screen
        except Exception:  # noqa: BLE001 - no screen yet
            return None

    async def until(kind: type) -> Any:
        while not isinstance(current(), kind):
            await asyncio.sleep(0.01)
        return app.screen

    async def drive() -> None:
        from textual._context import active_app

        running = asyncio.create_task(app.run_async())
        active_app.set(app)  # this task acts as the app's own code does (as Pilot does)
        try:
            if side == "ours":
                from triage.tui.screens.page import PageScreen
                from triage.tui.screens.warroom import WarRoomScreen
                from triage.tui.widgets.panel import MetricPanel

                (await until(PageScreen)).action_acknowledge()
                screen = await until(WarRoomScreen)
                await asyncio.sleep(0.3)
                result["widgets"] = len(list(screen.walk_children())) + 1
                result["panels"] = sum(1 for panel in screen.query(MetricPanel)
                                       if panel.display and panel.region.area)
            else:
                from textual.widgets import Sparkline

                while current() is None or not current().query(Sparkline):
                    await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)
            result["times"] = await tick_and_time(app, ticks)
        finally:
            app.exit()
            await running

    asyncio.run(drive())
    lines = [f"WIDGETS {result.get('widgets', 0)}", f"PANELS {result.get('panels', 0)}",
             *(repr(t) for t in result.get("times", []))]
    with open(out, "w", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")


def main() -> None:
    """Dispatch on the side."""
    side, *args = sys.argv[1:]
    if side == "ours":
        start_like_triage()
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    run(side, args)


if __name__ == "__main__":
    main()

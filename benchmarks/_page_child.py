"""The child process of the page benchmarks: `triage play ID` as a player starts it, or a bare page.

    python _page_child.py ours ID WAIT      run `triage play ID` (the real command line); print
                                            `STAMP t` at the page's first frame, press `a` WAIT
                                            seconds later (-1: never), print `PRESS t` and
                                            `WARROOM t` at the war room's first frame
    python _page_child.py bare FACTS.json   a bare Textual app drawing the same page (same
                                            widgets, same text); `STAMP t` at its first frame

With `BENCH_BUILD_FIRST=1`, "ours" builds the play before its page (the path of an incident
without `page:`, and how every play started before the page came first): the baseline of the
`a` figures.

"Ours" goes through `triage.cli.main(["play", ID, ...])`, so it pays what the command pays (the
argument parser, the incident index, the app), headless at 120x40 with no terminal check; the
clock's real-time tick is left on, as a player has it. "Bare" imports nothing from triage: a
screen holding a scrolling column with two centred `Static`s (the card, its border title, and the
prompt) and a footer, the widgets and words of our page, read from a JSON file that the parent
writes from triage's own page facts. A frame counts once Textual has composed it and turned it
into the terminal's byte stream, which a headless app otherwise skips; both sides pay that alike.
All times are `time.monotonic()` (shared by every process), so the parent subtracts its own.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

SIZE = (120, 40)


def say(word: str) -> None:
    """Print `WORD <monotonic>` straight to the standard output's file descriptor."""
    os.write(1, f"{word} {time.monotonic()!r}\n".encode())


def hook_frames(app_class: type, on_frame: Any) -> None:
    """Call `on_frame(app, screen)` at the first frame of every screen `app_class` draws."""
    original = app_class._display
    seen: set[int] = set()

    def display(self: Any, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is None or id(screen) in seen:
            return
        renderable.render_segments(self.console)
        seen.add(id(screen))
        on_frame(self, screen)

    app_class._display = display


def ours(incident: str, wait: float) -> None:
    """`triage play INCIDENT`: stamp the page's first frame, then the war room's after `a`."""
    import textual.app

    import triage.terminal
    from triage import cli

    triage.terminal.missing_terminal = lambda: []  # headless: no terminal to check
    if os.environ.get("BENCH_BUILD_FIRST"):  # the baseline: the play built before its page
        from triage.model.pagefacts import PageFacts

        PageFacts.complete = property(lambda self: False)  # type: ignore[assignment,method-assign]
    original_run = textual.app.App.run

    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=SIZE)
        return original_run(self, *args, **kwargs)

    textual.app.App.run = run

    def on_frame(app: Any, screen: Any) -> None:
        name = type(screen).__name__
        if name == "PageScreen":
            say("STAMP")
            if wait < 0:
                os._exit(0)

            def press() -> None:
                say("PRESS")
                app.simulate_key("a")

            app.set_timer(wait, press) if wait > 0 else app.call_later(press)
        elif name == "WarRoomScreen":
            say("WARROOM")
            os._exit(0)

    hook_frames(textual.app.App, on_frame)
    cli.main(["play", incident, "--seed", "7", "--no-save"])
    raise SystemExit("no frame was drawn")


def bare(facts_file: str) -> None:
    """A bare Textual app drawing the page's widgets and text (from `facts_file`)."""
    with open(facts_file, encoding="utf-8") as stream:
        facts = json.load(stream)
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.containers import Center, VerticalScroll
    from textual.widgets import Footer, Static

    class BarePage(App[None]):
        CSS = """
        #page-scroll { align: center middle; }
        #page-card { width: 90; max-width: 100%; height: auto; padding: 1 2;
                     border: heavy #af0000; border-title-color: #ff5f5f; }
        #page-prompt { width: 90; max-width: 100%; height: auto; padding: 1 2; }
        """
        BINDINGS = [("a", "noop", "Acknowledge"), ("question_mark", "noop", "Keys")]

        def compose(self) -> ComposeResult:
            with VerticalScroll(id="page-scroll"):
                with Center():
                    yield Static(Text.from_ansi(facts["card"]), id="page-card")
                with Center():
                    yield Static(Text.from_ansi(facts["prompt"]), id="page-prompt")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#page-card", Static).border_title = Text("incoming page")

    hook_frames(App, lambda app, screen: (say("STAMP"), os._exit(0)))
    BarePage().run(headless=True, size=SIZE)
    raise SystemExit("no frame was drawn")


def main() -> None:
    """Dispatch on the side."""
    side, *args = sys.argv[1:]
    if side == "ours":
        ours(args[0], float(args[1]))
    else:
        bare(args[0])


if __name__ == "__main__":
    main()

"""A play built in the background while the page is read: the incident, its world, the war room.

The page is the first frame and needs only its facts (`triage.model.pagefacts`). Everything the
war room needs (validating the incident into its objects, numpy and the simulation of its world,
the war room's own modules) is built by `PlayPrep` in a worker thread, started once the page has
been drawn so that it does not compete with the first frame. The engine is pure Python and
numpy, so the thread shares nothing with Textual; the app takes the finished `Session` on its
own thread (`result`).

Whoever needs the play before it is ready waits for it (`result` blocks): a player who presses
`a` at once waits as long as the start-up used to take, and a test that reads `app.session`
right away gets it. A prep never started (no frame yet) is built right there, in the caller's
thread.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from triage.model.pagefacts import PageFacts, facts_of
from triage.model.playsource import PlaySource
from triage.tui.freeing import give_back_memory

if TYPE_CHECKING:
    from triage.engine.session import Session
    from triage.model.loader import LoadedIncident

Built = tuple["LoadedIncident", "Session"]


class PlayPrep:
    """The play being built for a page: `facts` now, `result()` once built."""

    def __init__(self, facts: PageFacts, build: Callable[[], Built]) -> None:
        self.facts = facts
        self._build: Callable[[], Built] | None = build
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._result: Built | None = None
        self._error: BaseException | None = None

    @property
    def ready(self) -> bool:
        """Whether the play is built (or failed to build): `result` will not wait."""
        return self._done.is_set()

    def start(self, on_ready: Callable[[], None] | None = None) -> None:
        """Build the play in a worker thread; `on_ready()` is called from that thread when done
        (it must not wait for the app's thread, which may be waiting in `result`)."""
        build = self._take_build()
        if build is not None:
            threading.Thread(target=self._run, args=(build, on_ready), name="triage-play-prep",
                             daemon=True).start()

    def result(self) -> Built:
        """The built play, waiting for the worker if needed; re-raises what the build raised."""
        build = self._take_build()
        if build is not None:  # never started: build it here
            self._run(build, None)
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def _take_build(self) -> Callable[[], Built] | None:
        """The build, to whoever asks first (the worker or a waiting caller), once."""
        with self._lock:
            build, self._build = self._build, None
            return build

    def _run(self, build: Callable[[], Built], on_ready: Callable[[], None] | None) -> None:
        collecting = gc.isenabled()
        gc.disable()  # the build makes ~400,000 long-lived objects: no garbage worth a walk
        try:
            self._result = build()
            _warm_war_room()
        except BaseException as error:  # noqa: BLE001 - handed to whoever takes the result
            self._error = error
        finally:
            if collecting:
                gc.enable()
            _freeze_once()
            give_back_memory(collect=False)  # the simulation's temporaries, freed
            self._done.set()
        if on_ready is not None:
            on_ready()


_frozen_after_build = False


def _freeze_once() -> None:
    """After the first play is built, keep the collector off what it loaded, as the launcher
    does for what exists before the app runs (`tui.caches.freeze_startup_objects`): only in a
    process that froze its start-up (tests do not), and once (later plays' objects are freed)."""
    global _frozen_after_build
    if gc.get_freeze_count() and not _frozen_after_build:
        _frozen_after_build = True
        gc.freeze()


def _warm_war_room() -> None:
    """Import the war room's modules (widgets, renderers), which `a` would otherwise pay for."""
    try:
        import triage.tui.screens.warroom  # noqa: F401
    except Exception:  # noqa: BLE001 - imported again, and reported, when the war room opens
        pass


def prepare_play(incident: LoadedIncident | PlaySource, seed: int) -> PlayPrep:
    """The prep of a play of `incident` with `seed`: from a `PlaySource` (the page's facts from
    the index cache; validated in the worker), or an incident validated already."""
    if isinstance(incident, PlaySource):
        source = incident

        def build_from_source() -> Built:
            loaded = source.load()
            return loaded, _session(loaded, seed)

        return PlayPrep(source.facts, build_from_source)
    loaded = incident
    return PlayPrep(facts_of(loaded.incident), lambda: (loaded, _session(loaded, seed)))


def _session(loaded: LoadedIncident, seed: int) -> Session:
    from triage.engine.session import Session

    return Session(loaded.incident, seed, loop=True)  # a new play is the on-call loop

"""A served tab's process ends the moment the server that started it is gone.

textual-serve starts one `triage` process per browser tab. If the server dies without closing
them (SIGKILL, a crash, the terminal closed), a tab must not live on: an orphan keeps its
countdown running and could store a play that nobody is playing (a "ghost play"). The server
puts its own process id in `PARENT_ENV` for each tab; `watch_parent` then

- asks the kernel to kill this process when its parent dies (Linux `PR_SET_PDEATHSIG`);
- exits at once if the parent is already not that server (it died before the request took);
- and, on every platform, checks the parent id twice a second from a daemon thread.

It exits with `os._exit`: no handler runs, nothing is saved. A turn in progress stays in the
store, to be resumed when the server is back.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PARENT_ENV = "TRIAGE_TAB_PARENT"
"""Set by `triage serve` in each tab's environment: the server's process id."""
EXIT_ORPHANED = 75
"""The exit status of a tab whose server went away (EX_TEMPFAIL)."""
POLL_SECONDS = 0.5
PR_SET_PDEATHSIG = 1


def expected_parent(environ: dict[str, str] | None = None) -> int | None:
    """The server's process id from the environment, or None when not started by a server."""
    value = (environ if environ is not None else os.environ).get(PARENT_ENV, "")
    return int(value) if value.isdigit() and int(value) > 1 else None


def _kill_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the polling thread still ends the process within POLL_SECONDS


def _poll(parent: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(EXIT_ORPHANED)


def watch_parent(parent: int) -> None:
    """End this process (without saving anything) as soon as `parent` is no longer its parent."""
    _kill_with_parent()
    if os.getppid() != parent:
        os._exit(EXIT_ORPHANED)
    threading.Thread(target=_poll, args=(parent,), name="parent-watch", daemon=True).start()

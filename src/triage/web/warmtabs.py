"""Warm tabs: a pre-imported parent process forks each browser tab's `triage` (copy-on-write).

A cold `python -m triage` per tab spent most of its first second importing Textual, numpy,
pydantic and triage, and each held its own copy of them: twenty tabs of a game day on a two-core
machine took seconds to draw and over a gigabyte. `triage serve` instead forks a *warm parent*
once, before it serves: the parent imports all of that (the `preload` the server is given;
`triage serve` names what a tab imports before its first frame), freezes it out of the
collector's way (`gc.freeze`, so no collection writes to the shared pages), and then waits on a
socket. For each tab the server sends it the tab's command line and environment with the three
ends of the tab's pipes (`SCM_RIGHTS`); the parent forks, and the child makes those pipes its
standard streams, takes the environment and runs the `triage` module on the arguments, exactly
as `python -m triage ARGS` would (`runpy`), without importing anything again. The pages of every
module are shared with the parent until written.

Lifetimes: the parent ends with the server (`PR_SET_PDEATHSIG`, checked twice a second too, and
when the server closes the socket); each tab is told the parent's id (`PARENT_ENV`), so it ends
with the parent as it used to with the server (`triage.web.parentwatch`). The parent ignores
SIGCHLD, so the kernel reaps finished tabs. The parent names itself `triage-warm` and each tab
`triage-tab` (`/proc/PID/comm`), so `ps` tells them apart.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import runpy
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence

MAX_REQUEST = 1 << 20
READY = b"ready"
POLL_SECONDS = 0.5
PR_SET_NAME = 15


def run_argv(argv: Sequence[str]) -> list[str] | None:
    """The `triage` arguments of a tab's command line `[python, -m, triage, ARGS...]`, or None
    when it runs something else (which is then started the ordinary way)."""
    if len(argv) >= 3 and argv[0] == sys.executable and list(argv[1:3]) == ["-m", "triage"]:
        return list(argv[3:])
    return None


class WarmParent:
    """The server's handle on its warm parent: `start` it, then `fork` a tab from it."""

    def __init__(self, channel: socket.socket, pid: int) -> None:
        self.channel = channel
        self.pid = pid
        self._lock = threading.Lock()  # one request and its reply at a time
        self.alive = True
        """False once the parent is found gone: tabs are then started cold."""

    @classmethod
    def start(cls, preload: Callable[[], None]) -> WarmParent:
        """Fork the warm parent from this (single-threaded) process, which runs `preload` (the
        imports to share) and then serves; return once it is ready (or has failed, when tabs
        start cold: `alive` is False)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        server = os.getpid()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        pid = os.fork()
        if pid == 0:  # the warm parent: never returns
            ours.close()
            code = 0
            try:
                _serve_forks(theirs, server, preload)
            except BaseException:  # noqa: BLE001 - a parent that cannot serve ends; tabs fail
                traceback.print_exc()
                code = 1
            os._exit(code)
        theirs.close()
        warm = cls(ours, pid)
        ready = ours.recv(16)  # after the preload: tabs opened from now on start warm
        if ready != READY:
            warm.alive = False
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        return warm

    def fork(self, args: Sequence[str], environ: Mapping[str, str],
             streams: Sequence[int]) -> int:
        """Start a tab running `triage ARGS` in `environ` on the file descriptors `streams`
        (its stdin, stdout, stderr); return its process id. Blocking (a few milliseconds)."""
        request = json.dumps({"args": list(args), "env": dict(environ)}).encode()
        with self._lock:
            try:
                socket.send_fds(self.channel, [request], list(streams))
                reply = self.channel.recv(64)
            except OSError:
                reply = b""
            if not reply:
                self.alive = False
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self.pid, os.WNOHANG)  # no zombie left behind
                raise ConnectionError("the warm parent has ended")
        return int(reply)

    def close(self) -> None:
        """Let the warm parent end (tabs still running end with it)."""
        self.channel.close()


def _name_process(name: str) -> None:
    """Set `/proc/self/comm` (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None).prctl(PR_SET_NAME, name.encode(), 0, 0, 0)


def import_modules(names: Sequence[str]) -> None:
    """Import these modules (for a `preload`); one that is missing is skipped."""
    for name in names:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _serve_forks(channel: socket.socket, server: int, preload: Callable[[], None]) -> None:
    """The warm parent: preload, then fork a tab for each request until the server is gone."""
    from triage.web.parentwatch import _kill_with_parent

    _name_process("triage-warm")
    _kill_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished tabs are reaped by the kernel
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.close(null)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy, as `triage.cli` does
    preload()
    gc.collect()
    gc.freeze()  # the collector never writes to the shared objects (no copy-on-write for it)
    channel.send(READY)
    channel.settimeout(POLL_SECONDS)
    while os.getppid() == server:
        try:
            request, fds, _flags, _address = socket.recv_fds(channel, MAX_REQUEST, 3)
        except TimeoutError:
            continue
        if not request:
            return  # the server closed its end
        pid = os.fork()
        if pid == 0:
            channel.close()
            _run_tab(json.loads(request), fds)
        for fd in fds:
            os.close(fd)
        channel.send(str(pid).encode())


def _run_tab(request: dict[str, object], fds: list[int]) -> None:
    """A tab: its pipes as the standard streams, its environment, `triage ARGS`; never returns."""
    code: object = 1
    try:
        _name_process("triage-tab")
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])  # type: ignore[arg-type]
        import textual.constants

        importlib.reload(textual.constants)  # read from the environment at import
        args = [str(arg) for arg in request["args"]]  # type: ignore[attr-defined]
        sys.argv = [sys.executable, *args]  # as `python -m triage ARGS` sets it
        runpy.run_module("triage", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as stop:
        code = stop.code
    except BaseException:  # noqa: BLE001 - as an uncaught error would: printed, exit 1
        traceback.print_exc()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code if isinstance(code, int) else 1)

"""`TabService`: one browser tab's `triage` process, as textual-serve's `AppService` runs it.

The stock service starts its command through a shell. A tab here runs its command line directly
(no shell), told its parent's process id (`PARENT_ENV`, so it ends with it); and a tab whose
command is `python -m triage ...` is forked from the server's warm parent when there is one
(`triage.web.warmtabs`), on three pipes that `WarmTab` hands to textual-serve as the process's
standard streams. If the warm parent has gone, tabs start cold again.

Tabs opened together start in turn (`gate`): only as many tabs as there are cores are between
their start and their first frame at a time. Twenty tabs started at once each got a twentieth
of the machine and all drew last, around the same moment; in turn, the first draws at once and
the median comes twice as soon, while the last draws no later.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
from collections.abc import Sequence

from textual_serve.app_service import AppService

from triage.web.parentwatch import PARENT_ENV
from triage.web.warmtabs import WarmParent, run_argv

log = logging.getLogger("triage.web")
SLOT_SECONDS = 3.0
"""How long a starting tab may keep its turn without drawing anything (then the next starts)."""
FIRST_FRAME_BYTES = 1024
"""Output that counts as a drawn screen: the terminal modes a tab sets first take far less."""


def startup_gate() -> asyncio.Semaphore:
    """The turns tabs take to start: one per core."""
    return asyncio.Semaphore(max(1, os.cpu_count() or 1))


class TabService(AppService):
    """One tab's process: `argv` run without a shell, told its parent's process id; forked from
    the warm parent when there is one and `argv` is `python -m triage ...`."""

    def __init__(self, argv: Sequence[str], warm: WarmParent | None = None,
                 gate: asyncio.Semaphore | None = None, **kwargs: object) -> None:
        super().__init__(shlex.join(argv), **kwargs)  # type: ignore[arg-type]
        self.argv = list(argv)
        self.warm = warm if run_argv(argv) is not None else None
        self.gate = gate
        self._turn: asyncio.TimerHandle | None = None
        self._drawn = 0
        self._pipes: list[asyncio.BaseTransport] = []

    async def start(self, width: int, height: int) -> None:
        """Start the tab's process once it is this tab's turn (`gate`), which it keeps until
        it draws (or for `SLOT_SECONDS`)."""
        if self.gate is not None:
            await self.gate.acquire()
            self._turn = asyncio.get_running_loop().call_later(SLOT_SECONDS, self._end_turn)
        try:
            await super().start(width, height)
        except BaseException:
            self._end_turn()
            raise

    def _end_turn(self) -> None:
        if self._turn is not None and self.gate is not None:
            self._turn.cancel()
            self._turn = None
            self.gate.release()

    async def on_data(self, payload: bytes) -> None:
        """Once the tab has drawn a screen, the next tab may start."""
        if self._turn is not None:
            self._drawn += len(payload)
            if self._drawn >= FIRST_FRAME_BYTES:
                self._end_turn()
        await super().on_data(payload)

    async def _open_app_process(self, width: int = 80,
                                height: int = 24) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        if self.warm is not None and self.warm.alive:
            try:
                return await self._fork_warm(environment)
            except ConnectionError:
                log.error("the warm parent has ended; tabs now start cold")
        environment[PARENT_ENV] = str(os.getpid())
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def _fork_warm(self, environment: dict[str, str]) -> asyncio.subprocess.Process:
        """Fork the tab from the warm parent, on three pipes that become its standard streams."""
        assert self.warm is not None
        loop = asyncio.get_running_loop()
        environment[PARENT_ENV] = str(self.warm.pid)
        (in_read, in_write), (out_read, out_write), (err_read, err_write) = (
            os.pipe(), os.pipe(), os.pipe())
        try:
            pid = await loop.run_in_executor(None, self.warm.fork, run_argv(self.argv),
                                             environment, (in_read, out_write, err_write))
        except BaseException:
            for fd in (in_write, out_read, err_read):
                os.close(fd)
            raise
        finally:
            for fd in (in_read, out_write, err_write):
                os.close(fd)
        stdout, stderr = asyncio.StreamReader(loop=loop), asyncio.StreamReader(loop=loop)
        for reader, fd in ((stdout, out_read), (stderr, err_read)):
            transport, _ = await loop.connect_read_pipe(
                lambda reader=reader: asyncio.StreamReaderProtocol(reader, loop=loop),
                os.fdopen(fd, "rb", buffering=0))
            self._pipes.append(transport)
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader(loop=loop), loop=loop),
            os.fdopen(in_write, "wb", buffering=0))
        self._pipes.append(transport)
        self._stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        self._process = WarmTab(pid, self._stdin, stdout, stderr)  # type: ignore[assignment]
        return self._process  # type: ignore[return-value]

    async def stop(self) -> None:
        """Stop the tab (as textual-serve does), then close its pipes."""
        self._end_turn()
        await super().stop()
        for transport in self._pipes:
            transport.close()
        self._pipes.clear()


class WarmTab:
    """What textual-serve reads of a tab's process, for a tab forked from the warm parent."""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader) -> None:
        self.pid = pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr

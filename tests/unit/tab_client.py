"""A scripted browser tab for `triage serve` tests: an aiohttp websocket client that sends what
textual.js sends, and keeps what the tab drew as plain text (escape sequences removed)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

import aiohttp

ESCAPES = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


def plain(data: bytes) -> str:
    """Terminal output without its escape sequences (cursor moves become spaces)."""
    return ESCAPES.sub(" ", data.decode("utf-8", "replace"))


MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")


def drawn_size(raw: bytes) -> tuple[int, int]:
    """The size of the screen a tab drew, (columns, rows): Textual moves the cursor to the start
    of each line it draws (`ESC [ row ; col H`), so the rows are the largest row moved to and
    the columns the longest run of characters drawn after one move."""
    text = raw.decode("utf-8", "replace")
    rows = max((int(match.group(1)) for match in MOVE.finditer(text)), default=0)
    columns = max((len(ESCAPES.sub("", piece).rstrip("\r\n")) for piece in MOVE.split(text)[3::3]),
                  default=0)
    return columns, rows


class Tab:
    """One browser tab connected to the server at `url` (http://host:port)."""

    def __init__(self, url: str, *, origin: str | None = None, width: int = 100,
                 height: int = 30) -> None:
        self.url = url
        self.origin = origin if origin is not None else url
        self.size = (width, height)
        self.session: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.drawn = ""
        self.raw = b""
        """The last bytes drawn, escape sequences and all."""
        self.closed_code: int | None = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self) -> Tab:
        self.session = aiohttp.ClientSession()
        headers = {"Origin": self.origin} if self.origin else {}
        width, height = self.size
        try:
            self.ws = await self.session.ws_connect(
                f"{self.url.replace('http', 'ws', 1)}/ws?width={width}&height={height}",
                headers=headers, max_msg_size=0)
        except BaseException:
            await self.session.close()
            raise
        await self.ws.send_str(json.dumps(["resize", {"width": width, "height": height}]))
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.drawn = (self.drawn + plain(message.data))[-200_000:]
                self.raw = (self.raw + message.data)[-400_000:]
        self.closed_code = self.ws.close_code

    async def send(self, *envelope: Any) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps(list(envelope)))

    async def keys(self, text: str) -> None:
        for char in text:
            await self.send("stdin", char)
            await asyncio.sleep(0.02)

    async def wait_for(self, text: str, timeout: float = 30.0) -> None:
        """Wait until `text` was drawn (after the last `clear()`), ignoring white space: the
        terminal may draw one line in several pieces."""
        await self.wait_any(text, timeout=timeout)

    async def wait_any(self, *texts: str, timeout: float = 30.0) -> str:
        """Wait until one of `texts` was drawn; return it."""
        deadline = time.monotonic() + timeout
        wanted = {text: "".join(text.split()) for text in texts}
        while True:
            drawn = "".join(self.drawn.split())
            found = next((text for text, squashed in wanted.items() if squashed in drawn), None)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"none of {texts!r} drawn within {timeout} s; "
                                   f"last: {self.drawn[-400:]!r}")
            if self._reader is not None and self._reader.done():
                raise ConnectionError(f"tab closed (code {self.closed_code}) before any of "
                                      f"{texts!r} was drawn; last: {self.drawn[-400:]!r}")
            await asyncio.sleep(0.05)

    def clear(self) -> None:
        self.drawn = ""

    async def wait_closed(self, timeout: float = 10.0) -> int | None:
        if self._reader is not None:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.closed_code

    async def close(self) -> None:
        """Close the tab like a browser does (a close handshake)."""
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 10)
            except (asyncio.TimeoutError, aiohttp.ClientError):
                self._reader.cancel()
        if self.session is not None:
            await self.session.close()

    async def drop(self) -> None:
        """Vanish without a close handshake (a laptop lid, a crashed browser)."""
        if self.session is not None:
            connector = self.session.connector
            if connector is not None:
                await connector.close()
        if self._reader is not None:
            self._reader.cancel()
        if self.session is not None:
            await self.session.close()

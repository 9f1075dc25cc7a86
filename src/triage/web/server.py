"""`TriageServer`: textual-serve's `Server` with the checks a game day on a shared machine needs.

What differs from the stock server (see `guard` for the rules themselves):

- every HTTP request must name one of the server's host names (no DNS rebinding), and the
  websocket must come from this server's own page (`Origin`), so no other web page open in the
  facilitator's browser can start or drive a tab;
- terminal sizes are clamped, messages are capped and checked; a bad message closes only its
  own tab, with one line in the log (never a traceback);
- each tab runs its command directly (no shell) with `PARENT_ENV` set, so it ends with the server;
  a tab running `python -m triage ...` is forked from a warm, pre-imported parent instead of
  started cold (`triage.web.warmtabs`): its first frame comes sooner and its modules' memory is
  shared;
- the page is triage's own (offline, focused terminal); no directory listing, no downloads;
- `background` (the game day's deadline keeper) runs every few seconds in a worker thread;
- the address is announced only once the port is bound, and SIGINT/SIGTERM close every tab
  before the server stops.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import signal
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import suppress
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from triage.text.safe import clean_line
from triage.web.guard import (
    MAX_MESSAGE_BYTES,
    Malformed,
    clamp_size,
    host_allowed,
    origin_allowed,
    parse_message,
)
from triage.web.tabservice import TabService, startup_gate
from triage.web.warmtabs import WarmParent, run_argv

log = logging.getLogger("triage.web")
TEMPLATES = Path(__file__).with_name("templates")
SHUTDOWN_SECONDS = 10.0


class OneLineFormatter(logging.Formatter):
    """`triage serve: message (ErrorType: what)`: one line per event, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f" ({type(error).__name__}: {error})"
        return "triage serve: " + clean_line(text)[:400]


class TriageServer(Server):
    """Serve `argv` (one process per tab) on `host:port` to the host names in `allowed`."""

    def __init__(self, argv: Sequence[str], *, host: str, port: int, title: str,
                 public_url: str, allowed: frozenset[str],
                 background: Callable[[], None] | None = None, background_seconds: float = 2.0,
                 announce: Callable[[], None] | None = None,
                 preload: Callable[[], None] | None = None) -> None:
        super().__init__(shlex.join(argv), host=host, port=port, title=title,
                         public_url=public_url, templates_path=TEMPLATES)
        self.argv = list(argv)
        self.allowed = allowed
        self.background = background
        self.background_seconds = background_seconds
        self.announce = announce
        self.sockets: set[web.WebSocketResponse] = set()
        self.tabs_opened = 0
        self.preload = preload
        """What a warm parent imports for its tabs (`triage.web.warmtabs`); None: tabs start
        cold."""
        self.warm: WarmParent | None = None
        self.gate: asyncio.Semaphore | None = None
        """The turns tabs take to start (`tabservice.startup_gate`), made on the first tab."""

    def initialize_logging(self) -> None:
        """Plain one-line log records on stderr (textual-serve's show tracebacks with locals)."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(OneLineFormatter())
        for name in ("triage.web", "textual-serve", "aiohttp.server", "aiohttp.web",
                     "aiohttp.websocket"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.INFO)
            logger.propagate = False

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._check_host])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                             autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        if self.background is not None:
            app.cleanup_ctx.append(self._background)
        return app

    @web.middleware
    async def _check_host(self, request: web.Request,
                          handler: Callable[[web.Request], object]) -> web.StreamResponse:
        if not host_allowed(request.headers.get("Host"), self.allowed):
            log.warning("refused a request for host %r from %s",
                        request.headers.get("Host", "")[:80], request.remote)
            return web.Response(status=421, text="triage serve: this server does not answer to "
                                "that host name; use the address it printed\n")
        return await handler(request)  # type: ignore[misc]

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page: textual's terminal, connecting back to the host it was opened with."""
        scheme = "wss" if self.public_url.startswith("https") else "ws"
        try:
            font_size = min(40, max(8, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        context = {"font_size": font_size, "static_url": "static/",
                   "app_websocket_url": f"{scheme}://{request.host}/ws",
                   "application": {"name": self.title}}
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """Start a tab's process for a websocket from this server's page, and relay to it."""
        origin = request.headers.get("Origin")
        if not origin_allowed(origin, self.allowed):
            log.warning("refused a websocket from origin %r (%s): not this server's page",
                        (origin or "")[:80], request.remote)
            return web.Response(status=403, text="triage serve: not this server's page\n")
        self.tabs_opened += 1
        number = self.tabs_opened
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        service: TabService | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            self.gate = self.gate or startup_gate()
            service = TabService(self.argv, self.warm, self.gate,
                                 write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager)
            await service.start(width, height)
            problem = await self._relay(websocket, service)
            if problem:
                log.warning("tab %d closed: %s", number, problem)
                await websocket.close(code=WSCloseCode.POLICY_VIOLATION,
                                      message=problem.encode("utf-8")[:120])
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the day
            log.error("tab %d failed: %s: %s", number, type(error).__name__, error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await service.stop()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> str | None:
        """Pass checked messages to the tab's process; the reason to close it, if any."""
        async for message in websocket:
            if message.type == WSMsgType.ERROR:
                return f"websocket error ({websocket.exception()})"
            if message.type != WSMsgType.TEXT:
                return "malformed message (not text)"
            try:
                checked = parse_message(message.data)
            except Malformed as error:
                return f"malformed message ({error})"
            if checked.kind == "stdin":
                await service.send_bytes(checked.text.encode("utf-8"))
            elif checked.kind == "resize" and checked.size is not None:
                await service.set_terminal_size(*checked.size)
            elif checked.kind == "ping":
                await websocket.send_json(["pong", checked.text])
            elif checked.kind == "focus":
                await service.focus()
            elif checked.kind == "blur":
                await service.blur()
        return None

    async def on_startup(self, app: web.Application) -> None:
        """Nothing before the port is bound (the announcement comes after)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab, so each process quits (and gives its team's seat back) in time."""
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def _background(self, app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(self._run_background())
        yield
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task

    async def _run_background(self) -> None:
        loop = asyncio.get_running_loop()
        assert self.background is not None
        while True:
            try:
                await loop.run_in_executor(None, self.background)
            except Exception as error:  # noqa: BLE001 - the next round tries again
                log.error("keeping deadlines failed: %s: %s", type(error).__name__, error)
            await asyncio.sleep(self.background_seconds)

    def serve(self, debug: bool = False) -> None:
        """Bind, announce, and serve until SIGINT or SIGTERM; OSError if the port cannot bind."""
        self.debug = debug
        self.initialize_logging()
        if self.preload is not None and run_argv(self.argv) is not None:
            self.warm = WarmParent.start(self.preload)  # before any thread or loop: a clean fork
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError):
                loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, print=lambda *_: self.announce() if self.announce else None,
                    shutdown_timeout=SHUTDOWN_SECONDS, access_log=None)

"""Provides ReaderServer: textual-serve's Server, made safe for serving one article's reader.

textual-serve starts one process per browser tab. This subclass runs each tab's reader from an
argument list (no shell), in its own session, so a ctrl+c typed at the server's terminal reaches
only the server, which then tells every reader to quit and waits for its last save. It serves on
a socket bound beforehand (so "port in use" is an error before serving), builds the page's
addresses from the one the browser used, and refuses requests another web site could make
through the user's browser: a websocket from another origin, and, when serving this machine
only, a Host header that is not this machine (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shlex
import signal
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

STOP_SECONDS = 30.0
"""How long stopping waits for the readers' last saves (a save waits at most 10 s for its lock);
a reader still running then is sent SIGTERM, which also saves."""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

FONT_SERVICE = re.compile(
    r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>'
)
"""textual-serve's page loads its font from the internet: each reader would tell that host."""


class TabReader(AppService):
    """One browser tab's reader process."""

    def __init__(self, argv: list[str], **options: Any) -> None:
        super().__init__(shlex.join(argv), **options)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        # Its own session: the terminal's ctrl+c must not interrupt a reader in the middle of
        # a save; the server asks each to quit instead (see ReaderServer.on_shutdown).
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    async def stop_and_wait(self) -> None:
        """Ask the reader to quit (it saves), then wait for it; SIGTERM if it takes too long."""
        try:
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        except TimeoutError:
            process = self._process
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
                await process.wait()


class ReaderServer(Server):
    """Serves one reader command to browsers, one reader process per tab."""

    def __init__(
        self,
        argv: list[str],
        *,
        title: str,
        local_only: bool,
        bound_host: str,
        announce: Callable[[], None],
    ) -> None:
        super().__init__(shlex.join(argv), host=bound_host, title=title)
        self.argv = argv
        self.local_only = local_only
        self.allowed_hosts = LOOPBACK_NAMES | {bound_host.lower()}
        """Host names a page may be asked for under when serving this machine only."""
        self.announce = announce
        self.tabs: set[TabReader] = set()
        """The readers of the tabs open now."""
        self.stopped_by: int | None = None
        """The signal that stopped the server."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        host = request.host
        if self.local_only and (urlsplit("//" + host).hostname or "") not in self.allowed_hosts:
            raise web.HTTPForbidden(text="annotated-reader serves this machine only")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and urlsplit(origin).netloc != host:
            raise web.HTTPForbidden(text="the reader takes no connections from other sites")
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        self.announce()  # the port is listening now: the address printed works

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(tab.stop_and_wait() for tab in list(self.tabs)))

    def request_exit(self, number: int = signal.SIGINT) -> None:
        self.stopped_by = number
        raise GracefulExit()

    def run(self, sock: socket.socket) -> None:
        """Serve on `sock` until SIGINT (ctrl+c), SIGTERM or SIGHUP; then stop every reader."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(number, self.request_exit, number)
        try:
            web.run_app(
                self._make_app(),
                sock=sock,
                handle_signals=False,
                loop=loop,
                print=None,
                shutdown_timeout=STOP_SECONDS,
            )
        finally:
            asyncio.set_event_loop(None)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with addresses built from the one the browser used (textual-serve builds
        them from the host it binds, which is no use to a browser for 0.0.0.0), and its font
        from this server rather than from a font service on the internet."""
        base = f"{request.scheme}://{request.host}"
        websocket = "wss" if request.scheme == "https" else "ws"
        static = f"{base}{request.app.router['static'].url_for(filename='/')}".rstrip("/") + "/"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}://{request.host}/ws",
            "config": {"static": {"url": static}},
            "application": {"name": self.title},
        }
        page = aiohttp_jinja2.render_string("app_index.html", request, context)
        local_font = (
            '<style>@font-face { font-family: "Roboto Mono";'
            f' src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf"); }}</style>'
        )
        page = FONT_SERVICE.sub(local_font, page)
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A tab connected: start its reader, pass keys and screen between them until either
        ends, then let the reader quit (and save)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        tab = TabReader(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.tabs.add(tab)
        try:
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass
        finally:
            await tab.stop_and_wait()
            self.tabs.discard(tab)
            await websocket.close()
        return websocket

"""Provides a small HTTP server on 127.0.0.1 for the URL tests (never the internet)."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NEWS_PAGE = (Path(__file__).parent / "data" / "pages" / "news.html").read_bytes()


class Site:
    """Pages by path: (content type, body); change them between requests to test refreshes."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.requests: list[str] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serving(site: Site):
    """Serve `site` on a free port of 127.0.0.1 until the block ends; then the port is closed."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            site.requests.append(self.path)
            page = site.pages.get(self.path)
            if page is None:
                self.send_error(404, "Not Found")
                return
            content_type, body = page
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # quiet in test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)

"""The fake on a real HTTP port (127.0.0.1), and the transport that sends Google traffic
there: every https://*.googleapis.com request is rewritten to http://127.0.0.1:PORT."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import urlsplit

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter

from .seed import Seeding


class RedirectAdapter(HTTPAdapter):
    """Mount on "https://": sends each request to the fake instead of the internet."""

    # requests/google-auth deep-copy sessions; HTTPAdapter pickles only __attrs__.
    __attrs__: ClassVar[list[str]] = [*HTTPAdapter.__attrs__, "base_url"]

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        super().__init__()

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        parts = urlsplit(request.url or "")
        request.url = self.base_url + parts.path + (f"?{parts.query}" if parts.query else "")
        request.headers["X-Original-Host"] = parts.netloc
        return super().send(request, *args, **kwargs)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: Seeding  # set on the subclass made per server

    def setup(self) -> None:
        super().setup()
        # Without this, a reply written in two pieces waits ~40 ms for a delayed ACK.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, reply_headers, payload = self.fake.handle(self.command, self.path, headers, body)
        self.send_response(status)
        for name, value in reply_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the fake keeps its own request log


class FakeSheets(Seeding):
    """The stateful fake Sheets API v4 + OAuth token + iamcredentials, served over HTTP."""

    def __init__(self) -> None:
        super().__init__()
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True, name="fake-sheets")
        self._thread.start()

    def transport(self) -> RedirectAdapter:
        """Pass as SheetsWorkbook(..., transport=fake.transport())."""
        return RedirectAdapter(self.base_url)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

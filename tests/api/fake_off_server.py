"""A fake Open Food Facts server on 127.0.0.1, for tests and benchmarks that go over a real
socket (``CRAMPFOOD_OPENFOODFACTS_URL`` pointed at ``FakeOff.url``).

``mode`` decides how it answers ``GET /api/v2/product/{code}``:

* ``"normal"``: the bodies of ``tests.api.off_stub`` (200 for ``products``, else 404);
* ``"error"``: 500 to everything;
* ``"hang"``: accepts the connection, reads the request, never answers;
* ``"trickle"``: sends a 200 head, then one byte of body every ``trickle_seconds``.

``stop()`` closes the socket, so later connections are refused ("the server is down").
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.api.off_stub import found, not_found


class FakeOff:
    """One fake server in a background thread; use as a context manager or call ``stop``."""

    def __init__(self, *, mode: str = "normal", trickle_seconds: float = 0.5) -> None:
        self.mode = mode
        self.trickle_seconds = trickle_seconds
        self.products: dict[str, dict[str, Any]] = {}
        self.paths: list[str] = []
        self.user_agents: list[str] = []
        self._stopping = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.paths.append(self.path)
                fake.user_agents.append(self.headers.get("User-Agent", ""))
                fake.answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        """Answer one request according to ``mode``."""
        if self.mode == "hang":
            self._stopping.wait(30)
            return
        if self.mode == "error":
            self._send(handler, 500, b"<html>internal error</html>", "text/html")
            return
        code = handler.path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        if self.mode == "trickle":
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
            for _ in range(100):
                if self._stopping.wait(self.trickle_seconds):
                    return
                try:
                    handler.wfile.write(b" ")
                    handler.wfile.flush()
                except OSError:
                    return
            return
        if code in self.products:
            body = json.dumps(found(code, self.products[code])).encode()
            self._send(handler, 200, body, "application/json")
        else:
            self._send(handler, 404, json.dumps(not_found(code)).encode(), "application/json")

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def stop(self) -> None:
        """Stop answering and close the socket (new connections are refused)."""
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOff:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_refused(url: str, *, timeout: float = 5.0) -> None:
    """Block until connections to ``url`` are refused (the socket is closed)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=0.2):
                pass
        except OSError:
            return
        time.sleep(0.05)
    raise RuntimeError(f"{url} still accepts connections")

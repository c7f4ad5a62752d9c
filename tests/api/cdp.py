"""A headless Chromium driven over the Chrome DevTools Protocol, just enough for page tests.

Starts Debian's ``chromium`` with ``--remote-debugging-port=0``, reads the port it picked from
``DevToolsActivePort`` in its profile folder, and talks to the page target over a WebSocket
(the ``websockets`` package, already in the lock through uvicorn). Every event is kept, so a
test can ask afterwards for console errors, exceptions and the requests the page made.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
START_SECONDS = 30.0
CALL_SECONDS = 30.0


def find_chromium() -> str | None:
    """The path of a Chromium on PATH, or None."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, executable: str, profile: Path) -> None:
        self.profile = profile
        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",  # tests run as root in CI
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        self._stack = ExitStack()
        self._stack.callback(self._stop)
        try:
            self._socket: ClientConnection = self._stack.enter_context(
                connect(self._page_socket(), max_size=None)
            )
        except BaseException:
            self._stack.close()
            raise

    def _page_socket(self) -> str:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}")
            if port_file.exists():
                lines = port_file.read_text().split()
                if lines:
                    targets = httpx.get(f"http://127.0.0.1:{lines[0]}/json/list", timeout=5)
                    pages = [t for t in targets.json() if t.get("type") == "page"]
                    if pages:
                        return str(pages[0]["webSocketDebuggerUrl"])
            time.sleep(0.1)
        raise RuntimeError("chromium did not open its DevTools port")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events met on the way are kept."""
        self._next_id += 1
        ident = self._next_id
        self._socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + CALL_SECONDS
        while True:
            message = json.loads(self._socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        """The first kept or coming event named ``event``."""
        deadline = time.monotonic() + CALL_SECONDS
        while True:
            for message in self.events:
                if message["method"] == event:
                    return message
            message = json.loads(self._socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def open(self, url: str, *, width: int, height: int) -> None:
        """Load ``url`` in a ``width`` x ``height`` viewport and wait for its load event."""
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (a blocked load, a
        Content-Security-Policy refusal) seen so far."""
        errors = []
        for message in self.events:
            method, params = message["method"], message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                errors.append(json.dumps(params.get("args")))
            elif method == "Runtime.exceptionThrown":
                errors.append(json.dumps(params.get("exceptionDetails")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                errors.append(str(params["entry"].get("text")))
        return errors

    def requested(self) -> list[str]:
        """Every URL the page asked for."""
        return [
            m["params"]["request"]["url"]
            for m in self.events
            if m["method"] == "Network.requestWillBeSent"
        ]

    def screenshot(self, path: Path) -> None:
        """A PNG of the whole page."""
        metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={
                "x": 0,
                "y": 0,
                "width": metrics["width"],
                "height": metrics["height"],
                "scale": 1,
            },
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def _stop(self) -> None:
        """End the browser: the process we started, by its handle."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def close(self) -> None:
        """Close the socket, then end the browser."""
        self._stack.close()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""A real ``python -m api serve`` process for tests that need one (crash tests, workers
sharing rate limits).

With one worker (the default) uvicorn serves in the process we start and ``SIGKILL`` to
its pid kills the server itself, with no supervisor left to restart it. With more workers
the process is uvicorn's supervisor: ``stop`` asks it (SIGTERM) to stop its workers first.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(*, database_url: str) -> dict[str, str]:
    """The environment of a child process that uses ``database_url``."""
    env = dict(os.environ)
    env["CRAMPFOOD_DATABASE_URL"] = database_url
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def create_key(*, database_url: str, name: str) -> str:
    """Run ``python -m api keys create NAME`` and return the printed key."""
    done = subprocess.run(
        [sys.executable, "-m", "api", "keys", "create", name],
        env=server_env(database_url=database_url),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


class LiveServer:
    """One server process on a free port; ``kill`` sends SIGKILL, ``stop`` is the cleanup."""

    def __init__(
        self,
        *,
        database_url: str,
        log_path: Path,
        workers: int = 1,
        env: dict[str, str] | None = None,
    ) -> None:
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log: IO[bytes] = log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                *("-m", "api", "serve", "--port", str(self.port), "--workers", str(workers)),
            ],
            env={**server_env(database_url=database_url), **(env or {})},
            cwd=REPO,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, *, timeout: float = 60.0) -> None:
        """Block until ``/health`` answers 200; raise with the server log if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        log = self.log_path.read_text(errors="replace")[-4000:]
        raise RuntimeError(f"server on {self.url} did not become ready:\n{log}")

    def kill(self) -> None:
        """SIGKILL the server and reap it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Make sure the process is gone (idempotent)."""
        try:
            if self.workers > 1 and self.process.poll() is None:
                self.process.terminate()  # the supervisor stops its workers, then exits
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.process.wait(timeout=30)
            self.kill()
        finally:
            self._log.close()

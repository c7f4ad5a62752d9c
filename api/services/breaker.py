"""A circuit breaker: stop calling a service that keeps failing, and try it again later.

Closed (normal): calls go through; ``threshold`` failures in a row open it. Open: calls are
refused at once for ``cooldown`` seconds. Then half-open: one trial call goes through (the
others are still refused); its success closes the breaker, its failure opens it again.
Thread-safe; one per process and upstream service.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Literal

State = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    """See the module doc. ``clock`` returns seconds (monotonic)."""

    def __init__(
        self,
        *,
        threshold: int = 5,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._state: State = "closed"
        self._failures = 0
        self._opened_at = 0.0
        self._trial = False

    @property
    def state(self) -> State:
        """The current state (an open breaker past its cooldown reads as half-open)."""
        with self._lock:
            if self._state == "open" and self._clock() >= self._opened_at + self.cooldown:
                return "half_open"
            return self._state

    def allow(self) -> float | None:
        """None when a call may go ahead; else the seconds to wait before asking again."""
        with self._lock:
            now = self._clock()
            if self._state == "closed":
                return None
            if self._state == "open":
                remaining = self._opened_at + self.cooldown - now
                if remaining > 0:
                    return remaining
                self._state = "half_open"
                self._trial = False
            if self._trial:  # half-open, one trial already under way
                return 1.0
            self._trial = True
            return None

    def success(self) -> None:
        """A call succeeded: close the breaker."""
        with self._lock:
            self._state = "closed"
            self._failures = 0
            self._trial = False

    def failure(self) -> float | None:
        """A call failed; when that opens the breaker, the seconds it stays open."""
        with self._lock:
            self._failures += 1
            self._trial = False
            if self._state == "half_open" or self._failures >= self.threshold:
                self._state = "open"
                self._opened_at = self._clock()
                return self.cooldown
            return None

"""Asking Open Food Facts for a product (API v2 product endpoint), without ever hanging.

``OpenFoodFacts.product(code)`` sends ``GET {base}/api/v2/product/{code}?fields=...`` with a
User-Agent naming crampfood (Open Food Facts asks every app to name itself) through the
``httpx.Client`` it is given, and answers found (with the product's fields) or not found.
Open Food Facts answers a missing product with 404 (or 200) and ``{"status": 0}``.

It raises ``Unavailable`` (with the seconds worth waiting) when no answer can be had:

* each attempt has at most ``timeout`` seconds (<= 3) for each of connect, read and write,
  and the whole lookup at most ``budget`` seconds, checked between attempts and while the
  body streams in (a server that trickles bytes is cut off too), so a lookup ends in time;
* connection errors, timeouts and 5xx answers are retried, at most ``attempts`` tries in
  all, after ``backoff`` x 2^n seconds (never past the budget); a 4xx other than a not-found
  404 (429 "too many requests" included) is not retried;
* a failed lookup counts against the ``CircuitBreaker``: after ``threshold`` in a row it opens
  and lookups are refused at once until its cooldown has passed.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import httpx

from api.services.breaker import CircuitBreaker
from food_data.openfoodfacts import FIELDS

#: The most a whole lookup may take, retries and backoff included (seconds).
BUDGET: Final = 4.0
#: Tries per lookup (the first and its retries).
ATTEMPTS: Final = 3
#: First backoff before a retry (seconds); doubled for each further one.
BACKOFF: Final = 0.25
#: Seconds to suggest waiting after a failed lookup while the breaker is still closed.
RETRY_AFTER: Final = 5
#: The largest product document read (the fields asked for are a few KB).
MAX_BYTES: Final = 2_000_000


class Unavailable(Exception):
    """Open Food Facts gave no usable answer; ``retry_after`` seconds is worth waiting."""

    def __init__(self, reason: str, *, retry_after: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Failed(Exception):
    """One attempt failed; ``retry`` says whether another may help."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


@dataclass(frozen=True, slots=True)
class Lookup:
    """Open Food Facts' answer: ``product`` holds its fields when ``found``."""

    found: bool
    product: dict[str, Any] | None = None


class OpenFoodFacts:
    """The Open Food Facts product endpoint behind retries, a deadline and a breaker."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        user_agent: str,
        timeout: float = 3.0,
        budget: float = BUDGET,
        attempts: int = ATTEMPTS,
        backoff: float = BACKOFF,
        breaker: CircuitBreaker | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.user_agent = user_agent
        self.timeout = min(timeout, 3.0)
        self.budget = budget
        self.attempts = attempts
        self.backoff = backoff
        self.breaker = breaker or CircuitBreaker()
        self._sleep = sleep
        self._clock = clock

    def product(self, code: str) -> Lookup:
        """The product with barcode ``code``; raises ``Unavailable`` (see the module doc)."""
        wait = self.breaker.allow()
        if wait is not None:
            raise Unavailable(
                "Open Food Facts failed repeatedly; not asking again yet",
                retry_after=math.ceil(wait),
            )
        deadline = self._clock() + self.budget
        reason = "no attempt could be made in time"
        for attempt in range(self.attempts):
            remaining = deadline - self._clock()
            if remaining <= 0:
                break
            try:
                found = self._attempt(code, deadline=deadline)
            except _Failed as failed:
                reason = failed.reason
                pause = self.backoff * 2**attempt
                if not failed.retry or attempt == self.attempts - 1:
                    break
                if deadline - self._clock() <= pause:
                    break
                self._sleep(pause)
                continue
            self.breaker.success()
            return found
        opened = self.breaker.failure()
        retry_after = math.ceil(opened) if opened is not None else RETRY_AFTER
        raise Unavailable(f"Open Food Facts did not answer: {reason}", retry_after=retry_after)

    def _attempt(self, code: str, *, deadline: float) -> Lookup:
        """One request, cut off at ``deadline``; raises ``_Failed``."""
        limit = max(0.01, min(self.timeout, deadline - self._clock()))
        try:
            with self.client.stream(
                "GET",
                f"api/v2/product/{code}",
                params={"fields": ",".join(FIELDS)},
                headers={"User-Agent": self.user_agent, "Accept": "application/json"},
                timeout=httpx.Timeout(limit),
            ) as response:
                body = self._read(response, deadline=deadline)
                status = response.status_code
        except httpx.TimeoutException as exc:
            raise _Failed(f"timed out ({type(exc).__name__})", retry=True) from exc
        except httpx.TransportError as exc:
            raise _Failed(f"could not connect ({type(exc).__name__})", retry=True) from exc
        if status >= 500:
            raise _Failed(f"answered {status}", retry=True)
        document = _json(body)
        if status == 404 and _says_not_found(document):
            return Lookup(found=False)
        if status != 200 or document is None:
            raise _Failed(f"answered {status} with an unexpected body", retry=False)
        product = document.get("product")
        if document.get("status") in (1, "1") and isinstance(product, dict):
            return Lookup(found=True, product=product)
        if _says_not_found(document):
            return Lookup(found=False)
        raise _Failed("answered 200 without a product or a status", retry=False)

    def _read(self, response: httpx.Response, *, deadline: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise _Failed("sent a body over the size limit", retry=False)
            if self._clock() > deadline:
                raise _Failed("took too long to send the answer", retry=False)
            chunks.append(chunk)
        return b"".join(chunks)


def _json(body: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _says_not_found(document: dict[str, Any] | None) -> bool:
    return document is not None and document.get("status") in (0, "0")

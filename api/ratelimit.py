"""Per-key rate limits for /v1 (draft-ietf-httpapi-ratelimit-headers), with ``limits``.

``CRAMPFOOD_RATE_LIMIT`` is one rate in the ``limits`` notation (``600/minute``, the
default; ``off`` disables). Each API key has its own moving window (requests without a key
are counted per client address). Every /v1 answer carries::

    RateLimit-Policy: "default";q=600;w=60
    RateLimit: "default";r=598;t=60

(``q`` the quota, ``w`` the window in seconds, ``r`` what is left, ``t`` seconds until the
window frees a slot), and a request over the limit gets 429 ``rate-limited`` with
``Retry-After``. Counters live in memory, per worker, unless ``CRAMPFOOD_REDIS_URL`` is set:
then every worker shares them through Redis. Should Redis fail, requests are let through
(and the failure logged) rather than refused: the limit protects the service, it must not
take it down.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response

log = logging.getLogger("crampfood.ratelimit")

#: The paths that are limited (health, readiness and the docs are not).
LIMITED_PREFIX = "/v1/"
POLICY = "default"


def parse_rate(text: str) -> RateLimitItem | None:
    """The rate of a ``CRAMPFOOD_RATE_LIMIT`` value; None for ``off``. ValueError if bad."""
    if text.strip().lower() == "off":
        return None
    return parse(text)


def make_storage(redis_url: str | None, *, prefix: str) -> Storage:
    """Redis storage shared by all workers when ``redis_url`` is set; else in memory."""
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else f"async+{redis_url}"
    return RedisStorage(uri, implementation="redispy", key_prefix=prefix)


def _identity(scope: Scope) -> str:
    """Whom a request counts against: a hash of its API key, or its client address."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return "key:" + hashlib.sha256(bytes(value)).hexdigest()[:32]
    client = scope.get("client")
    return f"addr:{client[0] if client else '-'}"


class RateLimit:
    """Count each /v1 request against its key's window; 429 past the quota."""

    def __init__(self, app: ASGIApp, *, rate: RateLimitItem, storage: Storage) -> None:
        self.app = app
        self.rate = rate
        self.limiter = MovingWindowRateLimiter(storage)
        self.window = rate.get_expiry()
        self.policy = f'"{POLICY}";q={rate.amount};w={self.window}'.encode()
        self._last_failure = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(LIMITED_PREFIX):
            await self.app(scope, receive, send)
            return
        who = _identity(scope)
        try:
            allowed = await self.limiter.hit(self.rate, who)
            reset_at, remaining = await self.limiter.get_window_stats(self.rate, who)
        except Exception as exc:  # Redis down or unreachable: let the request through
            self._report(exc)
            await self.app(scope, receive, send)
            return
        wait = max(0, math.ceil(reset_at - time.time()))
        state = f'"{POLICY}";r={remaining};t={wait}'.encode()
        if not allowed:
            response = problem_response(
                "rate-limited",
                f"over the limit of {self.rate.amount} requests per {self.window} s for this "
                f"API key; retry in {max(wait, 1)} s",
                headers={
                    "Retry-After": str(max(wait, 1)),
                    "RateLimit-Policy": self.policy.decode(),
                    "RateLimit": state.decode(),
                },
            )
            await response(scope, receive, send)
            return

        async def send_with_state(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    *message.get("headers", []),
                    (b"ratelimit-policy", self.policy),
                    (b"ratelimit", state),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_state)

    def _report(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._last_failure > 60:
            self._last_failure = now
            log.warning(
                "rate limit storage failed (%s); requests pass unlimited", type(exc).__name__
            )

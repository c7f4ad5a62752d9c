"""Strong ETags, conditional requests and Location, for every /v1 resource (RFC 9110).

``Representations`` is a pure ASGI middleware, so routes added later comply without edits:

- A 200 answer to GET, PUT or PATCH carries ``ETag``: a strong tag, the SHA-256 of the
  exact JSON bytes of the representation (so any change to what a client sees changes it);
  a route that sends pre-serialised bytes tags them itself, the same way, once.
- ``If-None-Match`` on a GET: 304 without a body when a tag matches (weak comparison).
- ``If-Match`` on PUT, PATCH or DELETE: the resource's current representation is read
  first (an internal GET of the same path with the same credentials); unless one of the
  tags matches it (strong comparison, or ``*`` for any), the answer is 412
  ``precondition-failed`` and nothing changes. A resource that does not exist fails every
  If-Match. The check and the write run under one lock per path and API key in this
  process; two workers racing on one resource within milliseconds are not serialised.
- A 201 gets ``Location``: the request path for a PUT, else the path plus the new
  resource's ``id`` from the answer.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import weakref

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response
from api.middleware import header

RESOURCE_PREFIX = "/v1/"
_CONDITIONAL_WRITES = frozenset({"PUT", "PATCH", "DELETE"})
_TAGGED = frozenset({"GET", "PUT", "PATCH"})
_DROPPED_ON_304 = frozenset({b"content-type", b"content-length"})
#: What ``_current_tag`` answers when no GET can read the resource here.
UNREADABLE = "unreadable"


def etag_of(body: bytes) -> str:
    """The strong entity tag of a representation's bytes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    return [t.strip() for t in header.split(",") if t.strip()]


def if_match_passes(header: str, current: str | None) -> bool:
    """Strong comparison: ``*`` matches any current representation, else a listed tag must."""
    if current is None:
        return False
    tags = _tags(header)
    return "*" in tags or current in tags


def if_none_match_hits(header: str, current: str) -> bool:
    """Weak comparison: whether a listed tag (``W/`` ignored) or ``*`` names ``current``."""
    tags = [t.removeprefix("W/") for t in _tags(header)]
    return "*" in tags or current in tags


class _Captured:
    """A response caught whole, to be tagged or replaced before it is sent."""

    def __init__(self) -> None:
        self.start: Message | None = None
        self.body = bytearray()

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")

    @property
    def status(self) -> int:
        return int(self.start["status"]) if self.start else 500

    def header(self, name: bytes) -> bytes | None:
        for key, value in (self.start or {}).get("headers", []):
            if key.lower() == name:
                return bytes(value)
        return None


async def _empty_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class Representations:
    """ETag, If-None-Match, If-Match and Location for every /v1 route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(RESOURCE_PREFIX):
            await self.app(scope, receive, send)
            return
        if_match = header(scope, b"if-match")
        if scope["method"] in _CONDITIONAL_WRITES and if_match is not None:
            key = (header(scope, b"authorization") or "", scope["path"])
            lock = self._locks.get(key)
            if lock is None:
                lock = self._locks[key] = asyncio.Lock()
            async with lock:
                current = await self._current_tag(scope)
                if current != UNREADABLE and not if_match_passes(if_match, current):
                    response = problem_response(
                        "precondition-failed",
                        "If-Match names no current version of this resource; read it again",
                        headers={"ETag": current} if current else None,
                    )
                    await response(scope, receive, send)
                    return
                await self._respond(scope, receive, send)
            return
        await self._respond(scope, receive, send)

    async def _current_tag(self, scope: Scope) -> str | None:
        """The ETag of the current representation; None when there is none (404);
        ``UNREADABLE`` when it cannot be read here (no GET on this path, bad credentials: the
        request itself will answer for that)."""
        dropped = {b"if-match", b"if-none-match", b"content-type", b"content-length"}
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() not in dropped]
        probe = {**scope, "method": "GET", "headers": headers}
        captured = _Captured()
        await self.app(probe, _empty_body, captured.send)
        if captured.status == 200:
            return etag_of(bytes(captured.body))
        if captured.status == 404:
            return None
        return UNREADABLE

    async def _respond(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method not in _TAGGED and method != "POST":
            await self.app(scope, receive, send)
            return
        captured = _Captured()
        await self.app(scope, receive, captured.send)
        assert captured.start is not None
        start, body = captured.start, bytes(captured.body)
        headers = list(start.get("headers", []))
        status = captured.status
        is_json = (captured.header(b"content-type") or b"").startswith(b"application/json")
        if status == 200 and method in _TAGGED and is_json:
            given = captured.header(b"etag")  # pre-serialised data comes tagged
            tag = given.decode("latin-1") if given else etag_of(body)
            if not given:
                headers.append((b"etag", tag.encode()))
            if_none_match = header(scope, b"if-none-match")
            if method == "GET" and if_none_match and if_none_match_hits(if_none_match, tag):
                kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED_ON_304]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
        if status == 201 and captured.header(b"location") is None:
            location = _location(scope, body)
            if location:
                headers.append((b"location", location.encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _location(scope: Scope, body: bytes) -> str | None:
    """Where a created resource lives: the PUT's own path, or the path plus its ``id``."""
    path = str(scope.get("root_path", "")) + str(scope["path"])
    if scope["method"] == "PUT":
        return path
    try:
        created = json.loads(body)
    except ValueError:
        return None
    new_id: object = created.get("id") if isinstance(created, dict) else None
    return f"{path.rstrip('/')}/{new_id}" if isinstance(new_id, str) and new_id else None

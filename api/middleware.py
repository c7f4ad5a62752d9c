"""Pure ASGI middlewares that give every route, present and future, the same HTTP contract.

Outermost first (``api.app.create_app`` stacks them):

- ``RequestContext``: ``X-Request-ID`` (the client's, if it is sane, or a new one) echoed on
  every response; ``X-Content-Type-Options: nosniff`` everywhere; ``Cache-Control: no-store``
  on user routes; one access-log line per request naming the route *template* (never a
  user id), status, time and request id.
- ``UnexpectedErrors``: anything unexpected becomes a 500 problem document with an
  ``error_id``; the log line carries the same id, the exception type and the stack, never
  the exception's message (which can quote SQL parameters, i.e. user data).
- ``api.ratelimit.RateLimit`` (when on).
- ``BodySizeLimit``: 413 for a body over the limit, by Content-Length or while streaming
  (chunked), before or during parsing.
- ``InputHygiene``: 422 for control characters in the path or query string.
- ``api.conditional.Representations``: ETag, If-None-Match, If-Match and Location.
"""

from __future__ import annotations

import logging
import re
import time
import traceback
import uuid
from contextvars import ContextVar
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import field_error, problem_response
from api.schemas.common import control_character

access_log = logging.getLogger("crampfood.access")
error_log = logging.getLogger("crampfood.errors")

#: The id of the request being served (for log lines written anywhere during it).
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
_CLIENT_REQUEST_ID = re.compile(r"^[!-~]{1,128}$")
#: Paths whose answers hold a user's health data: never stored by caches.
USER_ROUTES = "/v1/users"


def _templates(app: Any) -> list[tuple[re.Pattern[str], str]]:
    """Every route's full path template with its regex, read once from the app."""
    try:  # recent FastAPI keeps included routers as nodes; this walks them
        from fastapi.routing import iter_route_contexts

        routes: list[Any] = list(iter_route_contexts(app.routes))
    except ImportError:  # pragma: no cover - older FastAPI flattens included routers
        routes = list(app.routes)
    found = []
    for route in routes:
        template = getattr(route, "path_format", None) or getattr(route, "path", None)
        if template:
            found.append((compile_path(str(template))[0], str(template)))
    return found


def route_template(scope: Scope) -> str:
    """The path template (``/v1/users/{user_id}/meals``) the request's path matches, or
    ``-``: what logs name instead of the path, which holds user ids."""
    app = scope.get("app")
    state = getattr(app, "state", None)
    if state is None:
        return "-"
    table = getattr(state, "route_templates", None)
    if table is None:
        table = state.route_templates = _templates(app)
    path = scope["path"]
    return next((template for regex, template in table if regex.match(path)), "-")


def header(scope: Scope, name: bytes) -> str | None:
    """The request header ``name`` (lower-case bytes), or None when it was not sent."""
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class RequestContext:
    """Request ids, security headers, Cache-Control and the access log."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = header(scope, b"x-request-id")
        request_id = sent if sent and _CLIENT_REQUEST_ID.match(sent) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 0
        no_store = scope["path"].startswith(USER_ROUTES)

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.append((b"x-request-id", request_id.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                if no_store and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            access_log.info(
                "%s %s %d %.1fms request_id=%s",
                scope["method"],
                route_template(scope),
                status,
                (time.perf_counter() - started) * 1000,
                request_id,
            )
            REQUEST_ID.reset(token)


class UnexpectedErrors:
    """Turn any unhandled exception into a 500 problem document with an error id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            error_id = uuid.uuid4().hex
            # The type and the stack only: an exception's message can quote user data.
            error_log.error(
                "unexpected error error_id=%s request_id=%s %s %s: %s\n%s",
                error_id,
                REQUEST_ID.get(),
                scope["method"],
                route_template(scope),
                type(exc).__qualname__,
                "".join(traceback.format_tb(exc.__traceback__)).rstrip(),
            )
            if started:
                return  # the answer is under way; the client sees the connection end
            response = problem_response(
                "internal-error",
                f"an unexpected error occurred; quote error id {error_id}",
                error_id=error_id,
            )
            await response(scope, receive, send)


class BodySizeLimit:
    """Reject bodies larger than ``max_bytes`` with 413, however they are sent."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = header(scope, b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the route's body read; FastAPI passes HTTPExceptions on
                    # to the error handlers, which answer 413.
                    raise HTTPException(413, self._detail())
            return message

        await self.app(scope, limited_receive, send)

    def _detail(self) -> str:
        return f"the request body is over the limit of {self.max_bytes} bytes"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await problem_response("payload-too-large", self._detail())(scope, receive, send)


class InputHygiene:
    """422 for control characters (NUL included) anywhere in the path or the query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            field = _tainted_field(scope)
            if field is not None:
                reason = "must not contain control characters"
                response = problem_response(
                    "validation-failed", f"{field}: {reason}", [field_error(field, reason)]
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _tainted_field(scope: Scope) -> str | None:
    """The path, or the first query parameter, that holds a control character."""
    if control_character(scope["path"], allow_newlines=False) is not None:
        return "path"
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if control_character(name + value, allow_newlines=False) is not None:
            return name if control_character(name, allow_newlines=False) is None else "query"
    return None

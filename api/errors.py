"""The one place that turns errors into HTTP: RFC 9457 problem details.

Hierarchy of the API's own errors::

    ApiError                 base: status, title, detail, and the fields at fault
    ├── Unauthorized         401, missing, unknown or revoked API key
    ├── NotFound             404, a resource this client cannot see
    ├── Conflict             409, e.g. an Idempotency-Key reused with another body
    ├── Unprocessable        422, input that parses but breaks a rule
    └── ServiceUnavailable   503 with Retry-After, an upstream service (Open Food Facts) down

Domain errors from ``nutrition.errors`` are mapped here too: FoodNotFound → 404,
every other NutritionError → 422. Request validation errors → 422 naming each field.
A body over the size limit gets 413 from ``api/middleware.py`` before any route runs.
Every response body has ``type``, ``title``, ``status``, ``detail`` and ``errors``
(a list of ``{"field", "reason"}``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from nutrition.errors import FoodNotFound, NutritionError, UnknownUnit

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    """One offending input: a dotted path such as ``items.2.unit`` and the reason."""

    field: str
    reason: str


class Problem(BaseModel):
    """An RFC 9457 problem details document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ApiError(Exception):
    """Base of the API's errors; ``errors`` name the fields at fault. ``extensions`` are
    extra members of the problem document (RFC 9457 section 3.2), such as ``unparsed``."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        errors: Sequence[FieldError] = (),
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)
        self.extensions = dict(extensions or {})


class Unauthorized(ApiError):
    """Missing, unknown or revoked API key."""

    status = 401
    title = "Unauthorized"


class NotFound(ApiError):
    """The resource does not exist for this client."""

    status = 404
    title = "Not found"


class Conflict(ApiError):
    """The request conflicts with the stored state."""

    status = 409
    title = "Conflict"


class Unprocessable(ApiError):
    """Well-formed input that breaks a rule."""

    status = 422
    title = "Unprocessable content"


class ServiceUnavailable(ApiError):
    """A service we depend on cannot answer now; ``retry_after`` seconds is worth waiting."""

    status = 503
    title = "Service unavailable"

    def __init__(self, detail: str, *, retry_after: int, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(detail, errors=errors)
        self.retry_after = max(1, retry_after)


def field_error(field: str, reason: str) -> FieldError:
    """Shorthand for a FieldError."""
    return FieldError(field=field, reason=reason)


def problem_response(
    status: int,
    title: str,
    detail: str,
    errors: Sequence[FieldError] = (),
    extensions: Mapping[str, Any] | None = None,
    **headers: str,
) -> JSONResponse:
    """Render a problem document with the right media type (and any extension members)."""
    body = Problem(title=title, status=status, detail=detail, errors=list(errors)).model_dump()
    body.update(extensions or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers or None)


def _loc_to_field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:] or parts
    return ".".join(parts) or "body"


def _validation_reason(err: dict[str, Any]) -> str:
    message = str(err.get("msg", "is invalid"))
    return message.removeprefix("Value error, ")


def _domain_field(exc: NutritionError) -> str:
    return exc.field or "body"


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else {}
    if isinstance(exc, ServiceUnavailable):
        headers["Retry-After"] = str(exc.retry_after)
    return problem_response(
        exc.status, exc.title, exc.detail, exc.errors, exc.extensions, **headers
    )


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        field_error(
            "body" if e.get("type") == "json_invalid" else _loc_to_field(e.get("loc", ())),
            _validation_reason(e),
        )
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e.field}: {e.reason}" for e in errors) or "invalid request"
    return problem_response(422, "Unprocessable content", detail, errors)


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NutritionError)
    field = _domain_field(exc)
    if isinstance(exc, FoodNotFound):
        return problem_response(404, "Not found", exc.message, [field_error(field, exc.message)])
    reason = exc.message
    if isinstance(exc, UnknownUnit):
        reason = f"{exc.message}; accepted units: {', '.join(exc.accepted)}"
    errors = [field_error(f, reason) for f in (field, *exc.also)]
    return problem_response(422, "Unprocessable content", reason, errors)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}.get(
        exc.status_code, "Error"
    )
    # FastAPI answers 400 for a body that is not JSON at all: name the body as the culprit.
    errors = [field_error("body", str(exc.detail))] if exc.status_code == 400 else []
    return problem_response(
        exc.status_code, title, str(exc.detail), errors, None, **(exc.headers or {})
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register every error-to-HTTP mapping on ``app``."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NutritionError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


def _problem_doc(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


#: OpenAPI documentation of the error responses every /v1 route can give.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem_doc("The body is not valid JSON"),
    401: _problem_doc("Missing, unknown or revoked API key"),
    404: _problem_doc("Not found"),
    413: _problem_doc("Request body too large"),
    422: _problem_doc("Invalid input; `errors` names each field and reason"),
}

#: The extra error response of a route that asks Open Food Facts.
UPSTREAM_UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {
        **_problem_doc("Open Food Facts cannot be reached now; retry after `Retry-After` s"),
        "headers": {
            "Retry-After": {
                "description": "seconds to wait before asking again",
                "schema": {"type": "integer"},
            }
        },
    },
}

#: The extra error response of deleting a food that a recipe uses.
IN_USE: dict[int | str, dict[str, Any]] = {
    409: _problem_doc("The food is an ingredient of a recipe; change that recipe first"),
}

#: The extra error response of a change that can lose a race (a barcode taken meanwhile).
CONCURRENT_CHANGE: dict[int | str, dict[str, Any]] = {
    409: _problem_doc("The change conflicted with a concurrent one; retry"),
}

#: The extra error response of a create that takes an ``Idempotency-Key``.
IDEMPOTENT_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: _problem_doc("Idempotency-Key reused"),
}

"""The one place that turns errors into HTTP: RFC 9457 problem details with stable codes.

Every error kind has a stable ``code`` (``ERROR_KINDS``; docs/errors.md lists them) and a
problem ``type`` URI, ``/problems/<code>``, which this service answers with the kind's
description. Hierarchy of the API's own errors::

    ApiError                 base: kind (code, status, title), detail, the fields at fault
    ├── Unauthorized             401 unauthorized
    ├── NotFound                 404 not-found
    ├── Conflict                 409 write-conflict
    ├── IdempotencyKeyInFlight   409 idempotency-key-in-flight
    ├── PreconditionFailed       412 precondition-failed
    ├── Unprocessable            422 validation-failed
    │   └── UnknownUnitError     422 unknown-unit
    ├── IdempotencyKeyReused     422 idempotency-key-reused
    └── ServiceUnavailable       503 upstream-unavailable (with Retry-After)

Domain errors from ``nutrition.errors`` are mapped here too: FoodNotFound → 404
food-not-found, UnknownUnit → 422 unknown-unit (with the ``allowed`` units as a list), any
other NutritionError → 422 validation-failed. Request validation errors → 422 naming each
field; a body that is not JSON → 400 malformed-json; a body of another media type → 415.
The middlewares (``api/middleware.py``) answer 413, 429 and, for anything unexpected, 500
with an ``error_id`` that the log line carries too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from nutrition.errors import FoodNotFound, NutritionError, UnknownUnit

PROBLEM_JSON = "application/problem+json"
#: Problem ``type`` URIs are this prefix plus the code, relative to the service's own URL.
PROBLEM_TYPE_PREFIX = "/problems/"


@dataclass(frozen=True, slots=True)
class ErrorKind:
    """One kind of error: its stable code, HTTP status, title and what it means."""

    code: str
    status: int
    title: str
    description: str

    @property
    def type_uri(self) -> str:
        """The problem ``type`` of this kind."""
        return PROBLEM_TYPE_PREFIX + self.code


#: Every error kind the API answers with, by code. docs/errors.md documents each.
ERROR_KINDS: dict[str, ErrorKind] = {
    k.code: k
    for k in (
        ErrorKind(
            "malformed-json", 400, "Malformed JSON", "The request body is not valid UTF-8 JSON."
        ),
        ErrorKind("bad-request", 400, "Bad request", "The request cannot be read."),
        ErrorKind(
            "unauthorized",
            401,
            "Unauthorized",
            "The API key is missing, unknown or revoked. Send 'Authorization: Bearer <key>'.",
        ),
        ErrorKind(
            "not-found",
            404,
            "Not found",
            "No such resource for this client (another client's resources are never visible).",
        ),
        ErrorKind(
            "food-not-found",
            404,
            "Food not found",
            "No food with this id for this client: not in the catalog, deleted, or another "
            "client's; 'errors' names each field that gave one.",
        ),
        ErrorKind(
            "method-not-allowed",
            405,
            "Method not allowed",
            "The path exists but does not take this method; the Allow header lists those it does.",
        ),
        ErrorKind(
            "write-conflict",
            409,
            "Conflict",
            "The write lost a race with a concurrent one; retrying it is safe.",
        ),
        ErrorKind(
            "idempotency-key-in-flight",
            409,
            "Idempotency-Key in flight",
            "A request with this Idempotency-Key is still being processed; retry later.",
        ),
        ErrorKind(
            "precondition-failed",
            412,
            "Precondition failed",
            "If-Match names no current version of the resource: read it again, then retry.",
        ),
        ErrorKind(
            "payload-too-large",
            413,
            "Payload too large",
            "The request body is over the size limit (CRAMPFOOD_MAX_BODY_BYTES), however sent.",
        ),
        ErrorKind(
            "unsupported-media-type",
            415,
            "Unsupported media type",
            "The body must be JSON, sent with 'Content-Type: application/json'.",
        ),
        ErrorKind(
            "validation-failed",
            422,
            "Unprocessable content",
            "Input that parses but breaks a rule; 'errors' names each field and reason.",
        ),
        ErrorKind(
            "unknown-unit",
            422,
            "Unknown unit",
            "The unit cannot be turned into grams for this food; 'allowed' lists those that can.",
        ),
        ErrorKind(
            "idempotency-key-reused",
            422,
            "Idempotency-Key reused",
            "The Idempotency-Key was already used with another request body on this route.",
        ),
        ErrorKind(
            "rate-limited",
            429,
            "Too many requests",
            "The API key is over its rate limit (CRAMPFOOD_RATE_LIMIT); wait Retry-After seconds.",
        ),
        ErrorKind(
            "upstream-unavailable",
            503,
            "Service unavailable",
            "A service crampfood depends on (Open Food Facts) cannot answer now; wait "
            "Retry-After seconds.",
        ),
        ErrorKind(
            "internal-error",
            500,
            "Internal error",
            "Something unexpected failed; 'error_id' is also in the service's log.",
        ),
    )
}


class FieldError(BaseModel):
    """One offending input: a dotted path such as ``items.2.unit``, the reason, and for a
    choice the values that are allowed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "field": "items.0.unit",
                    "reason": "unit 'bucket' is not a unit this food accepts",
                    "allowed": ["g", "oz", "medium"],
                }
            ]
        }
    )

    field: str = Field(description="dotted path of the input at fault, or 'body'")
    reason: str = Field(description="what is wrong with it")
    allowed: list[str] | None = Field(
        default=None, description="the values accepted here, when the input is a choice"
    )


class Problem(BaseModel):
    """An RFC 9457 problem details document."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "/problems/validation-failed",
                    "code": "validation-failed",
                    "title": "Unprocessable content",
                    "status": 422,
                    "detail": "items.0.grams: Input should be greater than 0",
                    "errors": [
                        {"field": "items.0.grams", "reason": "Input should be greater than 0"}
                    ],
                }
            ]
        }
    )

    type: str = Field(description="URI of the error kind: /problems/<code>")
    code: str = Field(description="stable code of the error kind (docs/errors.md)")
    title: str = Field(description="short summary of the kind")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong with this request")
    errors: list[FieldError] = Field(default=[], description="each field at fault")
    error_id: str | None = Field(
        default=None, description="for unexpected errors (500): the id the log line carries"
    )


class ApiError(Exception):
    """Base of the API's errors; ``errors`` name the fields at fault. ``extensions`` are extra
    members of the problem document (RFC 9457), such as the parts of a text left unread."""

    code = "bad-request"

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

    @property
    def kind(self) -> ErrorKind:
        """The kind of this error."""
        return ERROR_KINDS[self.code]


class Unauthorized(ApiError):
    """Missing, unknown or revoked API key."""

    code = "unauthorized"


class NotFound(ApiError):
    """The resource does not exist for this client."""

    code = "not-found"


class Conflict(ApiError):
    """The write conflicted with a concurrent one."""

    code = "write-conflict"


class IdempotencyKeyInFlight(ApiError):
    """A request with the same Idempotency-Key is still being processed."""

    code = "idempotency-key-in-flight"


class PreconditionFailed(ApiError):
    """If-Match did not match the resource's current ETag."""

    code = "precondition-failed"


class Unprocessable(ApiError):
    """Well-formed input that breaks a rule."""

    code = "validation-failed"


class UnknownFood(ApiError):
    """Food ids (in a meal's items) that name no food this client can use."""

    code = "food-not-found"


class UnknownUnitError(Unprocessable):
    """Units that cannot be turned into grams; each error's ``allowed`` lists those that can."""

    code = "unknown-unit"


class IdempotencyKeyReused(ApiError):
    """The Idempotency-Key was used before with another request."""

    code = "idempotency-key-reused"


class ServiceUnavailable(ApiError):
    """A service we depend on cannot answer now; ``retry_after`` seconds is worth waiting."""

    code = "upstream-unavailable"

    def __init__(self, detail: str, *, retry_after: int, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(detail, errors=errors)
        self.retry_after = max(1, retry_after)


def field_error(field: str, reason: str, *, allowed: Sequence[str] | None = None) -> FieldError:
    """Shorthand for a FieldError."""
    return FieldError(field=field, reason=reason, allowed=None if allowed is None else [*allowed])


def problem_body(
    code: str,
    detail: str,
    errors: Sequence[FieldError] = (),
    *,
    error_id: str | None = None,
    status: int | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON of a problem document of kind ``code`` (fields without a value left out)."""
    kind = ERROR_KINDS[code]
    body: dict[str, Any] = {
        "type": kind.type_uri,
        "code": kind.code,
        "title": kind.title,
        "status": status or kind.status,
        "detail": detail,
        "errors": [e.model_dump(exclude_none=True) for e in errors],
    }
    if error_id is not None:
        body["error_id"] = error_id
    body.update(extensions or {})
    return body


def problem_response(
    code: str,
    detail: str,
    errors: Sequence[FieldError] = (),
    *,
    headers: dict[str, str] | None = None,
    error_id: str | None = None,
    status: int | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> JSONResponse:
    """Render a problem document of kind ``code`` with the right media type."""
    body = problem_body(
        code, detail, errors, error_id=error_id, status=status, extensions=extensions
    )
    return JSONResponse(
        body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers or None
    )


def _loc_to_field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:] or parts
    return ".".join(parts) or "body"


def _validation_reason(err: dict[str, Any]) -> str:
    message = str(err.get("msg", "is invalid"))
    return message.removeprefix("Value error, ")


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else {}
    if isinstance(exc, ServiceUnavailable):
        headers["Retry-After"] = str(exc.retry_after)
    return problem_response(
        exc.code, exc.detail, exc.errors, headers=headers or None, extensions=exc.extensions
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in raw):
        reason = "is not valid JSON"
        return problem_response("malformed-json", reason, [field_error("body", reason)])
    body_errors = [e for e in raw if tuple(e.get("loc", ()))[:1] == ("body",)]
    if body_errors and not _is_json(request.headers.get("content-type")):
        reason = "send the body as JSON with 'Content-Type: application/json'"
        return problem_response(
            "unsupported-media-type",
            reason,
            [field_error("Content-Type", reason, allowed=["application/json"])],
        )
    errors = [field_error(_loc_to_field(e.get("loc", ())), _validation_reason(e)) for e in raw]
    detail = "; ".join(f"{e.field}: {e.reason}" for e in errors) or "invalid request"
    return problem_response("validation-failed", detail, errors)


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NutritionError)
    field = exc.field or "body"
    if isinstance(exc, FoodNotFound):
        return problem_response("food-not-found", exc.message, [field_error(field, exc.message)])
    if isinstance(exc, UnknownUnit):
        errors = [field_error(field, exc.message, allowed=exc.accepted)]
        return problem_response("unknown-unit", exc.message, errors)
    errors = [field_error(f, exc.message) for f in (field, *exc.also)]
    return problem_response("validation-failed", exc.message, errors)


_HTTP_CODES = {
    400: "bad-request",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
}


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "bad-request")
    detail = str(exc.detail)
    errors: list[FieldError] = []
    if exc.status_code == 400:
        # FastAPI answers 400 for a body it cannot decode at all (not UTF-8, say).
        code, detail = "malformed-json", "is not valid UTF-8 JSON"
        errors = [field_error("body", detail)]
    elif exc.status_code == 404:
        detail = "no such path"
    return problem_response(
        code, detail, errors, headers=dict(exc.headers or {}) or None, status=exc.status_code
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
    409: _problem_doc("A request with this Idempotency-Key is still being processed"),
}

"""The OpenAPI document, shaped for client generators, from the routes alone.

Nothing here names a route: whatever is mounted later is documented the same way.

- ``operation_id``: ``<tag>-<action>`` (``meals-create``, ``meals-create-batch``): the
  route's first tag (its resource) and its function name without the resource's words.
- ``finish``: per operation, the error responses it can give (401 with security; 404 with
  path parameters; 400, 413, 415 with a body; 409 with an Idempotency-Key; 412 with
  If-Match; 422 with any input; 304 for GETs; 429 under /v1; 500 always), each a
  ``Problem``; the request headers every operation takes (``X-Request-ID``, and
  ``If-None-Match``/``If-Match`` on /v1 reads/writes); the response headers
  (``X-Request-ID``, ``RateLimit``, ``ETag``, ``Location``, ``Idempotent-Replayed``,
  ``Retry-After``, ...); links from creates to the created resource's operations (used by
  the stateful tests); and an example for every component schema that lacks one.

``python -m api openapi`` prints the document; docs/openapi.json is the committed copy.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from fastapi.routing import APIRoute

from api.errors import ERROR_KINDS, FieldError, Problem

#: What a header value can hold: visible ASCII and spaces.
HEADER_TEXT = "^[ -~]*$"
_METHOD_ACTIONS = {"get": "get", "post": "create", "put": "put", "patch": "update"}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def operation_id(route: APIRoute) -> str:
    """``<resource>-<action>`` from the route's first tag and its function name."""
    tag = str(route.tags[0]) if route.tags else "api"
    resource = {w for t in tag.split("-") for w in (t, _singular(t))}
    words = [w for w in route.name.split("_") if w and w not in resource]
    method = sorted(route.methods or {"GET"})[0].lower()
    action = "-".join(words) or _METHOD_ACTIONS.get(method, method)
    return f"{tag}-{action}"


def _problem(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }
    if headers:
        response["headers"] = headers
    return response


def _header(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "schema": schema or {"type": "string"}}


REQUEST_ID = _header("the request's X-Request-ID (the client's, or one made up); in the log too")
COMMON_HEADERS = {
    "X-Request-ID": REQUEST_ID,
    "X-Content-Type-Options": _header("always nosniff"),
}
RATE_HEADERS = {
    "RateLimit-Policy": _header('the quota and window, e.g. "default";q=600;w=60'),
    "RateLimit": _header('what is left and when a slot frees, e.g. "default";r=598;t=60'),
}
USER_HEADERS = {"Cache-Control": _header("no-store: answers hold health data")}


def _request_headers(path: str, method: str) -> list[dict[str, Any]]:
    params = [
        {
            "name": "X-Request-ID",
            "in": "header",
            "required": False,
            "description": "an id for this request (1-128 visible ASCII characters), echoed "
            "and logged; one is made up when absent or unfit",
            "schema": {"type": "string", "maxLength": 128},
        }
    ]
    if not path.startswith("/v1/"):
        return params
    if method == "get":
        params.append(
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "description": "ETags the client holds; 304 without a body when one is current",
                "schema": {"type": "string"},
            }
        )
    if method in {"put", "patch", "delete"}:
        params.append(
            {
                "name": "If-Match",
                "in": "header",
                "required": False,
                "description": "the ETag the change is based on ('*' for any); 412 when it is "
                "not the current one",
                "schema": {"type": "string"},
            }
        )
    return params


def _errors_of(path: str, method: str, op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    params = op.get("parameters", [])
    names = {p["name"].lower() for p in params}
    has_body = "requestBody" in op
    errors: dict[str, dict[str, Any]] = {}
    if has_body:
        errors["400"] = _problem("The body is not valid JSON (malformed-json)")
    if op.get("security"):
        errors["401"] = _problem(
            "Missing, unknown or revoked API key (unauthorized)",
            {"WWW-Authenticate": _header("Bearer")},
        )
    if any(p["in"] == "path" for p in params):
        errors["404"] = _problem(
            "No such resource for this client (not-found), or a food id in the body that names "
            "no food it can use (food-not-found)"
        )
    if "idempotency-key" in names:
        errors["409"] = _problem("A request with this Idempotency-Key is in flight")
    if "if-match" in names:
        errors["412"] = _problem("If-Match is not the current ETag (precondition-failed)")
    if has_body:
        errors["413"] = _problem("The body is over the size limit (payload-too-large)")
        errors["415"] = _problem("The body is not sent as application/json")
    if params or has_body:
        errors["422"] = _problem("Invalid input; 'errors' names each field and reason")
    if path.startswith("/v1/"):
        errors["429"] = _problem(
            "Over the API key's rate limit (rate-limited)",
            {"Retry-After": _header("seconds to wait", {"type": "integer"}), **RATE_HEADERS},
        )
    errors["500"] = _problem("Unexpected error; 'error_id' is in the log too (internal-error)")
    return errors


def _success_headers(path: str, method: str, status: str, op: dict[str, Any]) -> dict[str, Any]:
    headers = dict(COMMON_HEADERS)
    if path.startswith("/v1/"):
        headers.update(RATE_HEADERS)
    if path.startswith("/v1/users"):
        headers.update(USER_HEADERS)
    if status == "200" and method in {"get", "put", "patch"} and path.startswith("/v1/"):
        headers["ETag"] = _header("strong tag of this representation, for If-Match")
    if status == "201":
        headers["Location"] = _header("where the created resource lives")
        if any(p["name"].lower() == "idempotency-key" for p in op.get("parameters", [])):
            headers["Idempotent-Replayed"] = _header("true when this is a stored answer replayed")
    return headers


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
        if method in {"get", "put", "post", "patch", "delete"}
    ]


def _links(schema: dict[str, Any]) -> None:
    """Link creates to the operations on what they created (for stateful clients and tests)."""
    ops = _operations(schema)
    for path, method, op in ops:
        responses = op.get("responses", {})
        if method == "put":
            names = re.findall(r"{(\w+)}", path)
            targets = [
                (p, m, o)
                for p, m, o in ops
                if p.startswith(path) and (p, m) != (path, method) and "{" not in p[len(path) :]
            ]
            links = {
                o["operationId"]: {
                    "operationId": o["operationId"],
                    "parameters": {n: f"$request.path.{n}" for n in names},
                }
                for p, m, o in targets
            }
            for status in ("200", "201"):
                if links and status in responses:
                    responses[status]["links"] = links
        if method == "post" and "201" in responses:
            names = re.findall(r"{(\w+)}", path)
            links = {}
            for p, _, o in ops:
                tail = re.fullmatch(re.escape(path) + r"/{(\w+)}", p)
                if tail:
                    parameters = {n: f"$request.path.{n}" for n in names}
                    parameters[tail.group(1)] = "$response.body#/id"
                    links[o["operationId"]] = {
                        "operationId": o["operationId"],
                        "parameters": parameters,
                    }
            if links:
                responses["201"]["links"] = links


#: Plausible values for common property names, used where a schema gives no example.
_NAMED_EXAMPLES: dict[str, Any] = {
    "id": "9f1c2e7a4b5d4c3e8f6a1b2c3d4e5f60",
    "food_id": "sr28:09040",
    "user_id": "u-1024",
    "description": "Bananas, raw",
    "group": "Fruits and Fruit Juices",
    "group_code": "0900",
    "source": "sr28",
    "code": "09040",
    "unit": "mg",
    "timezone": "Europe/Paris",
    "life_stage": "females 51-70",
    "note": "after the run",
    "grams": 118.0,
    "quantity": 1.0,
    "amount": 422.4,
    "target": 2600.0,
    "percent": 16.2,
    "energy_kcal": 105.0,
    "nutrients": {"potassium": 422.4, "magnesium": 31.9, "thiamin": 0.037},
    "coverage": {"potassium": 1.0, "magnesium": 1.0},
    "next_cursor": "WyIyMDI1LTAzLTEwVDA3OjAwOjAwKzAwOjAwIiwiOWYxYyJd",
}


def _example(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A plausible value for ``schema``: its own examples first, else built from its parts."""
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if "$ref" in schema:
        target = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return _example(target, components, depth + 1) if depth < 8 else None
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return _example(options[0], components, depth + 1)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        if not props and isinstance(schema.get("additionalProperties"), dict):
            return {"potassium": _example(schema["additionalProperties"], components, depth + 1)}
        return {
            k: copy.deepcopy(_NAMED_EXAMPLES[k])
            if k in _NAMED_EXAMPLES and "$ref" not in v and v.get("type") != "array"
            else _example(v, components, depth + 1)
            for k, v in props.items()
        }
    if kind == "array":
        return [_example(schema.get("items", {}), components, depth + 1)]
    fmt = schema.get("format")
    if kind == "string":
        return {
            "date-time": "2025-03-10T08:00:00Z",
            "date": "2025-03-10",
        }.get(fmt or "", "text")
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1.5))
    if kind == "boolean":
        return False
    return None


def _examples(components: dict[str, Any]) -> None:
    for schema in components.values():
        if "examples" not in schema and "example" not in schema:
            schema["examples"] = [_example({**schema}, components)]
        schema.setdefault("description", schema.get("title", ""))


def finish(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error responses, headers, links and examples to FastAPI's document."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    problem.pop("$defs", None)
    components["Problem"] = problem
    components["FieldError"] = FieldError.model_json_schema()
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path, method, op in _operations(schema):
        op.setdefault("parameters", [])
        op["parameters"] += _request_headers(path, method)
        for param in op["parameters"]:
            schema_ = param.get("schema", {})
            if param["in"] == "header" and schema_.get("type") == "string":
                schema_.setdefault("pattern", HEADER_TEXT)
        responses = op.setdefault("responses", {})
        responses.pop("422", None)
        for status, response in responses.items():
            if status.startswith("2"):
                response["headers"] = {
                    **_success_headers(path, method, status, op),
                    **response.get("headers", {}),
                }
        if method == "get" and path.startswith("/v1/"):
            responses["304"] = {
                "description": "Not modified: If-None-Match names the current ETag",
                "headers": {**COMMON_HEADERS, "ETag": _header("the current ETag")},
            }
        for status, response in _errors_of(path, method, op).items():
            responses.setdefault(status, response)
        for response in responses.values():
            response["headers"] = {**COMMON_HEADERS, **response.get("headers", {})}
        if not op["parameters"]:
            del op["parameters"]
    _links(schema)
    _examples(components)
    schema.setdefault("info", {})["x-error-codes"] = sorted(ERROR_KINDS)
    return schema

"""Schemathesis against the app's own OpenAPI document, on every backend.

Every operation in ``/openapi.json`` is exercised (positive and negative data, schema
examples and boundary values), so routes added later are covered without being named
here. The stateful phase follows the document's links (a PUT user leads to that user's
meals and cramps; a create leads to reading, changing and deleting what it made), so
sequences of calls are fuzzed too. A run fails on any 5xx, or on a status code, media
type, body or header that the document does not describe. Cases carry one test tenant's
valid API key, except those Schemathesis builds without credentials on purpose (401 is
documented for every /v1 route). The run is bounded and repeatable: fixed seed,
derandomized, no example database.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import ApiClient, new_api_client

#: Hypothesis examples per operation in the fuzzing phase; the coverage and examples
#: phases add their own (bounded) cases on top. 20 keeps both backends' runs within the
#: suite's time budget (30 took about 50 s per backend).
MAX_EXAMPLES = 20
SEED = 20240611
#: Scenarios and steps per scenario of the stateful phase.
STATEFUL_EXAMPLES = 40
STATEFUL_STEPS = 6

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
ENABLED_CHECKS = {check.__name__: {"enabled": True} for check in CHECKS}
#: The schema document itself and FastAPI's interactive docs pages.
DOC_ROUTES = ("openapi_url", "docs_url", "redoc_url", "swagger_ui_oauth2_redirect_url")
IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})


def _config(*, document: dict[str, Any], key: str, stateful: bool = False) -> schemathesis.Config:
    """A bounded, repeatable run that authenticates with ``key`` on every bearer scheme."""
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            # Generating valid bodies for rich schemas is slow by nature, not a bug here.
            "suppress-health-check": ["too_slow", "data_too_large", "large_base_example"],
            "generation": {
                # Positive and negative data; the stateful phase chains valid calls (its
                # negative cases would only stop the chains at their first step).
                "mode": "positive" if stateful else "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            "phases": {"stateful": {"enabled": stateful}},
            "checks": {"enabled": False, **ENABLED_CHECKS},
            "auth": {"openapi": _bearer_schemes(document=document, key=key)},
        }
    )


def _bearer_schemes(*, document: dict[str, Any], key: str) -> dict[str, dict[str, str]]:
    """Credentials for each bearer scheme the document declares (read from it, not listed)."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    return {
        name: {"bearer": key}
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and scheme.get("scheme", "").lower() == "bearer"
    }


@pytest.fixture
def tenant(api_app: TestClient) -> ApiClient:
    """The test tenant whose key the generated cases carry."""
    return new_api_client(api_app)


@pytest.fixture
def api_schema(api_app: TestClient, tenant: ApiClient) -> schemathesis.BaseSchema:
    """The app's schema, as served, set up to call the app with the tenant's key."""
    document = api_app.get("/openapi.json").json()
    return schemathesis.openapi.from_dict(
        document, config=_config(document=document, key=tenant.key)
    )


def send(client: TestClient, case: Case[Any]) -> Any:
    """Send ``case`` through the session's TestClient (the app already started on one backend)."""
    kwargs = case.as_transport_kwargs(base_url=str(client.base_url))
    # A header value outside ASCII cannot go on the wire at all (the client refuses it):
    # such a generated header is left out, as any HTTP client would have to.
    headers = {k: v for k, v in (kwargs.get("headers") or {}).items() if str(v).isascii()}
    cookies = kwargs.get("cookies") or {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body: dict[str, Any] = {}
    if "json" in kwargs:
        body["json"] = kwargs["json"]
    if "data" in kwargs:
        data = kwargs["data"]
        body["data" if isinstance(data, dict) else "content"] = data
    if "files" in kwargs:
        body["files"] = kwargs["files"]
    return client.request(
        kwargs["method"], kwargs["url"], params=kwargs.get("params"), headers=headers, **body
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_operation_matches_its_documentation(
    case: Case[Any], api_app: TestClient, tenant: ApiClient
) -> None:
    response = send(api_app, case)
    case.validate_response(response, checks=CHECKS)
    sent_key = response.request.headers.get("authorization") == tenant.headers["Authorization"]
    if _needs_auth(case) and not sent_key:
        assert not response.is_success, f"{case.operation.label} answered without a valid key"


def _needs_auth(case: Case[Any]) -> bool:
    """Whether the operation declares a security requirement that cannot be skipped."""
    requirements = case.operation.definition.raw.get("security")
    if requirements is None:
        requirements = case.operation.schema.raw_schema.get("security", [])
    return bool(requirements) and {} not in requirements


def _served_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app answers, nested routers included."""
    try:  # recent FastAPI keeps included routers as nodes; this walks them
        from fastapi.routing import iter_route_contexts

        routes: list[Any] = list(iter_route_contexts(app.routes))
    except ImportError:
        routes = list(app.routes)
    docs = {getattr(app, name) for name in DOC_ROUTES} - {None}
    served = set()
    for route in routes:
        path = route.path_format or route.path
        if path in docs:
            continue
        methods = route.methods or {"*"}  # a mount answers every method
        served |= {(m, path) for m in methods if m not in IGNORED_METHODS}
    return served


def test_openapi_documents_every_route(api_app: TestClient) -> None:
    document = api_app.get("/openapi.json").json()
    documented = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method.upper() not in IGNORED_METHODS and not method.startswith("x-")
    }
    served = _served_routes(api_app.app)  # type: ignore[arg-type]
    assert served, "no routes found: the route walker no longer understands FastAPI"
    assert served - documented == set(), "routes missing from /openapi.json"
    assert documented - served == set(), "documented operations that no route serves"


def test_stateful_sequences_follow_the_links(api_app: TestClient, tenant: ApiClient) -> None:
    document = api_app.get("/openapi.json").json()
    loaded = schemathesis.openapi.from_dict(
        document, config=_config(document=document, key=tenant.key, stateful=True)
    )
    machine = loaded.as_state_machine()

    class Sequences(machine):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            # Each scenario starts from an empty world (a tenant of its own), so the same
            # choices always meet the same answers, as Hypothesis requires.
            self.auth = new_api_client(api_app).headers["Authorization"]

        def before_call(self, case: Case[Any]) -> None:
            # A made-up If-Match fails every write (412, fuzzed by the test above); without
            # it the chains get past their first step.
            for name in list(case.headers or {}):
                if name.lower() in {"if-match", "authorization"}:
                    del case.headers[name]
            case.headers = {**(case.headers or {}), "Authorization": self.auth}

        def call(self, case: Case[Any], **kwargs: Any) -> Response:
            return Response.from_any(send(api_app, case))

        def validate_response(self, response: Response, case: Case[Any], **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS)

    Sequences.run(
        settings=hypothesis.settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            derandomize=True,
            database=None,
            deadline=None,
            # No shrinking: the app's state moves on between runs, so a replay would not
            # draw the same sequence; the first failure is reported as found.
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )

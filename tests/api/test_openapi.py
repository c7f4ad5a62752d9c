"""The OpenAPI document: a contract change is deliberate, and a client generator likes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from api.app import create_app
from api.settings import Settings

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
REGENERATE = "python -m api openapi > docs/openapi.json"
METHODS = {"get", "put", "post", "patch", "delete"}


@pytest.fixture(scope="module")
def document():
    return create_app(Settings(database_url="sqlite://")).openapi()


def _operations(document):
    return [
        (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_the_committed_document_is_the_generated_one(document):
    committed = json.loads(COMMITTED.read_text())
    # Through JSON, as the CLI writes it (tuples become lists).
    generated = json.loads(json.dumps(document))
    assert generated == committed, (
        f"the API contract changed: review the change, then regenerate the committed copy "
        f"with `{REGENERATE}` and commit it"
    )


def test_operation_ids_are_resource_action(document):
    ids = [op["operationId"] for _, _, op in _operations(document)]
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", operation_id), operation_id
    assert {"meals-create", "meals-list", "meals-get", "meals-update", "meals-delete"} <= set(ids)
    assert {"cramps-get", "cramps-update", "cramps-delete", "users-export"} <= set(ids)


def test_every_operation_has_a_tag_errors_and_documented_headers(document):
    tags = {t["name"] for t in document["tags"]}
    for path, method, op in _operations(document):
        label = f"{method.upper()} {path}"
        assert len(op["tags"]) == 1 and op["tags"][0] in tags, label
        responses = op["responses"]
        assert "500" in responses, label
        if op.get("security"):
            assert "401" in responses, label
        if path.startswith("/v1/"):
            assert {"429"} <= set(responses), label
        if "requestBody" in op:
            assert {"400", "413", "415", "422"} <= set(responses), label
        if method in {"put", "patch", "delete"} and path.startswith("/v1/"):
            assert "412" in responses, label
        for status, response in responses.items():
            if status.startswith(("2", "4", "5")):
                assert "X-Request-ID" in response.get("headers", {}), f"{label} {status}"
            if status.startswith("4") or status == "500":
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, f"{label} {status}"
        if "201" in responses:
            assert "Location" in responses["201"]["headers"], label
        if method == "get" and path.startswith("/v1/"):
            assert "ETag" in responses["200"]["headers"], label


def test_every_schema_has_a_description_and_an_example(document):
    for name, schema in document["components"]["schemas"].items():
        assert schema.get("description"), name
        assert schema.get("examples"), name


def test_creates_link_to_what_they_create(document):
    links = document["paths"]["/v1/users/{user_id}/meals"]["post"]["responses"]["201"]["links"]
    assert links["meals-get"]["parameters"] == {
        "user_id": "$request.path.user_id",
        "meal_id": "$response.body#/id",
    }

"""Small builders for API request bodies."""

from __future__ import annotations

from typing import Any


def make_user(*, age: int = 35, sex: str = "female", **fields: Any) -> dict[str, Any]:
    """A PUT /users body."""
    return {"age": age, "sex": sex, **fields}


def make_meal(
    *,
    eaten_at: str = "2025-03-10T08:00:00+01:00",
    meal: str = "breakfast",
    items: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A POST /meals body; by default one medium banana."""
    return {
        "eaten_at": eaten_at,
        "meal": meal,
        "items": items
        if items is not None
        else [{"food_id": "sr28:09040", "quantity": 1, "unit": "medium"}],
        **fields,
    }


def create_user(client: Any, user_id: str = "u1", **fields: Any) -> dict[str, Any]:
    """PUT a user and return the body."""
    r = client.put(f"/v1/users/{user_id}", json=make_user(**fields))
    assert r.status_code in (200, 201), r.text
    return r.json()


def fields_of(response: Any) -> set[str]:
    """The field names a problem response blames."""
    return {e["field"] for e in response.json()["errors"]}

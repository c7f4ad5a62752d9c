"""Meal logs through HTTP: units, limits, idempotency, paging, batch, patch, delete."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.helpers import create_user, fields_of, make_meal


@pytest.fixture
def user(client):
    create_user(client, "m", age=35, timezone="America/New_York")
    return "/v1/users/m/meals"


def test_create_resolves_portion_and_totals(client, user):
    r = client.post(
        user,
        json=make_meal(
            items=[
                {"food_id": "sr28:09040", "quantity": 1, "unit": "medium"},
                {"food_id": "sr28:09040", "grams": 100},
            ]
        ),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    first, _second = body["items"]
    assert first["grams"] == 118 and first["description"] == "Bananas, raw"
    assert first["nutrients"]["potassium"] == round(358 * 1.18, 1)
    assert body["nutrients"]["potassium"] == round(358 * 2.18, 1)
    assert body["eaten_at"] == "2025-03-10T08:00:00+01:00"
    assert client.get(f"{user}/{body['id']}").json() == body


@pytest.mark.parametrize(
    ("unit", "grams"), [("g", 250), ("oz", 28.349523125 * 250), ("1 cup, sliced", 150 * 250)]
)
def test_mass_and_portion_units(client, user, unit, grams):
    qty = 250 if unit != "1 cup, sliced" else 1
    expected = grams if unit != "1 cup, sliced" else 150
    if expected > 5000:
        qty, expected = 1, grams / 250
    r = client.post(
        user, json=make_meal(items=[{"food_id": "sr28:09040", "quantity": qty, "unit": unit}])
    )
    assert r.status_code == 201, r.text
    assert r.json()["items"][0]["grams"] == round(expected, 1)


def test_volume_unit_through_food_portion(client, user):
    r = client.post(
        user, json=make_meal(items=[{"food_id": "fndds:11111000", "quantity": 250, "unit": "ml"}])
    )
    assert r.status_code == 201, r.text
    grams = r.json()["items"][0]["grams"]
    assert 240 < grams < 270  # milk is a little denser than water


def test_ambiguous_unit_lists_choices(client, user):
    r = client.post(
        user, json=make_meal(items=[{"food_id": "sr28:09040", "quantity": 1, "unit": "cup"}])
    )
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["field"] == "items.0.unit"
    assert "mashed" in err["reason"] and "sliced" in err["reason"]
    # A list, not a comma-joined string: portion names hold commas themselves.
    assert err["allowed"] == ["cup, mashed", "cup, sliced"]


def test_unknown_unit_lists_accepted_units(client, user):
    r = client.post(
        user, json=make_meal(items=[{"food_id": "sr28:09040", "quantity": 1, "unit": "bucket"}])
    )
    assert r.status_code == 422
    assert r.json()["code"] == "unknown-unit"
    error = r.json()["errors"][0]
    assert "bucket" in error["reason"]
    assert {"g", "oz", "cup, sliced"} <= set(error["allowed"])
    assert any(a.startswith("medium") for a in error["allowed"])


def test_unknown_food_names_the_item(client, user):
    r = client.post(
        user,
        json=make_meal(
            items=[
                {"food_id": "sr28:09040", "grams": 10},
                {"food_id": "sr28:00000", "grams": 10},
            ]
        ),
    )
    assert r.status_code == 404 and r.json()["code"] == "food-not-found"
    assert fields_of(r) == {"items.1.food_id"}


def test_unknown_food_among_other_faults_is_one_422(client, user):
    items = [
        {"food_id": "sr28:00000", "grams": 10},
        {"food_id": "sr28:09040", "quantity": 1, "unit": "bucket"},
    ]
    r = client.post(user, json=make_meal(items=items))
    assert r.status_code == 422
    assert r.json()["code"] == "validation-failed"
    assert fields_of(r) == {"items.0.food_id", "items.1.unit"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"items": [{"food_id": "sr28:09040", "grams": 0}]}, "items.0.grams"),
        ({"items": [{"food_id": "sr28:09040", "grams": 5000.1}]}, "items.0.grams"),
        ({"items": [{"food_id": "sr28:09040", "quantity": 100, "unit": "lb"}]}, "items.0.quantity"),
        ({"items": [{"food_id": "sr28:09040", "grams": 1}] * 101}, "items"),
        ({"items": []}, "items"),
        ({"eaten_at": "2025-03-10T08:00:00"}, "eaten_at"),
        ({"eaten_at": "1899-12-31T23:00:00+00:00"}, "eaten_at"),
        ({"meal": "brunch"}, "meal"),
        ({"note": "x" * 1001}, "note"),
        ({"items": [{"food_id": "sr28:09040"}]}, "items.0"),
        ({"items": [{"food_id": "sr28:09040", "grams": 5, "unit": "g", "quantity": 5}]}, "items.0"),
    ],
)
def test_limits_are_422_naming_the_field(client, user, change, field):
    r = client.post(user, json=make_meal(**change))
    assert r.status_code == 422, r.text
    assert any(f == field or f.startswith(field) for f in fields_of(r)), fields_of(r)


def test_future_limit_is_one_day(client, user):
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=20)).isoformat()
    late = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).isoformat()
    assert client.post(user, json=make_meal(eaten_at=soon)).status_code == 201
    r = client.post(user, json=make_meal(eaten_at=late))
    assert r.status_code == 422 and "eaten_at" in fields_of(r)


def test_body_size_is_capped(client, user):
    r = client.post(
        user, content=b"{" + b" " * 3_000_000 + b"}", headers={"content-type": "application/json"}
    )
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")


def test_idempotent_retry_returns_original_and_creates_nothing(client, user):
    headers = {"Idempotency-Key": "abc-123"}
    first = client.post(user, json=make_meal(), headers=headers)
    again = client.post(user, json=make_meal(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert len(client.get(user).json()["items"]) == 1
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    other = client.post(user, json=make_meal(meal="lunch"), headers=headers)
    assert other.status_code == 422 and other.json()["code"] == "idempotency-key-reused"
    assert len(client.get(user).json()["items"]) == 1


def test_idempotency_keys_are_per_client(client, user, api_app):
    from tests.conftest import new_api_client

    client.post(user, json=make_meal(), headers={"Idempotency-Key": "k"})
    other = new_api_client(api_app)
    create_user(other, "m")
    r = other.post(
        "/v1/users/m/meals", json=make_meal(meal="lunch"), headers={"Idempotency-Key": "k"}
    )
    assert r.status_code == 201


def test_paging_newest_first_until_null_cursor(client, user):
    base = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    batch = {
        "meals": [make_meal(eaten_at=(base + dt.timedelta(hours=i)).isoformat()) for i in range(7)]
    }
    assert client.post(f"{user}/batch", json=batch).status_code == 201
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get(user, params=params).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    times = [m["eaten_at"] for m in seen]
    assert len(seen) == 7 and len({m["id"] for m in seen}) == 7
    assert times == sorted(times, reverse=True)


def test_list_window_by_local_dates(client, user):
    # 03:30 UTC on 2 Jan is still 1 Jan in New York.
    client.post(user, json=make_meal(eaten_at="2025-01-02T03:30:00Z"))
    client.post(user, json=make_meal(eaten_at="2025-01-02T15:00:00Z"))
    jan1 = client.get(user, params={"from": "2025-01-01", "to": "2025-01-01"}).json()["items"]
    jan2 = client.get(user, params={"from": "2025-01-02", "to": "2025-01-02"}).json()["items"]
    assert len(jan1) == 1 and len(jan2) == 1


def test_bad_cursor_is_422(client, user):
    r = client.get(user, params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and fields_of(r) == {"cursor"}


def test_batch_is_all_or_nothing(client, user):
    good = make_meal()
    bad = make_meal(items=[{"food_id": "sr28:09040", "quantity": 1, "unit": "bucket"}])
    r = client.post(f"{user}/batch", json={"meals": [good, good, bad]})
    assert r.status_code == 422
    assert "meals.2.items.0.unit" in fields_of(r)
    assert client.get(user).json()["items"] == []
    assert client.post(f"{user}/batch", json={"meals": [good] * 501}).status_code == 422
    r = client.post(f"{user}/batch", json={"meals": [good] * 3}, headers={"Idempotency-Key": "b1"})
    assert r.status_code == 201 and len(r.json()["items"]) == 3
    again = client.post(
        f"{user}/batch", json={"meals": [good] * 3}, headers={"Idempotency-Key": "b1"}
    )
    assert again.json() == r.json()
    assert len(client.get(user).json()["items"]) == 3


def test_patch_and_delete(client, user):
    meal = client.post(user, json=make_meal()).json()
    r = client.patch(
        f"{user}/{meal['id']}",
        json={
            "meal": "snack",
            "items": [{"food_id": "sr28:09040", "grams": 50}],
            "note": "half",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["meal"] == "snack" and body["note"] == "half" and body["items"][0]["grams"] == 50
    r = client.patch(f"{user}/{meal['id']}", json={"eaten_at": "2025-03-11T09:00:00-05:00"})
    assert r.json()["eaten_at"] == "2025-03-11T09:00:00-05:00"
    assert (
        client.patch(
            f"{user}/{meal['id']}", json={"items": [{"food_id": "nope", "grams": 1}]}
        ).status_code
        == 404
    )
    assert client.delete(f"{user}/{meal['id']}").status_code == 204
    assert client.get(f"{user}/{meal['id']}").status_code == 404
    assert client.delete(f"{user}/{meal['id']}").status_code == 404


def test_meals_of_unknown_user_is_404(client):
    assert client.post("/v1/users/ghost/meals", json=make_meal()).status_code == 404


def test_unknown_nutrients_stay_null_in_items_and_totals(client, user, api_app):
    catalog = api_app.app.state.catalog
    food = next(f for f in catalog.foods.values() if f.nutrients["magnesium"] is None)
    body = client.post(
        user,
        json=make_meal(
            items=[
                {"food_id": food.id, "grams": 100},
                {"food_id": "sr28:09040", "grams": 100},
            ]
        ),
    ).json()
    assert body["items"][0]["nutrients"]["magnesium"] is None
    assert body["nutrients"]["magnesium"] == pytest.approx(27)
    assert body["coverage"]["magnesium"] == pytest.approx(0.5)


@pytest.mark.parametrize(("content", "status"), [(b"{not json", 400), (b"\x11\xff", 400)])
def test_malformed_body_is_a_problem_naming_body(client, user, content, status):
    r = client.post(user, content=content, headers={"content-type": "application/json"})
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    assert fields_of(r) == {"body"}


def test_an_expired_idempotency_key_is_free_again(client, user, api_app):
    from sqlalchemy import text

    first = client.post(user, json=make_meal(), headers={"Idempotency-Key": "old"})
    with api_app.app.state.engine.begin() as conn:  # age the stored answer past the TTL
        conn.execute(
            text("UPDATE idempotency_record SET created_at = :t WHERE user_id = :u"),
            {"t": dt.datetime(2000, 1, 1), "u": _user_row_id(api_app, client, "m")},
        )
    again = client.post(user, json=make_meal(meal="lunch"), headers={"Idempotency-Key": "old"})
    assert again.status_code == 201 and again.json()["id"] != first.json()["id"]
    third = client.post(user, json=make_meal(meal="lunch"), headers={"Idempotency-Key": "old"})
    assert third.json() == again.json()


def _user_row_id(api_app, client, user_id):
    """The database id of the client's user (for tests that age stored rows)."""
    from sqlalchemy import text

    from api.store.keys import hash_key

    with api_app.app.state.engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT u.id FROM app_user u JOIN api_key k ON k.client_id = u.client_id "
                "WHERE k.key_hash = :h AND u.external_id = :e"
            ),
            {"h": hash_key(client.key), "e": user_id},
        ).scalar_one()

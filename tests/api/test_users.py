"""User profiles through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.helpers import create_user, fields_of, make_user
from tests.conftest import new_api_client


def test_put_creates_then_replaces(client):
    r = client.put("/v1/users/alice", json=make_user(age=35, timezone="Europe/Paris"))
    assert r.status_code == 201
    body = r.json()
    assert body["user_id"] == "alice" and body["life_stage"] == "females 31-50"
    r = client.put("/v1/users/alice", json=make_user(age=40, diet="vegan", allergies=["soy"]))
    assert r.status_code == 200
    got = client.get("/v1/users/alice").json()
    assert got["age"] == 40 and got["diet"] == "vegan" and got["allergies"] == ["soy"]
    assert got["timezone"] == "UTC"  # replaced, not merged


def test_birth_date_gives_age(client):
    today = dt.date.today()
    born = (
        today.replace(year=today.year - 30)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year - 30, 3, 1)
    )
    body = create_user(client, "b", age=None, birth_date=born.isoformat())
    assert body["age"] in (29, 30)


def test_pregnancy_life_stage(client):
    body = create_user(client, "p", age=28, pregnant=True)
    assert body["life_stage"] == "pregnancy 19-30"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (make_user(sex="male", pregnant=True), "pregnant"),
        (make_user(sex="male", lactating=True), "lactating"),
        ({"sex": "female", "birth_date": "2999-01-01"}, "birth_date"),
        (make_user(allergies=["gluten"]), "allergies.0"),
        (make_user(medications=["aspirin"]), "medications.0"),
        (make_user(timezone="Mars/Olympus"), "timezone"),
        (make_user(diet="keto"), "diet"),
        (make_user(sex="other"), "sex"),
        (make_user(age=0), "age"),
        ({"sex": "female"}, "birth_date"),
        ({"sex": "female", "age": 30, "birth_date": "1990-01-01"}, "age"),
        (make_user(favourite_colour="blue"), "favourite_colour"),
    ],
)
def test_invalid_profiles_are_422_naming_the_field(client, body, field):
    r = client.put("/v1/users/x", json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert field in fields_of(r)


@pytest.mark.parametrize("user_id", ["a" * 129, "has space", "slash%2Fx", "é"])
def test_invalid_user_ids(client, user_id):
    r = client.put(f"/v1/users/{user_id}", json=make_user())
    assert r.status_code in (404, 422)


def test_user_ids_allow_dots_dashes_underscores(client):
    create_user(client, "a.b_c-D9")
    assert client.get("/v1/users/a.b_c-D9").status_code == 200


def test_delete_erases_user_and_logs(client):
    create_user(client, "gone")
    assert (
        client.post(
            "/v1/users/gone/meals",
            json={
                "eaten_at": "2025-01-01T08:00:00Z",
                "meal": "breakfast",
                "items": [{"food_id": "sr28:09040", "grams": 100}],
            },
        ).status_code
        == 201
    )
    assert client.delete("/v1/users/gone").status_code == 204
    assert client.get("/v1/users/gone").status_code == 404
    create_user(client, "gone")
    assert client.get("/v1/users/gone/meals").json()["items"] == []


def test_clients_cannot_see_each_others_users(client, api_app):
    create_user(client, "shared-id")
    other = new_api_client(api_app)
    assert other.get("/v1/users/shared-id").status_code == 404
    assert other.get("/v1/users/shared-id/meals").status_code == 404
    assert other.delete("/v1/users/shared-id").status_code == 404
    # the other client may use the same id for its own, separate user
    create_user(other, "shared-id", age=60, sex="male")
    assert client.get("/v1/users/shared-id").json()["sex"] == "female"


def test_targets_for_life_stage(client):
    create_user(client, "t", age=35)
    body = client.get("/v1/users/t/targets").json()
    assert body["life_stage"] == "females 31-50"
    t = body["targets"]
    assert t["potassium"] == {**t["potassium"], "amount": 2600, "kind": "AI", "upper": None}
    assert t["magnesium"]["amount"] == 320 and t["magnesium"]["upper"] is None
    assert body["magnesium_supplement_ul"] == 350
    assert t["calcium"]["upper"] == 2500 and t["calcium"]["upper_kind"] == "UL"
    assert t["sodium"]["upper"] == 2300 and t["sodium"]["upper_kind"] == "CDRR"
    assert t["thiamin"]["amount"] == 1.1 and t["thiamin"]["kind"] == "RDA"


def test_targets_of_unknown_user_is_404(client):
    assert client.get("/v1/users/nobody/targets").status_code == 404


def test_delete_also_erases_stored_idempotent_answers(client, api_app):
    from sqlalchemy import text

    create_user(client, "erase")
    meal = {
        "eaten_at": "2025-01-01T08:00:00Z",
        "meal": "breakfast",
        "items": [{"food_id": "sr28:09040", "grams": 100}],
    }
    first = client.post("/v1/users/erase/meals", json=meal, headers={"Idempotency-Key": "e1"})
    assert first.status_code == 201
    assert client.delete("/v1/users/erase").status_code == 204
    with api_app.app.state.engine.connect() as conn:
        left = conn.execute(
            text("SELECT count(*) FROM idempotency_record WHERE response_body LIKE :id"),
            {"id": f"%{first.json()['id']}%"},
        ).scalar_one()
    assert left == 0
    create_user(client, "erase")
    again = client.post("/v1/users/erase/meals", json=meal, headers={"Idempotency-Key": "e1"})
    assert again.status_code == 201 and again.json()["id"] != first.json()["id"]

"""Intake over days through HTTP."""

from __future__ import annotations

import pytest

from tests.api.helpers import create_user, make_meal


@pytest.fixture
def user(client):
    create_user(client, "i", age=35, timezone="Europe/Berlin")
    return "/v1/users/i"


def _log(client, user, when, *items):
    r = client.post(f"{user}/meals", json=make_meal(eaten_at=when, items=list(items)))
    assert r.status_code == 201, r.text


def test_days_in_user_timezone_and_unlogged_days(client, user):
    # 23:30 UTC on 1 March is 00:30 on 2 March in Berlin.
    _log(client, user, "2025-03-01T23:30:00Z", {"food_id": "sr28:09040", "grams": 100})
    body = client.get(f"{user}/intake", params={"from": "2025-03-01", "to": "2025-03-03"}).json()
    days = {d["date"]: d for d in body["days"]}
    assert not days["2025-03-01"]["logged"] and days["2025-03-01"]["nutrients"] is None
    assert days["2025-03-02"]["logged"]
    k = days["2025-03-02"]["nutrients"]["potassium"]
    assert k["amount"] == pytest.approx(358) and k["target"] == 2600
    assert k["percent"] == pytest.approx(358 / 2600 * 100, abs=0.1)
    assert k["status"] == "below"
    assert body["average"]["days_logged"] == 1 and body["average"]["days"] == 3


def test_average_over_logged_days_only(client, user):
    _log(client, user, "2025-03-01T12:00:00+01:00", {"food_id": "sr28:09040", "grams": 100})
    _log(client, user, "2025-03-03T12:00:00+01:00", {"food_id": "sr28:09040", "grams": 300})
    body = client.get(f"{user}/intake", params={"from": "2025-03-01", "to": "2025-03-07"}).json()
    avg = body["average"]["nutrients"]["potassium"]
    assert avg["amount"] == pytest.approx(358 * 2)  # (358 + 1074) / 2 logged days
    assert body["average"]["days_logged"] == 2


def test_sodium_is_two_sided_and_calcium_has_ul(client, user, api_app):
    salt = "sr28:02047"  # Salt, table: 38,758 mg sodium per 100 g
    _log(client, user, "2025-03-01T12:00:00+01:00", {"food_id": salt, "grams": 10})
    body = client.get(f"{user}/intake", params={"from": "2025-03-01", "to": "2025-03-01"}).json()
    sodium = body["days"][0]["nutrients"]["sodium"]
    assert sodium["status"] == "above" and sodium["upper"] == 2300
    _log(client, user, "2025-03-02T12:00:00+01:00", {"food_id": "sr28:09040", "grams": 100})
    day2 = client.get(f"{user}/intake", params={"from": "2025-03-02", "to": "2025-03-02"}).json()
    assert day2["days"][0]["nutrients"]["sodium"]["status"] == "below"


def test_partial_coverage_is_flagged_not_a_plain_deficit(client, user, api_app):
    catalog = api_app.app.state.catalog
    unknown = next(f for f in catalog.foods.values() if f.nutrients["magnesium"] is None)
    _log(
        client,
        user,
        "2025-03-01T12:00:00+01:00",
        {"food_id": unknown.id, "grams": 400},
        {"food_id": "sr28:09040", "grams": 100},
    )
    day = client.get(f"{user}/intake", params={"from": "2025-03-01", "to": "2025-03-01"}).json()[
        "days"
    ][0]
    mg = day["nutrients"]["magnesium"]
    assert mg["coverage"] == {"items_known": 1, "items": 2, "grams_share": pytest.approx(0.2)}
    assert mg["partial"] is True and mg["note"]


def test_window_validation(client, user):
    r = client.get(f"{user}/intake", params={"from": "2025-03-05", "to": "2025-03-01"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "to"
    r = client.get(f"{user}/intake", params={"from": "2020-01-01", "to": "2025-03-01"})
    assert r.status_code == 422
    r = client.get(f"{user}/intake", params={"from": "not-a-date"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "from"


def test_default_window_is_last_seven_days(client, user):
    body = client.get(f"{user}/intake").json()
    assert len(body["days"]) == 7

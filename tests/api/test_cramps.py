"""The cramp diary and insights through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.helpers import create_user, fields_of

WHITE_BREAD = "sr28:18069"
SPINACH_COOKED = "sr28:11458"


def _episode(**fields):
    return {
        "started_at": "2025-06-01T02:30:00+02:00",
        "duration_minutes": 2,
        "severity": 4,
        "leg": "left",
        **fields,
    }


def test_log_and_list_episodes_newest_first(client):
    create_user(client, "d", age=50, timezone="Europe/Paris")
    for day in (1, 3, 2):
        r = client.post(
            "/v1/users/d/cramps", json=_episode(started_at=f"2025-06-0{day}T03:00:00+02:00")
        )
        assert r.status_code == 201
        assert r.json()["disclaimer"]
        assert {a["kind"] for a in r.json()["advice"]} <= {"urgent", "safety", "evidence", "tip"}
    items = client.get("/v1/users/d/cramps").json()["items"]
    assert [i["started_at"][:10] for i in items] == ["2025-06-03", "2025-06-02", "2025-06-01"]


def test_frequent_or_sleep_disrupting_cramps_say_see_a_gp(client):
    create_user(client, "f", age=50)
    now = dt.datetime.now(dt.UTC)
    codes = set()
    for i in range(3):
        when = (now - dt.timedelta(days=i, hours=2)).isoformat()
        codes = {
            a["code"]
            for a in client.post("/v1/users/f/cramps", json=_episode(started_at=when)).json()[
                "advice"
            ]
        }
    assert "see_gp" in codes
    create_user(client, "g", age=50)
    r = client.post("/v1/users/g/cramps", json=_episode(symptoms=["sleep_disrupted"]))
    assert "see_gp" in {a["code"] for a in r.json()["advice"]}
    r = client.post("/v1/users/g/cramps", json=_episode(started_at="2024-01-01T02:00:00Z"))
    assert "urgent" not in {a["kind"] for a in r.json()["advice"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"severity": 11}, "severity"),
        ({"severity": 0}, "severity"),
        ({"leg": "arm"}, "leg"),
        ({"symptoms": ["hiccups"]}, "symptoms.0"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"started_at": "2025-06-01T02:30:00"}, "started_at"),
    ],
)
def test_invalid_episodes_are_422(client, change, field):
    create_user(client, "v", age=50)
    r = client.post("/v1/users/v/cramps", json=_episode(**change))
    assert r.status_code == 422 and field in fields_of(r)


def test_episode_retry_with_idempotency_key(client):
    create_user(client, "r", age=50)
    headers = {"Idempotency-Key": "night-1"}
    first = client.post("/v1/users/r/cramps", json=_episode(), headers=headers)
    again = client.post("/v1/users/r/cramps", json=_episode(), headers=headers)
    assert first.json() == again.json()
    assert len(client.get("/v1/users/r/cramps").json()["items"]) == 1


def test_insights_count_cramp_nights_after_low_magnesium_days(client):
    create_user(client, "ins", age=40, timezone="UTC")
    today = dt.datetime.now(dt.UTC).date()
    low_days = [today - dt.timedelta(days=n) for n in (10, 8, 6)]
    high_days = [today - dt.timedelta(days=n) for n in (9, 7)]
    meals = []
    for day in low_days:
        meals.append(
            {
                "eaten_at": f"{day}T12:00:00Z",
                "meal": "lunch",
                "items": [{"food_id": WHITE_BREAD, "grams": 100}],
            }
        )
    for day in high_days:
        meals.append(
            {
                "eaten_at": f"{day}T12:00:00Z",
                "meal": "lunch",
                "items": [{"food_id": SPINACH_COOKED, "grams": 500}],
            }
        )
    assert client.post("/v1/users/ins/meals/batch", json={"meals": meals}).status_code == 201
    for day in low_days[:2]:  # cramps in the nights after two of the three low days
        night = day + dt.timedelta(days=1)
        client.post("/v1/users/ins/cramps", json=_episode(started_at=f"{night}T03:00:00Z"))
    body = client.get("/v1/users/ins/insights").json()
    assert body["cramp_nights"] == 2 and body["disclaimer"] and body["caveat"]
    mg = next(i for i in body["insights"] if i["nutrient"] == "magnesium")
    assert (mg["cramp_nights"], mg["nights_with_data"], mg["nights_below"]) == (2, 2, 2)
    assert (mg["other_days_with_data"], mg["other_days_below"]) == (3, 1)
    assert "2 of your 2" in mg["statement"]

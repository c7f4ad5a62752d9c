"""Quick end-to-end pass over suggestions, cramps and insights (scenarios live elsewhere)."""

from tests.api.helpers import create_user


def test_suggestions_without_logs_use_targets(client):
    create_user(client, "s", age=35)
    body = client.get("/v1/users/s/suggestions", params={"plan": "true"}).json()
    assert body["basis"] == "targets" and body["message"]
    assert body["suggestions"] and body["disclaimer"]
    assert body["plan"] is not None


def test_cramp_diary_and_insights(client):
    create_user(client, "c", age=60)
    r = client.post(
        "/v1/users/c/cramps",
        json={
            "started_at": "2025-03-05T03:00:00+01:00",
            "duration_minutes": 5,
            "severity": 7,
            "leg": "left",
            "symptoms": ["swelling"],
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["advice"][0]["kind"] == "urgent"
    assert len(client.get("/v1/users/c/cramps").json()["items"]) == 1
    body = client.get("/v1/users/c/insights").json()
    assert body["disclaimer"]

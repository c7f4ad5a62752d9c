"""Suggestions for real people through HTTP: every condition and medication, own foods,
stability, and the profile errors that name their fields."""

from __future__ import annotations

import datetime as dt

import pytest

from nutrition.person.profile import CONDITIONS, MEDICATIONS
from tests.api.helpers import create_user, fields_of, make_user

LENTILS = "fndds:41305000"  # "Lentils, from dried, no added fat", FNDDS 2017-2018
LENTIL_SOUP = "fndds:41603010"  # 187 mg sodium per 100 g: 467 mg in 250 g
WHITE_BREAD = "sr28:18069"
WHITE_RICE = "sr28:20345"
CHICKEN_BREAST = "sr28:05064"
SALT_SENSITIVE = {"hypertension", "heart_failure", "chronic_kidney_disease", "liver_disease"}
POTASSIUM_KEEPERS = {"potassium_sparing_diuretic", "ace_inhibitor", "arb"}
# An under-logged day: one small meal, so logged sodium is far under the AI.
ONE_MEAL = [{"food_id": WHITE_RICE, "grams": 150}, {"food_id": CHICKEN_BREAST, "grams": 60}]


def _log(client, user_id, items, *, days, meals=("lunch",)):
    noon = dt.datetime.now(dt.UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    batch = [
        {
            "eaten_at": (noon - dt.timedelta(days=d, hours=i)).isoformat(),
            "meal": meal,
            "items": items,
        }
        for d in range(1, days + 1)
        for i, meal in enumerate(meals)
    ]
    r = client.post(f"/v1/users/{user_id}/meals/batch", json={"meals": batch})
    assert r.status_code == 201, r.text


def _suggest(client, user_id, **params):
    r = client.get(f"/v1/users/{user_id}/suggestions", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _items(body):
    yield from ((s["adds"]["sodium"], s["adds"]["potassium"]) for s in body["suggestions"])
    if body["plan"]:
        for item in body["plan"]["items"]:
            yield item.get("sodium"), item.get("potassium")


@pytest.mark.parametrize("condition", CONDITIONS)
def test_each_condition(client, condition):
    create_user(client, "p", age=72, sex="male", conditions=[condition])
    _log(client, "p", ONE_MEAL, days=1)
    body = _suggest(client, "p", plan="true")
    codes = {a["code"] for a in body["advice"]}
    assert body["suggestions"]
    for s in body["suggestions"]:
        assert s["adds"]["sodium"] is not None
        assert s["adds"]["sodium"] <= 460
        if condition in SALT_SENSITIVE:
            assert s["adds"]["sodium"] <= 140, s
        assert "sodium" not in s["closes"]
    assert ("sodium_caution" in codes) == (condition in SALT_SENSITIVE)
    if condition == "chronic_kidney_disease":
        assert "potassium_caution" in codes
        assert all(s["adds"]["potassium"] <= 200 for s in body["suggestions"])


@pytest.mark.parametrize("medication", MEDICATIONS)
def test_each_medication(client, medication):
    create_user(client, "m", age=68, sex="female", medications=[medication])
    _log(client, "m", ONE_MEAL, days=1)
    body = _suggest(client, "m")
    for s in body["suggestions"]:
        assert s["adds"]["sodium"] <= 460, s
        assert "sodium" not in s["closes"]
        if medication in POTASSIUM_KEEPERS:
            assert s["adds"]["potassium"] <= 200, s
    for w in body["swaps"]:
        assert w["difference"].get("sodium", 0.0) < 460


def test_own_foods_come_first_in_their_usual_portion(client):
    create_user(client, "own", age=45, sex="female")
    lentils = [{"food_id": LENTILS, "grams": 150}, {"food_id": WHITE_BREAD, "grams": 30}]
    _log(client, "own", lentils, days=6)
    body = _suggest(client, "own")
    first = body["suggestions"][0]
    assert first["own"] is True
    assert first["food"]["id"] == LENTILS
    assert first["portion"]["grams"] == 150
    assert "6 times" in first["reason"]
    assert [s["food"]["id"] for s in body["suggestions"]].count(LENTILS) == 1


def test_an_own_food_too_salty_in_the_usual_portion_is_not_offered(client):
    create_user(client, "salty", age=45, sex="female")
    _log(client, "salty", [{"food_id": LENTIL_SOUP, "grams": 250}], days=6)
    body = _suggest(client, "salty")
    assert LENTIL_SOUP not in {s["food"]["id"] for s in body["suggestions"]}


def test_two_people_with_different_diets_get_different_lists(client):
    create_user(client, "a", age=30, sex="female")
    create_user(client, "b", age=30, sex="female")
    _log(client, "a", [{"food_id": LENTILS, "grams": 150}], days=5)
    _log(client, "b", [{"food_id": CHICKEN_BREAST, "grams": 120}], days=5)
    a = {s["food"]["id"] for s in _suggest(client, "a")["suggestions"]}
    b = {s["food"]["id"] for s in _suggest(client, "b")["suggestions"]}
    assert len(a & b) / len(a | b) < 0.5


def test_the_same_request_gives_the_same_answer(client):
    create_user(client, "s", age=60, sex="male", conditions=["hypertension"])
    _log(client, "s", ONE_MEAL, days=3)
    first = _suggest(client, "s", plan="true")
    assert _suggest(client, "s", plan="true") == first


def test_budgets_above_the_plan_do_not_change_it(client):
    create_user(client, "k", age=50, sex="female")
    _log(client, "k", ONE_MEAL, days=3)
    plans = [_suggest(client, "k", plan="true", max_kcal=k)["plan"] for k in (4999, 4998, 3000)]
    assert plans[0] == plans[1] == plans[2]


def test_unknown_condition_is_a_422_listing_the_allowed_values(client):
    r = client.put("/v1/users/x", json=make_user(conditions=["gout"]))
    assert r.status_code == 422
    assert any(f.startswith("conditions") for f in fields_of(r))
    assert "hypertension" in r.text


def test_contradictory_flags_name_both_fields(client):
    r = client.put("/v1/users/x", json=make_user(sex="male", pregnant=True))
    assert r.status_code == 422
    assert {"sex", "pregnant"} <= fields_of(r)

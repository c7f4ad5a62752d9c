"""Recipes through HTTP, on every backend: Grandma's lentil soup from create to intake,
coverage, nesting, loops, edits, deletes, bad input and isolation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import create_user, fields_of, make_meal
from tests.conftest import new_api_client

CRAMP = ("energy_kcal", "potassium", "magnesium", "calcium", "sodium", "thiamin")
#: Five USDA SR28 ingredients, by grams and by household unit.
SOUP_INGREDIENTS = [
    {"food_id": "sr28:16069", "grams": 250},  # Lentils, raw
    {"food_id": "sr28:11282", "quantity": 1, "unit": "medium"},  # Onions, raw
    {"food_id": "sr28:11124", "grams": 150},  # Carrots, raw
    {"food_id": "sr28:11531", "quantity": 1, "unit": "cup"},  # Tomatoes, canned
    {"food_id": "sr28:14411", "quantity": 1.5, "unit": "l"},  # Water, tap
]


def soup_body(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "description": "Grandma's lentil soup",
        "ingredients": SOUP_INGREDIENTS,
        "servings": 6,
        "yield_grams": 1800,
    }
    body.update(fields)
    return body


def create_recipe(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/v1/recipes", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def expected_totals(client: Any, recipe: dict[str, Any]) -> dict[str, float]:
    """The sum over the recipe's ingredients of each nutrient, from the foods' own values."""
    totals = dict.fromkeys(CRAMP, 0.0)
    for ingredient in recipe["recipe"]["ingredients"]:
        food = client.get(f"/v1/foods/{ingredient['food_id']}").json()
        for key in CRAMP:
            value = food["nutrients"][key]
            totals[key] += (value or 0.0) * ingredient["grams"] / 100
    return totals


def test_grandmas_lentil_soup_from_recipe_to_intake(client, api_app):
    """Done when: 5 ingredients, 6 servings, one serving logged; the intake shows the right
    numbers with coverage; another client cannot see the soup."""
    soup = create_recipe(client, soup_body())
    assert soup["id"].startswith("recipe:") and soup["source"] == "recipe"
    detail = soup["recipe"]
    assert [i["food_id"] for i in detail["ingredients"]] == [i["food_id"] for i in SOUP_INGREDIENTS]
    onion = detail["ingredients"][1]
    assert onion["quantity"] == 1 and onion["unit"] == "medium" and onion["grams"] > 50
    water = detail["ingredients"][4]
    assert water["grams"] == pytest.approx(1500, rel=0.02)  # 1.5 l through its cup weight
    assert all(i["missing"] == [] or "riboflavin" in i["missing"] for i in detail["ingredients"])
    totals = expected_totals(client, soup)
    assert detail["yield_grams"] == 1800 and detail["servings"] == 6
    for key in CRAMP:
        assert soup["nutrients"][key] == pytest.approx(
            totals[key] / 1800 * 100, rel=1e-6, abs=0.051
        )
        assert soup["coverage"][key] == 1.0
    serving = next(p for p in soup["portions"] if p["description"] == "1 serving")
    assert serving["grams"] == pytest.approx(300)
    whole = next(p for p in soup["portions"] if p["description"] == "1 whole recipe")
    assert whole["grams"] == 1800

    user = create_user(client)["user_id"]
    meal = make_meal(
        eaten_at="2025-03-10T19:00:00+00:00",
        meal="dinner",
        items=[{"food_id": soup["id"], "quantity": 1, "unit": "serving"}],
    )
    r = client.post(f"/v1/users/{user}/meals", json=meal)
    assert r.status_code == 201, r.text
    item = r.json()["items"][0]
    assert item["grams"] == pytest.approx(300)
    assert item["description"] == "Grandma's lentil soup"

    intake = client.get(
        f"/v1/users/{user}/intake", params={"from": "2025-03-10", "to": "2025-03-10"}
    ).json()
    day = intake["days"][0]
    assert day["logged"] and day["items"] == 1
    assert day["energy_kcal"] == pytest.approx(totals["energy_kcal"] / 6, abs=0.05)
    for key in ("potassium", "magnesium", "calcium", "sodium", "thiamin"):
        status = day["nutrients"][key]
        assert status["amount"] == pytest.approx(totals[key] / 6, abs=0.051)
        assert status["coverage"] == {"items_known": 1, "items": 1, "grams_share": 1.0}

    other = new_api_client(api_app)
    assert other.get(f"/v1/foods/{soup['id']}").status_code == 404
    assert other.get(f"/v1/recipes/{soup['id']}").status_code == 404
    assert other.patch(f"/v1/recipes/{soup['id']}", json={"servings": 2}).status_code == 404
    assert other.delete(f"/v1/recipes/{soup['id']}").status_code == 404
    found = other.get("/v1/foods", params={"q": "grandma lentil soup"}).json()
    assert soup["id"] not in {i["id"] for i in found["items"]}
    mine = client.get("/v1/foods", params={"q": "grandma lentil soup"}).json()
    assert mine["items"][0]["id"] == soup["id"]
    other_user = create_user(other)["user_id"]
    refused = other.post(
        f"/v1/users/{other_user}/meals",
        json=make_meal(items=[{"food_id": soup["id"], "grams": 300}]),
    )
    assert refused.status_code == 404 and fields_of(refused) == {"items.0.food_id"}


def test_an_ingredient_without_a_value_lowers_coverage(client):
    stock = client.post(
        "/v1/foods",
        json={"description": "Homemade vegetable stock", "nutrients": {"sodium": 300}},
    ).json()
    body = soup_body(
        ingredients=[
            {"food_id": "sr28:16069", "grams": 250},
            {"food_id": stock["id"], "grams": 750},
        ],
        yield_grams=None,
        servings=4,
    )
    soup = create_recipe(client, body)
    lentils, broth = soup["recipe"]["ingredients"]
    assert "magnesium" in broth["missing"] and "sodium" not in broth["missing"]
    assert "magnesium" not in lentils["missing"]
    assert soup["coverage"]["magnesium"] == pytest.approx(0.25)
    assert soup["coverage"]["sodium"] == 1.0
    # Known for a quarter of the weight: the value is a lower bound, not zero.
    assert soup["nutrients"]["magnesium"] == pytest.approx(47 * 2.5 / 1000 * 100, abs=0.051)
    user = create_user(client)["user_id"]
    meal = client.post(
        f"/v1/users/{user}/meals",
        json=make_meal(
            eaten_at="2025-03-11T12:00:00+00:00",
            items=[
                {"food_id": soup["id"], "grams": 400},
                {"food_id": "sr28:09040", "grams": 100},
            ],
        ),
    ).json()
    assert meal["items"][0]["coverage"]["magnesium"] == pytest.approx(0.25)
    assert meal["coverage"]["magnesium"] == pytest.approx((100 + 100) / 500)
    day = client.get(
        f"/v1/users/{user}/intake", params={"from": "2025-03-11", "to": "2025-03-11"}
    ).json()["days"][0]
    assert day["nutrients"]["magnesium"]["coverage"]["grams_share"] == pytest.approx(0.4)
    assert day["nutrients"]["magnesium"]["partial"] is True
    assert day["nutrients"]["sodium"]["coverage"]["grams_share"] == 1.0


def test_nested_recipes_and_loops(client):
    base = create_recipe(
        client,
        {
            "description": "Tomato base",
            "servings": 4,
            "ingredients": [{"food_id": "sr28:11531", "grams": 800}],
        },
    )
    pasta = create_recipe(
        client,
        {
            "description": "Lentil pasta sauce",
            "servings": 4,
            "ingredients": [
                {"food_id": base["id"], "quantity": 2, "unit": "serving"},
                {"food_id": "sr28:16069", "grams": 100},
            ],
        },
    )
    sauce_base = pasta["recipe"]["ingredients"][0]
    assert sauce_base["grams"] == 400 and sauce_base["description"] == "Tomato base"
    assert pasta["nutrients"]["potassium"] == pytest.approx((191 * 4 + 677) / 500 * 100, abs=0.051)
    loop = client.patch(
        f"/v1/recipes/{base['id']}",
        json={"ingredients": [{"food_id": pasta["id"], "grams": 100}]},
    )
    assert loop.status_code == 422 and fields_of(loop) == {"ingredients"}
    assert base["id"] in loop.json()["detail"] and pasta["id"] in loop.json()["detail"]
    itself = client.patch(
        f"/v1/recipes/{base['id']}",
        json={"ingredients": [{"food_id": base["id"], "grams": 100}]},
    )
    assert itself.status_code == 422
    assert client.get(f"/v1/recipes/{base['id']}").json()["recipe"]["ingredients"][0][
        "food_id"
    ] == ("sr28:11531")
    # The base is in use: it cannot go while the sauce needs it.
    assert client.delete(f"/v1/recipes/{base['id']}").status_code == 409
    # A change to the base reaches the sauce that uses it.
    client.patch(f"/v1/recipes/{base['id']}", json={"servings": 8})
    again = client.get(f"/v1/foods/{pasta['id']}").json()
    assert again["recipe"]["ingredients"][0]["grams"] == 400  # grams were fixed when written


def test_editing_a_recipe_changes_future_meals_not_past_ones(client):
    soup = create_recipe(client, soup_body())
    user = create_user(client)["user_id"]
    meals = f"/v1/users/{user}/meals"
    item = [{"food_id": soup["id"], "quantity": 1, "unit": "serving"}]
    before = client.post(meals, json=make_meal(items=item)).json()
    r = client.patch(f"/v1/recipes/{soup['id']}", json={"servings": 3, "yield_grams": None})
    assert r.status_code == 200, r.text
    changed = r.json()
    assert changed["recipe"]["servings"] == 3
    assert changed["recipe"]["yield_grams"] == changed["recipe"]["ingredient_grams"]
    after = client.post(meals, json=make_meal(items=item)).json()
    assert after["items"][0]["grams"] == pytest.approx(
        changed["recipe"]["yield_grams"] / 3, abs=0.051
    )
    assert after["items"][0]["nutrients"]["potassium"] == pytest.approx(
        2 * before["items"][0]["nutrients"]["potassium"],
        abs=0.11,  # twice a rounded amount
    )
    past = client.get(f"{meals}/{before['id']}").json()
    assert past["items"] == before["items"]


def test_deleting_a_recipe_keeps_meals(client):
    soup = create_recipe(client, soup_body())
    user = create_user(client)["user_id"]
    meals = f"/v1/users/{user}/meals"
    meal = client.post(meals, json=make_meal(items=[{"food_id": soup["id"], "grams": 300}]))
    assert client.delete(f"/v1/recipes/{soup['id']}").status_code == 204
    assert client.get(f"/v1/foods/{soup['id']}").status_code == 404
    assert client.get(f"{meals}/{meal.json()['id']}").json()["items"] == meal.json()["items"]
    gone = client.post(meals, json=make_meal(items=[{"food_id": soup["id"], "grams": 300}]))
    assert gone.status_code == 404


def test_recipe_ids_work_with_or_without_prefix_and_through_foods(client):
    soup = create_recipe(client, soup_body())
    code = soup["id"].split(":", 1)[1]
    assert client.get(f"/v1/recipes/{code}").json()["id"] == soup["id"]
    assert client.get(f"/v1/foods/{soup['id']}").json()["recipe"] == soup["recipe"]
    assert client.delete(f"/v1/foods/{soup['id']}").status_code == 204
    assert client.get(f"/v1/recipes/{soup['id']}").status_code == 404


def test_idempotent_recipe_create(client):
    headers = {"Idempotency-Key": "soup-1"}
    first = client.post("/v1/recipes", json=soup_body(), headers=headers)
    second = client.post("/v1/recipes", json=soup_body(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert first.headers["location"] == f"/v1/recipes/{first.json()['id']}"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"ingredients": []}, "ingredients"),
        ({"ingredients": [{"food_id": "sr28:16069", "grams": 1}] * 101}, "ingredients"),
        (
            {"ingredients": [*SOUP_INGREDIENTS[:2], {"food_id": "sr28:00000", "grams": 5}]},
            "ingredients.2.food_id",
        ),
        ({"ingredients": [{"food_id": "sr28:16069", "grams": 0}]}, "ingredients.0.grams"),
        (
            {"ingredients": [{"food_id": "sr28:16069", "quantity": 2, "unit": "bucket"}]},
            "ingredients.0.unit",
        ),
        ({"ingredients": [{"food_id": "sr28:16069"}]}, "ingredients.0"),
        ({"servings": 0}, "servings"),
        ({"yield_grams": 0}, "yield_grams"),
        # 250 g of dry lentils and the rest cannot cook down to 100 g.
        ({"yield_grams": 100}, "yield_grams"),
        ({"portions": [{"description": "1 bowl", "grams": -3}]}, "portions.0.grams"),
    ],
)
def test_bad_recipes_are_422_naming_the_field(client, change, field):
    r = client.post("/v1/recipes", json=soup_body(**change))
    assert r.status_code == 422, r.text
    assert field in fields_of(r)


def test_a_recipe_may_give_household_portions(client):
    soup = create_recipe(client, soup_body(portions=[{"description": "1 bowl", "grams": 350}]))
    user = create_user(client)["user_id"]
    meal = client.post(
        f"/v1/users/{user}/meals",
        json=make_meal(items=[{"food_id": soup["id"], "quantity": 1, "unit": "bowl"}]),
    )
    assert meal.json()["items"][0]["grams"] == 350


def test_replacing_ingredients(client):
    soup = create_recipe(client, soup_body())
    r = client.patch(
        f"/v1/recipes/{soup['id']}",
        json={
            "ingredients": [
                {"food_id": "sr28:16069", "grams": 300},
                {"food_id": "sr28:14411", "grams": 1200},
            ],
            "yield_grams": 1400,
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert [i["food_id"] for i in body["recipe"]["ingredients"]] == ["sr28:16069", "sr28:14411"]
    assert body["nutrients"]["potassium"] == pytest.approx(677 * 3 / 1400 * 100, abs=0.051)
    again = client.get(f"/v1/recipes/{soup['id']}").json()
    assert again["recipe"] == body["recipe"] and again["nutrients"] == body["nutrients"]


def test_a_changed_ingredient_never_breaks_reading_a_recipe(client):
    stock = client.post(
        "/v1/foods",
        json={"description": "Thin broth", "nutrients": {"water": 99, "sodium": 200}},
    ).json()
    glaze = create_recipe(
        client,
        {
            "description": "Broth glaze",
            "servings": 1,
            "yield_grams": 10,  # boiled down: 5 g of solids in 500 g of broth
            "ingredients": [{"food_id": stock["id"], "grams": 500}],
        },
    )
    assert glaze["nutrients"]["sodium"] == pytest.approx(10000, abs=0.051)
    # Now the broth is said to be half solids: the glaze could not weigh 10 g any more.
    client.patch(f"/v1/foods/{stock['id']}", json={"nutrients": {"water": 50}})
    again = client.get(f"/v1/recipes/{glaze['id']}")
    assert again.status_code == 200, again.text
    assert again.json()["nutrients"]["water"] == 0  # never below zero
    user = create_user(client)["user_id"]
    meal = client.post(
        f"/v1/users/{user}/meals", json=make_meal(items=[{"food_id": glaze["id"], "grams": 5}])
    )
    assert meal.status_code == 201, meal.text
    assert client.get(f"/v1/users/{user}/suggestions").status_code == 200


def test_meal_text_names_the_clients_own_recipe_first(client, api_app):
    """Parse and text meals read "grandma's lentil soup" as the client's recipe, in its own
    servings, with the catalog's lentil soup among the alternatives; another client's text
    reads the catalog only."""
    soup = create_recipe(client, soup_body())
    r = client.post("/v1/foods/parse", json={"text": "2 servings of grandma's lentil soup"})
    assert r.status_code == 200, r.text
    (item,) = r.json()["items"]
    assert item["food"]["id"] == soup["id"] and item["grams"] == pytest.approx(600)
    assert any(a["food"]["id"].startswith(("sr28:", "fndds:")) for a in item["alternatives"])
    theirs = new_api_client(api_app).post(
        "/v1/foods/parse", json={"text": "2 servings of grandma's lentil soup"}
    )
    assert soup["id"] not in theirs.text
    user = create_user(client)["user_id"]
    meal = client.post(
        f"/v1/users/{user}/meals",
        json={
            "eaten_at": "2025-03-10T19:00:00+01:00",
            "meal": "dinner",
            "text": "a serving of grandma's lentil soup and a banana",
        },
    )
    assert meal.status_code == 201, meal.text
    soup_item, banana = meal.json()["items"]
    assert soup_item["food_id"] == soup["id"] and soup_item["grams"] == pytest.approx(300)
    assert soup_item["nutrients"]["potassium"] == pytest.approx(
        soup["nutrients"]["potassium"] * 3,
        abs=0.2,  # per 100 g is shown to 0.1
    )
    assert "banana" in banana["description"].lower()

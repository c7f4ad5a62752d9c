"""Custom foods through HTTP, on every backend: create, read, change, delete, and who sees
them (only the client that made them, on every route)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.conditional import etag_of
from api.services.client_foods import OwnIndexes
from api.settings import Settings
from tests.api.helpers import create_user, fields_of, make_meal
from tests.api.off_stub import make_gtin
from tests.conftest import CATALOG_CACHE, ApiClient, new_api_client


def make_custom(**fields: Any) -> dict[str, Any]:
    """A POST /v1/foods body: a cereal bar with some values unknown."""
    body: dict[str, Any] = {
        "description": "Apricot oat bar",
        "brand": "Hillside Bakery",
        "nutrients": {
            "energy_kcal": 410,
            "potassium": 520,
            "calcium": 60,
            "sodium": 180,
            "protein": 8.5,
            "fat": 14,
            "carbohydrate": 62,
        },
        "portions": [{"description": "1 bar", "grams": 40}],
    }
    body.update(fields)
    return body


def create_custom(client: Any, **fields: Any) -> dict[str, Any]:
    r = client.post("/v1/foods", json=make_custom(**fields))
    assert r.status_code == 201, r.text
    return r.json()


def test_create_answers_201_with_id_and_location(client):
    r = client.post("/v1/foods", json=make_custom())
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id"].startswith("custom:") and len(body["id"]) <= 24
    assert r.headers["location"] == f"/v1/foods/{body['id']}"
    assert body["source"] == "custom" and body["brand"] == "Hillside Bakery"
    assert body["nutrients"]["potassium"] == 520
    # Omitted: unknown, never zero, and its coverage says so.
    assert body["nutrients"]["magnesium"] is None and body["nutrients"]["thiamin"] is None
    assert body["coverage"]["magnesium"] == 0 and body["coverage"]["potassium"] == 1
    bar = next(p for p in body["portions"] if p["description"] == "1 bar")
    assert bar["grams"] == 40 and bar["nutrients"]["potassium"] == pytest.approx(208, abs=0.051)
    assert bar["nutrients"]["magnesium"] is None
    assert body["provenance"]["source"] == "client"
    again = client.get(r.headers["location"])
    assert again.status_code == 200 and again.json() == body


def test_allergens_are_declared_or_read_from_the_name(client):
    body = create_custom(client, description="Peanut butter cookie", allergens=["milk"])
    assert set(body["allergens"]) >= {"peanuts", "milk"}


def test_idempotent_create_replays_the_first_answer(client):
    headers = {"Idempotency-Key": "bar-1"}
    first = client.post("/v1/foods", json=make_custom(), headers=headers)
    second = client.post("/v1/foods", json=make_custom(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    other = client.post("/v1/foods", json=make_custom(description="Other"), headers=headers)
    assert other.status_code == 422  # the key reused with another body (IETF draft)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"nutrients": {"potassium": -1}}, "nutrients.potassium"),
        ({"nutrients": {"sodium": 40_001}}, "nutrients.sodium"),
        ({"nutrients": {"calcium": 1e9}}, "nutrients.calcium"),
        ({"nutrients": {"protein": 100.5}}, "nutrients.protein"),
        ({"nutrients": {"carbohydrate": 250}}, "nutrients.carbohydrate"),
        ({"nutrients": {"energy_kcal": 1000}}, "nutrients.energy_kcal"),
        ({"nutrients": {"zinc": 3}}, "nutrients.zinc"),
        ({"nutrients": {"sodium": "lots"}}, "nutrients.sodium"),
        ({"portions": [{"description": "1 bar", "grams": 0}]}, "portions.0.grams"),
        ({"portions": [{"description": "1 bar", "grams": 40}] * 2}, "portions"),
        ({"allergens": ["gluten"]}, "allergens.0"),
        ({"barcode": "3017620422004"}, "barcode"),
        ({"barcode": "12345"}, "barcode"),
        ({"color": "red"}, "color"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, change, field):
    r = client.post("/v1/foods", json=make_custom(**change))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert field in fields_of(r)


def test_implausible_values_say_why(client):
    r = client.post("/v1/foods", json=make_custom(nutrients={"magnesium": 50_000}))
    reason = r.json()["errors"][0]["reason"]
    assert "40,000 mg" in reason


def test_a_bad_barcode_says_which_check_failed(client):
    r = client.post("/v1/foods", json=make_custom(barcode="3017620422004"))
    assert "check digit" in r.json()["errors"][0]["reason"]


def test_a_barcode_is_unique_within_the_client_only(client, api_app):
    code = make_gtin()
    first = create_custom(client, barcode=code)
    assert first["barcode"] == code
    again = client.post("/v1/foods", json=make_custom(barcode=code))
    assert again.status_code == 422 and fields_of(again) == {"barcode"}
    assert first["id"] in again.json()["errors"][0]["reason"]
    # The same product written as GTIN-14 is the same barcode.
    padded = client.post("/v1/foods", json=make_custom(barcode="0" + code))
    assert padded.status_code == 422
    other = new_api_client(api_app)
    assert other.post("/v1/foods", json=make_custom(barcode=code)).status_code == 201


def test_patch_changes_only_what_is_sent(client):
    food = create_custom(client)
    r = client.patch(
        f"/v1/foods/{food['id']}",
        json={"nutrients": {"magnesium": 95, "sodium": None}, "brand": None},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["nutrients"]["magnesium"] == 95
    assert body["nutrients"]["sodium"] is None  # now unknown
    assert body["nutrients"]["potassium"] == 520  # untouched
    assert body["brand"] is None and body["description"] == "Apricot oat bar"
    assert body["updated_at"] > food["updated_at"]
    assert client.get(f"/v1/foods/{food['id']}").json() == body


def test_patch_validates_like_create(client):
    food = create_custom(client)
    r = client.patch(f"/v1/foods/{food['id']}", json={"nutrients": {"fat": 101}})
    assert r.status_code == 422 and fields_of(r) == {"nutrients.fat"}
    r = client.patch(f"/v1/foods/{food['id']}", json={"barcode": "1"})
    assert r.status_code == 422 and fields_of(r) == {"barcode"}


def test_meals_use_custom_foods_and_keep_their_amounts(client):
    user = create_user(client)["user_id"]
    food = create_custom(client)
    meals = f"/v1/users/{user}/meals"
    r = client.post(
        meals, json=make_meal(items=[{"food_id": food["id"], "quantity": 2, "unit": "bar"}])
    )
    assert r.status_code == 201, r.text
    item = r.json()["items"][0]
    assert item["grams"] == 80 and item["description"] == "Apricot oat bar"
    assert item["nutrients"]["potassium"] == pytest.approx(416, abs=0.051)
    assert item["nutrients"]["magnesium"] is None
    assert r.json()["coverage"]["magnesium"] == 0 and r.json()["coverage"]["potassium"] == 1
    # A change to the food reaches later meals only.
    client.patch(f"/v1/foods/{food['id']}", json={"nutrients": {"potassium": 100}})
    later = client.post(meals, json=make_meal(items=[{"food_id": food["id"], "grams": 80}]))
    assert later.json()["items"][0]["nutrients"]["potassium"] == pytest.approx(80, abs=0.051)
    past = client.get(f"{meals}/{r.json()['id']}").json()
    assert past["items"][0]["nutrients"]["potassium"] == pytest.approx(416, abs=0.051)


def test_deleting_keeps_meals_and_then_answers_404(client):
    user = create_user(client)["user_id"]
    food = create_custom(client)
    meals = f"/v1/users/{user}/meals"
    meal = client.post(meals, json=make_meal(items=[{"food_id": food["id"], "grams": 40}])).json()
    assert client.delete(f"/v1/foods/{food['id']}").status_code == 204
    assert client.get(f"/v1/foods/{food['id']}").status_code == 404
    assert client.delete(f"/v1/foods/{food['id']}").status_code == 404
    kept = client.get(f"{meals}/{meal['id']}").json()
    assert kept["items"] == meal["items"] and kept["nutrients"] == meal["nutrients"]
    r = client.post(meals, json=make_meal(items=[{"food_id": food["id"], "grams": 40}]))
    assert r.status_code == 404 and fields_of(r) == {"items.0.food_id"}
    assert r.json()["code"] == "food-not-found"
    assert "unknown food id" in r.json()["errors"][0]["reason"]
    parsed = client.post("/v1/foods/parse", json={"text": "an apricot oat bar"}).json()
    assert food["id"] not in str(parsed)
    found = client.get("/v1/foods", params={"q": "apricot oat bar", "source": "custom"}).json()
    assert found["items"] == []


def test_search_shows_own_foods_first(client):
    food = create_custom(client, description="Banana walnut loaf")
    r = client.get("/v1/foods", params={"q": "banana walnut"})
    assert r.status_code == 200
    assert r.json()["items"][0]["id"] == food["id"]
    only = client.get("/v1/foods", params={"q": "banana", "source": "custom"}).json()
    assert [i["id"] for i in only["items"]] == [food["id"]] and only["next_cursor"] is None
    usda = client.get("/v1/foods", params={"q": "banana", "source": "sr28"}).json()
    assert food["id"] not in {i["id"] for i in usda["items"]}
    # Paging runs on across own foods and the catalog without gaps or repeats.
    first = client.get("/v1/foods", params={"q": "banana", "limit": 3}).json()
    after = {"q": "banana", "limit": 3, "cursor": first["next_cursor"]}
    second = client.get("/v1/foods", params=after).json()
    both = client.get("/v1/foods", params={"q": "banana", "limit": 6}).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in both["items"]]
    assert first["items"][0]["id"] == food["id"]


def test_search_sees_a_new_food_at_once(client):
    before = client.get("/v1/foods", params={"q": "zucchini fritter"}).json()
    assert not any(i["id"].startswith("custom:") for i in before["items"])
    food = create_custom(client, description="Zucchini fritter")
    found = client.get("/v1/foods", params={"q": "zucchini fritter"}).json()
    assert found["items"][0]["id"] == food["id"]
    client.patch(f"/v1/foods/{food['id']}", json={"description": "Courgette fritter"})
    renamed = client.get("/v1/foods", params={"q": "courgette fritter"}).json()
    assert renamed["items"][0]["id"] == food["id"]


def test_another_client_never_sees_a_custom_food(client, api_app):
    """Every route: detail, change, delete, search, barcode, meals, recipes, suggestions."""
    code = make_gtin()
    food = create_custom(client, description="Quokka crunch bar", barcode=code)
    other = new_api_client(api_app)
    path = f"/v1/foods/{food['id']}"
    assert other.get(path).status_code == 404
    assert other.patch(path, json={"description": "mine"}).status_code == 404
    assert other.delete(path).status_code == 404
    assert other.get(f"/v1/recipes/{food['id']}").status_code == 404
    found = other.get("/v1/foods", params={"q": "quokka crunch"}).json()
    assert food["id"] not in {i["id"] for i in found["items"]}
    assert other.get("/v1/foods", params={"q": "quokka", "source": "custom"}).json()["items"] == []
    # Its barcode is not theirs: the lookup goes to Open Food Facts (which knows nothing here).
    assert other.get(f"/v1/foods/barcode/{code}").status_code == 404
    assert client.get(f"/v1/foods/barcode/{code}").json()["id"] == food["id"]
    user = create_user(other)["user_id"]
    meal = other.post(
        f"/v1/users/{user}/meals", json=make_meal(items=[{"food_id": food["id"], "grams": 40}])
    )
    assert meal.status_code == 404 and fields_of(meal) == {"items.0.food_id"}
    batch = other.post(
        f"/v1/users/{user}/meals/batch",
        json={"meals": [make_meal(items=[{"food_id": food["id"], "grams": 40}])]},
    )
    assert batch.status_code == 404 and fields_of(batch) == {"meals.0.items.0.food_id"}
    own_meal = other.post(f"/v1/users/{user}/meals", json=make_meal()).json()
    patched = other.patch(
        f"/v1/users/{user}/meals/{own_meal['id']}",
        json={"items": [{"food_id": food["id"], "grams": 40}]},
    )
    assert patched.status_code == 404 and fields_of(patched) == {"items.0.food_id"}
    recipe = other.post(
        "/v1/recipes",
        json={
            "description": "x",
            "servings": 1,
            "ingredients": [{"food_id": food["id"], "grams": 9}],
        },
    )
    assert recipe.status_code == 422 and fields_of(recipe) == {"ingredients.0.food_id"}
    suggestions = other.get(f"/v1/users/{user}/suggestions").json()
    assert food["id"] not in str(suggestions)
    # Still there, unchanged, for its own client.
    assert client.get(path).json()["description"] == "Quokka crunch bar"


def test_own_custom_food_comes_back_as_an_own_suggestion(client):
    user = create_user(client, age=40)["user_id"]
    food = create_custom(
        client,
        description="Homemade bean and spinach patty",
        nutrients={
            "energy_kcal": 150,
            "potassium": 600,
            "magnesium": 80,
            "calcium": 150,
            "sodium": 60,
            "thiamin": 0.2,
        },
        portions=[{"description": "1 patty", "grams": 120}],
    )
    meals = f"/v1/users/{user}/meals"
    from datetime import UTC, datetime, timedelta

    for days in (1, 2, 3):
        when = (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()
        item = {"food_id": food["id"], "quantity": 1, "unit": "patty"}
        r = client.post(meals, json=make_meal(eaten_at=when, items=[item]))
        assert r.status_code == 201, r.text
    body = client.get(f"/v1/users/{user}/suggestions").json()
    own = [s for s in body["suggestions"] if s["own"]]
    assert food["id"] in {s["food"]["id"] for s in own}, body["suggestions"]
    mine = next(s for s in own if s["food"]["id"] == food["id"])
    assert mine["food"]["description"] == "Homemade bean and spinach patty"
    assert mine["portion"]["grams"] == 120


def test_a_food_used_by_a_recipe_cannot_be_deleted(client):
    food = create_custom(client)
    recipe = client.post(
        "/v1/recipes",
        json={
            "description": "Bar crumble",
            "servings": 2,
            "ingredients": [{"food_id": food["id"], "grams": 80}],
        },
    ).json()
    r = client.delete(f"/v1/foods/{food['id']}")
    assert r.status_code == 409 and recipe["id"] in r.json()["detail"]
    assert client.delete(f"/v1/recipes/{recipe['id']}").status_code == 204
    assert client.delete(f"/v1/foods/{food['id']}").status_code == 204


def test_patching_a_recipe_through_foods_points_to_recipes(client):
    r = client.patch("/v1/foods/recipe:0123456789ab", json={"description": "x"})
    assert r.status_code == 422 and fields_of(r) == {"food_id"}
    assert client.patch("/v1/foods/sr28:09040", json={"description": "x"}).status_code == 404


def test_meal_text_reads_own_custom_foods_in_their_portions(client):
    food = create_custom(client)
    r = client.post("/v1/foods/parse", json={"text": "2 apricot oat bars and a coffee"})
    assert r.status_code == 200, r.text
    bar = r.json()["items"][0]
    assert bar["food"]["id"] == food["id"] and bar["quantity"] == 2
    assert bar["grams"] == pytest.approx(80)
    assert bar["nutrients"]["potassium"] == pytest.approx(416, abs=0.051)
    assert bar["nutrients"]["magnesium"] is None  # unknown stays unknown
    # A word of the text that its name lacks: the catalog's reading stands.
    other = client.post("/v1/foods/parse", json={"text": "apricot jam"}).json()
    assert other["items"][0]["food"]["id"] != food["id"]


@pytest.fixture
def own_clock(api_app):
    """The worker's own-food stamps on a clock the test moves (5 s, as deployed)."""
    now = [0.0]
    real = api_app.app.state.own_indexes
    api_app.app.state.own_indexes = OwnIndexes(ttl=5.0, clock=lambda: now[0])
    yield now
    api_app.app.state.own_indexes = real


def test_a_write_through_this_worker_shows_at_once(client, own_clock):
    """Search and meal text served from memory (catalog pages, a known-empty own index)
    see a custom food created a moment later."""
    query = {"q": "quokka crunch bar"}
    before = client.get("/v1/foods", params=query).json()
    parsed = client.post("/v1/foods/parse", json={"text": "a quokka crunch bar"}).json()
    food = create_custom(client, description="Quokka crunch bar")
    assert food["id"] not in str(before) and food["id"] not in str(parsed)
    assert client.get("/v1/foods", params=query).json()["items"][0]["id"] == food["id"]
    again = client.post("/v1/foods/parse", json={"text": "a quokka crunch bar"}).json()
    assert again["items"][0]["food"]["id"] == food["id"]
    client.delete(f"/v1/foods/{food['id']}")
    assert food["id"] not in client.get("/v1/foods", params=query).text


def test_a_write_through_another_worker_shows_within_the_bound(
    client, api_app, database_url, own_clock
):
    query = {"q": "wombat biscuit"}
    assert client.get("/v1/foods", params=query).status_code == 200  # stamp now known here
    settings = Settings(database_url=database_url, cache_dir=CATALOG_CACHE)
    other_app = create_app(settings, catalog=api_app.app.state.catalog)
    with TestClient(other_app) as other_worker:
        food = create_custom(ApiClient(other_worker, client.key), description="Wombat biscuit")
    own_clock[0] += 4.0
    assert food["id"] not in client.get("/v1/foods", params=query).text
    own_clock[0] += 1.1
    assert client.get("/v1/foods", params=query).json()["items"][0]["id"] == food["id"]


def test_usda_food_data_is_public_and_tagged_custom_foods_are_not(client):
    usda = client.get("/v1/foods/sr28:09040")
    assert usda.headers["cache-control"] == "public, max-age=86400"
    again = client.get("/v1/foods/sr28:09040", headers={"If-None-Match": usda.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert usda.headers["etag"] == etag_of(usda.content)
    food = create_custom(client)
    mine = client.get(f"/v1/foods/{food['id']}")
    assert "public" not in mine.headers.get("cache-control", "") and mine.headers["etag"]
    page = client.get("/v1/foods", params={"q": "banana"})
    assert page.headers["etag"] == etag_of(page.content)
    assert "public" not in page.headers.get("cache-control", "")

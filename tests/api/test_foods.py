"""The food endpoints through HTTP, on every backend."""

from __future__ import annotations

import pytest


def test_banana_search_detail_and_portion(client):
    r = client.get("/v1/foods", params={"q": "banana"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["items"][0]["id"] == "sr28:09040"
    assert body["items"][0]["description"] == "Bananas, raw"
    assert body["next_cursor"] is not None
    detail = client.get("/v1/foods/sr28:09040").json()
    assert detail["nutrients"]["potassium"] == 358
    medium = [p for p in detail["portions"] if p["description"].startswith("1 medium")]
    assert medium and medium[0]["grams"] == 118
    assert medium[0]["nutrients"]["potassium"] == round(358 * 1.18, 1)
    assert detail["provenance"]["values"]["potassium"]["data_points"] == 45
    assert detail["provenance"]["values"]["potassium"]["derivation_code"] == "A"


def test_fndds_id_keeps_leading_digits_and_recipe(client):
    detail = client.get("/v1/foods/fndds:63107010").json()
    assert detail["description"] == "Banana, raw"
    assert detail["source"] == "fndds"
    assert detail["code"] == "63107010"
    assert detail["provenance"]["ingredients"] == ["sr28:09040"]


def test_unreported_magnesium_stays_null(client, api_app):
    catalog = api_app.app.state.catalog
    missing = [
        f for f in catalog.foods.values() if f.source == "sr28" and f.nutrients["magnesium"] is None
    ]
    assert 700 <= len(missing) <= 800
    food = missing[0]
    detail = client.get(f"/v1/foods/{food.id}").json()
    assert detail["nutrients"]["magnesium"] is None
    assert all(p["nutrients"]["magnesium"] is None for p in detail["portions"])
    assert "magnesium" not in detail["provenance"]["values"]


def test_unknown_food_is_404_problem(client):
    r = client.get("/v1/foods/sr28:00000")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404


@pytest.mark.parametrize("q", ["", "x" * 101])
def test_empty_or_overlong_query_is_422_naming_q(client, q):
    r = client.get("/v1/foods", params={"q": q})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["field"] == "q"


def test_search_filters_and_paging(client):
    r = client.get("/v1/foods", params={"q": "milk", "source": "fndds", "limit": 5})
    body = r.json()
    assert len(body["items"]) == 5 and all(i["source"] == "fndds" for i in body["items"])
    page2 = client.get(
        "/v1/foods",
        params={"q": "milk", "source": "fndds", "limit": 5, "cursor": body["next_cursor"]},
    ).json()
    assert {i["id"] for i in page2["items"]}.isdisjoint({i["id"] for i in body["items"]})
    assert len(page2["items"]) == 5
    grouped = client.get("/v1/foods", params={"q": "beans", "group": "1600"}).json()
    assert grouped["items"] and all(i["group_code"] == "1600" for i in grouped["items"])


def test_top_sources_of_magnesium(client):
    r = client.get("/v1/foods/top", params={"nutrient": "magnesium", "basis": "100g", "limit": 10})
    items = r.json()["items"]
    assert len(items) == 10
    amounts = [i["amount"] for i in items]
    assert amounts == sorted(amounts, reverse=True)
    per_portion = client.get("/v1/foods/top", params={"nutrient": "magnesium"}).json()["items"]
    assert all(i["portion"] is not None for i in per_portion)


def test_low_sodium_list_ascending_within_group(client):
    r = client.get(
        "/v1/foods/top",
        params={"nutrient": "sodium", "order": "asc", "group": "Vegetables and Vegetable Products"},
    )
    items = r.json()["items"]
    assert items and all(i["group"] == "Vegetables and Vegetable Products" for i in items)
    assert [i["amount"] for i in items] == sorted(i["amount"] for i in items)


def test_top_per_100kcal_is_density(client, api_app):
    items = client.get(
        "/v1/foods/top", params={"nutrient": "potassium", "basis": "100kcal"}
    ).json()["items"]
    catalog = api_app.app.state.catalog
    for item in items[:5]:
        food = catalog.foods[item["id"]]
        assert item["amount"] == pytest.approx(
            food.nutrients["potassium"] / food.nutrients["energy_kcal"] * 100, rel=1e-3
        )


def test_unknown_nutrient_is_422(client):
    r = client.get("/v1/foods/top", params={"nutrient": "iron"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "nutrient"


def test_nutrients_list(client):
    items = {n["key"]: n for n in client.get("/v1/nutrients").json()["items"]}
    for key in ("energy_kcal", "potassium", "magnesium", "calcium", "sodium", "thiamin"):
        assert key in items
    assert items["potassium"]["daily_value"] == 4700
    assert items["magnesium"]["usda_number"] == "304"
    assert items["thiamin"]["unit"] == "mg"


def test_tags_use_default_portion(client):
    detail = client.get("/v1/foods/sr28:09040").json()
    assert detail["tags_basis"].startswith("1 medium")
    assert {"very low sodium"} <= {t["text"] for t in detail["tags"]}


def test_health_counts_foods(api_app):
    r = api_app.get("/health")
    assert r.status_code == 200
    assert r.json()["foods"] == 15872

"""Barcode lookups through HTTP, on every backend, against a scripted Open Food Facts
(``httpx.MockTransport``): checks, products, storage, failures and ``off:`` foods in meals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from api.services.breaker import CircuitBreaker
from api.services.openfoodfacts import OpenFoodFacts
from api.store.models import BarcodeProduct, utcnow
from tests.api.helpers import create_user, fields_of, make_meal
from tests.api.off_stub import (
    StubOff,
    kilojoules_only_label,
    make_gtin,
    no_nutriments_label,
    oat_drink_label,
    per_serving_only_label,
    refused,
    status,
    timeout,
)


@pytest.fixture
def off(api_app) -> Iterator[StubOff]:
    """A scripted Open Food Facts behind the app for one test (no real sleeping)."""
    stub = StubOff()
    state = api_app.app.state
    saved = state.openfoodfacts
    state.openfoodfacts = OpenFoodFacts(
        stub.client(),
        user_agent="crampfood-tests/1.0",
        breaker=CircuitBreaker(threshold=3, cooldown=30),
        sleep=lambda seconds: None,
    )
    yield stub
    state.openfoodfacts = saved


def _expire(api_app, code: str) -> None:
    with Session(api_app.app.state.engine) as session:
        row = session.get(BarcodeProduct, code)
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
        session.commit()


def test_a_product_as_a_food_with_sodium_in_mg(client, off):
    code = make_gtin()
    off.products[code] = oat_drink_label()
    r = client.get(f"/v1/foods/barcode/{code}")
    assert r.status_code == 200, r.text
    food = r.json()
    assert food["id"] == f"off:{code}" and food["source"] == "off"
    assert food["description"] == "Oat drink, calcium enriched" and food["brand"] == "Oatly"
    assert food["nutrients"]["sodium"] == pytest.approx(40.0, abs=0.051)
    assert food["nutrients"]["calcium"] == pytest.approx(120.0, abs=0.051)
    assert food["units"]["sodium"] == "mg"
    assert food["nutrients"]["magnesium"] is None and food["coverage"]["magnesium"] == 0
    assert food["label"]["values"]["calcium"] == {"value": 120.0, "unit": "mg"}
    assert food["label"]["serving_grams"] == 250 and food["label"]["vegan"] == "yes"
    assert food["label"]["per_volume"] and food["provenance"]["note"]
    assert "wheat" in food["allergens"]  # en:gluten
    serving = next(p for p in food["portions"] if p["description"].startswith("1 serving"))
    assert serving["grams"] == 250 and serving["nutrients"]["calcium"] == pytest.approx(
        300, abs=0.051
    )
    assert "Open Database License" in food["provenance"]["citation"]


def test_answers_are_stored_and_reused(client, off, api_app):
    code = make_gtin()
    off.products[code] = kilojoules_only_label()
    first = client.get(f"/v1/foods/barcode/{code}").json()
    assert first["nutrients"]["energy_kcal"] == pytest.approx(400 / 4.184, abs=0.051)
    again = client.get(f"/v1/foods/barcode/{code}").json()
    assert again == first and len(off.requests) == 1
    assert client.get(f"/v1/foods/off:{code}").json() == first
    assert len(off.requests) == 1
    _expire(api_app, code)
    client.get(f"/v1/foods/barcode/{code}")
    assert len(off.requests) == 2


def test_not_found_is_404_and_remembered(client, off):
    code = make_gtin()
    r = client.get(f"/v1/foods/barcode/{code}")
    assert r.status_code == 404 and fields_of(r) == {"code"}
    assert r.headers["content-type"].startswith("application/problem+json")
    assert client.get(f"/v1/foods/barcode/{code}").status_code == 404
    assert len(off.requests) == 1


@pytest.mark.parametrize(
    "failure",
    [[status(500)] * 3, [status(503)] * 3, [timeout] * 3, [refused] * 3, [status(429)]],
    ids=["500", "503", "timeout", "refused", "429"],
)
def test_open_food_facts_down_is_503_with_retry_after(client, off, failure):
    off.script.extend(failure)
    code = make_gtin()
    r = client.get(f"/v1/foods/barcode/{code}")
    assert r.status_code == 503, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert int(r.headers["retry-after"]) >= 1
    assert r.json()["status"] == 503 and fields_of(r) == {"code"}
    # Nothing was stored: the next lookup asks again.
    off.products[code] = oat_drink_label()
    assert client.get(f"/v1/foods/barcode/{code}").status_code == 200


def test_the_breaker_answers_at_once_when_open(client, off):
    off.script.extend([status(429)] * 3)
    for _ in range(3):
        assert client.get(f"/v1/foods/barcode/{make_gtin()}").status_code == 503
    asked = len(off.requests)
    r = client.get(f"/v1/foods/barcode/{make_gtin()}")
    assert r.status_code == 503 and 1 <= int(r.headers["retry-after"]) <= 30
    assert len(off.requests) == asked


def test_a_stale_product_is_answered_while_open_food_facts_is_down(client, off, api_app):
    code = make_gtin()
    off.products[code] = oat_drink_label()
    first = client.get(f"/v1/foods/barcode/{code}").json()
    _expire(api_app, code)
    off.script.extend([status(502)] * 3)
    stale = client.get(f"/v1/foods/barcode/{code}")
    assert stale.status_code == 200 and stale.json() == first


def test_per_serving_and_empty_labels(client, off):
    bar, empty = make_gtin(), make_gtin()
    off.products[bar] = per_serving_only_label()
    off.products[empty] = no_nutriments_label()
    food = client.get(f"/v1/foods/barcode/{bar}").json()
    assert food["nutrients"]["sodium"] == pytest.approx(150.0, abs=0.051)
    assert food["label"]["per"] == "serving"
    blank = client.get(f"/v1/foods/barcode/{empty}").json()
    assert all(v is None for v in blank["nutrients"].values())
    assert blank["default_portion"]["grams"] == 100


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("3017620422004", "check digit"),
        ("123456789", "9 digits"),
        ("30176204220a3", "digits 0-9"),
        ("301762042200312", "15 digits"),
    ],
)
def test_bad_barcodes_are_422_saying_which_check_failed(client, off, code, words):
    r = client.get(f"/v1/foods/barcode/{code}")
    assert r.status_code == 422 and fields_of(r) == {"code"}
    assert words in r.json()["errors"][0]["reason"]
    assert off.requests == []


def test_upc_a_is_looked_up_as_ean_13(client, off):
    off.products["0012000161155"] = oat_drink_label()
    food = client.get("/v1/foods/barcode/012000161155").json()
    assert food["id"] == "off:0012000161155"
    assert off.requests[0].url.path.endswith("/0012000161155")
    assert client.get("/v1/foods/off:012000161155").status_code == 404  # ids are canonical


def test_the_clients_own_food_with_that_barcode_wins(client, off):
    code = make_gtin()
    off.products[code] = oat_drink_label()
    own = client.post(
        "/v1/foods",
        json={"description": "Our oat drink", "barcode": code, "nutrients": {"calcium": 125}},
    ).json()
    food = client.get(f"/v1/foods/barcode/{code}").json()
    assert food["id"] == own["id"] and food["nutrients"]["calcium"] == 125
    assert off.requests == []


def test_an_off_food_works_in_meals(client, off):
    code = make_gtin()
    off.products[code] = oat_drink_label()
    user = create_user(client)["user_id"]
    meals = f"/v1/users/{user}/meals"
    before = client.post(meals, json=make_meal(items=[{"food_id": f"off:{code}", "grams": 250}]))
    assert before.status_code == 404 and "items.0.food_id" in fields_of(before)  # not looked up
    assert client.get(f"/v1/foods/barcode/{code}").status_code == 200
    item = {"food_id": f"off:{code}", "quantity": 1, "unit": "serving"}
    r = client.post(meals, json=make_meal(eaten_at="2025-03-12T08:00:00+00:00", items=[item]))
    assert r.status_code == 201, r.text
    logged = r.json()["items"][0]
    assert logged["grams"] == 250 and logged["nutrients"]["sodium"] == pytest.approx(
        100.0, abs=0.051
    )
    assert logged["nutrients"]["magnesium"] is None
    recipe = client.post(
        "/v1/recipes",
        json={
            "description": "Overnight oats",
            "servings": 1,
            "ingredients": [{"food_id": f"off:{code}", "grams": 200}],
        },
    )
    assert recipe.status_code == 201, recipe.text
    day = client.get(
        f"/v1/users/{user}/intake", params={"from": "2025-03-12", "to": "2025-03-12"}
    ).json()["days"][0]
    assert day["nutrients"]["calcium"]["amount"] == pytest.approx(300.0, abs=0.051)
    assert day["nutrients"]["magnesium"]["coverage"]["grams_share"] == 0


def test_unknown_off_ids_are_404(client, off):
    assert client.get("/v1/foods/off:123").status_code == 404
    assert client.get("/v1/foods/off:3017620422004").status_code == 404
    assert client.get(f"/v1/foods/off:{make_gtin()}").status_code == 404

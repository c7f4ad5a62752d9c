"""Open Food Facts stand-ins: answer bodies shaped like the API v2 product endpoint's, and a
scripted ``httpx.MockTransport``.

The bodies follow what openfoodfacts-server's own integration tests expect from
``GET /api/v2/product/{code}`` (tests/integration/expected_test_results/api_v2_product_read):
``{"code", "product": {...}, "status": 1, "status_verbose": "product found"}`` for a product,
``{"code", "status": 0, "status_verbose": "product not found"}`` (HTTP 404) for none. Inside
``product.nutriments`` mass values ``*_100g`` are in grams (minerals too), ``energy_100g`` and
``energy-kj_100g`` in kJ, and ``*_value``/``*_unit`` repeat what the label printed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import httpx

from nutrition.food.gtin import check_digit


def make_gtin(length: int = 13, *, rng: random.Random | None = None) -> str:
    """A random valid GTIN of ``length`` digits (not starting with 0, so it is canonical)."""
    rng = rng or random.Random()
    body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 2))
    return body + str(check_digit(body))


def found(code: str, product: dict[str, Any]) -> dict[str, Any]:
    """The body Open Food Facts sends for an existing product."""
    return {
        "code": code,
        "product": {"code": code, **product},
        "status": 1,
        "status_verbose": "product found",
    }


def not_found(code: str) -> dict[str, Any]:
    """The body Open Food Facts sends (with HTTP 404) when it has no such product."""
    return {"code": code, "status": 0, "status_verbose": "product not found"}


def oat_drink_label() -> dict[str, Any]:
    """A product whose label gives minerals in mg (so ``*_100g`` holds grams) and kcal."""
    return {
        "product_name": "Oat drink, calcium enriched",
        "brands": "Oatly,Oatly AB",
        "quantity": "1 l",
        "product_quantity": 1000,
        "product_quantity_unit": "ml",
        "serving_size": "250 ml",
        "serving_quantity": 250,
        "serving_quantity_unit": "ml",
        "nutrition_data_per": "100g",
        "allergens_tags": ["en:gluten"],
        "traces_tags": [],
        "ingredients_analysis_tags": ["en:palm-oil-free", "en:vegan", "en:vegetarian"],
        "ingredients_text": "water, oats 10%, rapeseed oil, calcium carbonate, sea salt",
        "nutriments": {
            "energy": 192,
            "energy-kcal": 46,
            "energy-kcal_100g": 46,
            "energy-kcal_unit": "kcal",
            "energy-kcal_value": 46,
            "energy-kj": 192,
            "energy-kj_100g": 192,
            "energy-kj_unit": "kJ",
            "energy-kj_value": 192,
            "energy_100g": 192,
            "energy_unit": "kJ",
            "energy_value": 192,
            "fat": 1.5,
            "fat_100g": 1.5,
            "fat_unit": "g",
            "fat_value": 1.5,
            "carbohydrates": 6.7,
            "carbohydrates_100g": 6.7,
            "carbohydrates_unit": "g",
            "carbohydrates_value": 6.7,
            "sugars": 4,
            "sugars_100g": 4,
            "sugars_unit": "g",
            "sugars_value": 4,
            "proteins": 1,
            "proteins_100g": 1,
            "proteins_unit": "g",
            "proteins_value": 1,
            "salt": 0.1,
            "salt_100g": 0.1,
            "salt_unit": "g",
            "salt_value": 0.1,
            "sodium": 0.04,
            "sodium_100g": 0.04,
            "sodium_unit": "g",
            "sodium_value": 0.04,
            "calcium": 0.12,
            "calcium_100g": 0.12,
            "calcium_serving": 0.3,
            "calcium_unit": "mg",
            "calcium_value": 120,
            "potassium": 0.095,
            "potassium_100g": 0.095,
            "potassium_unit": "mg",
            "potassium_value": 95,
            "vitamin-b12": 3.8e-07,
            "vitamin-b12_100g": 3.8e-07,
            "vitamin-b12_unit": "µg",
            "vitamin-b12_value": 0.38,
        },
    }


def kilojoules_only_label() -> dict[str, Any]:
    """A label with energy in kJ only (as in openfoodfacts-server's get-nutriments test)."""
    return {
        "product_name": "Some product",
        "nutrition_data_per": "100g",
        "nutriments": {
            "carbohydrates": 10.5,
            "carbohydrates_100g": 10.5,
            "carbohydrates_unit": "g",
            "energy": 400,
            "energy-kj": 400,
            "energy-kj_100g": 400,
            "energy-kj_unit": "kJ",
            "energy_100g": 400,
            "energy_unit": "kJ",
            "fat": 8.5,
            "fat_100g": 8.5,
            "fat_unit": "g",
            "proteins": 4.5,
            "proteins_100g": 4.5,
            "proteins_unit": "g",
            "salt": 0.0502,
            "salt_100g": 0.0502,
            "salt_unit": "g",
            "sodium": 0.02008,
            "sodium_100g": 0.02008,
            "sodium_unit": "g",
        },
    }


def per_serving_only_label() -> dict[str, Any]:
    """A label giving amounts per 30 g serving only (no ``*_100g`` values)."""
    return {
        "product_name": "Granola bar",
        "serving_size": "1 bar (30 g)",
        "serving_quantity": "30",
        "nutrition_data_per": "serving",
        "nutriments": {
            "energy-kcal_serving": 120,
            "energy-kcal_unit": "kcal",
            "energy-kcal_value": 120,
            "magnesium_serving": 0.03,
            "magnesium_unit": "mg",
            "magnesium_value": 30,
            "sodium_serving": 0.045,
            "sodium_unit": "mg",
            "sodium_value": 45,
        },
    }


def no_nutriments_label() -> dict[str, Any]:
    """A product entered without any nutrition facts."""
    return {
        "product_name": "Mystery crackers",
        "brands": "",
        "nutriments": {},
        "allergens_tags": [],
        "ingredients_analysis_tags": ["en:vegan-status-unknown"],
    }


Handler = Callable[[httpx.Request], httpx.Response]


class StubOff:
    """A scripted Open Food Facts: ``products`` by code answer 200, anything else 404; a
    ``script`` of handlers, when set, answers the next requests in order first. ``requests``
    records every request received."""

    def __init__(self) -> None:
        self.products: dict[str, dict[str, Any]] = {}
        self.script: list[Handler] = []
        self.requests: list[httpx.Request] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request (an ``httpx.MockTransport`` handler)."""
        self.requests.append(request)
        if self.script:
            return self.script.pop(0)(request)
        code = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        if code in self.products:
            return httpx.Response(200, json=found(code, self.products[code]))
        return httpx.Response(404, json=not_found(code))

    def client(self) -> httpx.Client:
        """An ``httpx.Client`` whose requests this stub answers."""
        return httpx.Client(
            transport=httpx.MockTransport(self.handle), base_url="https://off.example"
        )


def status(code: int) -> Handler:
    """A handler answering ``code`` with an empty HTML body (a proxy error page)."""
    return lambda request: httpx.Response(code, text="<html>error</html>")


def timeout(request: httpx.Request) -> httpx.Response:
    """A handler that times out reading the answer."""
    raise httpx.ReadTimeout("timed out", request=request)


def refused(request: httpx.Request) -> httpx.Response:
    """A handler whose connection is refused."""
    raise httpx.ConnectError("connection refused", request=request)

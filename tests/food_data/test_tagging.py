"""Allergen and animal tags on the shipped USDA records (reads the data once, ~2 s)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from food_data.records import FoodRecord
from food_data.tagging import tag_records
from nutrition.food.allergens import Classification


@pytest.fixture(scope="module")
def records(shipped_records: list[FoodRecord]) -> list[FoodRecord]:
    return shipped_records


@pytest.fixture(scope="module")
def tags(records: list[FoodRecord]) -> dict[str, Classification]:
    return tag_records(records)


def find(
    records: list[FoodRecord], *, source: str, match: Callable[[str], bool]
) -> list[FoodRecord]:
    found = [r for r in records if r.source == source and match(r.description)]
    assert found, "the shipped data should hold this food"
    return found


def one(records: list[FoodRecord], *, source: str, description: str) -> FoodRecord:
    return find(records, source=source, match=lambda d: d == description)[0]


def tag_of(
    records: list[FoodRecord],
    tags: dict[str, Classification],
    *,
    description: str,
    source: str = "sr28",
) -> Classification:
    return tags[one(records, source=source, description=description).id]


def test_every_record_is_tagged(records, tags) -> None:
    assert set(tags) == {r.id for r in records}


def test_plain_foods_carry_nothing(records, tags) -> None:
    for description in (
        "Bananas, raw",
        "Lentils, mature seeds, cooked, boiled, without salt",
        "Rice, white, long-grain, regular, enriched, cooked",
    ):
        assert tag_of(records, tags, description=description) == Classification()


def test_simple_sr28_foods(records, tags) -> None:
    cheddar = tag_of(records, tags, description="Cheese, cheddar")
    assert "milk" in cheddar.allergens
    assert "dairy" in cheddar.animal
    peanut_butter = tag_of(records, tags, description="Peanut butter, smooth style, with salt")
    assert "peanuts" in peanut_butter.allergens
    assert not {"milk", "tree_nuts"} & peanut_butter.allergens
    assert "tree_nuts" in tag_of(records, tags, description="Nuts, almonds").allergens
    assert (
        "soy"
        in tag_of(records, tags, description="Tofu, extra firm, prepared with nigari").allergens
    )
    hummus = tag_of(records, tags, description="Hummus, commercial")
    assert "sesame" in hummus.allergens
    assert "honey" in tag_of(records, tags, description="Honey").animal


def test_species_words_split_fish_and_shellfish(records, tags) -> None:
    shrimp = find(records, source="sr28", match=lambda d: d.startswith("Crustaceans, shrimp"))
    tuna = find(records, source="sr28", match=lambda d: d.startswith("Fish, tuna"))
    for r in shrimp:
        assert "shellfish" in tags[r.id].allergens
    for r in tuna:
        assert "fish" in tags[r.id].allergens
        assert "shellfish" not in tags[r.id].allergens


def test_bread_and_meat(records, tags) -> None:
    breads = find(records, source="sr28", match=lambda d: d.startswith("Bread, whole-wheat"))
    assert all("wheat" in tags[r.id].allergens for r in breads)
    breast = find(
        records, source="sr28", match=lambda d: d.startswith("Chicken, broilers or fryers, breast")
    )
    assert all("meat" in tags[r.id].animal for r in breast)


def test_fndds_pizza_takes_milk_and_wheat_from_ingredients(records, tags) -> None:
    pizzas = find(records, source="fndds", match=lambda d: d.startswith("Pizza, cheese"))
    for pizza in pizzas:
        assert {"milk", "wheat"} <= tags[pizza.id].allergens


def test_fndds_recipe_holds_all_ingredient_tags(records, tags) -> None:
    by_id = {r.id: r for r in records}
    for r in records:
        for code in r.ingredient_codes:
            if code in by_id:
                assert tags[code].allergens <= tags[r.id].allergens
                assert tags[code].animal <= tags[r.id].animal


def test_plant_groups_are_not_meat_unless_said(records, tags) -> None:
    # A fruit, vegetable or legume is meat only when its text or LanguaL names the meat.
    meat_words = ("pork", "beef", "bacon", "franks", "ham", "chili", "meat", "gravy")
    animal_langual = {"ANIMAL FAT OR OIL ADDED", "MEAT ADDED", "CATTLE", "SWINE"}
    for r in records:
        if r.source != "sr28" or r.group_code not in {"0900", "1100", "1600"}:
            continue
        if "meat" in tags[r.id].animal:
            said = any(w in r.description.lower() for w in meat_words)
            assert said or animal_langual & set(r.langual), r.description


def test_meat_analogs_in_legumes_are_flagged_for_allergens(records, tags) -> None:
    analog = tag_of(records, tags, description="Sausage, meatless")
    assert "meat" not in analog.animal
    assert "soy" in analog.allergens

"""Open Food Facts product documents to foods: units, fallbacks, unknowns, allergens, diet."""

from __future__ import annotations

import pytest

from food_data.openfoodfacts import FIELDS, KJ_PER_KCAL, nutrients_of, product_food
from tests.api.off_stub import (
    kilojoules_only_label,
    no_nutriments_label,
    oat_drink_label,
    per_serving_only_label,
)


def test_minerals_in_grams_become_milligrams_and_the_label_is_kept():
    product = product_food("7394376616228", oat_drink_label())
    food = product.food
    assert food.id == "off:7394376616228" and food.source == "off"
    assert food.description == "Oat drink, calcium enriched"
    assert product.brand == "Oatly"
    assert food.nutrients["calcium"] == pytest.approx(120.0)
    assert food.nutrients["potassium"] == pytest.approx(95.0)
    assert food.nutrients["sodium"] == pytest.approx(40.0)
    assert food.nutrients["vitamin_b12"] == pytest.approx(0.38)
    assert food.nutrients["energy_kcal"] == 46
    assert food.nutrients["protein"] == 1
    assert product.label["calcium"].value == 120 and product.label["calcium"].unit == "mg"
    # Not on the label: unknown, never zero.
    assert food.nutrients["magnesium"] is None
    assert food.nutrients["thiamin"] is None
    assert food.nutrients["water"] is None
    assert food.nutrients["folate_dfe"] is None


def test_serving_and_package_become_portions():
    product = product_food("7394376616228", oat_drink_label())
    portions = {p.description: p.grams for p in product.food.portions}
    assert portions == {"1 serving (250 ml)": 250.0, "1 package (1 l)": 1000.0}
    assert product.per_volume  # per 100 ml, taken as per 100 g
    assert product.serving_grams == 250.0


def test_energy_from_kilojoules_when_no_kcal():
    food = product_food("0200000000034", kilojoules_only_label()).food
    assert food.nutrients["energy_kcal"] == pytest.approx(400 / KJ_PER_KCAL)
    assert food.nutrients["sodium"] == pytest.approx(20.08)


def test_energy_field_alone_is_kilojoules():
    values = nutrients_of({"energy_100g": 1000, "energy_unit": "kcal"}, serving=None)
    # energy_100g is normalised to kJ whatever the label's unit.
    assert values["energy_kcal"] == pytest.approx(1000 / KJ_PER_KCAL)


def test_per_serving_only_is_scaled_to_100_g():
    product = product_food("4000000000006", per_serving_only_label())
    food = product.food
    assert product.serving_grams == 30.0  # sent as the string "30"
    assert food.nutrients["energy_kcal"] == pytest.approx(400.0)
    assert food.nutrients["magnesium"] == pytest.approx(100.0)
    assert food.nutrients["sodium"] == pytest.approx(150.0)
    assert product.label_per == "serving"
    assert product.label["sodium"].value == 45


def test_per_serving_without_serving_weight_is_unknown():
    label = per_serving_only_label()
    del label["serving_quantity"]
    food = product_food("4000000000006", label).food
    assert food.nutrients["energy_kcal"] is None and food.nutrients["sodium"] is None


def test_no_nutriments_means_every_value_unknown():
    product = product_food("4000000000013", no_nutriments_label())
    assert set(product.food.nutrients.values()) == {None}
    assert product.food.portions == ()
    assert product.vegan == "unknown" and product.brand is None


def test_a_missing_name_gets_a_placeholder():
    food = product_food("4000000000020", {"nutriments": "garbage"}).food
    assert food.description == "Product 4000000000020"
    assert set(food.nutrients.values()) == {None}


def test_sodium_from_salt_when_only_salt_is_given():
    values = nutrients_of({"salt_100g": 1.25}, serving=None)
    assert values["sodium"] == pytest.approx(500.0)


@pytest.mark.parametrize(
    ("nutriments", "key"),
    [
        ({"proteins_100g": -1}, "protein"),
        ({"proteins_100g": 130}, "protein"),
        ({"sodium_100g": 45}, "sodium"),  # 45 g of sodium in 100 g
        ({"energy-kcal_100g": 1200}, "energy_kcal"),
        ({"calcium_100g": "n/a"}, "calcium"),
        ({"calcium_100g": True}, "calcium"),
        ({"calcium_100g": float("nan")}, "calcium"),
    ],
)
def test_implausible_or_broken_values_are_unknown(nutriments, key):
    assert nutrients_of(nutriments, serving=None)[key] is None


def test_numbers_sent_as_strings_are_read():
    assert nutrients_of({"potassium_100g": "0,25"}, serving=None)["potassium"] == 250.0


def test_allergens_traces_and_diet():
    label = {
        "product_name": "Milk chocolate with hazelnuts",
        "allergens_tags": ["en:milk", "en:nuts", "en:soybeans"],
        "traces_tags": ["en:peanuts", "en:celery"],
        "ingredients_analysis_tags": ["en:non-vegan", "en:vegetarian"],
        "nutriments": {},
    }
    product = product_food("4000000000037", label)
    assert {"milk", "tree_nuts", "soy", "peanuts"} <= product.food.allergens
    assert "dairy" in product.food.animal and "meat" not in product.food.animal
    assert (product.vegan, product.vegetarian) == ("no", "yes")
    assert product.trace_tags == ("en:peanuts", "en:celery")


def test_non_vegan_without_a_named_animal_product_is_kept_from_vegans_only():
    label = {
        "product_name": "Candy",
        "ingredients_analysis_tags": ["en:non-vegan", "en:vegetarian"],
    }
    assert product_food("4000000000044", label).food.animal == frozenset({"honey"})
    label["ingredients_analysis_tags"] = ["en:non-vegan", "en:non-vegetarian"]
    assert "meat" in product_food("4000000000044", label).food.animal


def test_the_fields_asked_for_cover_what_is_read():
    assert {"nutriments", "serving_quantity", "allergens_tags", "product_name"} <= set(FIELDS)

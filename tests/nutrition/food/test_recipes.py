"""Recipes as foods: per-100 g amounts, yield, coverage, portions, loops and nesting."""

from __future__ import annotations

import pytest

from nutrition.errors import NutritionError
from nutrition.food.foods import known_share
from nutrition.food.recipes import Ingredient, dish, find_cycle, nesting_depth
from nutrition.food.units import grams_for
from tests.nutrition.builders import make_food


def _food(food_id: str, **values: float | None):
    return make_food(id=food_id, **values)


LENTILS = _food("a:1", potassium=677.0, magnesium=47.0, sodium=6.0, water=10.0, energy_kcal=352.0)
WATER = _food("a:2", potassium=0.0, magnesium=1.0, sodium=4.0, water=100.0, energy_kcal=0.0)
MYSTERY = _food("a:3", potassium=300.0, sodium=None, magnesium=None, water=None)


def test_amounts_are_the_sum_over_the_yield():
    made = dish(
        id="recipe:x",
        code="x",
        description="Lentil soup",
        ingredients=[Ingredient(LENTILS, 200.0), Ingredient(WATER, 800.0)],
        servings=4,
        yield_grams=800.0,
    )
    potassium = (677.0 * 2 + 0.0 * 8) / 800 * 100
    assert made.food.nutrients["potassium"] == pytest.approx(potassium)
    assert made.food.nutrients["magnesium"] == pytest.approx((47 * 2 + 1 * 8) / 8)
    assert made.food.coverage == {}
    # 820 g of water went in, 200 g boiled off: 620 g in 800 g of soup.
    assert made.food.nutrients["water"] == pytest.approx(620 / 800 * 100)
    serving = next(p for p in made.food.portions if p.description == "1 serving")
    assert serving.grams == 200.0
    whole = next(p for p in made.food.portions if p.description == "1 whole recipe")
    assert whole.grams == 800.0
    # One serving holds a quarter of everything in the pot, whatever the yield.
    assert grams_for(food=made.food, quantity=1, unit="serving") == 200.0
    assert made.food.nutrients["potassium"] * 2 == pytest.approx(677.0 * 2 / 4)


def test_without_a_yield_the_dish_weighs_its_ingredients():
    made = dish(
        id="recipe:x",
        code="x",
        description="Soup",
        ingredients=[Ingredient(LENTILS, 200.0), Ingredient(WATER, 800.0)],
        servings=2,
    )
    assert made.yield_grams == made.ingredient_grams == 1000.0
    assert made.food.nutrients["potassium"] == pytest.approx(677.0 * 2 / 10)


def test_an_unknown_part_lowers_coverage_and_is_named():
    made = dish(
        id="recipe:y",
        code="y",
        description="Mixed",
        ingredients=[Ingredient(LENTILS, 300.0), Ingredient(MYSTERY, 100.0)],
        servings=1,
    )
    food = made.food
    assert food.nutrients["sodium"] == pytest.approx(6.0 * 3 / 4)  # a lower bound
    assert known_share(food, "sodium") == pytest.approx(0.75)
    assert known_share(food, "potassium") == 1.0
    assert "sodium" in made.missing[1] and "magnesium" in made.missing[1]
    assert "sodium" not in made.missing[0]
    # Nobody reports riboflavin: unknown, not zero.
    assert food.nutrients["riboflavin"] is None and known_share(food, "riboflavin") == 0.0


def test_coverage_carries_through_nested_recipes():
    inner = dish(
        id="recipe:in",
        code="in",
        description="Stock",
        ingredients=[Ingredient(LENTILS, 100.0), Ingredient(MYSTERY, 100.0)],
        servings=1,
    ).food
    outer = dish(
        id="recipe:out",
        code="out",
        description="Stew",
        ingredients=[Ingredient(inner, 200.0), Ingredient(LENTILS, 200.0)],
        servings=2,
    )
    # Stock is half-known in sodium; it is half the stew: 0.5 * 0.5 + 0.5 * 1.
    assert known_share(outer.food, "sodium") == pytest.approx(0.75)
    assert "sodium" in outer.missing[0]


def test_allergens_of_every_part_are_kept():
    milk = make_food(id="a:4", allergens=frozenset({"milk"}), animal=frozenset({"dairy"}))
    made = dish(
        id="recipe:z",
        code="z",
        description="Porridge",
        ingredients=[Ingredient(LENTILS, 50.0), Ingredient(milk, 200.0)],
        servings=1,
    )
    assert made.food.allergens == frozenset({"milk"}) and "dairy" in made.food.animal


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"ingredients": []}, "ingredients"),
        ({"servings": 0}, "servings"),
        ({"yield_grams": 0.0}, "yield_grams"),
        ({"ingredients": [Ingredient(LENTILS, 0.0)]}, "ingredients.0.grams"),
        # 200 g of lentils hold 180 g of dry matter: they cannot cook down to 100 g.
        ({"yield_grams": 100.0}, "yield_grams"),
    ],
)
def test_impossible_recipes_are_refused(kwargs, field):
    args = {
        "id": "recipe:b",
        "code": "b",
        "description": "Bad",
        "ingredients": [Ingredient(LENTILS, 200.0)],
        "servings": 1,
        **kwargs,
    }
    with pytest.raises(NutritionError) as refused:
        dish(**args)
    assert refused.value.field == field


def test_loops_are_found_at_any_depth():
    uses = {"r:a": ["r:b"], "r:b": ["r:c"], "r:c": ["r:a"], "r:d": ["r:b"]}
    assert find_cycle(start="r:a", uses=uses) == ("r:a", "r:b", "r:c", "r:a")
    assert find_cycle(start="r:d", uses=uses) is None
    assert find_cycle(start="r:x", uses={"r:x": ["r:x"]}) == ("r:x", "r:x")


def test_nesting_depth():
    uses = {"r:a": ["r:b", "r:c"], "r:b": ["r:c"], "r:c": []}
    assert nesting_depth(start="r:a", uses=uses) == 3
    assert nesting_depth(start="r:c", uses=uses) == 1


def test_a_cooked_weight_too_low_for_any_food_is_refused():
    salt = make_food(id="a:5", sodium=38758.0)  # water unknown: no dry-matter check
    with pytest.raises(NutritionError, match="sodium") as refused:
        dish(
            id="recipe:s",
            code="s",
            description="Brine",
            ingredients=[Ingredient(salt, 100.0)],
            servings=1,
            yield_grams=50.0,
        )
    assert refused.value.field == "yield_grams"


def test_a_recipe_read_back_is_computed_even_if_it_would_now_be_refused():
    made = dish(
        id="recipe:b",
        code="b",
        description="Reduced",
        ingredients=[Ingredient(LENTILS, 200.0)],
        servings=1,
        yield_grams=100.0,  # below the dry matter: refused when written
        strict=False,
    )
    assert made.food.nutrients["potassium"] == pytest.approx(677.0 * 2)

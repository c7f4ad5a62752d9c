"""Foods outside the catalog (custom foods, recipes, products) come back as the person's own."""

from __future__ import annotations

import dataclasses

from nutrition.food.matrix import FoodMatrix
from nutrition.person.gaps import gaps
from nutrition.recommend.personal import EatenFood, History
from nutrition.recommend.suggest import suggest
from tests.nutrition.food.test_matrix import make_food, make_profile, sample_foods
from tests.nutrition.person.test_gaps import make_targets

SHORT = {"potassium": 1200.0, "magnesium": 150.0, "calcium": 900.0, "sodium": 1800.0}


def _soup(**coverage: float):
    soup = make_food(
        code="abc123",
        source="recipe",
        description="Grandma's lentil soup",
        group="Recipes",
        group_code="recipe",
        grams=350.0,
        portion="1 serving",
        energy_kcal=60.0,
        potassium=250.0,
        magnesium=25.0,
        calcium=20.0,
        sodium=90.0,
        thiamin=0.1,
    )
    return dataclasses.replace(soup, id="recipe:abc123", coverage=coverage)


def _run(soup):
    found = gaps(average={**SHORT, "thiamin": 1.1}, targets=make_targets())
    history = History(foods=(EatenFood(food_id=soup.id, times=4, usual_grams=350.0),))
    return suggest(
        matrix=FoodMatrix.build(foods=sample_foods()),
        profile=make_profile(),
        gaps=found,
        history=history,
        own_foods=FoodMatrix.build(foods=[soup]),
        limit=6,
    )


def test_an_own_recipe_is_suggested_in_the_usual_portion():
    result = _run(_soup())
    own = [s for s in result.suggestions if s.own]
    assert [s.food_id for s in own] == ["recipe:abc123"]
    assert own[0].portion.grams == 350.0
    assert own[0].adds["potassium"] == 250.0 * 3.5
    assert "Grandma's lentil soup" in own[0].reason


def test_an_own_recipe_with_partly_known_sodium_is_not_offered():
    result = _run(_soup(sodium=0.7))
    assert all(s.food_id != "recipe:abc123" for s in result.suggestions)

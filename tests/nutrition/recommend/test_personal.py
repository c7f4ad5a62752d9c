"""The person's own foods, habits and rotation."""

from __future__ import annotations

import numpy as np

from nutrition.food.matrix import FoodMatrix
from nutrition.recommend.personal import (
    OWN_PORTION_CAP,
    ROTATION,
    EatenFood,
    History,
    habit_boost,
    own_suggestions,
    rotation_factor,
)
from nutrition.recommend.score import score_foods
from nutrition.recommend.suggest import suggest
from tests.nutrition.food.test_matrix import make_food, make_profile, sample_foods
from tests.nutrition.recommend.test_score import short_of

TEA = make_food(
    code="92308000",
    source="fndds",
    description="Tea, iced, brewed, black, pre-sweetened with sugar",
    group_code="7302",
    grams=240.0,
    energy_kcal=31,
    potassium=40,
    magnesium=2,
    sodium=3,
)


def _matrix() -> FoodMatrix:
    return FoodMatrix.build(foods=[*sample_foods(), TEA])


def test_rotation_is_fixed_per_key_bounded_and_differs_between_keys() -> None:
    matrix = _matrix()
    a = rotation_factor(matrix=matrix, rotation_key="ann:2026-11-30")
    assert np.array_equal(a, rotation_factor(matrix=matrix, rotation_key="ann:2026-11-30"))
    assert np.all((a >= 1.0 - ROTATION) & (a <= 1.0))
    assert not np.array_equal(a, rotation_factor(matrix=matrix, rotation_key="ann:2026-12-01"))


def test_habits_lift_the_classes_a_person_eats() -> None:
    matrix = _matrix()
    banana = matrix.index["sr28:09040"]
    history = History(foods=(EatenFood("sr28:09040", times=5, usual_grams=118.0),))
    boost = habit_boost(matrix=matrix, history=history)
    assert boost[banana] == max(boost) > 1.0
    assert np.all(habit_boost(matrix=matrix, history=History()) == 1.0)


def test_own_food_in_the_usual_portion_capped_at_a_multiple_of_the_typical_one() -> None:
    matrix = _matrix()
    gaps = short_of(potassium=1000, magnesium=100)
    scored = score_foods(matrix=matrix, gaps=gaps, profile=make_profile())
    history = History(foods=(EatenFood("sr28:09040", times=4, usual_grams=1000.0),))
    [own] = own_suggestions(matrix=matrix, scored=scored, history=history, limit=3)
    assert own.own and own.food_id == "sr28:09040"
    assert own.portion.grams == OWN_PORTION_CAP * 118.0
    assert "4 times" in own.reason


def test_a_sweetened_drink_is_not_pushed_as_an_own_food() -> None:
    matrix = _matrix()
    gaps = short_of(potassium=2400)
    scored = score_foods(matrix=matrix, gaps=gaps, profile=make_profile())
    history = History(foods=(EatenFood(TEA.id, times=9, usual_grams=480.0),))
    assert own_suggestions(matrix=matrix, scored=scored, history=history, limit=3) == []


def test_own_foods_lead_and_are_not_repeated_as_new_ones() -> None:
    matrix = _matrix()
    history = History(foods=(EatenFood("sr28:09040", times=3, usual_grams=118.0),))
    result = suggest(
        matrix=matrix,
        profile=make_profile(),
        gaps=short_of(potassium=1000, magnesium=100),
        history=history,
        rotation_key="k",
    )
    ids = [s.food_id for s in result.suggestions]
    assert ids[0] == "sr28:09040" and result.suggestions[0].own
    assert ids.count("sr28:09040") == 1

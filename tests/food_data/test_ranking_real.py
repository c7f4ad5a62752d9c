"""Ranking on the shipped USDA catalog: whole foods first, never salt, supplements or candy.

Allergen flags come from another module's classifier, so these checks use a profile without
allergies or diet.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from food_data.catalog import load_foods
from nutrition.gaps import Gap, gaps
from nutrition.matrix import FoodMatrix
from nutrition.plan import plan
from nutrition.profile import Profile
from nutrition.ranking import rank, score_foods
from nutrition.swaps import swaps
from nutrition.targets import Target


@pytest.fixture(scope="module")
def matrix() -> FoodMatrix:
    return FoodMatrix.build(foods=load_foods())


def short_of_potassium_and_magnesium() -> list[Gap]:
    # Adult female reference values (NASEM 2019, IOM 1997/1998/2011) typed as test inputs.
    targets = {
        "potassium": Target("potassium", 2600, "mg", "AI", None, None, "t"),
        "magnesium": Target("magnesium", 320, "mg", "RDA", None, None, "t"),
        "calcium": Target("calcium", 1000, "mg", "RDA", 2500, "UL", "t"),
        "sodium": Target("sodium", 1500, "mg", "AI", 2300, "CDRR", "t"),
        "thiamin": Target("thiamin", 1.1, "mg", "RDA", None, None, "t"),
    }
    average = {"potassium": 1800, "magnesium": 200, "calcium": 950, "sodium": 2000, "thiamin": 1.1}
    return gaps(average=average, targets=targets)


PROFILE = Profile(age=45, sex="female")
EXPECTED = re.compile(
    r"\b(banana|potato|beans?|lentils?|spinach|chard|yogurt|almonds?|pumpkin|quinoa|oat|"
    r"milk|edamame|greens)\b",
    re.IGNORECASE,
)
NEVER = re.compile(
    r"\b(salt, table|spices|supplement|protein powder|candies|candy|soft drink|cocoa mix|"
    r"drink mix|formula|alcoholic|baking powder|yeast)\b",
    re.IGNORECASE,
)


def test_top_suggestions_are_whole_foods(matrix: FoodMatrix) -> None:
    result = rank(matrix=matrix, gaps=short_of_potassium_and_magnesium(), profile=PROFILE, limit=30)
    assert len(result) == 30
    hits = [s.description for s in result if EXPECTED.search(s.description)]
    assert len(hits) >= 8, [s.description for s in result]
    assert not [s.description for s in result if NEVER.search(s.description)]


@pytest.mark.parametrize(
    "description",
    [
        "Bananas, raw",
        "Lentils, mature seeds, cooked, boiled, without salt",
        "Spinach, cooked, boiled, drained, without salt",
        "Yogurt, plain, low fat, 12 grams protein per 8 ounce",
        "Seeds, pumpkin and squash seed kernels, dried",
        "Potatoes, baked, flesh and skin, without salt",
    ],
)
def test_expected_foods_outrank_every_candy_and_soda(matrix: FoodMatrix, description: str) -> None:
    scored = score_foods(matrix=matrix, gaps=short_of_potassium_and_magnesium(), profile=PROFILE)
    row = next(i for i, f in enumerate(matrix.foods) if f.description == description)
    junk = [
        i
        for i, f in enumerate(matrix.foods)
        if re.search(r"\b(candies|soft drink|carbonated)\b", f.description, re.IGNORECASE)
    ]
    assert junk
    assert scored.score[row] > 0
    assert scored.score[row] > float(np.max(scored.score[junk]))


def test_request_is_fast_and_plan_closes(matrix: FoodMatrix) -> None:
    import time

    g = short_of_potassium_and_magnesium()
    start = time.perf_counter()
    rank(matrix=matrix, gaps=g, profile=PROFILE, limit=10)
    assert time.perf_counter() - start < 0.05
    result = plan(matrix=matrix, gaps=g, profile=PROFILE, max_kcal=800)
    assert result.status == "closed"
    assert result.energy_kcal <= 800
    assert sum(i.servings for i in result.items) <= 5


def test_white_rice_swaps_to_a_richer_grain(matrix: FoodMatrix) -> None:
    rice = next(
        f.id
        for f in matrix.foods
        if f.description == "Rice, white, long-grain, regular, cooked, enriched, with salt"
    )
    result = swaps(
        matrix=matrix,
        logged_counts={rice: 4},
        gaps=short_of_potassium_and_magnesium(),
        profile=PROFILE,
    )
    assert result
    assert re.search(
        r"\b(rice, brown|quinoa|bulgur|barley|millet|buckwheat)",
        result[0].to_food.description,
        re.IGNORECASE,
    )

"""The shipped records and foods, read from food_data/sources once per test session (frozen
values, so modules can share them)."""

from __future__ import annotations

import pytest

from food_data.catalog import load_foods
from food_data.sources import FoodRecord, read_all
from nutrition.food.foods import Food
from nutrition.food.matrix import FoodMatrix


@pytest.fixture(scope="session")
def shipped_records() -> list[FoodRecord]:
    """Every record of the shipped source files, as read."""
    return read_all()


@pytest.fixture(scope="session")
def shipped_foods(shipped_records: list[FoodRecord]) -> list[Food]:
    """Every shipped food, tagged, as the importer would store it."""
    return load_foods(shipped_records)


@pytest.fixture(scope="session")
def shipped_matrix(shipped_foods: list[Food]) -> FoodMatrix:
    """The ranking matrix over every shipped food."""
    return FoodMatrix.build(foods=shipped_foods)

"""The in-memory food catalog the service answers reads from, built once at start-up.

It is immutable: the search index, the nutrient matrix used for ranking, and the foods by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nutrition.errors import FoodNotFound
from nutrition.food.foods import Food
from nutrition.food.matrix import FoodMatrix
from nutrition.search.index import SearchIndex


@dataclass(frozen=True)
class Catalog:
    """Foods by id plus the structures built over them."""

    foods: dict[str, Food]
    search: SearchIndex
    matrix: FoodMatrix

    @classmethod
    def build(cls, foods: Sequence[Food]) -> Catalog:
        """Index ``foods`` for search and ranking."""
        return cls(
            foods={f.id: f for f in foods},
            search=SearchIndex.build(foods=foods),
            matrix=FoodMatrix.build(foods=foods),
        )

    def get(self, food_id: str, *, field: str | None = None) -> Food:
        """The food with ``food_id``; FoodNotFound otherwise."""
        food = self.foods.get(food_id)
        if food is None:
            raise FoodNotFound(food_id, field=field)
        return food

"""The in-memory food catalog the service answers reads from, built once at start-up.

The foods by id, the search index, the meal parser and the nutrient matrix never change. The
one mutable part, the search index's word-match cache, lives here in the shell
(``LruCache``), not in the core.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from api.store.queries.foods import load_foods
from nutrition.errors import FoodNotFound
from nutrition.food.foods import Food
from nutrition.food.matrix import FoodMatrix
from nutrition.search.index import SearchIndex
from nutrition.search.parse import MealParser

#: Word matches and filter masks kept for search (each a few KB at most).
SEARCH_CACHE_SIZE = 4096


class LruCache:
    """A bounded, thread-safe map; least recently used entries go first."""

    def __init__(self, *, size: int) -> None:
        self._size = size
        self._data: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any | None:
        """The value for ``key`` (now the most recently used), or None."""
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        """Store ``value``; drop the oldest entries past the size."""
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


@dataclass(frozen=True)
class Catalog:
    """Foods by id plus the structures built over them."""

    foods: dict[str, Food]
    search: SearchIndex
    matrix: FoodMatrix
    parser: MealParser

    @classmethod
    def build(cls, foods: Sequence[Food]) -> Catalog:
        """Index ``foods`` for search, meal text and ranking."""
        search = SearchIndex.build(foods=foods, cache=LruCache(size=SEARCH_CACHE_SIZE))
        return cls(
            foods={f.id: f for f in foods},
            search=search,
            matrix=FoodMatrix.build(foods=foods),
            parser=MealParser.build(foods=foods, index=search),
        )

    @classmethod
    def load(cls, engine: Engine) -> Catalog:
        """Read every food from the database and index them (start-up, benchmarks)."""
        return cls.build(load_foods(engine))

    def get(self, food_id: str, *, field: str | None = None) -> Food:
        """The food with ``food_id``; FoodNotFound otherwise."""
        food = self.foods.get(food_id)
        if food is None:
            raise FoodNotFound(food_id, field=field)
        return food

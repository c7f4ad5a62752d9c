"""Small keyword-only builders for domain values used across nutrition tests."""

from __future__ import annotations

from nutrition.food.foods import Food, Portion
from nutrition.nutrients import NUTRIENT_KEYS


def make_food(
    *,
    id: str = "sr28:99999",
    description: str = "Test food, raw",
    group: str = "Vegetables and Vegetable Products",
    group_code: str = "1100",
    portions: tuple[tuple[str, float], ...] = (),
    allergens: frozenset[str] = frozenset(),
    animal: frozenset[str] = frozenset(),
    **nutrients: float | None,
) -> Food:
    """A Food with these per-100 g nutrients (others unknown) and (description, grams) portions."""
    source, code = id.split(":")
    values = {k: nutrients.get(k) for k in NUTRIENT_KEYS}
    return Food(
        id=id,
        source=source,
        code=code,
        description=description,
        group=group,
        group_code=group_code,
        nutrients=values,
        portions=tuple(Portion(f"{id}:{i + 1}", d, g) for i, (d, g) in enumerate(portions)),
        allergens=allergens,
        animal=animal,
    )

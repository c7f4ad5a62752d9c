"""Custom foods: what a client app enters itself, as a food of the domain.

A custom food carries the values its client gave per 100 g; every other nutrient is unknown
(None), never zero. Its allergens are those the client declared plus those its description
and brand name (``nutrition.food.allergens.classify``), so a "peanut cookie" is flagged even
when nobody declared it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from nutrition.food.allergens import classify, declared, merge
from nutrition.food.foods import Food, Portion
from nutrition.nutrients import NUTRIENT_KEYS

SOURCE: Final = "custom"
GROUP: Final = "Custom foods"
GROUP_CODE: Final = "custom"


def custom_food(
    *,
    id: str,
    code: str,
    description: str,
    brand: str | None,
    nutrients: Mapping[str, float],
    portions: Sequence[tuple[str, float]],
    allergens: Iterable[str] = (),
) -> Food:
    """The food ``id`` with ``nutrients`` per 100 g (absent keys unknown) and ``portions`` as
    (description, grams) pairs."""
    text = classify(
        description=f"{description}, {brand}" if brand else description,
        group="",
        group_code=GROUP_CODE,
        source=SOURCE,
    )
    tags = merge(text, declared(allergens))
    return Food(
        id=id,
        source=SOURCE,
        code=code,
        description=description,
        group=GROUP,
        group_code=GROUP_CODE,
        nutrients={k: nutrients.get(k) for k in NUTRIENT_KEYS},
        portions=tuple(
            Portion(id=f"{id}#{n}", description=name, grams=grams)
            for n, (name, grams) in enumerate(portions, start=1)
        ),
        allergens=tags.allergens,
        animal=tags.animal,
        common_names=brand or "",
    )

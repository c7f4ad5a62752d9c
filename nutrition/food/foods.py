"""Food value types: what the domain knows about one food.

All nutrient amounts are per 100 g of edible portion; ``None`` means not reported (by USDA,
the label or whoever entered the food).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nutrition.nutrients import NutrientMap


@dataclass(frozen=True, slots=True)
class Portion:
    """A household measure of a food: ``description`` as USDA gives it, its weight in grams."""

    id: str
    description: str
    grams: float


@dataclass(frozen=True, slots=True)
class Food:
    """One food of the catalog.

    ``id`` is ``"<source>:<code>"`` (``sr28:09040``); ``group`` is the SR28 food group or the
    FNDDS WWEIA category description; ``group_code`` its code. ``allergens`` holds keys from
    ``nutrition.person.profile.ALLERGENS`` that the food contains or may contain; ``animal``
    is the set of animal-product kinds it holds (``meat``, ``fish``, ``shellfish``, ``dairy``,
    ``egg``, ``honey``, ``gelatin``) which decides diet membership.

    ``coverage`` maps a nutrient to the share (0-1) of the food's weight whose value is known,
    for foods made of parts (recipes): a value known for only part of the weight is a lower
    bound. A nutrient absent from ``coverage`` is fully known when its value is not None.
    """

    id: str
    source: str
    code: str
    description: str
    group: str
    group_code: str
    nutrients: NutrientMap
    portions: tuple[Portion, ...] = ()
    allergens: frozenset[str] = field(default_factory=frozenset)
    animal: frozenset[str] = field(default_factory=frozenset)
    common_names: str = ""
    commonness: float = 0.0
    coverage: dict[str, float] = field(default_factory=dict)


def known_share(food: Food, nutrient: str) -> float:
    """The share (0-1) of ``food``'s weight whose ``nutrient`` value is known."""
    if food.nutrients.get(nutrient) is None:
        return 0.0
    return food.coverage.get(nutrient, 1.0)

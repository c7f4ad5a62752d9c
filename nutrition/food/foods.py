"""Food value types: what the domain knows about one food.

All nutrient amounts are per 100 g of edible portion; ``None`` means not reported by USDA.
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

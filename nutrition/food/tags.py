"""Nutrient content tags for a food's default household portion.

Thresholds follow the FDA nutrient content claim rules (21 CFR 101.54 "good source" /
"excellent source" at 10-19 % / >= 20 % of the Daily Value; 21 CFR 101.61 "very low
sodium" <= 35 mg, "low sodium" <= 140 mg per reference amount). "high sodium" at >= 20 % DV
follows the FDA's 5/20 guidance for the Nutrition Facts label. Daily Values are those of
``nutrition.nutrients``. The basis is the food's default portion
(``nutrition.food.portions.default_portion``), standing in for the FDA reference amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from nutrition.food.foods import Food, Portion, known_share
from nutrition.food.portions import default_portion
from nutrition.nutrients import BY_KEY

SOURCE_NUTRIENTS: Final[tuple[str, ...]] = ("potassium", "magnesium", "calcium", "thiamin")
GOOD_SOURCE: Final = 0.10
EXCELLENT_SOURCE: Final = 0.20
VERY_LOW_SODIUM_MG: Final = 35.0
LOW_SODIUM_MG: Final = 140.0
HIGH_SODIUM: Final = 0.20


@dataclass(frozen=True, slots=True)
class Tag:
    """A content claim: ``label`` such as "excellent source", for ``nutrient``."""

    nutrient: str
    label: str
    amount: float
    percent_dv: float

    @property
    def text(self) -> str:
        """Human form, e.g. "good source of magnesium"."""
        if self.nutrient == "sodium":
            return self.label
        return f"{self.label} of {self.nutrient}"


def content_tags(*, food: Food, portion: Portion | None = None) -> tuple[Portion, list[Tag]]:
    """Return the basis portion and the claims it earns; unknown amounts earn no claim, and a
    partly known amount (a lower bound) earns source and "high" claims but no low-sodium one."""
    basis = portion or default_portion(food)
    tags: list[Tag] = []
    factor = basis.grams / 100.0
    for key in SOURCE_NUTRIENTS:
        per_100g = food.nutrients.get(key)
        dv = BY_KEY[key].daily_value
        if per_100g is None or dv is None:
            continue
        amount = per_100g * factor
        share = amount / dv
        if share >= EXCELLENT_SOURCE:
            tags.append(Tag(key, "excellent source", amount, share * 100))
        elif share >= GOOD_SOURCE:
            tags.append(Tag(key, "good source", amount, share * 100))
    sodium = food.nutrients.get("sodium")
    sodium_dv = BY_KEY["sodium"].daily_value
    # A partly known sodium is a lower bound: it may earn "high", never "low".
    partial = known_share(food, "sodium") < 1.0
    if sodium is not None and sodium_dv is not None:
        amount = sodium * factor
        share = amount / sodium_dv
        if amount <= VERY_LOW_SODIUM_MG and not partial:
            tags.append(Tag("sodium", "very low sodium", amount, share * 100))
        elif amount <= LOW_SODIUM_MG and not partial:
            tags.append(Tag("sodium", "low sodium", amount, share * 100))
        elif share >= HIGH_SODIUM:
            tags.append(Tag("sodium", "high sodium", amount, share * 100))
    return basis, tags

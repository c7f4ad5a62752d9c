"""Choosing the household portion a food is shown, tagged and suggested in.

Rule (documented in docs/data.md): a "medium" piece if the food has one; else a one-item
count such as "1 banana" or "1 slice"; else USDA's NLEA serving (the FDA reference amount);
else the first listed portion with a weight of 10-500 g; else 100 g.
"""

from __future__ import annotations

import re

from nutrition.foods import Food, Portion

HUNDRED_GRAMS = Portion(id="100g", description="100 g", grams=100.0)

_MEDIUM = re.compile(r"\bmedium\b", re.IGNORECASE)
_ONE_ITEM = re.compile(
    r"^1 (?!cup|tbsp|tsp|oz|fl oz|quart|pint|gallon|lb|pound|ounce|tablespoon|teaspoon|"
    r"liter|ml|package|container|can|bottle|jar|recipe|serving|quantity)\w",
    re.IGNORECASE,
)


def _reasonable(portion: Portion) -> bool:
    return 10.0 <= portion.grams <= 500.0


def default_portion(food: Food) -> Portion:
    """Return the portion a person would most likely eat of ``food`` in one go."""
    candidates = [p for p in food.portions if _reasonable(p)]
    for test in (
        lambda p: bool(_MEDIUM.search(p.description)),
        lambda p: bool(_ONE_ITEM.match(p.description)),
        lambda p: "nlea serving" in p.description.lower(),
    ):
        for portion in candidates:
            if test(portion):
                return portion
    if candidates:
        return candidates[0]
    return HUNDRED_GRAMS

"""Choosing the household portion a food is shown, tagged and suggested in.

The default portion is what one person eats of the food at one time, picked from USDA's own
household measures (SR28 ``WEIGHT.txt``, FNDDS 2017-2018 portions and weights); no weight is
invented. The rule:

1. Usable measures weigh 10-350 g and are not a bulk or shopping unit (bunch, head, package,
   loaf, pound, quart, a whole melon or squash, a recipe or batch) nor a survey helper
   ("Quantity not specified", "Guideline amount").
2. The food's broad class (``nutrition.food.processing.food_class``: SR28 food group or WWEIA
   category) and its head word choose an ordered list of preferred measures:

   * nuts and seeds: "1 oz", then "1/4 cup", then any measure up to 60 g, else 1 oz (28.35 g,
     a unit conversion: a cup of sesame seeds is not a portion);
   * meat and fish: "3 oz", then a medium piece (fillet, breast, chop), then any single piece;
   * eggs: "1 large", then "1 medium";
   * cheese (not cottage or ricotta): "1 oz", then "1 slice", then "1 stick";
   * bread, rolls, bagels, tortillas: "1 slice" (or "1 medium slice"), then one piece;
   * fruit and vegetables: "1 medium" piece (a banana's "1 medium (7" to 7-7/8" long)",
     a baked potato's "1 potato medium"), then for fruit one counted fruit ("1 fruit",
     "1 banana"), then "1 cup" (leafy greens and cooked vegetables have no medium piece),
     then "1/2 cup";
   * grains, legumes, milk, yogurt, soups and cereals: "1 cup", then "1 container".

3. Any other food, or one without a preferred measure: a "medium" piece (or medium part,
   "1 stalk, medium"), then a one-item count
   ("1 slice", "1 bar"), then USDA's NLEA serving (the FDA reference amount), then the first
   usable measure, then the survey's "Quantity not specified" amount, and finally 100 g.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from nutrition.food.foods import Food, Portion
from nutrition.food.processing import food_class

HUNDRED_GRAMS = Portion(id="100g", description="100 g", grams=100.0)
#: Nuts and seeds measured only by the cup or spoon are shown per ounce (a unit conversion).
ONE_OUNCE = Portion(id="1oz", description="1 oz", grams=28.35)
MIN_GRAMS: Final = 10.0
MAX_GRAMS: Final = 350.0

# Bulk or shopping units, as the first word after the count ("1 bunch", "1 head, medium").
_BULK_UNIT = re.compile(
    r"^[\d./\s-]*(bunch|heads?|package|pkg|loaf|loaves|lbs?|pounds?|quarts?|gallons?|recipe|"
    r"batch|melon|squash|pumpkin|plant|block|jar|bottle|box|bag)\b",
    re.IGNORECASE,
)
# Survey helpers and measures of a dry ingredient rather than what is eaten.
_NOT_EATEN = re.compile(
    r"\b(yields?|yield from|guideline amount|quantity not specified|cubic inch|as ingredient)\b",
    re.IGNORECASE,
)
_SURVEY_DEFAULT = re.compile(r"quantity not specified", re.IGNORECASE)
_MEDIUM = re.compile(r"\bmedium\b", re.IGNORECASE)
_SMALL_PART = re.compile(
    r"\b(leaf|leaves|slices?|strips?|pieces?|stalk|spear|sprig|sections?|cubes?|balls?|"
    r"florets?|flowerets?|baby|rings?|sticks?|kernels?|chips?)\b",
    re.IGNORECASE,
)
#: A counted piece of fruit or vegetable lighter than this is a part ("1 baby carrot").
MIN_PIECE_GRAMS: Final = 40.0
_ONE_ITEM = re.compile(
    r"^1 (?!cup|tbsp|tsp|oz|fl oz|quart|pint|gallon|lb|pound|ounce|tablespoon|teaspoon|"
    r"liter|ml|package|container|can|bottle|jar|recipe|serving|quantity|guideline|cubic)\w",
    re.IGNORECASE,
)
_CUP = re.compile(r"^1 cup\b", re.IGNORECASE)
_HALF_CUP = re.compile(r"^(1/2|0\.5) cup\b", re.IGNORECASE)
_CONTAINER = re.compile(r"^1 (container|carton|individual)\b", re.IGNORECASE)
_OUNCE = re.compile(r"^1 (oz|ounce)\b", re.IGNORECASE)
_QUARTER_CUP = re.compile(r"^(1/4|0\.25) cup\b", re.IGNORECASE)
_THREE_OUNCES = re.compile(r"^3 (oz|ounces?)\b", re.IGNORECASE)
_LARGE = re.compile(r"^1 large\b", re.IGNORECASE)
_SLICE = re.compile(r"^1 (medium or regular |medium |regular )?slice\b", re.IGNORECASE)
_FRUIT_COUNT = re.compile(r"^1 (fruit|whole)\b", re.IGNORECASE)
_NLEA = re.compile(r"nlea serving", re.IGNORECASE)

#: A rule that accepts or rejects one measure.
Test = Callable[[Portion], bool]

_CHEESE = re.compile(r"^cheese\b(?!.*\b(cottage|ricotta)\b)", re.IGNORECASE)
_BREAD = re.compile(r"^(bread|rolls?|bagels?|tortillas?|english muffins?|pita)\b", re.IGNORECASE)


def _usable(portion: Portion) -> bool:
    return (
        MIN_GRAMS <= portion.grams <= MAX_GRAMS
        and _BULK_UNIT.search(portion.description) is None
        and _NOT_EATEN.search(portion.description) is None
    )


def _medium_piece(portion: Portion) -> bool:
    # "1 leaf, medium" or "1 medium slice" is a part, not the whole piece a person eats.
    return bool(_MEDIUM.search(portion.description)) and not _SMALL_PART.search(portion.description)


def _one_item(portion: Portion) -> bool:
    return bool(_ONE_ITEM.match(portion.description))


def _whole_piece(portion: Portion) -> bool:
    # "1 regular carrot" or "1 banana", but not "1 cube" of watermelon or "1 baby carrot".
    return (
        _one_item(portion)
        and portion.grams >= MIN_PIECE_GRAMS
        and not _SMALL_PART.search(portion.description)
    )


def _matches(pattern: re.Pattern[str]) -> Test:
    return lambda p: bool(pattern.search(p.description))


def _small(grams: float) -> Test:
    return lambda p: p.grams <= grams


def _preferences(food: Food) -> tuple[Test, ...]:
    kind = food_class(description=food.description, group_code=food.group_code, source=food.source)
    description = food.description
    if kind == "nut":
        return (_matches(_OUNCE), _matches(_QUARTER_CUP), _small(60.0))
    if kind in ("meat", "fish"):
        return (_matches(_THREE_OUNCES), _medium_piece, _one_item)
    if kind == "egg":
        return (_matches(_LARGE), _medium_piece)
    if _CHEESE.search(description):
        return (_matches(_OUNCE), _matches(_SLICE), _matches(re.compile(r"^1 stick\b")))
    if _BREAD.search(description):
        return (_matches(_SLICE), _one_item)
    if kind == "fruit":
        return (_medium_piece, _matches(_FRUIT_COUNT), _whole_piece, _matches(_CUP))
    if kind == "vegetable":
        return (_medium_piece, _whole_piece, _matches(_CUP), _matches(_HALF_CUP))
    if kind in ("grain", "legume", "dairy", "mixed", "beverage"):
        return (_matches(_CUP), _matches(_CONTAINER))
    return ()


_FALLBACKS: Final[tuple[Test, ...]] = (
    _medium_piece,
    _matches(_MEDIUM),
    _one_item,
    _matches(_NLEA),
)


def default_portion(food: Food) -> Portion:
    """The portion one person would eat of ``food`` at one time (rule in the module doc).

    A USDA household measure of 10-350 g when the food has a usable one, else 1 oz for nuts
    and seeds, else 100 g.
    """
    candidates = [p for p in food.portions if _usable(p)]
    nut = food_class(description=food.description, group_code=food.group_code, source=food.source)
    if nut == "nut" and not any(p.grams <= 60.0 for p in candidates):
        return ONE_OUNCE
    for test in (*_preferences(food), *_FALLBACKS):
        for portion in candidates:
            if test(portion):
                return portion
    if candidates:
        return candidates[0]
    for portion in food.portions:
        if _SURVEY_DEFAULT.search(portion.description) and MIN_GRAMS <= portion.grams <= MAX_GRAMS:
            return portion
    return HUNDRED_GRAMS

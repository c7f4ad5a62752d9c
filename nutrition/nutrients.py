"""The nutrient registry: every nutrient crampfood tracks, with unit and USDA number.

Amounts are per 100 g of edible portion in the food tables. Keys are the public names used
in every API response. Daily Values are the FDA's (21 CFR 101.9, 2016 revision) for adults
and children 4 years and older; they are labelling references, not personal targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Nutrient:
    """A tracked nutrient: ``usda_number`` is SR28 Nutr_No, ``fndds_column`` the FNDDS column."""

    key: str
    name: str
    unit: str
    usda_number: str
    fndds_column: str
    daily_value: float | None
    cramp_related: bool = False
    #: Decimals an amount is shown with: 1 for most, more for the B vitamins measured in
    #: fractions of a milligram or microgram (thiamin 3).
    decimals: int = 1


NUTRIENTS: Final[tuple[Nutrient, ...]] = (
    Nutrient("energy_kcal", "Energy", "kcal", "208", "kcal", 2000.0),
    Nutrient("potassium", "Potassium, K", "mg", "306", "potassium_mg", 4700.0, True),
    Nutrient("magnesium", "Magnesium, Mg", "mg", "304", "magnesium_mg", 420.0, True),
    Nutrient("calcium", "Calcium, Ca", "mg", "301", "calcium_mg", 1300.0, True),
    Nutrient("sodium", "Sodium, Na", "mg", "307", "sodium_mg", 2300.0, True),
    Nutrient("thiamin", "Thiamin (vitamin B1)", "mg", "404", "thiamin_mg", 1.2, True, 3),
    Nutrient("water", "Water", "g", "255", "water_g", None),
    Nutrient("protein", "Protein", "g", "203", "protein_g", 50.0),
    Nutrient("fat", "Total lipid (fat)", "g", "204", "total_fat_g", 78.0),
    Nutrient("carbohydrate", "Carbohydrate, by difference", "g", "205", "carbohydrate_g", 275.0),
    Nutrient("fiber", "Fiber, total dietary", "g", "291", "fiber_total_dietary_g", 28.0),
    Nutrient("sugars", "Sugars, total", "g", "269", "sugars_total_g", None),
    Nutrient(
        "riboflavin", "Riboflavin (vitamin B2)", "mg", "405", "riboflavin_mg", 1.3, decimals=3
    ),
    Nutrient("niacin", "Niacin (vitamin B3)", "mg", "406", "niacin_mg", 16.0, decimals=2),
    Nutrient("vitamin_b6", "Vitamin B6", "mg", "415", "vitamin_b_6_mg", 1.7, decimals=3),
    Nutrient("vitamin_b12", "Vitamin B12", "µg", "418", "vitamin_b_12_mcg", 2.4, decimals=2),
    Nutrient("folate_dfe", "Folate, DFE", "µg", "435", "folate_dfe_mcg", 400.0),
    Nutrient(
        "vitamin_d",
        "Vitamin D (D2 + D3)",
        "µg",
        "328",
        "vitamin_d_d2_plus_d3_mcg",
        20.0,
        decimals=2,
    ),
)

NUTRIENT_KEYS: Final[tuple[str, ...]] = tuple(n.key for n in NUTRIENTS)
BY_KEY: Final[dict[str, Nutrient]] = {n.key: n for n in NUTRIENTS}
BY_USDA_NUMBER: Final[dict[str, Nutrient]] = {n.usda_number: n for n in NUTRIENTS}

#: The five nutrients linked to night leg cramps, in display order.
CRAMP_NUTRIENTS: Final[tuple[str, ...]] = tuple(n.key for n in NUTRIENTS if n.cramp_related)
#: The ones a diet should raise (sodium is two-sided and handled separately).
RAISE_NUTRIENTS: Final[tuple[str, ...]] = ("potassium", "magnesium", "calcium", "thiamin")

#: A nutrient map: key -> amount, ``None`` when the source did not report it (unknown, not 0).
NutrientMap = dict[str, float | None]


#: Energy can be at most that of pure fat: 9 kcal/g (Atwater general factor), 900 kcal/100 g.
MAX_KCAL_PER_100G: Final = 900.0
#: No food holds more than 40 g of one mineral or vitamin per 100 g (table salt, the densest,
#: is 38.8 % sodium: USDA SR28 02047), expressed in each unit.
MAX_MICRO_GRAMS_PER_100G: Final = 40.0
_UNITS_PER_GRAM: Final[dict[str, float]] = {"g": 1.0, "mg": 1e3, "µg": 1e6}


def plausible_max(key: str) -> float:
    """The largest believable amount of nutrient ``key`` per 100 g, in its unit: 100 g of a
    macronutrient (the whole food), ``MAX_KCAL_PER_100G`` of energy, and 40 g of a mineral or
    vitamin (40,000 mg; 40,000,000 µg)."""
    unit = BY_KEY[key].unit
    if unit == "kcal":
        return MAX_KCAL_PER_100G
    if unit == "g":
        return 100.0
    return MAX_MICRO_GRAMS_PER_100G * _UNITS_PER_GRAM[unit]


def scale(per_100g: NutrientMap, grams: float) -> NutrientMap:
    """Scale per-100 g amounts to ``grams``; unknown stays unknown."""
    factor = grams / 100.0
    return {k: (None if v is None else v * factor) for k, v in per_100g.items()}


#: Decimals for grams of food (a kitchen scale's tenth of a gram).
GRAMS_DECIMALS: Final = 1


def rounded(key: str, amount: float | None) -> float | None:
    """``amount`` of nutrient ``key`` rounded to the decimals it is shown with."""
    return None if amount is None else round(amount, BY_KEY[key].decimals)


def rounded_map(amounts: NutrientMap) -> NutrientMap:
    """Every amount of a nutrient map rounded for display; unknown stays unknown."""
    return {k: rounded(k, v) for k, v in amounts.items()}

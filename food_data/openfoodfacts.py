"""Open Food Facts products as foods: a pure conversion of an API v2 product document.

Open Food Facts (https://world.openfoodfacts.org, data under the Open Database License)
stores what a package's label says. In ``product.nutriments``:

* ``<name>_100g`` is the amount per 100 g (per 100 ml for drinks), normalised by Open Food
  Facts to grams for every mass nutrient, minerals and vitamins included, and to kJ for
  ``energy``; ``energy-kcal_100g`` is in kcal and ``energy-kj_100g`` in kJ;
* ``<name>_value`` and ``<name>_unit`` are what the label printed (per 100 g or per serving,
  as ``nutrition_data_per`` says); ``<name>_serving`` is the amount per serving;
* ``nutriments_estimated`` (estimates from the ingredient list) is not the label and is not read.

Conversions: grams to mg x 1,000 and to µg x 1,000,000; energy from ``energy-kcal_100g``, else
kJ / 4.184 (the thermochemical calorie, 4.184 J); sodium, when only salt is given, is
salt / 2.5 (EU Regulation 1169/2011, Annex XIV). A nutrient with no ``_100g`` value is taken
from ``_serving`` when the serving's weight is known, else it is unknown (never zero), as is a
value that is not a number, negative, or over ``nutrition.nutrients.plausible_max``. Values per
100 ml are taken as per 100 g (a density of 1, as Open Food Facts itself compares them).
Folate is not read: labels give folate or folic acid, not dietary folate equivalents.

Allergens come from ``allergens_tags`` and ``traces_tags`` ("may contain") mapped to the nine
keys crampfood knows, plus the description and ingredient text run through
``nutrition.food.allergens.classify``. Diet: ``ingredients_analysis_tags`` "en:non-vegetarian"
marks meat; "en:non-vegan" with no animal product named marks honey, the one kind only a vegan
diet excludes, so the product is kept from vegans and from no one else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from nutrition.food.allergens import classify
from nutrition.food.foods import Food, Portion
from nutrition.nutrients import NUTRIENT_KEYS, NutrientMap, plausible_max

SOURCE: Final = "off"
GROUP: Final = "Packaged foods (Open Food Facts)"
GROUP_CODE: Final = "off"
CITATION: Final = (
    "Open Food Facts, https://world.openfoodfacts.org, data available under the Open "
    "Database License (ODbL)"
)
#: kJ per kcal (thermochemical calorie).
KJ_PER_KCAL: Final = 4.184
#: Salt = sodium x 2.5 on EU labels (Regulation (EU) No 1169/2011, Annex XIV).
SALT_PER_SODIUM: Final = 2.5

#: The product fields the conversion reads; ask the API for these only.
FIELDS: Final[tuple[str, ...]] = (
    "code",
    "product_name",
    "product_name_en",
    "generic_name",
    "generic_name_en",
    "brands",
    "quantity",
    "product_quantity",
    "product_quantity_unit",
    "serving_size",
    "serving_quantity",
    "serving_quantity_unit",
    "nutrition_data_per",
    "nutriments",
    "allergens_tags",
    "traces_tags",
    "ingredients_analysis_tags",
    "ingredients_text",
    "ingredients_text_en",
)

#: Open Food Facts nutriment name -> (crampfood key, factor from its ``_100g`` unit).
NUTRIMENTS: Final[dict[str, tuple[str, float]]] = {
    "proteins": ("protein", 1.0),
    "fat": ("fat", 1.0),
    "carbohydrates": ("carbohydrate", 1.0),
    "fiber": ("fiber", 1.0),
    "sugars": ("sugars", 1.0),
    "sodium": ("sodium", 1e3),
    "potassium": ("potassium", 1e3),
    "magnesium": ("magnesium", 1e3),
    "calcium": ("calcium", 1e3),
    "vitamin-b1": ("thiamin", 1e3),
    "vitamin-b2": ("riboflavin", 1e3),
    "vitamin-pp": ("niacin", 1e3),
    "vitamin-b6": ("vitamin_b6", 1e3),
    "vitamin-b12": ("vitamin_b12", 1e6),
    "vitamin-d": ("vitamin_d", 1e6),
}

#: Open Food Facts allergen tags -> crampfood allergen keys (FALCPA list plus sesame).
ALLERGEN_TAGS: Final[dict[str, str]] = {
    "en:milk": "milk",
    "en:eggs": "egg",
    "en:fish": "fish",
    "en:crustaceans": "shellfish",
    "en:molluscs": "shellfish",
    "en:nuts": "tree_nuts",
    "en:peanuts": "peanuts",
    "en:gluten": "wheat",
    "en:soybeans": "soy",
    "en:sesame-seeds": "sesame",
}
_ALLERGEN_ANIMAL: Final[dict[str, str]] = {
    "milk": "dairy",
    "egg": "egg",
    "fish": "fish",
    "shellfish": "shellfish",
}
_STATUS: Final[dict[str, tuple[str, str]]] = {
    "en:vegan": ("vegan", "yes"),
    "en:non-vegan": ("vegan", "no"),
    "en:maybe-vegan": ("vegan", "maybe"),
    "en:vegetarian": ("vegetarian", "yes"),
    "en:non-vegetarian": ("vegetarian", "no"),
    "en:maybe-vegetarian": ("vegetarian", "maybe"),
}


@dataclass(frozen=True, slots=True)
class LabelValue:
    """One nutrient as the label printed it (per ``Product.label_per``)."""

    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class Product:
    """A product as a food, with what its label said.

    ``label_per`` is "100g" or "serving"; ``per_volume`` says its values are per 100 ml (taken
    as per 100 g); ``vegan``/``vegetarian`` are "yes", "no", "maybe" or "unknown".
    """

    food: Food
    code: str
    brand: str | None
    label: dict[str, LabelValue]
    label_per: str
    per_volume: bool
    serving_size: str | None
    serving_grams: float | None
    allergen_tags: tuple[str, ...]
    trace_tags: tuple[str, ...]
    vegan: str
    vegetarian: str


def number(value: Any) -> float | None:
    """A finite number from a JSON value (Open Food Facts sends some numbers as strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        try:
            result = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return result if math.isfinite(result) else None


def _text(product: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = product.get(name)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _tags(product: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = product.get(name)
    if not isinstance(value, list):
        return ()
    return tuple(t for t in value if isinstance(t, str))


def _per_volume(product: Mapping[str, Any]) -> bool:
    units = (
        product.get("serving_quantity_unit"),
        product.get("product_quantity_unit"),
    )
    return any(isinstance(u, str) and u.strip().lower() in {"ml", "cl", "l"} for u in units)


def serving_grams(product: Mapping[str, Any]) -> float | None:
    """The serving's weight (``serving_quantity``, in g or ml) when positive."""
    unit = product.get("serving_quantity_unit")
    if isinstance(unit, str) and unit.strip().lower() not in {"", "g", "ml"}:
        return None
    grams = number(product.get("serving_quantity"))
    return grams if grams is not None and grams > 0 else None


def _plausible(key: str, value: float | None) -> float | None:
    if value is None or value < 0 or value > plausible_max(key):
        return None
    return value


def _per_100g(nutriments: Mapping[str, Any], name: str, serving: float | None) -> float | None:
    """A nutriment per 100 g in its ``_100g`` unit, from ``_100g`` or else ``_serving``."""
    value = number(nutriments.get(f"{name}_100g"))
    if value is not None:
        return value
    per_serving = number(nutriments.get(f"{name}_serving"))
    if per_serving is not None and serving is not None:
        return per_serving * 100.0 / serving
    return None


def _energy(nutriments: Mapping[str, Any], serving: float | None) -> float | None:
    kcal = _per_100g(nutriments, "energy-kcal", serving)
    if kcal is not None:
        return kcal
    for name in ("energy-kj", "energy"):  # ``energy`` is normalised to kJ
        kj = _per_100g(nutriments, name, serving)
        if kj is not None:
            return kj / KJ_PER_KCAL
    return None


def nutrients_of(nutriments: Mapping[str, Any], *, serving: float | None) -> NutrientMap:
    """Per-100 g amounts in crampfood's units (rules in the module doc); None = unknown."""
    values: NutrientMap = dict.fromkeys(NUTRIENT_KEYS)
    values["energy_kcal"] = _plausible("energy_kcal", _energy(nutriments, serving))
    for name, (key, factor) in NUTRIMENTS.items():
        amount = _per_100g(nutriments, name, serving)
        values[key] = _plausible(key, None if amount is None else amount * factor)
    if values["sodium"] is None:
        salt = _per_100g(nutriments, "salt", serving)
        if salt is not None:
            values["sodium"] = _plausible("sodium", salt / SALT_PER_SODIUM * 1e3)
    return values


def label_of(nutriments: Mapping[str, Any]) -> dict[str, LabelValue]:
    """What the label printed, by crampfood key (``_value`` with ``_unit``)."""
    names = {"energy-kcal": "energy_kcal", **{n: k for n, (k, _) in NUTRIMENTS.items()}}
    label: dict[str, LabelValue] = {}
    for name, key in names.items():
        value = number(nutriments.get(f"{name}_value"))
        unit = nutriments.get(f"{name}_unit")
        if value is not None and isinstance(unit, str):
            label[key] = LabelValue(value=value, unit=unit)
    return label


def _portions(food_id: str, product: Mapping[str, Any], serving: float | None) -> list[Portion]:
    portions: list[Portion] = []
    if serving is not None:
        size = _text(product, "serving_size") or f"{serving:g} g"
        portions.append(
            Portion(id=f"{food_id}#serving", description=f"1 serving ({size})", grams=serving)
        )
    package = number(product.get("product_quantity"))
    unit = product.get("product_quantity_unit")
    if package is not None and package > 0 and (unit in (None, "g", "ml")):
        shown = _text(product, "quantity") or f"{package:g} g"
        portions.append(
            Portion(id=f"{food_id}#package", description=f"1 package ({shown})", grams=package)
        )
    return portions


def _diet(tags: Sequence[str]) -> dict[str, str]:
    status = {"vegan": "unknown", "vegetarian": "unknown"}
    for tag in tags:
        found = _STATUS.get(tag)
        if found is not None:
            status[found[0]] = found[1]
    return status


def product_food(code: str, product: Mapping[str, Any]) -> Product:
    """The product with barcode ``code`` (canonical GTIN) as a food named ``off:<code>``."""
    food_id = f"{SOURCE}:{code}"
    raw = product.get("nutriments")
    nutriments: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    serving = serving_grams(product)
    name = _text(product, "product_name", "product_name_en", "generic_name", "generic_name_en")
    description = name or f"Product {code}"
    brands = _text(product, "brands")
    brand = brands.split(",")[0].strip() if brands else None
    allergen_tags = _tags(product, "allergens_tags")
    trace_tags = _tags(product, "traces_tags")
    analysis = _tags(product, "ingredients_analysis_tags")
    diet = _diet(analysis)
    ingredients = _text(product, "ingredients_text_en", "ingredients_text")
    text = classify(
        description=description,
        group="",
        group_code=GROUP_CODE,
        source=SOURCE,
        ingredients=[ingredients] if ingredients else (),
    )
    allergens = set(text.allergens)
    allergens.update(ALLERGEN_TAGS[t] for t in (*allergen_tags, *trace_tags) if t in ALLERGEN_TAGS)
    animal = set(text.animal)
    animal.update(_ALLERGEN_ANIMAL[a] for a in allergens if a in _ALLERGEN_ANIMAL)
    if diet["vegetarian"] == "no":
        animal.add("meat")
    if diet["vegan"] == "no" and not animal:
        animal.add("honey")
    per = product.get("nutrition_data_per")
    label_per = per if isinstance(per, str) and per in ("100g", "serving") else "100g"
    food = Food(
        id=food_id,
        source=SOURCE,
        code=code,
        description=description,
        group=GROUP,
        group_code=GROUP_CODE,
        nutrients=nutrients_of(nutriments, serving=serving),
        portions=tuple(_portions(food_id, product, serving)),
        allergens=frozenset(allergens),
        animal=frozenset(animal),
        common_names=brands or "",
    )
    return Product(
        food=food,
        code=code,
        brand=brand,
        label=label_of(nutriments),
        label_per=label_per,
        per_volume=_per_volume(product),
        serving_size=_text(product, "serving_size"),
        serving_grams=serving,
        allergen_tags=allergen_tags,
        trace_tags=trace_tags,
        vegan=diet["vegan"],
        vegetarian=diet["vegetarian"],
    )

"""Recipes: a dish as a food, computed from its ingredients, and the rules on nesting them.

The dish's amounts follow the recipe method of food composition tables (FAO/INFOODS
guidelines for recipe calculation), without nutrient retention factors:

* each ingredient adds its per-100 g value times its grams / 100;
* the dish weighs ``yield_grams`` when given (the cooked weight: water lost or gained in
  cooking), else the sum of its ingredients' grams; the difference is water, so the dish's
  water is its ingredients' water less the weight lost (unknown when some ingredient's water
  is), and the dish cannot weigh less than its ingredients' dry matter;
* per 100 g of dish = the sum / the dish's weight x 100;
* unknown is not zero: an ingredient without a value adds nothing to it, and the dish's
  ``coverage`` of that nutrient is the share of the ingredients' grams whose value is known
  (an ingredient that is itself a recipe counts with its own coverage). The value is then a
  lower bound; with no known part at all it is unknown (None);
* losses of heat-labile vitamins in cooking (thiamin above all) are not modelled: no retention
  factor is applied, so the dish's thiamin is what its ingredients held.

Its portions are "1 serving" (the weight over ``servings``), "1 whole recipe" (the whole
weight) and any household measures the caller gives. It holds every allergen and animal
product any ingredient holds. Recipes may use recipes; a recipe may not use itself at any
depth (``find_cycle``), and nesting stops at ``MAX_NESTING`` levels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from nutrition.errors import NutritionError
from nutrition.food.foods import Food, Portion, known_share
from nutrition.nutrients import BY_KEY, NUTRIENT_KEYS, NutrientMap, plausible_max

SOURCE: Final = "recipe"
GROUP: Final = "Recipes"
GROUP_CODE: Final = "recipe"
#: Most levels of recipes inside recipes (a soup using a stock using a spice mix is three).
MAX_NESTING: Final = 8


@dataclass(frozen=True, slots=True)
class Ingredient:
    """One part of a recipe: a food and its grams (> 0)."""

    food: Food
    grams: float


@dataclass(frozen=True, slots=True)
class Dish:
    """A recipe as a food, with what its ingredients leave unknown.

    ``missing`` holds, per ingredient in order, the nutrients it does not report (wholly or in
    part); ``ingredient_grams`` is their total weight and ``food.portions`` start with
    "1 serving" and "1 whole recipe".
    """

    food: Food
    ingredients: tuple[Ingredient, ...]
    missing: tuple[tuple[str, ...], ...]
    ingredient_grams: float
    yield_grams: float
    servings: float


def _positive(value: float, field: str, what: str) -> None:
    if not (math.isfinite(value) and value > 0):
        raise NutritionError(f"{what} must be a positive finite number", field=field)


def dish(
    *,
    id: str,
    code: str,
    description: str,
    ingredients: Sequence[Ingredient],
    servings: float,
    yield_grams: float | None = None,
    portions: Sequence[Portion] = (),
    strict: bool = True,
) -> Dish:
    """The recipe ``description`` made of ``ingredients`` as a food (rule in the module doc).

    Raises NutritionError naming ``ingredients``, ``ingredients.N.grams``, ``servings`` or
    ``yield_grams`` for a recipe without ingredients, weighing nothing, or with a cooked weight
    below the ingredients' dry matter (when every ingredient's water is known) or so low that
    an amount per 100 g passes ``nutrition.nutrients.plausible_max``. ``strict=False`` skips
    those last two checks, for a recipe written earlier whose ingredients may have changed
    since: it is computed as they now are.
    """
    if not ingredients:
        raise NutritionError("a recipe needs at least one ingredient", field="ingredients")
    for n, part in enumerate(ingredients):
        _positive(part.grams, f"ingredients.{n}.grams", "grams")
    _positive(servings, "servings", "servings")
    total = sum(part.grams for part in ingredients)
    if total <= 0:  # pragma: no cover - each part is positive
        raise NutritionError("the ingredients weigh nothing", field="ingredients")
    weight = total
    if yield_grams is not None:
        _positive(yield_grams, "yield_grams", "yield_grams")
        if strict:
            _check_dry_matter(ingredients, yield_grams)
        weight = yield_grams
    sums: dict[str, float] = dict.fromkeys(NUTRIENT_KEYS, 0.0)
    known: dict[str, float] = dict.fromkeys(NUTRIENT_KEYS, 0.0)
    missing: list[tuple[str, ...]] = []
    for part in ingredients:
        lacking: list[str] = []
        for key in NUTRIENT_KEYS:
            value = part.food.nutrients.get(key)
            share = known_share(part.food, key)
            if value is not None:
                sums[key] += value * part.grams / 100.0
                known[key] += share * part.grams
            if share < 1.0:
                lacking.append(key)
        missing.append(tuple(lacking))
    # Cooking gains or loses water only: the dish's water is the ingredients' less what went.
    if known["water"] >= total:
        sums["water"] = max(0.0, sums["water"] - (total - weight))
    elif weight != total:
        known["water"] = 0.0  # part unknown and part evaporated: nothing can be said
    nutrients: NutrientMap = {}
    coverage: dict[str, float] = {}
    for key in NUTRIENT_KEYS:
        share = min(1.0, known[key] / total)
        nutrients[key] = sums[key] / weight * 100.0 if share > 0 else None
        if 0.0 < share < 1.0:
            coverage[key] = share
        value = nutrients[key]
        if strict and value is not None and value > plausible_max(key):
            raise NutritionError(
                f"leaves {value:,.0f} {BY_KEY[key].unit} of {key} per 100 g, more than any food"
                " holds: the cooked weight is too low",
                field="yield_grams",
            )
    allergens = frozenset().union(*(p.food.allergens for p in ingredients))
    animal = frozenset().union(*(p.food.animal for p in ingredients))
    own = (
        Portion(id=f"{id}#serving", description="1 serving", grams=weight / servings),
        Portion(id=f"{id}#whole", description="1 whole recipe", grams=weight),
        *portions,
    )
    food = Food(
        id=id,
        source=SOURCE,
        code=code,
        description=description,
        group=GROUP,
        group_code=GROUP_CODE,
        nutrients=nutrients,
        portions=own,
        allergens=allergens,
        animal=animal,
        common_names="",
        coverage=coverage,
    )
    return Dish(
        food=food,
        ingredients=tuple(ingredients),
        missing=tuple(missing),
        ingredient_grams=total,
        yield_grams=weight,
        servings=servings,
    )


def _check_dry_matter(ingredients: Sequence[Ingredient], yield_grams: float) -> None:
    """Cooking can drive off water, not solids: the dish weighs at least its dry matter."""
    water = 0.0
    for part in ingredients:
        per_100g = part.food.nutrients.get("water")
        if per_100g is None or known_share(part.food, "water") < 1.0:
            return
        water += per_100g * part.grams / 100.0
    dry = sum(p.grams for p in ingredients) - water
    # Half a gram of slack: USDA water values are rounded.
    if yield_grams + 0.5 < dry:
        raise NutritionError(
            f"is below the ingredients' dry matter ({dry:.0f} g): cooking only removes water",
            field="yield_grams",
        )


def find_cycle(*, start: str, uses: Mapping[str, Sequence[str]]) -> tuple[str, ...] | None:
    """A path of recipe ids from ``start`` back to ``start`` through ``uses`` (recipe -> the
    recipes it uses), or None when ``start`` does not use itself at any depth."""
    stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for child in uses.get(node, ()):
            if child == start:
                return (*path, child)
            if child not in seen:
                seen.add(child)
                stack.append((child, (*path, child)))
    return None


def nesting_depth(*, start: str, uses: Mapping[str, Sequence[str]]) -> int:
    """Levels of recipes below ``start`` (1 for a recipe of plain foods); ``uses`` acyclic."""
    depth: dict[str, int] = {}

    def visit(node: str, trail: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        if node in trail:  # a cycle: callers check ``find_cycle`` first
            raise NutritionError("a recipe uses itself", field="ingredients")
        below = [visit(child, trail | {node}) for child in uses.get(node, ())]
        depth[node] = 1 + max(below, default=0)
        return depth[node]

    return visit(start, frozenset())

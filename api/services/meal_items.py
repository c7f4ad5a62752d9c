"""Resolve logged items against the catalog: grams and the amounts each item holds."""

from __future__ import annotations

from dataclasses import dataclass

from api.errors import FieldError, UnknownUnitError, Unprocessable, field_error
from api.schemas.meals import MAX_GRAMS, MealCreate, MealItemCreate
from api.services.catalog import Catalog
from api.store.models import ITEM_NUTRIENTS
from nutrition.errors import NutritionError, UnknownUnit
from nutrition.food.units import grams_for
from nutrition.nutrients import scale


@dataclass(frozen=True, slots=True)
class ResolvedItem:
    """An item ready to store: grams and per-item amounts (None = unknown)."""

    food_id: str
    description: str
    quantity: float | None
    unit: str | None
    grams: float
    nutrients: dict[str, float | None]


def _resolve(item: MealItemCreate, catalog: Catalog, path: str) -> ResolvedItem | FieldError:
    food = catalog.foods.get(item.food_id)
    if food is None:
        return field_error(f"{path}.food_id", f"unknown food id {item.food_id!r}")
    if item.grams is not None:
        grams = item.grams
    else:
        assert item.quantity is not None and item.unit is not None
        try:
            grams = grams_for(food=food, quantity=item.quantity, unit=item.unit)
        except UnknownUnit as exc:
            return field_error(f"{path}.unit", exc.message, allowed=exc.accepted)
        except NutritionError as exc:
            return field_error(f"{path}.{exc.field or 'unit'}", exc.message)
        if grams > MAX_GRAMS:
            return field_error(
                f"{path}.quantity", f"comes to {grams:g} g, over the {MAX_GRAMS:g} g limit"
            )
    amounts = scale(food.nutrients, grams)
    nutrients = {k: amounts[k] for k in ITEM_NUTRIENTS}
    return ResolvedItem(food.id, food.description, item.quantity, item.unit, grams, nutrients)


def _problem(errors: list[FieldError]) -> Unprocessable:
    """One 422 for every item at fault: ``unknown-unit`` when units are all that is wrong."""
    detail = "; ".join(f"{e.field}: {e.reason}" for e in errors)
    units_only = all(e.field.endswith(".unit") and e.allowed for e in errors)
    return (UnknownUnitError if units_only else Unprocessable)(detail, errors=errors)


def resolve_items(
    items: list[MealItemCreate], catalog: Catalog, *, prefix: str = ""
) -> list[ResolvedItem]:
    """Resolve every item; one 422 lists every item at fault, by its position."""
    resolved: list[ResolvedItem] = []
    errors: list[FieldError] = []
    for i, item in enumerate(items):
        result = _resolve(item, catalog, f"{prefix}items.{i}")
        if isinstance(result, FieldError):
            errors.append(result)
        else:
            resolved.append(result)
    if errors:
        raise _problem(errors)
    return resolved


def resolve_meals(meals: list[MealCreate], catalog: Catalog) -> list[list[ResolvedItem]]:
    """Resolve a batch; a 422 names every bad item as ``meals.N.items.M.field``."""
    out: list[list[ResolvedItem]] = []
    errors: list[FieldError] = []
    for n, meal in enumerate(meals):
        try:
            out.append(resolve_items(meal.items, catalog, prefix=f"meals.{n}."))
        except Unprocessable as exc:
            errors.extend(exc.errors)
    if errors:
        raise _problem(errors)
    return out

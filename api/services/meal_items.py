"""Resolve logged items against the client's foods: grams and the amounts each item holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from api.errors import (
    ApiError,
    FieldError,
    UnknownFood,
    UnknownUnitError,
    Unprocessable,
    field_error,
)
from api.schemas.foods import unparsed_public
from api.schemas.meals import MAX_GRAMS, MAX_ITEMS, MAX_QUANTITY, MealCreate, MealItemCreate
from api.services.client_foods import ClientFoods
from api.store.models import ITEM_NUTRIENTS
from nutrition.errors import NutritionError, UnknownUnit
from nutrition.food.foods import Food, known_share
from nutrition.food.units import grams_for
from nutrition.nutrients import scale
from nutrition.search.parse import ParsedItem


class Amount(Protocol):
    """How much of a food: ``grams``, or ``quantity`` with ``unit`` (meal items, ingredients)."""

    food_id: str
    grams: float | None
    quantity: float | None
    unit: str | None


@dataclass(frozen=True, slots=True)
class ResolvedItem:
    """An item ready to store: grams, per-item amounts (None = unknown) and, for a food known
    only in part (a recipe), the share of its grams each partial amount covers."""

    food_id: str
    description: str
    quantity: float | None
    unit: str | None
    grams: float
    nutrients: dict[str, float | None]
    coverage: dict[str, float] | None = None


def grams_of(food: Food, item: Amount, path: str, *, max_grams: float) -> float | FieldError:
    """The grams ``item`` stands for, or the error naming its field under ``path``."""
    if item.grams is not None:
        return item.grams
    assert item.quantity is not None and item.unit is not None
    try:
        grams = grams_for(food=food, quantity=item.quantity, unit=item.unit)
    except UnknownUnit as exc:
        return field_error(f"{path}.unit", exc.message, allowed=exc.accepted)
    except NutritionError as exc:
        return field_error(f"{path}.{exc.field or 'unit'}", exc.message)
    if grams > max_grams:
        return field_error(
            f"{path}.quantity", f"comes to {grams:g} g, over the {max_grams:g} g limit"
        )
    return grams


class _NoSuchFood(FieldError):
    """An item's food id that names no food this client can use."""


def _stored(food: Food, grams: float, quantity: float | None, unit: str | None) -> ResolvedItem:
    """The item as stored: ``grams`` of ``food`` with its amounts and, for a food known only
    in part, the share of grams behind each amount."""
    amounts = scale(food.nutrients, grams)
    nutrients = {k: amounts.get(k) for k in ITEM_NUTRIENTS}
    partial = {
        k: round(share, 6)
        for k in ITEM_NUTRIENTS
        if nutrients[k] is not None and (share := known_share(food, k)) < 1.0
    }
    return ResolvedItem(
        food.id, food.description, quantity, unit, grams, nutrients, partial or None
    )


def _resolve(item: MealItemCreate, foods: ClientFoods, path: str) -> ResolvedItem | FieldError:
    food = foods.find(item.food_id)
    if food is None:
        return _NoSuchFood(field=f"{path}.food_id", reason=f"unknown food id {item.food_id!r}")
    grams = grams_of(food, item, path, max_grams=MAX_GRAMS)
    if isinstance(grams, FieldError):
        return grams
    return _stored(food, grams, item.quantity, item.unit)


def _problem(errors: list[FieldError]) -> ApiError:
    """One problem for every item at fault: 404 ``food-not-found`` when unknown foods are all
    that is wrong, 422 ``unknown-unit`` when units are, otherwise 422 naming each field."""
    detail = "; ".join(f"{e.field}: {e.reason}" for e in errors)
    if all(isinstance(e, _NoSuchFood) for e in errors):
        return UnknownFood(detail, errors=errors)
    units_only = all(e.field.endswith(".unit") and e.allowed for e in errors)
    return (UnknownUnitError if units_only else Unprocessable)(detail, errors=errors)


def resolve_items(
    items: Sequence[MealItemCreate], foods: ClientFoods, *, prefix: str = ""
) -> list[ResolvedItem]:
    """Resolve every item; one 422 lists every item at fault, by its position."""
    foods.prefetch(i.food_id for i in items)
    resolved: list[ResolvedItem] = []
    errors: list[FieldError] = []
    for i, item in enumerate(items):
        result = _resolve(item, foods, f"{prefix}items.{i}")
        if isinstance(result, FieldError):
            errors.append(result)
        else:
            resolved.append(result)
    if errors:
        raise _problem(errors)
    return resolved


def _from_text(item: ParsedItem) -> ResolvedItem:
    # The unit stored is the measure the grams came from ("1 cup, cooked", "1 g").
    return _stored(item.food, item.grams, item.quantity, item.portion)


def resolve_text(
    text: str, foods: ClientFoods, *, allow_partial: bool, prefix: str = ""
) -> list[ResolvedItem]:
    """The items a meal's text names; a 422 naming ``text`` (with the ``unparsed`` parts)
    when it names no food, or when some words name none and ``allow_partial`` is false."""
    field = f"{prefix}text"
    try:
        parsed = foods.parse(text, max_quantity=MAX_QUANTITY, max_grams=MAX_GRAMS)
    except NutritionError as exc:
        raise Unprocessable(exc.message, errors=[field_error(field, exc.message)]) from exc
    unparsed = {"unparsed": [unparsed_public(g).model_dump() for g in parsed.unparsed]}
    spans = "; ".join(f"{g.text!r} ({g.reason})" for g in parsed.unparsed)
    if not parsed.items:
        reason = f"names no food: {spans}" if spans else "names no food"
        raise Unprocessable(reason, errors=[field_error(field, reason)], extensions=unparsed)
    if parsed.unparsed and not allow_partial:
        reason = f"some words name no food: {spans}; send allow_partial=true to log the rest"
        raise Unprocessable(reason, errors=[field_error(field, reason)], extensions=unparsed)
    if len(parsed.items) > MAX_ITEMS:
        reason = f"names {len(parsed.items)} foods, over the limit of {MAX_ITEMS} a meal"
        raise Unprocessable(reason, errors=[field_error(field, reason)])
    return [_from_text(i) for i in parsed.items]


def resolve_meal(meal: MealCreate, foods: ClientFoods, *, prefix: str = "") -> list[ResolvedItem]:
    """The items of one meal, given as ``items`` or as ``text`` (exactly one of them)."""
    if meal.items is not None and meal.text is not None:
        reason = "give items or text, not both"
        raise Unprocessable(reason, errors=[field_error(f"{prefix}text", reason)])
    if meal.text is not None:
        return resolve_text(meal.text, foods, allow_partial=meal.allow_partial, prefix=prefix)
    if meal.items is None:
        reason = "give items, or the meal as text"
        raise Unprocessable(
            reason,
            errors=[field_error(f"{prefix}items", reason), field_error(f"{prefix}text", reason)],
        )
    return resolve_items(meal.items, foods, prefix=prefix)


def resolve_meals(meals: list[MealCreate], foods: ClientFoods) -> list[list[ResolvedItem]]:
    """Resolve a batch; a 422 names every bad item as ``meals.N.items.M.field``."""
    foods.prefetch(i.food_id for m in meals for i in m.items or ())
    out: list[list[ResolvedItem]] = []
    errors: list[FieldError] = []
    for n, meal in enumerate(meals):
        try:
            out.append(resolve_meal(meal, foods, prefix=f"meals.{n}."))
        except (Unprocessable, UnknownFood) as exc:
            errors.extend(exc.errors)
    if errors:
        raise _problem(errors)
    return out

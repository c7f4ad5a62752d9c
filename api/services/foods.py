"""Foods: search, the best (or lowest) sources of a nutrient, and one food in full."""

from __future__ import annotations

from typing import Literal

from sqlmodel import Session

from api.schemas.foods import (
    FoodPage,
    FoodPublic,
    TopFoodList,
    food_public,
    food_summary,
    top_food_public,
)
from api.services.catalog import Catalog
from api.store.queries import foods as food_store
from nutrition.food.top import Basis, top_sources
from nutrition.nutrients import BY_KEY
from nutrition.search.phrases import food_query


def search_foods(
    catalog: Catalog, *, q: str, source: str | None, group: str | None, limit: int, offset: int
) -> FoodPage:
    """A page of foods matching what the person typed, whole and plain foods first.

    Amounts and units in the query are left out ("1 medium banana" searches "banana").
    """
    query = food_query(q)
    result = catalog.search.search(
        query=query, source=source, group=group, limit=limit, offset=offset
    )
    items = [food_summary(catalog.foods[i]) for i in result.ids]
    return FoodPage(items=items, total=result.total, limit=limit, offset=offset)


def top_foods(
    catalog: Catalog,
    *,
    nutrient: str,
    basis: Basis,
    order: Literal["desc", "asc"],
    source: str | None,
    group: str | None,
    limit: int,
) -> TopFoodList:
    """The foods richest (``order="desc"``) or poorest in ``nutrient`` on ``basis``."""
    ranked = top_sources(
        matrix=catalog.matrix,
        nutrient=nutrient,
        basis=basis,
        descending=order == "desc",
        source=source,
        group=group,
        limit=limit,
    )
    unit = BY_KEY[nutrient].unit
    items = [top_food_public(catalog.foods[e.food_id], e, unit=unit) for e in ranked]
    return TopFoodList(nutrient=nutrient, basis=basis, order=order, items=items)


def food_detail(session: Session, catalog: Catalog, *, food_id: str) -> FoodPublic:
    """A food with nutrients per 100 g, portions, tags and USDA provenance; 404 if unknown."""
    food = catalog.get(food_id, field="food_id")
    return food_public(
        food,
        provenance=food_store.provenance(session, food_id=food.id),
        ingredients=food_store.ingredient_codes(session, food_id=food.id),
    )

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
from api.schemas.pages import decode_cursor, encode_cursor
from api.services.catalog import Catalog
from api.store.queries import foods as food_store
from nutrition.food.top import Basis, top_sources

#: How deep a search can be paged.
MAX_SEARCH_OFFSET = 10_000


def search_foods(
    catalog: Catalog,
    *,
    q: str,
    source: str | None,
    group: str | None,
    limit: int,
    cursor: str | None,
) -> FoodPage:
    """A page of foods matching what the person typed, best match first (whole and plain
    foods first); the cursor holds the position in the ranking."""
    position = decode_cursor(cursor, int)
    offset = 0 if position is None else min(position[0], MAX_SEARCH_OFFSET)
    result = catalog.search.search(query=q, source=source, group=group, limit=limit, offset=offset)
    items = [food_summary(catalog.foods[i]) for i in result.ids]
    end = offset + len(items)
    more = bool(items) and end < min(result.total, MAX_SEARCH_OFFSET)
    return FoodPage(items=items, next_cursor=encode_cursor([end]) if more else None)


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
    items = [top_food_public(catalog.foods[e.food_id], e, nutrient=nutrient) for e in ranked]
    return TopFoodList(nutrient=nutrient, basis=basis, order=order, items=items)


def food_detail(session: Session, catalog: Catalog, *, food_id: str) -> FoodPublic:
    """A food with nutrients per 100 g, portions, tags and USDA provenance; 404 if unknown."""
    food = catalog.get(food_id, field="food_id")
    return food_public(
        food,
        provenance=food_store.provenance(session, food_id=food.id),
        ingredients=food_store.ingredient_codes(session, food_id=food.id),
    )

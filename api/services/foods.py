"""Foods: search, the best (or lowest) sources of a nutrient, and one food in full."""

from __future__ import annotations

from typing import Literal

from sqlmodel import Session

from api.schemas.foods import (
    FoodPage,
    FoodPublic,
    TopFoodList,
    custom_food_public,
    food_public,
    food_summary,
    recipe_food_public,
    top_food_public,
    usda_provenance,
)
from api.schemas.pages import decode_cursor, encode_cursor
from api.services.barcodes import product_by_id
from api.services.catalog import Catalog
from api.services.client_foods import CUSTOM, OFF, RECIPE, ClientFoods
from api.services.openfoodfacts import OpenFoodFacts
from api.services.prepared import Prepared, prepare
from api.settings import Settings
from api.store.queries import custom_foods as custom_store
from api.store.queries import foods as food_store
from nutrition.errors import FoodNotFound
from nutrition.food.foods import Food
from nutrition.food.top import Basis, top_sources
from nutrition.search.phrases import food_query

#: Search sources that hold catalog foods only.
CATALOG_SOURCES = frozenset({"sr28", "fndds"})

#: How deep a search can be paged.
MAX_SEARCH_OFFSET = 10_000


def search_foods(
    foods: ClientFoods,
    *,
    q: str,
    source: str | None,
    group: str | None,
    limit: int,
    cursor: str | None,
) -> FoodPage | Prepared:
    """A page of foods matching what the person typed: the client's own foods (custom foods
    and recipes) first, then the catalog's, whole and plain foods first; the cursor holds the
    position in the ranking.

    Amounts and units in the query are left out ("1 medium banana" searches "banana"). A page
    of catalog foods alone (the client has no own foods, or ``source`` is a USDA one) is
    the same for every client until the next import: it is serialised once and kept.
    """
    position = decode_cursor(cursor, int)
    offset = 0 if position is None else min(position[0], MAX_SEARCH_OFFSET)
    catalog_only = source in CATALOG_SOURCES or not foods.has_own_foods()
    key = ("search", q, source, group, limit, offset)
    if catalog_only and (cached := foods.catalog.answers.get(key)) is not None:
        found: Prepared = cached
        return found
    page, total = foods.search(
        q=q, catalog_q=food_query(q), source=source, group=group, limit=limit, offset=offset
    )
    items = [food_summary(f) for f in page]
    end = offset + len(items)
    more = bool(items) and end < min(total, MAX_SEARCH_OFFSET)
    result = FoodPage(items=items, next_cursor=encode_cursor([end]) if more else None)
    if not catalog_only:
        return result
    data = prepare(result)
    foods.catalog.answers.put(key, data)
    return data


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


def cached_usda_detail(catalog: Catalog, food_id: str) -> Prepared | None:
    """The detail of catalog food ``food_id`` when this worker has already made it."""
    found: Prepared | None = catalog.answers.get(("detail", food_id))
    return found


def _usda_detail(session: Session, catalog: Catalog, food: Food) -> Prepared:
    """Read a USDA food's provenance once, serialise its detail and keep it."""
    cached = cached_usda_detail(catalog, food.id)
    if cached is not None:
        return cached
    public = food_public(
        food,
        provenance=usda_provenance(
            food,
            values=food_store.provenance(session, food_id=food.id),
            ingredients=food_store.ingredient_codes(session, food_id=food.id),
        ),
    )
    made = prepare(public)
    catalog.answers.put(("detail", food.id), made)
    return made


def food_detail(
    session: Session,
    foods: ClientFoods,
    *,
    food_id: str,
    gateway: OpenFoodFacts,
    settings: Settings,
) -> FoodPublic | Prepared:
    """Any food this client can use, in full; 404 if there is none by that id.

    Catalog foods carry USDA provenance and come pre-serialised (``Prepared``); ``custom:``
    and ``recipe:`` ids are the client's own; ``off:<barcode>`` is looked up like
    ``GET /v1/foods/barcode/{code}``.
    """
    catalog_food = foods.catalog.foods.get(food_id)
    if catalog_food is not None:
        return _usda_detail(session, foods.catalog, catalog_food)
    if food_id.startswith(CUSTOM):
        row = custom_store.get(session, client_id=foods.client_id, code=food_id[len(CUSTOM) :])
        if row is not None:
            return custom_food_public(row, custom_store.to_food(row))
    elif food_id.startswith(RECIPE):
        made = foods.dish(food_id)
        stored = foods.stored_recipe(food_id)
        if made is not None and stored is not None:
            return recipe_food_public(stored, made)
    elif food_id.startswith(OFF):
        return product_by_id(session, food_id=food_id, gateway=gateway, settings=settings)
    raise FoodNotFound(food_id, field="food_id")

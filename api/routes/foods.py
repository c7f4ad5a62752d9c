"""Food search, best sources of a nutrient, and food detail."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import CatalogDep, ClientDep, SessionDep
from api.schemas.foods import FoodDetail, FoodPage, TopFood, TopFoodList
from api.schemas.presenters import food_detail, food_summary, portion_public
from api.store.queries import foods as food_queries
from nutrition.food.top import top_sources
from nutrition.nutrients import BY_KEY, NUTRIENT_KEYS

router = APIRouter(prefix="/foods", tags=["foods"])

Source = Literal["sr28", "fndds"]
NutrientKey = Literal[NUTRIENT_KEYS]  # type: ignore[valid-type]
GroupQuery = Annotated[
    str | None, Query(max_length=100, description="food group / WWEIA category name or code")
]


@router.get("")
def search_foods(
    _: ClientDep,
    catalog: CatalogDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="what the person typed")],
    source: Source | None = None,
    group: GroupQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> FoodPage:
    """Search foods by name, whole and plain foods first, tolerating typos and word order."""
    result = catalog.search.search(query=q, source=source, group=group, limit=limit, offset=offset)
    items = [food_summary(catalog.foods[i]) for i in result.ids]
    return FoodPage(items=items, total=result.total, limit=limit, offset=offset)


@router.get("/top")
def top_foods(
    _: ClientDep,
    catalog: CatalogDep,
    nutrient: NutrientKey,
    basis: Literal["portion", "100g", "100kcal"] = "portion",
    order: Literal["desc", "asc"] = "desc",
    source: Source | None = None,
    group: GroupQuery = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> TopFoodList:
    """List the best sources of a nutrient (or, with order=asc, the lowest in it)."""
    ranked = top_sources(
        matrix=catalog.matrix,
        nutrient=nutrient,
        basis=basis,
        descending=order == "desc",
        source=source,
        group=group,
        limit=limit,
    )
    items = []
    for entry in ranked:
        food = catalog.foods[entry.food_id]
        items.append(
            TopFood(
                id=food.id,
                description=food.description,
                source=food.source,
                group=food.group,
                amount=round(entry.amount, 4),
                unit=BY_KEY[nutrient].unit,
                basis=entry.basis,
                portion=portion_public(food, entry.portion) if entry.portion else None,
            )
        )
    return TopFoodList(nutrient=nutrient, basis=basis, order=order, items=items)


@router.get("/{food_id}")
def get_food(
    _: ClientDep,
    catalog: CatalogDep,
    session: SessionDep,
    food_id: Annotated[str, Path(max_length=64, examples=["sr28:09040"])],
) -> FoodDetail:
    """Show a food: nutrients per 100 g (null = unknown), portions, tags and provenance."""
    food = catalog.get(food_id, field="food_id")
    return food_detail(
        food,
        provenance=food_queries.provenance(session, food_id=food.id),
        ingredients=food_queries.ingredient_codes(session, food_id=food.id),
    )

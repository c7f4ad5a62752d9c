"""Food search, best sources of a nutrient, and food detail."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import CatalogDep, ClientDep, SessionDep
from api.schemas.foods import FoodPage, FoodPublic, TopFoodList
from api.schemas.pages import CursorQuery, LimitQuery
from api.services import foods
from nutrition.nutrients import NUTRIENT_KEYS

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
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> FoodPage:
    """Search foods by name, best match first (whole and plain foods first), tolerating
    typos and word order."""
    return foods.search_foods(catalog, q=q, source=source, group=group, limit=limit, cursor=cursor)


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
    return foods.top_foods(
        catalog,
        nutrient=nutrient,
        basis=basis,
        order=order,
        source=source,
        group=group,
        limit=limit,
    )


@router.get("/{food_id}")
def get_food(
    _: ClientDep,
    catalog: CatalogDep,
    session: SessionDep,
    food_id: Annotated[str, Path(max_length=64, examples=["sr28:09040"])],
) -> FoodPublic:
    """Show a food: nutrients per 100 g (null = unknown), portions, tags and provenance."""
    return foods.food_detail(session, catalog, food_id=food_id)

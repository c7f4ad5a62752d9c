"""Foods: search, best sources of a nutrient, food detail, barcodes, and custom foods."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, status
from fastapi.concurrency import run_in_threadpool

from api.concurrency import run
from api.deps import (
    CatalogDep,
    ClientDep,
    ClientFoodsDep,
    IdempotentWriteDep,
    OpenFoodFactsDep,
    SessionDep,
    SettingsDep,
)
from api.errors import CONCURRENT_CHANGE, IDEMPOTENT_CONFLICT, IN_USE, UPSTREAM_UNAVAILABLE
from api.responses import answer_response, json_bytes_response, prepared_response
from api.schemas.foods import (
    FoodCreate,
    FoodPage,
    FoodParseCreate,
    FoodParsePublic,
    FoodPublic,
    FoodUpdate,
    TopFoodList,
)
from api.schemas.pages import CursorQuery, LimitQuery
from api.services import barcodes, custom_foods, foods, parsing
from api.services.prepared import Prepared
from nutrition.nutrients import NUTRIENT_KEYS

router = APIRouter(prefix="/foods", tags=["foods"])

Source = Literal["sr28", "fndds"]
SearchSource = Literal["sr28", "fndds", "custom", "recipe"]
NutrientKey = Literal[NUTRIENT_KEYS]  # type: ignore[valid-type]
GroupQuery = Annotated[
    str | None, Query(max_length=100, description="food group / WWEIA category name or code")
]
FoodIdPath = Annotated[str, Path(max_length=64, examples=["sr28:09040"])]


@router.get("", response_model=FoodPage)
async def search_foods(
    food_source: ClientFoodsDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="what the person typed")],
    source: SearchSource | None = None,
    group: GroupQuery = None,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> Any:
    """Search foods by name: the client's own foods and recipes first, then whole and plain
    foods first, tolerating typos and word order."""
    in_memory = food_source.own_index_at_hand()
    page = await run(
        in_memory,
        foods.search_foods,
        food_source,
        q=q,
        source=source,
        group=group,
        limit=limit,
        cursor=cursor,
    )
    return prepared_response(page) if isinstance(page, Prepared) else page


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=FoodPublic,
    responses=IDEMPOTENT_CONFLICT,
)
def create_food(
    body: FoodCreate, session: SessionDep, food_source: ClientFoodsDep, write: IdempotentWriteDep
) -> Any:
    """Create a custom food, seen by this client alone; its id is ``custom:<id>``."""
    answer = custom_foods.create_food(session, food_source, body=body, write=write)
    response = answer_response(answer)
    response.headers["Location"] = f"/v1/foods/{answer.body['id']}"
    return response


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


@router.post("/parse", response_model=FoodParsePublic)
async def parse_meal_text(food_source: ClientFoodsDep, body: FoodParseCreate) -> Any:
    """Read a meal as typed ("2 eggs and a slice of toast") into foods, amounts and nutrients;
    the client's own custom foods and recipes come first when every word names one."""
    in_memory = food_source.parse_in_memory()
    answer = await run(in_memory, parsing.parse_text, food_source, text=body.text)
    return json_bytes_response(answer.body) if isinstance(answer, Prepared) else answer


@router.get("/barcode/{code}", responses=UPSTREAM_UNAVAILABLE)
def barcode(
    code: Annotated[str, Path(max_length=20, examples=["3017620422003"])],
    session: SessionDep,
    food_source: ClientFoodsDep,
    gateway: OpenFoodFactsDep,
    settings: SettingsDep,
) -> FoodPublic:
    """Look up a barcode (GTIN-8, 12, 13 or 14): the client's own custom food with it, else
    the product in Open Food Facts as the food ``off:<code>``."""
    return barcodes.lookup(session, food_source, code=code, gateway=gateway, settings=settings)


@router.get("/{food_id}", response_model=FoodPublic, responses=UPSTREAM_UNAVAILABLE)
async def get_food(
    food_id: FoodIdPath,
    session: SessionDep,
    food_source: ClientFoodsDep,
    gateway: OpenFoodFactsDep,
    settings: SettingsDep,
) -> Any:
    """Show a food: nutrients per 100 g (null = unknown) with coverage, portions, tags and
    provenance (catalog, custom, ``recipe:`` or ``off:`` ids). USDA foods are public data:
    cacheable for a day."""
    detail: FoodPublic | Prepared | None = foods.cached_usda_detail(food_source.catalog, food_id)
    if detail is None:  # not served here before: read in a worker thread
        detail = await run_in_threadpool(
            foods.food_detail,
            session,
            food_source,
            food_id=food_id,
            gateway=gateway,
            settings=settings,
        )
    return prepared_response(detail, public=True) if isinstance(detail, Prepared) else detail


@router.patch("/{food_id}", responses=CONCURRENT_CHANGE)
def patch_food(
    food_id: FoodIdPath, body: FoodUpdate, session: SessionDep, food_source: ClientFoodsDep
) -> FoodPublic:
    """Change a custom food (recipes change at ``PATCH /v1/recipes/{id}``); meals logged
    before keep their amounts."""
    return custom_foods.change_food(session, food_source, food_id=food_id, body=body)


@router.delete("/{food_id}", status_code=status.HTTP_204_NO_CONTENT, responses=IN_USE)
def delete_food(food_id: FoodIdPath, session: SessionDep, food_source: ClientFoodsDep) -> None:
    """Delete a custom food; meals that logged it keep their items and amounts."""
    custom_foods.delete_food(session, food_source, food_id=food_id)

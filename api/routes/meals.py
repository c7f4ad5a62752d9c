"""Meal logs: create (idempotently), batch, list, read, change, delete."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime

from api.deps import ClientFoodsDep, IdempotentWriteDep, SessionDep, UserDep
from api.errors import IDEMPOTENT_CONFLICT
from api.schemas.meals import (
    MealBatchCreate,
    MealBatchPublic,
    MealCreate,
    MealPage,
    MealPublic,
    MealUpdate,
)
from api.services import meals

router = APIRouter(prefix="/users/{user_id}/meals", tags=["meals"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=MealPublic,
    responses=IDEMPOTENT_CONFLICT,
)
def create_meal(
    user: UserDep,
    body: MealCreate,
    session: SessionDep,
    foods: ClientFoodsDep,
    write: IdempotentWriteDep,
) -> Any:
    """Log a meal; each item is resolved to grams and nutrient amounts."""
    answer = meals.log_meal(session, user=user, body=body, foods=foods, write=write)
    return JSONResponse(answer.body, status_code=answer.status_code)


@router.post(
    "/batch",
    status_code=status.HTTP_201_CREATED,
    response_model=MealBatchPublic,
    responses=IDEMPOTENT_CONFLICT,
)
def create_meals_batch(
    user: UserDep,
    body: MealBatchCreate,
    session: SessionDep,
    foods: ClientFoodsDep,
    write: IdempotentWriteDep,
) -> Any:
    """Log up to 500 meals at once (offline sync): all are stored, or none."""
    answer = meals.log_meals(session, user=user, body=body, foods=foods, write=write)
    return JSONResponse(answer.body, status_code=answer.status_code)


@router.get("")
def list_meals(
    user: UserDep,
    session: SessionDep,
    from_: Annotated[AwareDatetime | date | None, Query(alias="from")] = None,
    to: Annotated[AwareDatetime | date | None, Query(description="exclusive")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> MealPage:
    """List meals newest first; dates are whole days in the user's time zone."""
    return meals.list_meals(session, user=user, start=from_, end=to, limit=limit, cursor=cursor)


@router.get("/{meal_id}")
def get_meal(user: UserDep, meal_id: str, session: SessionDep) -> MealPublic:
    """Read one meal."""
    return meals.read_meal(session, user=user, meal_id=meal_id)


@router.patch("/{meal_id}")
def patch_meal(
    user: UserDep,
    meal_id: str,
    body: MealUpdate,
    session: SessionDep,
    foods: ClientFoodsDep,
) -> MealPublic:
    """Change a meal's time, kind, note or items (items replace the old list)."""
    return meals.change_meal(session, user=user, meal_id=meal_id, body=body, foods=foods)


@router.delete("/{meal_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_meal(user: UserDep, meal_id: str, session: SessionDep) -> None:
    """Delete a meal."""
    meals.delete_meal(session, user=user, meal_id=meal_id)

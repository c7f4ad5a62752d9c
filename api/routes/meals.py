"""Meal logs: create (idempotently), batch, list, read, change, delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from api.deps import ClientFoodsDep, IdempotentWriteDep, SessionDep, UserDep
from api.responses import answer_response
from api.schemas.common import FromQuery, ResourceIdPath, ToQuery
from api.schemas.meals import (
    MealBatchCreate,
    MealBatchPublic,
    MealCreate,
    MealPage,
    MealPublic,
    MealUpdate,
)
from api.schemas.pages import CursorQuery, LimitQuery
from api.services import meals

router = APIRouter(prefix="/users/{user_id}/meals", tags=["meals"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=MealPublic)
def create_meal(
    user: UserDep,
    body: MealCreate,
    session: SessionDep,
    foods: ClientFoodsDep,
    write: IdempotentWriteDep,
) -> Any:
    """Log a meal; each item is resolved to grams and nutrient amounts."""
    answer = meals.log_meal(session, user=user, body=body, foods=foods, write=write)
    return answer_response(answer)


@router.post("/batch", status_code=status.HTTP_201_CREATED, response_model=MealBatchPublic)
def create_meals_batch(
    user: UserDep,
    body: MealBatchCreate,
    session: SessionDep,
    foods: ClientFoodsDep,
    write: IdempotentWriteDep,
) -> Any:
    """Log up to 500 meals (5000 items in all) at once (offline sync): all or none."""
    answer = meals.log_meals(session, user=user, body=body, foods=foods, write=write)
    return answer_response(answer)


@router.get("")
def list_meals(
    user: UserDep,
    session: SessionDep,
    from_: FromQuery = None,
    to: ToQuery = None,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> MealPage:
    """List meals newest first (by eaten_at, then id); dates are whole local days."""
    return meals.list_meals(session, user=user, start=from_, end=to, limit=limit, cursor=cursor)


@router.get("/{meal_id}")
def get_meal(user: UserDep, meal_id: ResourceIdPath, session: SessionDep) -> MealPublic:
    """Read one meal."""
    return meals.read_meal(session, user=user, meal_id=meal_id)


@router.patch("/{meal_id}")
def update_meal(
    user: UserDep,
    meal_id: ResourceIdPath,
    body: MealUpdate,
    session: SessionDep,
    foods: ClientFoodsDep,
) -> MealPublic:
    """Change a meal's time, kind, note or items (items replace the old list)."""
    return meals.change_meal(session, user=user, meal_id=meal_id, body=body, foods=foods)


@router.delete("/{meal_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_meal(user: UserDep, meal_id: ResourceIdPath, session: SessionDep) -> None:
    """Delete a meal."""
    meals.delete_meal(session, user=user, meal_id=meal_id)

"""Meal logs: create (idempotently), batch, list, read, change, delete."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from pydantic import AwareDatetime

from api.deps import CatalogDep, SessionDep, UserDep
from api.errors import PROBLEM_RESPONSES, Unprocessable, field_error
from api.schemas.meals import (
    MealBatchIn,
    MealBatchPublic,
    MealIn,
    MealPage,
    MealPatch,
    MealPublic,
)
from api.schemas.presenters import meal_public
from api.services.meal_items import resolve_items, resolve_meals
from api.services.windows import local_bound
from api.store.idempotency import IdempotencyKey, check_retry, key_lifetime, respond
from api.store.queries import meals as meal_queries

router = APIRouter(prefix="/users/{user_id}/meals", tags=["meals"])
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: PROBLEM_RESPONSES[404] | {"description": "Idempotency-Key reused"}
}


@router.post("", status_code=status.HTTP_201_CREATED, response_model=MealPublic, responses=CONFLICT)
def create_meal(
    user: UserDep,
    body: MealIn,
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Log a meal; each item is resolved to grams and nutrient amounts."""
    request_hash, replay = check_retry(
        session, client_id=user.client_id, key=idempotency_key, request=request, body=body
    )
    if replay is not None:
        return replay
    stored = meal_queries.build_meal(
        user=user,
        eaten_at=body.eaten_at,
        kind=body.meal,
        note=body.note,
        items=resolve_items(body.items, catalog),
    )
    return respond(
        session,
        client_id=user.client_id,
        user_id=user.id,
        key=idempotency_key,
        request_hash=request_hash,
        max_age=key_lifetime(request),
        answer=meal_public(stored).model_dump(mode="json"),
        stage=lambda s: meal_queries.add_meals(s, [stored]),
    )


@router.post(
    "/batch",
    status_code=status.HTTP_201_CREATED,
    response_model=MealBatchPublic,
    responses=CONFLICT,
)
def create_meals_batch(
    user: UserDep,
    body: MealBatchIn,
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Log up to 500 meals at once (offline sync): all are stored, or none."""
    request_hash, replay = check_retry(
        session, client_id=user.client_id, key=idempotency_key, request=request, body=body
    )
    if replay is not None:
        return replay
    resolved = resolve_meals(body.meals, catalog)
    stored = [
        meal_queries.build_meal(
            user=user, eaten_at=m.eaten_at, kind=m.meal, note=m.note, items=items
        )
        for m, items in zip(body.meals, resolved, strict=True)
    ]
    return respond(
        session,
        client_id=user.client_id,
        user_id=user.id,
        key=idempotency_key,
        request_hash=request_hash,
        max_age=key_lifetime(request),
        answer=MealBatchPublic(items=[meal_public(m) for m in stored]).model_dump(mode="json"),
        stage=lambda s: meal_queries.add_meals(s, stored),
    )


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
    start = local_bound(from_, user.timezone, end=False)
    end = local_bound(to, user.timezone, end=True)
    if start is not None and end is not None and end <= start:
        raise Unprocessable(
            "'to' must be after 'from'", errors=[field_error("to", "must be after from")]
        )
    meals, next_cursor = meal_queries.list_meals(
        session, user=user, start=start, end=end, limit=limit, cursor=cursor
    )
    return MealPage(items=[meal_public(m) for m in meals], next_cursor=next_cursor)


@router.get("/{meal_id}")
def get_meal(user: UserDep, meal_id: str, session: SessionDep) -> MealPublic:
    """Read one meal."""
    return meal_public(meal_queries.get_meal(session, user=user, meal_id=meal_id))


@router.patch("/{meal_id}")
def patch_meal(
    user: UserDep,
    meal_id: str,
    body: MealPatch,
    session: SessionDep,
    catalog: CatalogDep,
) -> MealPublic:
    """Change a meal's time, kind, note or items (items replace the old list)."""
    stored = meal_queries.get_meal(session, user=user, meal_id=meal_id)
    items = resolve_items(body.items, catalog) if body.items is not None else None
    updated = meal_queries.update_meal(
        session,
        stored,
        eaten_at=body.eaten_at,
        kind=body.meal,
        note=body.note,
        note_set="note" in body.model_fields_set,
        items=items,
    )
    return meal_public(updated)


@router.delete("/{meal_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_meal(user: UserDep, meal_id: str, session: SessionDep) -> None:
    """Delete a meal."""
    meal_queries.delete_meal(session, meal_queries.get_meal(session, user=user, meal_id=meal_id))

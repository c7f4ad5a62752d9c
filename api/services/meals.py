"""Meal logs: log one meal or a batch (idempotently), list, read, change, delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from api.errors import Unprocessable, field_error
from api.schemas.meals import (
    MealBatchCreate,
    MealBatchPublic,
    MealCreate,
    MealPage,
    MealPublic,
    MealUpdate,
    meal_public,
)
from api.schemas.pages import decode_cursor, page_of
from api.services.client_foods import ClientFoods
from api.services.idempotency import Answer, Created, IdempotentWrite, idempotent_create
from api.services.meal_items import ResolvedItem, resolve_items, resolve_meal, resolve_meals
from api.services.transaction import write_transaction
from api.services.windows import local_bound, offset_minutes
from api.store.models import Meal, MealItem, User, utcnow
from api.store.queries import meals as meal_store
from api.store.queries.meals import StoredMeal


def _new_meal(user: User, body: MealCreate, items: Sequence[ResolvedItem]) -> StoredMeal:
    """Rows for a new meal (not yet staged)."""
    assert user.id is not None
    now = utcnow()
    meal = Meal(
        id=meal_store.new_id(),
        user_id=user.id,
        eaten_at=body.eaten_at,
        utc_offset_minutes=offset_minutes(body.eaten_at),
        meal=body.meal,
        note=body.note,
        created_at=now,
        updated_at=now,
    )
    return StoredMeal(meal, _item_rows(meal, items))


def _item_rows(meal: Meal, items: Sequence[ResolvedItem]) -> list[MealItem]:
    rows = []
    for i, item in enumerate(items):
        fields: dict[str, Any] = {
            "meal_id": meal.id,
            "user_id": meal.user_id,
            "eaten_at": meal.eaten_at,
            "position": i,
            "food_id": item.food_id,
            "description": item.description,
            "quantity": item.quantity,
            "unit": item.unit,
            "grams": item.grams,
            "coverage": item.coverage,
            **item.nutrients,
        }
        rows.append(MealItem(**fields))
    return rows


def log_meal(
    session: Session, *, user: User, body: MealCreate, foods: ClientFoods, write: IdempotentWrite
) -> Answer:
    """Log a meal, each item (or each food its text names) resolved to grams and nutrient
    amounts (replayed on retry)."""

    def prepare() -> Created:
        stored = _new_meal(user, body, resolve_meal(body, foods))
        return Created(meal_public(stored), lambda s: meal_store.add_meals(s, [stored]))

    return idempotent_create(
        session, write=write, client_id=user.client_id, user_id=user.id, body=body, prepare=prepare
    )


def log_meals(
    session: Session,
    *,
    user: User,
    body: MealBatchCreate,
    foods: ClientFoods,
    write: IdempotentWrite,
) -> Answer:
    """Log a batch of meals: all are stored, or none (one 422 names every bad item)."""

    def prepare() -> Created:
        resolved = resolve_meals(body.meals, foods)
        stored = [_new_meal(user, m, items) for m, items in zip(body.meals, resolved, strict=True)]
        answer = MealBatchPublic(items=[meal_public(m) for m in stored])
        return Created(answer, lambda s: meal_store.add_meals(s, stored))

    return idempotent_create(
        session, write=write, client_id=user.client_id, user_id=user.id, body=body, prepare=prepare
    )


def list_meals(
    session: Session,
    *,
    user: User,
    start: datetime | date | None,
    end: datetime | date | None,
    limit: int,
    cursor: str | None,
) -> MealPage:
    """A page of meals newest first; dates are whole days in the user's time zone."""
    since = local_bound(start, user.timezone, end=False)
    until = local_bound(end, user.timezone, end=True)
    if since is not None and until is not None and until <= since:
        raise Unprocessable(
            "'to' must be after 'from'", errors=[field_error("to", "must be after from")]
        )
    rows = meal_store.list_meals(
        session,
        user=user,
        start=since,
        end=until,
        after=decode_cursor(cursor, datetime, str),
        limit=limit + 1,
    )
    meals, next_cursor = page_of(rows, limit, key=lambda m: (m.meal.eaten_at, m.meal.id))
    return MealPage(items=[meal_public(m) for m in meals], next_cursor=next_cursor)


def read_meal(session: Session, *, user: User, meal_id: str) -> MealPublic:
    """One of the user's meals; 404 otherwise."""
    return meal_public(meal_store.get_meal(session, user=user, meal_id=meal_id))


def change_meal(
    session: Session, *, user: User, meal_id: str, body: MealUpdate, foods: ClientFoods
) -> MealPublic:
    """Apply a patch and commit: only the fields sent change; ``items`` replaces every item."""
    stored = meal_store.get_meal(session, user=user, meal_id=meal_id)
    items = resolve_items(body.items, foods) if body.items is not None else None
    meal = stored.meal
    if body.eaten_at is not None:
        meal.eaten_at = body.eaten_at
        meal.utc_offset_minutes = offset_minutes(body.eaten_at)
    if body.meal is not None:
        meal.meal = body.meal
    if "note" in body.model_fields_set:
        meal.note = body.note
    meal.updated_at = utcnow()
    rows = stored.items if items is None else _item_rows(meal, items)
    for row in rows:
        row.eaten_at = meal.eaten_at
    changed = StoredMeal(meal, rows)
    with write_transaction(session):
        meal_store.save_meal(session, changed, items_replaced=items is not None)
    return meal_public(changed)


def delete_meal(session: Session, *, user: User, meal_id: str) -> None:
    """Delete one of the user's meals and its items (404 if there is none), and commit."""
    stored = meal_store.get_meal(session, user=user, meal_id=meal_id)
    with write_transaction(session):
        meal_store.delete_meal(session, stored)

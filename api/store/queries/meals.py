"""Meal queries: stage meals with their items, page, read, change, delete (services commit)."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, delete, select

from api.errors import NotFound, Unprocessable, field_error
from api.store.models import ITEM_NUTRIENTS, Meal, MealItem, User


@dataclass(frozen=True, slots=True)
class StoredMeal:
    """A meal row with its item rows in order."""

    meal: Meal
    items: list[MealItem]


def new_id() -> str:
    """A new opaque id."""
    return uuid.uuid4().hex


def add_meals(session: Session, meals: Sequence[StoredMeal]) -> None:
    """Stage meals and items in the current transaction (the caller commits)."""
    for stored in meals:
        session.add(stored.meal)
    session.flush()
    for stored in meals:
        session.add_all(stored.items)


def get_meal(session: Session, *, user: User, meal_id: str) -> StoredMeal:
    """One of the user's meals; 404 otherwise."""
    meal = session.exec(select(Meal).where(Meal.id == meal_id, Meal.user_id == user.id)).first()
    if meal is None:
        raise NotFound(f"no meal {meal_id!r}")
    return StoredMeal(meal, _items_for(session, [meal.id])[meal.id])


def _items_for(session: Session, meal_ids: list[str]) -> dict[str, list[MealItem]]:
    by_meal: dict[str, list[MealItem]] = defaultdict(list)
    if not meal_ids:
        return by_meal
    rows = session.exec(
        select(MealItem)
        .where(col(MealItem.meal_id).in_(meal_ids))
        .order_by(col(MealItem.meal_id), col(MealItem.position))
    ).all()
    for row in rows:
        by_meal[row.meal_id].append(row)
    return by_meal


def encode_cursor(meal: Meal) -> str:
    """An opaque cursor after ``meal`` in newest-first order."""
    raw = f"{meal.eaten_at.isoformat()}|{meal.id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """The position a cursor stands for; 422 naming ``cursor`` when it is not ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, meal_id = raw.split("|", 1)
        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise ValueError("naive")
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Unprocessable(
            "invalid cursor", errors=[field_error("cursor", "is not a cursor from this API")]
        ) from exc
    return when, meal_id


def list_meals(
    session: Session,
    *,
    user: User,
    start: datetime | None,
    end: datetime | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[StoredMeal], str | None]:
    """A page of meals newest first, within [start, end), and the next page's cursor."""
    query = select(Meal).where(Meal.user_id == user.id)
    if start is not None:
        query = query.where(col(Meal.eaten_at) >= start)
    if end is not None:
        query = query.where(col(Meal.eaten_at) < end)
    if cursor is not None:
        when, meal_id = decode_cursor(cursor)
        query = query.where(
            or_(col(Meal.eaten_at) < when, and_(col(Meal.eaten_at) == when, col(Meal.id) < meal_id))
        )
    rows = list(
        session.exec(
            query.order_by(col(Meal.eaten_at).desc(), col(Meal.id).desc()).limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    items = _items_for(session, [m.id for m in rows])
    next_cursor = encode_cursor(rows[-1]) if more and rows else None
    return [StoredMeal(m, items[m.id]) for m in rows], next_cursor


def save_meal(session: Session, stored: StoredMeal, *, items_replaced: bool) -> None:
    """Stage a changed meal and its items; with ``items_replaced`` the old items go first."""
    session.add(stored.meal)
    if items_replaced:
        session.exec(delete(MealItem).where(col(MealItem.meal_id) == stored.meal.id))
    session.add_all(stored.items)


def delete_meal(session: Session, stored: StoredMeal) -> None:
    """Stage deleting a meal and its items."""
    session.exec(delete(MealItem).where(col(MealItem.meal_id) == stored.meal.id))
    session.delete(stored.meal)


def item_nutrients(item: MealItem) -> dict[str, float | None]:
    """The stored amounts of an item, by nutrient key."""
    return {k: getattr(item, k) for k in ITEM_NUTRIENTS}


def item_coverage(item: MealItem) -> dict[str, float]:
    """Share (0-1) of the item's grams with a known value, by nutrient key."""
    partial = item.coverage or {}
    return {
        k: 0.0 if getattr(item, k) is None else float(partial.get(k, 1.0)) for k in ITEM_NUTRIENTS
    }

"""Meal queries: stage meals with their items, page, read, change, delete (services commit)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, insert, or_
from sqlmodel import Session, SQLModel, col, delete, select

from api.errors import NotFound
from api.store.models import ITEM_NUTRIENTS, Meal, MealItem, User
from api.store.queries import users


@dataclass(frozen=True, slots=True)
class StoredMeal:
    """A meal row with its item rows in order."""

    meal: Meal
    items: list[MealItem]


def new_id() -> str:
    """A new opaque id."""
    return uuid.uuid4().hex


def _row(obj: SQLModel, table: Table) -> dict[str, Any]:
    """The column values of an unsaved row; an unset autoincrement key is left out."""
    return {
        c.name: getattr(obj, c.name)
        for c in table.columns
        if not (c.primary_key and getattr(obj, c.name) is None)
    }


def add_meals(session: Session, meals: Sequence[StoredMeal]) -> None:
    """Stage meals and their items with one bulk insert each (the caller commits)."""
    if not meals:
        return
    meal_table, item_table = _table(Meal), _table(MealItem)
    session.execute(insert(meal_table), [_row(m.meal, meal_table) for m in meals])
    items = [_row(i, item_table) for m in meals for i in m.items]
    if items:
        session.execute(insert(item_table), items)
    for user_id in sorted({m.meal.user_id for m in meals}):
        users.touch(session, user_id=user_id)


def _table(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


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


def list_meals(
    session: Session,
    *,
    user: User,
    start: datetime | None,
    end: datetime | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[StoredMeal]:
    """Up to ``limit`` meals within [start, end), newest first (``eaten_at``, then id,
    descending), after the position ``after``."""
    query = select(Meal).where(Meal.user_id == user.id)
    if start is not None:
        query = query.where(col(Meal.eaten_at) >= start)
    if end is not None:
        query = query.where(col(Meal.eaten_at) < end)
    if after is not None:
        when, meal_id = after
        query = query.where(
            or_(col(Meal.eaten_at) < when, and_(col(Meal.eaten_at) == when, col(Meal.id) < meal_id))
        )
    rows = list(
        session.exec(query.order_by(col(Meal.eaten_at).desc(), col(Meal.id).desc()).limit(limit))
    )
    items = _items_for(session, [m.id for m in rows])
    return [StoredMeal(m, items[m.id]) for m in rows]


def save_meal(session: Session, stored: StoredMeal, *, items_replaced: bool) -> None:
    """Stage a changed meal and its items; with ``items_replaced`` the old items go first."""
    session.add(stored.meal)
    if items_replaced:
        session.exec(delete(MealItem).where(col(MealItem.meal_id) == stored.meal.id))
    session.add_all(stored.items)
    users.touch(session, user_id=stored.meal.user_id)


def delete_meal(session: Session, stored: StoredMeal) -> None:
    """Stage deleting a meal and its items."""
    session.exec(delete(MealItem).where(col(MealItem.meal_id) == stored.meal.id))
    session.delete(stored.meal)
    users.touch(session, user_id=stored.meal.user_id)


def item_nutrients(item: MealItem) -> dict[str, float | None]:
    """The stored amounts of an item, by nutrient key."""
    return {k: getattr(item, k) for k in ITEM_NUTRIENTS}


def item_coverage(item: MealItem) -> dict[str, float]:
    """Share (0-1) of the item's grams with a known value, by nutrient key."""
    partial = item.coverage or {}
    return {
        k: 0.0 if getattr(item, k) is None else float(partial.get(k, 1.0)) for k in ITEM_NUTRIENTS
    }


def all_meals(session: Session, *, user: User) -> list[StoredMeal]:
    """Every meal of the user with its items, oldest first (for the export)."""
    rows = list(
        session.exec(
            select(Meal).where(Meal.user_id == user.id).order_by(col(Meal.eaten_at), col(Meal.id))
        )
    )
    items: dict[str, list[MealItem]] = defaultdict(list)
    for item in session.exec(
        select(MealItem)
        .where(MealItem.user_id == user.id)
        .order_by(col(MealItem.meal_id), col(MealItem.position))
    ):
        items[item.meal_id].append(item)
    return [StoredMeal(m, items[m.id]) for m in rows]

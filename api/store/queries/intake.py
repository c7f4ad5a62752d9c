"""Logged items over a window, read with one range scan of (user_id, eaten_at).

These reads return plain columns, so they run as Core statements on the session's connection:
the ORM's row loading would cost more than the query for a long history.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from api.store.models import ITEM_NUTRIENTS, MealItem, User
from nutrition.person.intake import LoggedItem

_COLUMNS = [getattr(MealItem, k) for k in ITEM_NUTRIENTS]


def logged_items(
    session: Session, *, user: User, start: datetime, end: datetime
) -> list[LoggedItem]:
    """The user's items eaten in [start, end), as domain values."""
    rows = (
        session.connection()
        .execute(
            select(
                MealItem.eaten_at, MealItem.food_id, MealItem.grams, MealItem.coverage, *_COLUMNS
            )
            .where(MealItem.user_id == user.id)
            .where(col(MealItem.eaten_at) >= start, col(MealItem.eaten_at) < end)
        )
        .all()
    )
    return [
        LoggedItem(
            eaten_at=row[0],
            food_id=row[1],
            grams=row[2],
            nutrients=dict(zip(ITEM_NUTRIENTS, row[4:], strict=True)),
            coverage=row[3] or {},
        )
        for row in rows
    ]


def eaten_grams(
    session: Session, *, user: User, start: datetime, end: datetime
) -> dict[str, list[float]]:
    """The grams of every item the user logged in [start, end), by food id."""
    rows = (
        session.connection()
        .execute(
            select(MealItem.food_id, MealItem.grams)
            .where(MealItem.user_id == user.id)
            .where(col(MealItem.eaten_at) >= start, col(MealItem.eaten_at) < end)
        )
        .all()
    )
    found: dict[str, list[float]] = {}
    for food_id, grams in rows:
        found.setdefault(food_id, []).append(float(grams))
    return found

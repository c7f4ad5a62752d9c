"""Custom food queries, always scoped to one client; rows to domain foods (services commit)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.store.models import CustomFood, Recipe, RecipeIngredient
from nutrition.food.custom import custom_food
from nutrition.food.foods import Food

PREFIX = "custom:"


def new_id() -> str:
    """A new opaque id (12 hex digits: ``custom:<id>`` fits a meal item's food id)."""
    return secrets.token_hex(6)


def to_food(row: CustomFood) -> Food:
    """The domain food of a stored custom food."""
    return custom_food(
        id=PREFIX + row.id,
        code=row.id,
        description=row.description,
        brand=row.brand,
        nutrients=row.nutrients,
        portions=[(p["description"], float(p["grams"])) for p in row.portions],
        allergens=row.allergens,
    )


def get(session: Session, *, client_id: int, code: str) -> CustomFood | None:
    """The client's custom food ``code`` (the id without its prefix), or None."""
    return session.exec(
        select(CustomFood).where(CustomFood.client_id == client_id, CustomFood.id == code)
    ).first()


def get_many(session: Session, *, client_id: int, codes: Iterable[str]) -> list[CustomFood]:
    """The client's custom foods among ``codes``."""
    wanted = sorted(set(codes))
    if not wanted:
        return []
    return list(
        session.exec(
            select(CustomFood).where(
                CustomFood.client_id == client_id, col(CustomFood.id).in_(wanted)
            )
        )
    )


def by_barcode(session: Session, *, client_id: int, barcode: str) -> CustomFood | None:
    """The client's custom food with ``barcode`` (canonical GTIN), or None."""
    return session.exec(
        select(CustomFood).where(CustomFood.client_id == client_id, CustomFood.barcode == barcode)
    ).first()


def all_of(session: Session, *, client_id: int) -> list[CustomFood]:
    """Every custom food of the client."""
    return list(session.exec(select(CustomFood).where(CustomFood.client_id == client_id)))


def save(session: Session, row: CustomFood) -> None:
    """Stage a new or changed custom food."""
    session.add(row)


def delete(session: Session, row: CustomFood) -> None:
    """Stage deleting a custom food."""
    session.delete(row)


def used_by(session: Session, *, client_id: int, food_id: str) -> list[str]:
    """Ids (``recipe:<id>``) of the client's recipes that use ``food_id``."""
    rows = session.exec(
        select(RecipeIngredient.recipe_id)
        .join(Recipe, col(Recipe.id) == col(RecipeIngredient.recipe_id))
        .where(Recipe.client_id == client_id, RecipeIngredient.food_id == food_id)
        .distinct()
    ).all()
    return sorted(f"recipe:{r}" for r in rows)


def stamp(session: Session, *, client_id: int) -> tuple[object, ...]:
    """What changes whenever the client's custom foods or recipes do: their counts and latest
    update times, in one query (a cache of them is fresh while this is the same)."""
    parts = []
    for table in (CustomFood, Recipe):
        mine = table.client_id == client_id
        parts.append(select(func.count()).select_from(table).where(mine).scalar_subquery())
        parts.append(select(func.max(table.updated_at)).where(mine).scalar_subquery())
    row = session.exec(select(*parts)).one()
    return tuple(v.isoformat() if isinstance(v, datetime) else v for v in row)

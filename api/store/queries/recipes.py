"""Recipe queries, always scoped to one client: recipes with their ingredients (services
commit)."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select
from sqlmodel import delete as delete_rows

from api.store.models import Recipe, RecipeIngredient

PREFIX = "recipe:"


@dataclass(frozen=True, slots=True)
class StoredRecipe:
    """A recipe row with its ingredient rows in order."""

    recipe: Recipe
    ingredients: list[RecipeIngredient]


def new_id() -> str:
    """A new opaque id (12 hex digits: ``recipe:<id>`` fits a meal item's food id)."""
    return secrets.token_hex(6)


def get_many(session: Session, *, client_id: int, codes: Iterable[str]) -> list[StoredRecipe]:
    """The client's recipes among ``codes`` (ids without the prefix), with their ingredients."""
    wanted = sorted(set(codes))
    if not wanted:
        return []
    recipes = list(
        session.exec(
            select(Recipe).where(Recipe.client_id == client_id, col(Recipe.id).in_(wanted))
        )
    )
    by_recipe: dict[str, list[RecipeIngredient]] = defaultdict(list)
    if recipes:
        rows = session.exec(
            select(RecipeIngredient)
            .where(col(RecipeIngredient.recipe_id).in_([r.id for r in recipes]))
            .order_by(col(RecipeIngredient.recipe_id), col(RecipeIngredient.position))
        ).all()
        for row in rows:
            by_recipe[row.recipe_id].append(row)
    return [StoredRecipe(r, by_recipe[r.id]) for r in recipes]


def get(session: Session, *, client_id: int, code: str) -> StoredRecipe | None:
    """The client's recipe ``code``, or None."""
    found = get_many(session, client_id=client_id, codes=[code])
    return found[0] if found else None


def all_of(session: Session, *, client_id: int) -> list[Recipe]:
    """Every recipe of the client (without ingredients)."""
    return list(session.exec(select(Recipe).where(Recipe.client_id == client_id)))


def save(session: Session, recipe: Recipe, ingredients: Sequence[RecipeIngredient] | None) -> None:
    """Stage a new or changed recipe; ``ingredients`` (when given) replace the old ones."""
    session.add(recipe)
    if ingredients is not None:
        session.exec(
            delete_rows(RecipeIngredient).where(col(RecipeIngredient.recipe_id) == recipe.id)
        )
        session.flush()
        session.add_all(ingredients)


def delete(session: Session, stored: StoredRecipe) -> None:
    """Stage deleting a recipe and its ingredients."""
    session.exec(
        delete_rows(RecipeIngredient).where(col(RecipeIngredient.recipe_id) == stored.recipe.id)
    )
    session.delete(stored.recipe)

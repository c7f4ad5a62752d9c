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
from nutrition.food.foods import Portion
from nutrition.food.recipes import Dish, Ingredient, dish

PREFIX = "recipe:"


@dataclass(frozen=True, slots=True)
class StoredRecipe:
    """A recipe row with its ingredient rows in order."""

    recipe: Recipe
    ingredients: list[RecipeIngredient]


def to_dish(recipe: Recipe, parts: Sequence[Ingredient], *, strict: bool = True) -> Dish:
    """The recipe row made into a dish from ``parts`` (its ingredients, read by the caller);
    ``strict=False`` for a stored recipe whose ingredients may have changed since."""
    food_id = PREFIX + recipe.id
    return dish(
        id=food_id,
        code=recipe.id,
        description=recipe.description,
        ingredients=parts,
        servings=recipe.servings,
        yield_grams=recipe.yield_grams,
        portions=[
            Portion(id=f"{food_id}#{n}", description=p["description"], grams=p["grams"])
            for n, p in enumerate(recipe.portions, start=1)
        ],
        strict=strict,
    )


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

"""Recipes: a client's dishes, answered as foods ``recipe:<id>``. Create (idempotently), read,
change, delete.

Ingredients may be any food the client can use (catalog, its custom foods and recipes, stored
Open Food Facts products), by grams or by quantity and unit, resolved to grams when the
recipe is written. A recipe's amounts are computed from its ingredients when it is used
(``nutrition.food.recipes``), so changing it changes meals logged afterwards; meals logged
before keep the amounts stored with their items. A recipe may not use itself at any depth
(422 naming ``ingredients`` and the loop) nor nest deeper than ``MAX_NESTING``; deleting one
that another recipe uses is refused (409).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from api.errors import Conflict, FieldError, Unprocessable, field_error
from api.schemas.foods import FoodPublic, recipe_food_public
from api.schemas.recipes import IngredientCreate, RecipeCreate, RecipeUpdate
from api.services.client_foods import RECIPE, ClientFoods
from api.services.idempotency import Answer, Created, IdempotentWrite, idempotent_create
from api.services.meal_items import grams_of
from api.services.transaction import write_transaction
from api.store.models import Recipe, RecipeIngredient, utcnow
from api.store.queries import custom_foods as custom_store
from api.store.queries import recipes as recipe_store
from api.store.queries.recipes import StoredRecipe
from nutrition.errors import FoodNotFound
from nutrition.food.recipes import MAX_NESTING, Ingredient, find_cycle, nesting_depth

#: The heaviest single ingredient, in grams (as ``IngredientCreate.grams``).
MAX_INGREDIENT_GRAMS = 100_000.0


def recipe_food_id(path_id: str) -> str:
    """The food id of a recipe named in a path, with or without its ``recipe:`` prefix."""
    return path_id if path_id.startswith(RECIPE) else RECIPE + path_id


def _resolve(
    foods: ClientFoods, items: Sequence[IngredientCreate]
) -> list[tuple[IngredientCreate, Ingredient]]:
    """Each ingredient with its food and grams; one 422 names every bad one by position."""
    foods.prefetch(i.food_id for i in items)
    resolved: list[tuple[IngredientCreate, Ingredient]] = []
    errors: list[FieldError] = []
    for n, item in enumerate(items):
        path = f"ingredients.{n}"
        food = foods.find(item.food_id)
        if food is None:
            errors.append(field_error(f"{path}.food_id", f"unknown food id {item.food_id!r}"))
            continue
        grams = grams_of(food, item, path, max_grams=MAX_INGREDIENT_GRAMS)
        if isinstance(grams, FieldError):
            errors.append(grams)
            continue
        resolved.append((item, Ingredient(food=food, grams=grams)))
    if errors:
        raise Unprocessable("; ".join(f"{e.field}: {e.reason}" for e in errors), errors=errors)
    return resolved


def _check_nesting(foods: ClientFoods, food_id: str, ingredient_ids: Sequence[str]) -> None:
    """422 when the recipe would use itself at any depth or nest too deep."""
    uses = foods.recipe_uses()
    uses[food_id] = [i for i in ingredient_ids if i.startswith(RECIPE)]
    loop = find_cycle(start=food_id, uses=uses)
    if loop is not None:
        path = " -> ".join(loop)
        raise Unprocessable(
            f"a recipe may not use itself: {path}",
            errors=[field_error("ingredients", f"makes a loop: {path}")],
        )
    depth = nesting_depth(start=food_id, uses=uses)
    if depth > MAX_NESTING:
        raise Unprocessable(
            f"recipes nest {depth} levels deep here; at most {MAX_NESTING}",
            errors=[field_error("ingredients", f"nests recipes more than {MAX_NESTING} deep")],
        )


def _rows(
    recipe: Recipe, resolved: Sequence[tuple[IngredientCreate, Ingredient]]
) -> list[RecipeIngredient]:
    return [
        RecipeIngredient(
            recipe_id=recipe.id,
            position=n,
            food_id=item.food_id,
            grams=part.grams,
            quantity=item.quantity,
            unit=item.unit,
        )
        for n, (item, part) in enumerate(resolved)
    ]


def create_recipe(
    session: Session, foods: ClientFoods, *, body: RecipeCreate, write: IdempotentWrite
) -> Answer:
    """Store a new recipe and answer it as a food (201; a retry with the same key replays)."""

    def prepare() -> Created:
        resolved = _resolve(foods, body.ingredients)
        now = utcnow()
        recipe = Recipe(
            id=recipe_store.new_id(),
            client_id=foods.client_id,
            description=body.description,
            servings=body.servings,
            yield_grams=body.yield_grams,
            portions=[p.model_dump() for p in body.portions],
            created_at=now,
            updated_at=now,
        )
        _check_nesting(foods, RECIPE + recipe.id, [i.food_id for i in body.ingredients])
        made = recipe_store.to_dish(recipe, [part for _, part in resolved])
        rows = _rows(recipe, resolved)
        answer = recipe_food_public(StoredRecipe(recipe, rows), made)
        return Created(answer, lambda s: recipe_store.save(s, recipe, rows))

    answer = idempotent_create(
        session, write=write, client_id=foods.client_id, user_id=None, body=body, prepare=prepare
    )
    foods.own_foods_changed()
    return answer


def _stored(foods: ClientFoods, food_id: str) -> StoredRecipe:
    stored = foods.stored_recipe(food_id) if food_id.startswith(RECIPE) else None
    if stored is None:
        raise FoodNotFound(food_id, field="recipe_id")
    return stored


def read_recipe(foods: ClientFoods, *, food_id: str) -> FoodPublic:
    """One of the client's recipes as a food, computed from its ingredients as they are now."""
    stored = _stored(foods, food_id)
    made = foods.dish(food_id)
    assert made is not None
    return recipe_food_public(stored, made)


def change_recipe(
    session: Session, foods: ClientFoods, *, food_id: str, body: RecipeUpdate
) -> FoodPublic:
    """Apply a patch (only the fields sent change; ``ingredients`` replaces the list) and
    commit. Meals logged before keep their amounts; later ones use the new recipe."""
    stored = _stored(foods, food_id)
    recipe = stored.recipe
    sent = body.model_fields_set
    rows: list[RecipeIngredient] | None = None
    if body.ingredients is not None:
        resolved = _resolve(foods, body.ingredients)
        _check_nesting(foods, food_id, [i.food_id for i in body.ingredients])
        rows = _rows(recipe, resolved)
        parts = [part for _, part in resolved]
    else:
        made = foods.dish(food_id)
        assert made is not None
        parts = list(made.ingredients)
    if body.description is not None:
        recipe.description = body.description
    if body.servings is not None:
        recipe.servings = body.servings
    if "yield_grams" in sent:
        recipe.yield_grams = body.yield_grams
    if body.portions is not None:
        recipe.portions = [p.model_dump() for p in body.portions]
    recipe.updated_at = utcnow()
    made = recipe_store.to_dish(recipe, parts)
    answer = recipe_food_public(StoredRecipe(recipe, rows or stored.ingredients), made)
    with write_transaction(session):
        recipe_store.save(session, recipe, rows)
    foods.forget(food_id)
    return answer


def refuse_if_used(session: Session, foods: ClientFoods, food_id: str, *, field: str) -> None:
    """409 naming ``field`` while another of the client's recipes has ``food_id`` as an
    ingredient (deleting it would change that recipe's amounts)."""
    used_by = custom_store.used_by(session, client_id=foods.client_id, food_id=food_id)
    users = [u for u in used_by if u != food_id]
    if users:
        raise Conflict(
            f"{food_id} is an ingredient of {', '.join(users)}; change those recipes first",
            errors=[field_error(field, f"used by {', '.join(users)}")],
        )


def delete_recipe(session: Session, foods: ClientFoods, *, food_id: str) -> None:
    """Delete a recipe (404 if the client has none by that id; 409 while another recipe uses
    it) and commit. Meals that logged it keep their items and amounts."""
    stored = _stored(foods, food_id)
    refuse_if_used(session, foods, food_id, field="recipe_id")
    with write_transaction(session):
        recipe_store.delete(session, stored)
    foods.forget(food_id)

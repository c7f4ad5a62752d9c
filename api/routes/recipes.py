"""Recipes: create (idempotently), read, change, delete; each is the food ``recipe:<id>``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, status

from api.deps import ClientFoodsDep, IdempotentWriteDep, SessionDep
from api.errors import IDEMPOTENT_CONFLICT, IN_USE
from api.responses import answer_response
from api.schemas.foods import FoodPublic
from api.schemas.recipes import RecipeCreate, RecipeUpdate
from api.services import recipes
from api.services.recipes import recipe_food_id

router = APIRouter(prefix="/recipes", tags=["recipes"])

RecipeId = Annotated[
    str, Path(max_length=64, description="recipe:<id> (or just <id>)", examples=["recipe:0a1b"])
]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=FoodPublic,
    responses=IDEMPOTENT_CONFLICT,
)
def create_recipe(
    body: RecipeCreate, session: SessionDep, foods: ClientFoodsDep, write: IdempotentWriteDep
) -> Any:
    """Create a recipe from its ingredients; it is the food ``recipe:<id>`` for this client."""
    answer = recipes.create_recipe(session, foods, body=body, write=write)
    response = answer_response(answer)
    response.headers["Location"] = f"/v1/recipes/{answer.body['id']}"
    return response


@router.get("/{recipe_id}")
def get_recipe(recipe_id: RecipeId, foods: ClientFoodsDep) -> FoodPublic:
    """Show a recipe as a food: amounts per 100 g with coverage, ingredients, portions."""
    return recipes.read_recipe(foods, food_id=recipe_food_id(recipe_id))


@router.patch("/{recipe_id}")
def patch_recipe(
    recipe_id: RecipeId, body: RecipeUpdate, session: SessionDep, foods: ClientFoodsDep
) -> FoodPublic:
    """Change a recipe; meals logged before keep their amounts, later ones use the change."""
    return recipes.change_recipe(session, foods, food_id=recipe_food_id(recipe_id), body=body)


@router.delete("/{recipe_id}", status_code=status.HTTP_204_NO_CONTENT, responses=IN_USE)
def delete_recipe(recipe_id: RecipeId, session: SessionDep, foods: ClientFoodsDep) -> None:
    """Delete a recipe; meals that logged it keep their items and amounts."""
    recipes.delete_recipe(session, foods, food_id=recipe_food_id(recipe_id))

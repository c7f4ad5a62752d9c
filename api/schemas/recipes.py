"""Recipe bodies: create and change. A recipe is answered as a food (``FoodPublic``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.schemas.foods import MAX_PORTION_GRAMS, Description, Portions

MAX_INGREDIENTS = 100
MAX_SERVINGS = 1000.0

FoodId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class IngredientCreate(BaseModel):
    """A food (any id: catalog, custom, recipe or ``off:``) and how much: ``grams``, or
    ``quantity`` with a ``unit`` (as for meal items)."""

    model_config = ConfigDict(extra="forbid")

    food_id: FoodId = Field(examples=["sr28:16070"])
    grams: float | None = Field(default=None, gt=0, le=MAX_PORTION_GRAMS)
    quantity: float | None = Field(default=None, gt=0, le=10_000)
    unit: Unit | None = Field(default=None, description="g, kg, oz, lb; cup, tbsp; a portion")

    @model_validator(mode="after")
    def _one_amount(self) -> IngredientCreate:
        if self.grams is not None and (self.quantity is not None or self.unit is not None):
            raise ValueError("give grams, or quantity with unit, not both")
        if self.grams is None and (self.quantity is None or self.unit is None):
            raise ValueError("give grams, or quantity with unit")
        return self


Ingredients = Annotated[list[IngredientCreate], Field(min_length=1, max_length=MAX_INGREDIENTS)]


class RecipeCreate(BaseModel):
    """A recipe: its ingredients, how many servings it makes and, optionally, its cooked
    weight (``yield_grams``; default: the ingredients' total)."""

    model_config = ConfigDict(extra="forbid")

    description: Description
    ingredients: Ingredients
    servings: float = Field(gt=0, le=MAX_SERVINGS)
    yield_grams: float | None = Field(default=None, gt=0, le=MAX_PORTION_GRAMS)
    portions: Portions = Field(
        default_factory=list, description='household measures of the dish ("1 cup")'
    )


class RecipeUpdate(BaseModel):
    """Fields to change; ``ingredients`` and ``portions`` replace the lists, a null
    ``yield_grams`` goes back to the ingredients' total. Meals logged before keep their
    amounts."""

    model_config = ConfigDict(extra="forbid")

    description: Description | None = None
    ingredients: Ingredients | None = None
    servings: float | None = Field(default=None, gt=0, le=MAX_SERVINGS)
    yield_grams: float | None = Field(default=None, gt=0, le=MAX_PORTION_GRAMS)
    portions: Portions | None = None

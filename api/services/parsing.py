"""Meal text: read what a person typed into foods and amounts (``POST /v1/foods/parse``)."""

from __future__ import annotations

from api.schemas.foods import FoodParsePublic, parsed_meal_public
from api.schemas.meals import MAX_GRAMS, MAX_QUANTITY
from api.services.client_foods import ClientFoods


def parse_text(foods: ClientFoods, *, text: str) -> FoodParsePublic:
    """Every food read from ``text`` (the client's own foods first) with nutrients and
    alternatives, and the unread parts; an item over a meal's limits is a 422 on ``text``."""
    parsed = foods.parse(text, max_quantity=MAX_QUANTITY, max_grams=MAX_GRAMS)
    return parsed_meal_public(parsed)

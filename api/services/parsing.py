"""Meal text: read what a person typed into foods and amounts (``POST /v1/foods/parse``)."""

from __future__ import annotations

from api.schemas.foods import FoodParsePublic, parsed_meal_public
from api.schemas.meals import MAX_GRAMS, MAX_QUANTITY
from api.services.catalog import Catalog
from nutrition.search.parse import ParsedMeal


def read_text(catalog: Catalog, *, text: str) -> ParsedMeal:
    """The foods in ``text`` with their amounts, within the per-item limits of a meal.

    An item over the limits raises NutritionError naming ``text`` (a 422).
    """
    return catalog.parser.parse(text, max_quantity=MAX_QUANTITY, max_grams=MAX_GRAMS)


def parse_text(catalog: Catalog, *, text: str) -> FoodParsePublic:
    """Every food read from ``text`` with nutrients and alternatives, and the unread parts."""
    return parsed_meal_public(read_text(catalog, text=text))

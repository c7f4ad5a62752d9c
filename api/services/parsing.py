"""Meal text: read what a person typed into foods and amounts (``POST /v1/foods/parse``)."""

from __future__ import annotations

from api.schemas.foods import FoodParsePublic, parsed_meal_public
from api.schemas.meals import MAX_GRAMS, MAX_QUANTITY
from api.services.client_foods import ClientFoods
from api.services.prepared import Prepared, prepare


def parse_text(foods: ClientFoods, *, text: str) -> FoodParsePublic | Prepared:
    """Every food read from ``text`` (the client's own foods first) with nutrients and
    alternatives, and the unread parts; an item over a meal's limits is a 422 on ``text``.

    A text read against the catalog alone (the client has no own foods) comes back
    serialised, and is kept on the catalog for the next client that sends it.
    """
    catalog_only = not foods.has_own_foods()
    key = ("parse", text)
    if catalog_only and (cached := foods.catalog.answers.get(key)) is not None:
        found: Prepared = cached
        return found
    parsed = foods.parse(text, max_quantity=MAX_QUANTITY, max_grams=MAX_GRAMS)
    answer = parsed_meal_public(parsed)
    if not catalog_only:
        return answer
    made = prepare(answer)
    foods.catalog.answers.put(key, made)
    return made

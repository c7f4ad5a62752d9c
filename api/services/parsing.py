"""Meal text: read what a person typed into foods and amounts (``POST /v1/foods/parse``)."""

from __future__ import annotations

from api.schemas.foods import FoodParsePublic, parsed_meal_public
from api.schemas.meals import MAX_GRAMS, MAX_QUANTITY
from api.services.catalog import LruCache
from api.services.client_foods import ClientFoods

#: Answers for texts read against the catalog alone, serialised, by catalog and text: the
#: same for every client until the next import ("a banana", "coffee with milk" recur).
_CATALOG_ANSWERS = LruCache(size=2_000)


def parse_text(foods: ClientFoods, *, text: str) -> FoodParsePublic | bytes:
    """Every food read from ``text`` (the client's own foods first) with nutrients and
    alternatives, and the unread parts; an item over a meal's limits is a 422 on ``text``.

    A text read against the catalog alone (the client has no own foods) comes back as the
    JSON bytes of the answer, kept for the next client that sends it.
    """
    catalog_only = not foods.has_own_foods()
    key = (id(foods.catalog), text)
    if catalog_only and (cached := _CATALOG_ANSWERS.get(key)) is not None:
        found: bytes = cached
        return found
    parsed = foods.parse(text, max_quantity=MAX_QUANTITY, max_grams=MAX_GRAMS)
    answer = parsed_meal_public(parsed)
    if not catalog_only:
        return answer
    body = answer.model_dump_json(by_alias=True).encode()
    _CATALOG_ANSWERS.put(key, body)
    return body

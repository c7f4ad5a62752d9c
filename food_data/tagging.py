"""Tag parsed USDA records with allergens and animal-product kinds.

SR28 foods are classified from their own description, food group and LanguaL descriptors.
An FNDDS food also holds everything its recipe ingredients hold: SR28 ingredients through their
own classification and nested FNDDS ingredients recursively. The union runs over every food
reachable through ingredient links, so a cycle in the recipe graph cannot loop or drop a part.
"""

from __future__ import annotations

from collections.abc import Sequence

from food_data.records import FoodRecord
from nutrition.food.allergens import Classification, classify, merge


def _own(record: FoodRecord) -> Classification:
    # The ingredient texts are read as well: they cover links that point outside `records`.
    return classify(
        description=record.description,
        group=record.group,
        group_code=record.group_code,
        source=record.source,
        langual=record.langual,
        ingredients=record.ingredients,
    )


def tag_records(records: Sequence[FoodRecord]) -> dict[str, Classification]:
    """Classification of every record, keyed by record id (``"<source>:<code>"``).

    An FNDDS recipe gets the union of its own rules and all (transitive) ingredients' results.
    """
    by_id = {r.id: r for r in records}
    own = {r.id: _own(r) for r in records}
    tags: dict[str, Classification] = {}
    for record in records:
        if not record.ingredient_codes:
            tags[record.id] = own[record.id]
            continue
        seen = {record.id}
        stack = [record.id]
        while stack:
            current = by_id[stack.pop()]
            for code in current.ingredient_codes:
                if code in by_id and code not in seen:
                    seen.add(code)
                    stack.append(code)
        tags[record.id] = merge(*(own[i] for i in seen))
    return tags

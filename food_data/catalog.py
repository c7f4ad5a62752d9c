"""Turn parsed USDA records into the domain's ``Food`` values."""

from __future__ import annotations

from collections.abc import Iterable

from food_data.records import FoodRecord
from nutrition.food.foods import Food, Portion
from nutrition.nutrients import NUTRIENT_KEYS


def portion_id(record_id: str, seq: int) -> str:
    """A portion's public id: the food id and USDA's sequence number."""
    return f"{record_id}:{seq}"


def to_food(
    record: FoodRecord,
    *,
    allergens: frozenset[str] = frozenset(),
    animal: frozenset[str] = frozenset(),
) -> Food:
    """Build the immutable domain value for one record (unknown nutrients become ``None``)."""
    nutrients = {
        key: (record.nutrients[key].amount if key in record.nutrients else None)
        for key in NUTRIENT_KEYS
    }
    portions = tuple(
        Portion(id=portion_id(record.id, p.seq), description=p.description, grams=p.grams)
        for p in record.portions
    )
    return Food(
        id=record.id,
        source=record.source,
        code=record.code,
        description=record.description,
        group=record.group,
        group_code=record.group_code,
        nutrients=nutrients,
        portions=portions,
        allergens=allergens,
        animal=animal,
        common_names=record.common_names,
        commonness=record.commonness,
    )


def load_foods(records: Iterable[FoodRecord] | None = None) -> list[Food]:
    """Every shipped food as domain values, tagged for allergens and animal products.

    Reads the shipped files when ``records`` is not given (used by tests and benchmarks;
    the service loads from its database instead).
    """
    from food_data.sources import read_all  # local: reading is the slow, optional part

    records = list(records) if records is not None else read_all()
    tags = _tags(records)
    untagged: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    return [
        to_food(r, allergens=allergens, animal=animal)
        for r in records
        for allergens, animal in [tags.get(r.id, untagged)]
    ]


def _tags(records: list[FoodRecord]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    from food_data.tagging import tag_records

    return {k: (v.allergens, v.animal) for k, v in tag_records(records).items()}

"""Food queries: the whole catalog at start-up, and per-value provenance for one food."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select
from sqlmodel import Session, col

from food_data.catalog import portion_id
from food_data.schema import FoodNutrientRow, FoodPortionRow, FoodRow
from nutrition.food.foods import Food, Portion
from nutrition.nutrients import NUTRIENT_KEYS


@dataclass(frozen=True, slots=True)
class ValueProvenance:
    """USDA's documentation of one nutrient value."""

    nutrient: str
    data_points: int | None
    std_error: float | None
    source_code: str | None
    derivation_code: str | None


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


def load_foods(engine: Engine) -> list[Food]:
    """Read every food with its nutrients and portions, as domain values."""
    with engine.connect() as conn:
        return _load(conn)


def _load(conn: Connection) -> list[Food]:
    # The catalog lives as long as the process: equal values and repeated names are kept
    # once (285,000 amounts hold about 14,000 distinct values).
    amounts: dict[float, float] = {}
    nutrients: dict[str, dict[str, float | None]] = defaultdict(dict)
    for food_id, nutrient, amount in conn.execute(
        select(FoodNutrientRow.food_id, FoodNutrientRow.nutrient, FoodNutrientRow.amount)  # type: ignore[call-overload]
    ):
        nutrients[food_id][nutrient] = (
            None if amount is None else amounts.setdefault(amount, amount)
        )
    portions: dict[str, list[Portion]] = defaultdict(list)
    for food_id, seq, description, grams in conn.execute(
        select(
            FoodPortionRow.food_id,
            FoodPortionRow.seq,
            FoodPortionRow.description,  # type: ignore[call-overload]
            FoodPortionRow.grams,
        ).order_by(FoodPortionRow.food_id, FoodPortionRow.seq)
    ):
        shared = sys.intern(description), amounts.setdefault(grams, grams)
        portions[food_id].append(Portion(portion_id(food_id, seq), *shared))
    foods = []
    for row in conn.execute(select(FoodRow).order_by(col(FoodRow.id))).mappings():
        values = nutrients.get(row["id"], {})
        foods.append(
            Food(
                id=row["id"],
                source=sys.intern(row["source"]),
                code=row["code"],
                description=row["description"],
                group=sys.intern(row["group_name"]),
                group_code=sys.intern(row["group_code"]),
                nutrients={k: values.get(k) for k in NUTRIENT_KEYS},
                portions=tuple(portions.get(row["id"], ())),
                allergens=_split(row["allergens"]),
                animal=_split(row["animal"]),
                common_names=row["common_names"],
                commonness=row["commonness"],
            )
        )
    return foods


def provenance(session: Session, *, food_id: str) -> list[ValueProvenance]:
    """USDA's data points, standard error and source/derivation codes for each value."""
    rows = session.scalars(
        select(FoodNutrientRow).where(FoodNutrientRow.food_id == food_id)  # type: ignore[arg-type]
    ).all()
    return [
        ValueProvenance(r.nutrient, r.data_points, r.std_error, r.source_code, r.derivation_code)
        for r in rows
    ]


def ingredient_codes(session: Session, *, food_id: str) -> list[str]:
    """The food ids of an FNDDS recipe's ingredients (empty for SR28 foods)."""
    row = session.get(FoodRow, food_id)
    return [] if row is None else row.ingredient_codes.split()

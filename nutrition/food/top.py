"""Best (or lowest) food sources of one nutrient, over the immutable food matrix.

Bases: ``portion`` (the food's default household portion), ``100g``, or ``100kcal``
(nutrient density). Foods whose value is unknown are left out, never ranked as 0. Foods
that are never suggested as food (salt, supplements, spices by the gram: see
``nutrition.food.processing.is_excluded``) are left out too. On the 100 kcal basis, foods under
``MIN_KCAL_PER_100G`` are left out: a near-zero energy makes the ratio meaningless.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from nutrition.errors import NutritionError
from nutrition.food.foods import Portion
from nutrition.food.matrix import FoodMatrix

Basis = Literal["portion", "100g", "100kcal"]
MIN_KCAL_PER_100G: Final = 20.0


@dataclass(frozen=True, slots=True)
class TopEntry:
    """One ranked food: ``amount`` of the nutrient on the chosen basis."""

    food_id: str
    amount: float
    basis: str
    portion: Portion | None


def top_sources(
    *,
    matrix: FoodMatrix,
    nutrient: str,
    basis: Basis = "portion",
    descending: bool = True,
    source: str | None = None,
    group: str | None = None,
    limit: int = 20,
) -> list[TopEntry]:
    """Rank foods by ``nutrient`` on ``basis``; ties keep catalog order."""
    if nutrient not in matrix.columns:
        raise NutritionError(f"unknown nutrient {nutrient!r}", field="nutrient")
    column = matrix.columns[nutrient]
    if basis == "portion":
        values = matrix.per_portion[:, column]
    elif basis == "100g":
        values = matrix.per_100g[:, column]
    else:
        kcal = matrix.per_100g[:, matrix.columns["energy_kcal"]]
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(
                kcal >= MIN_KCAL_PER_100G, matrix.per_100g[:, column] / kcal * 100, np.nan
            )
    keep = ~np.isnan(values) & ~matrix.excluded
    if source is not None:
        keep &= np.fromiter((f.source == source for f in matrix.foods), bool, len(matrix.foods))
    if group is not None:
        wanted = group.strip().lower()
        keep &= np.fromiter(
            (
                name.lower() == wanted or code.lower() == wanted
                for name, code in zip(matrix.groups, matrix.group_codes, strict=True)
            ),
            bool,
            len(matrix.foods),
        )
    rows = np.flatnonzero(keep)
    order = np.argsort(-values[rows] if descending else values[rows], kind="stable")
    label = {"portion": "default portion", "100g": "per 100 g", "100kcal": "per 100 kcal"}[basis]
    return [
        TopEntry(
            food_id=matrix.ids[i],
            amount=float(values[i]),
            basis=label,
            portion=matrix.portions[i] if basis == "portion" else None,
        )
        for i in rows[order[:limit]]
    ]

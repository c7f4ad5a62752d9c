"""Swaps: for foods a person logs often, a similar food richer in what they are short of.

A swap keeps the food's use: same head word or use class (bread for bread, rice for rice or
another cooked grain), else same food group, and a default portion within +/-50 % of the
original's energy. The new food is allowed by ``recommend.safety``, everyday
(``FoodMatrix.familiarity`` >= ``MIN_FAMILIARITY``) and no more processed than the original.
It must earn more gap credit than the original (``score.score_foods`` credit, USDA SR28/FNDDS
amounts) and, for people at or above the sodium CDRR, not add sodium."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from nutrition.food.foods import Portion
from nutrition.food.matrix import FoodMatrix
from nutrition.nutrients import CRAMP_NUTRIENTS
from nutrition.person.gaps import Gap
from nutrition.person.profile import Profile
from nutrition.recommend.score import Scored, closure, score_foods

MIN_LOGGED: Final = 2
ENERGY_TOLERANCE: Final = 0.5
MIN_FAMILIARITY: Final = 0.5
PENALTY_SLACK: Final = 0.05


@dataclass(frozen=True, slots=True)
class FoodRef:
    """A short reference to a food: its id and USDA description."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class Swap:
    """Replace ``from_food`` with ``to_food`` in ``portion``; ``difference`` is per portion,
    to minus from, for cramp nutrients and energy where both are known."""

    from_food: FoodRef
    to_food: FoodRef
    portion: Portion
    difference: dict[str, float]
    reason: str


def swaps(
    *,
    matrix: FoodMatrix,
    logged_counts: Mapping[str, int],
    gaps: Sequence[Gap],
    profile: Profile,
    limit: int = 5,
    scored: Scored | None = None,
) -> list[Swap]:
    """Up to ``limit`` swaps for foods logged at least twice, most-logged first.

    ``scored``: an optional shared ``score_foods`` result for the same matrix, gaps and profile
    (no ``max_kcal``); a swap's target is always one the safety rules allow.
    """
    logged = sorted(
        ((c, food_id) for food_id, c in logged_counts.items() if c >= MIN_LOGGED),
        key=lambda t: (-t[0], t[1]),
    )
    if not logged or limit <= 0:
        return []
    if scored is None:
        scored = score_foods(matrix=matrix, gaps=gaps, profile=profile)
    if not scored.credited:
        return []
    credit = np.zeros(len(matrix), dtype=np.float64)
    for gap in scored.credited:
        credit += gap.weight * np.nan_to_num(closure(matrix=matrix, gap=gap), nan=0.0)
    energy = matrix.column("energy_kcal")
    sodium = matrix.column("sodium")
    sodium_above = any(g.nutrient == "sodium" and g.status == "above" for g in gaps)
    use_ids = matrix.use_ids
    # A swap is an everyday food (brown rice for white rice, not a rice casserole or a regional
    # speciality); what depends on the logged food is added per food below.
    base = scored.offered & (matrix.familiarity >= MIN_FAMILIARITY)

    result: list[Swap] = []
    used: set[int] = set()
    for _count, food_id in logged:
        row = matrix.index.get(food_id)
        if row is None or np.isnan(energy[row]):
            continue
        low, high = energy[row] * (1 - ENERGY_TOLERANCE), energy[row] * (1 + ENERGY_TOLERANCE)
        with np.errstate(invalid="ignore"):
            ok = base & (energy >= low) & (energy <= high)
            ok &= credit > credit[row] * 1.2 + 1e-9
            if sodium_above:
                ok &= sodium <= np.nan_to_num(sodium[row], nan=0.0)
        ok &= matrix.family_ids != matrix.family_ids[row]
        # No more processed than the original.
        ok &= matrix.penalty <= matrix.penalty[row] + PENALTY_SLACK
        ok[list(used)] = False
        candidates = np.flatnonzero(ok)
        pick = None
        # Closest use first: same head word, then same use class, then same food group.
        for same in (
            matrix.head_ids[candidates] == matrix.head_ids[row],
            use_ids[candidates] == use_ids[row],
            matrix.group_ids[candidates] == matrix.group_ids[row],
        ):
            rows = candidates[same]
            if rows.size:
                pick = int(rows[np.argmax(scored.score[rows])])
                break
        if pick is None:
            continue
        used.add(pick)
        result.append(_swap(matrix=matrix, src=row, dst=pick, credited=scored.credited))
        if len(result) >= limit:
            break
    return result


def _swap(*, matrix: FoodMatrix, src: int, dst: int, credited: Sequence[Gap]) -> Swap:
    difference: dict[str, float] = {}
    for key in (*CRAMP_NUTRIENTS, "energy_kcal"):
        col = matrix.columns[key]
        a, b = matrix.per_portion[src, col], matrix.per_portion[dst, col]
        if not (np.isnan(a) or np.isnan(b)):
            difference[key] = float(b - a)
    gains = [
        f"{difference[g.nutrient]:+.0f} {g.unit} {g.nutrient}"
        if difference[g.nutrient] >= 1
        else f"{difference[g.nutrient]:+.2f} {g.unit} {g.nutrient}"
        for g in credited
        if difference.get(g.nutrient, 0.0) > 0
    ]
    portion = matrix.portions[dst]
    reason = (
        f"Instead of {matrix.foods[src].description}, {portion.description} of "
        f"{matrix.foods[dst].description} gives {', '.join(gains) or 'more of what you need'}"
        f" for about the same energy."
    )
    return Swap(
        from_food=FoodRef(id=matrix.ids[src], description=matrix.foods[src].description),
        to_food=FoodRef(id=matrix.ids[dst], description=matrix.foods[dst].description),
        portion=portion,
        difference=difference,
        reason=reason,
    )

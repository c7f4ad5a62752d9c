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
from nutrition.recommend.score import Scored, score_foods

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
    # A swap is an everyday food the rules allow (brown rice for white rice, not a rice
    # casserole or a regional speciality). Work on those rows only: what depends on the
    # logged food is added per food below.
    pool = np.flatnonzero(scored.offered & (matrix.familiarity >= MIN_FAMILIARITY))
    credit = _credit(matrix=matrix, rows=pool, credited=scored.credited)
    energy = matrix.column("energy_kcal")[pool]
    sodium = np.nan_to_num(matrix.column("sodium")[pool], nan=0.0)
    sodium_above = any(g.nutrient == "sodium" and g.status == "above" for g in gaps)
    families, penalty = matrix.family_ids[pool], matrix.penalty[pool]
    closeness = (matrix.head_ids[pool], matrix.use_ids[pool], matrix.group_ids[pool])
    free = np.ones(pool.size, dtype=np.bool_)

    known = [matrix.index[f] for _, f in logged if f in matrix.index]
    rows = [r for r in known if not np.isnan(matrix.column("energy_kcal")[r])]
    own_credits = _credit(
        matrix=matrix, rows=np.asarray(rows, dtype=np.int64), credited=scored.credited
    )
    result: list[Swap] = []
    for row, own_credit in zip(rows, own_credits, strict=True):
        own = matrix.per_portion[row, matrix.columns["energy_kcal"]]
        with np.errstate(invalid="ignore"):
            ok = free & (energy >= own * (1 - ENERGY_TOLERANCE))
            ok &= energy <= own * (1 + ENERGY_TOLERANCE)
        ok &= credit > own_credit * 1.2 + 1e-9
        if sodium_above:
            ok &= sodium <= np.nan_to_num(matrix.column("sodium")[row], nan=0.0)
        ok &= families != matrix.family_ids[row]
        # No more processed than the original.
        ok &= penalty <= matrix.penalty[row] + PENALTY_SLACK
        candidates = np.flatnonzero(ok)
        pick = None
        # Closest use first: same head word, then same use class, then same food group.
        mine = (matrix.head_ids[row], matrix.use_ids[row], matrix.group_ids[row])
        for ids, wanted in zip(closeness, mine, strict=True):
            near = candidates[ids[candidates] == wanted]
            if near.size:
                pick = int(near[np.argmax(scored.score[pool[near]])])
                break
        if pick is None:
            continue
        free[pick] = False
        result.append(_swap(matrix=matrix, src=row, dst=int(pool[pick]), credited=scored.credited))
        if len(result) >= limit:
            break
    return result


def _credit(*, matrix: FoodMatrix, rows: np.ndarray, credited: Sequence[Gap]) -> np.ndarray:
    """Weighted gap closure (sum of weight * closed share) of the default portions of ``rows``."""
    total = np.zeros(rows.size, dtype=np.float64)
    for gap in credited:
        amounts = matrix.per_portion[rows, matrix.columns[gap.nutrient]]
        total += gap.weight * np.clip(np.nan_to_num(amounts, nan=0.0) / gap.remaining, 0.0, 1.0)
    return total


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

"""What the person already eats: their own foods first, then new foods close to their habits.

People eat again what they already eat, so suggestions start from the log (the nutrition
optimisation literature's "minimal departure from the observed diet"):

* **own foods**: a food logged in the history window that the safety rules allow, that is a
  food rather than a drink, sweet or snack (``OWN_CLASSES``, processing penalty at most
  ``OWN_MAX_PENALTY``: a home-made soup counts, sweetened iced tea does not), and that, in the
  portion the person usually eats (the median of their logged grams, capped at
  ``OWN_PORTION_CAP`` times the food's default portion), closes at least ``OWN_MIN_SHARE`` of
  one gap;
* **close to their habits**: a new food earns ``1 + SIMILARITY * share`` where ``share`` is the
  part of the person's logged foods in the same broad class (fruit, legumes, dairy, ...);
* **rotation**: each food's score is scaled by a factor in [1 - ``ROTATION``, 1] drawn from a
  hash of the person's rotation key (the caller passes one per person and day) and the food
  id, so near-equal options take turns over a week while the same request on the same day
  always gives the same answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from nutrition.food.foods import Portion
from nutrition.food.matrix import FloatArray, FoodMatrix
from nutrition.food.processing import FOOD_CLASSES, WHOLE_FOOD_CLASSES
from nutrition.nutrients import CRAMP_NUTRIENTS
from nutrition.person.gaps import Gap
from nutrition.recommend.safety import portion_fits
from nutrition.recommend.score import Scored, Suggestion, emphasised

#: A logged food counts as the person's own when it closes at least this share of one gap.
OWN_MIN_SHARE: Final = 0.15
#: Broad classes an own food may come from: foods and dishes, not drinks, sweets or snacks.
OWN_CLASSES: Final = (*WHOLE_FOOD_CLASSES, "mixed")
#: Own foods may be a little more processed than new suggestions (``score.MAX_PENALTY``):
#: the person already eats them.
OWN_MAX_PENALTY: Final = 0.5
#: The usual portion is capped at this multiple of the food's default (typical) portion.
OWN_PORTION_CAP: Final = 2.0
#: Weight of the person's class habits on a new food's score.
SIMILARITY: Final = 1.0
#: Largest share by which rotation may lower a food's score.
ROTATION: Final = 0.65
_GOLDEN: Final = np.uint64(0x9E3779B97F4A7C15)
_MIX: Final = np.uint64(0xBF58476D1CE4E5B9)


@dataclass(frozen=True, slots=True)
class EatenFood:
    """A food from the person's log: how many times it was logged and the median grams."""

    food_id: str
    times: int
    usual_grams: float


@dataclass(frozen=True, slots=True)
class History:
    """The person's foods over the last ``days`` days (most often logged first, by caller)."""

    foods: tuple[EatenFood, ...] = ()
    days: int = 90


def rotation_factor(*, matrix: FoodMatrix, rotation_key: str) -> FloatArray:
    """Per-food factor in [1 - ROTATION, 1], fixed for one ``rotation_key``."""
    hashes = matrix.id_hashes
    seed = np.uint64(
        int.from_bytes(hashlib.blake2b(rotation_key.encode(), digest_size=8).digest(), "big")
    )
    mixed = (hashes ^ seed) * _GOLDEN
    mixed ^= mixed >> np.uint64(31)
    mixed *= _MIX
    mixed ^= mixed >> np.uint64(29)
    unit = (mixed >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return 1.0 - ROTATION * unit


def habit_boost(*, matrix: FoodMatrix, history: History) -> FloatArray:
    """``1 + SIMILARITY * share`` of the person's logged foods in each food's broad class."""
    classes = matrix.diversity_ids if matrix.diversity_ids.size == len(matrix) else matrix.class_ids
    counts: dict[int, int] = {}
    for eaten in history.foods:
        row = matrix.index.get(eaten.food_id)
        if row is not None:
            kind = int(classes[row])
            counts[kind] = counts.get(kind, 0) + eaten.times
    total = sum(counts.values())
    boost = np.ones(len(matrix), dtype=np.float64)
    for kind, count in counts.items():
        boost[classes == kind] += SIMILARITY * count / total
    return boost


def own_suggestions(
    *,
    matrix: FoodMatrix,
    scored: Scored,
    history: History,
    limit: int,
    elsewhere: Sequence[tuple[FoodMatrix, Scored]] = (),
) -> list[Suggestion]:
    """Up to ``limit`` of the person's own foods that close a gap, in their usual portion.

    ``elsewhere`` holds further foods with their scores (the same gaps and profile) for logged
    foods outside ``matrix``: the person's custom foods, recipes and packaged products.
    """
    if limit <= 0 or not scored.credited:
        return []
    gaps = emphasised(scored.credited)
    classes = {FOOD_CLASSES.index(c) for c in OWN_CLASSES}
    pools = ((matrix, scored), *elsewhere)
    found: list[tuple[float, Suggestion]] = []
    for eaten in history.foods:
        located = next(
            ((m, s, m.index[eaten.food_id]) for m, s in pools if eaten.food_id in m.index), None
        )
        if located is None or eaten.usual_grams <= 0:
            continue
        pool, pool_scored, row = located
        if not pool_scored.allowed[row] or pool.penalty[row] > OWN_MAX_PENALTY:
            continue
        # USDA foods must be foods, not drinks or sweets; the person's own custom foods and
        # recipes carry no USDA class to judge by.
        if pool is matrix and int(matrix.class_ids[row]) not in classes:
            continue
        default = float(pool.grams[row])
        grams = min(eaten.usual_grams, OWN_PORTION_CAP * default)
        if not portion_fits(matrix=pool, row=row, grams=grams, rules=pool_scored.rules):
            continue
        item = _own(matrix=pool, row=row, grams=grams, gaps=gaps, eaten=eaten, days=history.days)
        if item is None:
            continue
        credit = sum(g.weight * item.closes.get(g.nutrient, 0.0) ** 0.7 for g in gaps)
        found.append((credit, item))
    found.sort(key=lambda pair: (-pair[0], pair[1].food_id))
    return [item for _, item in found[:limit]]


def _own(
    *, matrix: FoodMatrix, row: int, grams: float, gaps: Sequence[Gap], eaten: EatenFood, days: int
) -> Suggestion | None:
    per_100g = matrix.per_100g[row]
    adds: dict[str, float | None] = {}
    for key in CRAMP_NUTRIENTS:
        v = per_100g[matrix.columns[key]]
        adds[key] = None if np.isnan(v) else float(v) * grams / 100.0
    closes = {
        g.nutrient: min(1.0, max(0.0, amount / g.remaining))
        for g in gaps
        if (amount := adds.get(g.nutrient)) is not None
    }
    best = max(gaps, key=lambda g: g.weight * closes.get(g.nutrient, 0.0))
    share = closes.get(best.nutrient, 0.0)
    if share < OWN_MIN_SHARE:
        return None
    energy = per_100g[matrix.columns["energy_kcal"]]
    food = matrix.foods[row]
    times = "once" if eaten.times == 1 else f"{eaten.times} times"
    reason = (
        f"You had {food.description} {times} in the last {days} days; one more portion of"
        f" {grams:.0f} g closes {100 * share:.0f} % of your {best.nutrient} gap."
    )
    return Suggestion(
        food_id=food.id,
        description=food.description,
        group=food.group,
        portion=Portion(id="usual", description=f"your usual {grams:.0f} g", grams=grams),
        adds=adds,
        closes=closes,
        energy_kcal=None if np.isnan(energy) else float(energy) * grams / 100.0,
        score=0.0,
        reason=reason,
        own=True,
    )

"""The one entry point of recommendation: gaps in, a complete, safe answer out.

``suggest`` derives the safety rules from the profile (``safety.rules_for``), scores every food
once, then builds, from that one score:

1. the person's own foods that close a gap, in their usual portion (``personal``);
2. new foods, spread over food classes, nudged towards the person's habits and rotated per
   person and day (``score.select_diverse``);
3. swaps for foods they log often (``swaps``), and optionally an exact plan (``plan``);
4. the clinician-style notes for the profile (``cramps.advice``).

Every suggestion, swap and plan item then passes ``safety.violations`` food by food: when a
rule and a score disagree, the rule wins and the item is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nutrition.cramps.advice import Advice, profile_advice
from nutrition.food.foods import Portion
from nutrition.food.matrix import FoodMatrix
from nutrition.nutrients import CRAMP_NUTRIENTS
from nutrition.person.gaps import Gap
from nutrition.person.profile import Profile
from nutrition.recommend.personal import (
    History,
    habit_boost,
    own_suggestions,
    rotation_factor,
)
from nutrition.recommend.plan import Plan, plan
from nutrition.recommend.safety import NO_LOG, LogQuality, Rules, violations
from nutrition.recommend.score import Scored, Suggestion, rank, score_foods
from nutrition.recommend.swaps import Swap, swaps


@dataclass(frozen=True, slots=True)
class Recommendation:
    """Everything a suggestions answer holds, in order of display."""

    gaps: tuple[Gap, ...]
    suggestions: tuple[Suggestion, ...]
    swaps: tuple[Swap, ...]
    plan: Plan | None
    advice: tuple[Advice, ...]
    rules: Rules


def suggest(
    *,
    matrix: FoodMatrix,
    profile: Profile,
    gaps: Sequence[Gap],
    log: LogQuality = NO_LOG,
    history: History = History(),  # noqa: B008  (frozen, empty)
    rotation_key: str = "",
    limit: int = 10,
    max_kcal: float | None = None,
    with_plan: bool = False,
    own_foods: FoodMatrix | None = None,
) -> Recommendation:
    """Suggestions, swaps, an optional plan and advice for ``profile`` with ``gaps``.

    ``history`` holds the person's foods (own-food suggestions, habits, swaps); ``rotation_key``
    names the person and day (rotation among near-equal options); ``max_kcal`` caps the energy
    of each suggested portion and of the plan (kcal). ``own_foods`` holds the logged foods
    that ``matrix`` lacks (custom foods, recipes, packaged products): they are offered only as
    the person's own foods, under the same rules.
    """
    boost = habit_boost(matrix=matrix, history=history)
    if rotation_key:
        boost = boost * rotation_factor(matrix=matrix, rotation_key=rotation_key)
    scored = score_foods(matrix=matrix, gaps=gaps, profile=profile, log=log, boost=boost)
    elsewhere: list[tuple[FoodMatrix, Scored]] = []
    if own_foods is not None and len(own_foods):
        own_scored = score_foods(matrix=own_foods, gaps=gaps, profile=profile, log=log)
        elsewhere.append((own_foods, own_scored))
    own = own_suggestions(
        matrix=matrix,
        scored=scored,
        history=history,
        limit=_own_share(limit),
        elsewhere=elsewhere,
    )
    own = [s for s in own if max_kcal is None or (s.energy_kcal or 0.0) <= max_kcal]
    eaten = {f.food_id for f in history.foods}
    fresh = rank(
        matrix=matrix,
        gaps=gaps,
        profile=profile,
        limit=limit - len(own),
        max_kcal=max_kcal,
        exclude_ids=eaten,
        scored=scored,
    )
    swapped = swaps(
        matrix=matrix,
        logged_counts={f.food_id: f.times for f in history.foods},
        gaps=gaps,
        profile=profile,
        scored=scored,
    )
    planned = None
    if with_plan:
        planned = plan(matrix=matrix, gaps=gaps, profile=profile, max_kcal=max_kcal, scored=scored)
    rules = scored.rules
    statuses = {g.nutrient: g.status for g in gaps if g.status != "unknown"}
    pools = (matrix, *(m for m, _ in elsewhere))
    return Recommendation(
        gaps=tuple(gaps),
        suggestions=tuple(s for s in [*own, *fresh] if _safe_suggestion(pools, s, rules)),
        swaps=tuple(s for s in swapped if _safe_swap(matrix, s, rules)),
        plan=None if planned is None else _safe_plan(matrix, planned, rules),
        advice=tuple(profile_advice(profile=profile, gaps=statuses)),
        rules=rules,
    )


def _own_share(limit: int) -> int:
    # The person's own foods lead, but leave at least half the list for new ideas.
    return limit // 2


def _amounts(matrix: FoodMatrix, row: int, portion: Portion) -> dict[str, float | None]:
    values = matrix.per_100g[row] * portion.grams / 100.0
    result: dict[str, float | None] = {}
    for key in (*CRAMP_NUTRIENTS, "energy_kcal"):
        v = values[matrix.columns[key]]
        result[key] = None if np.isnan(v) else float(v)
    return result


def _safe(matrix: FoodMatrix, food_id: str, portion: Portion, rules: Rules) -> bool:
    row = matrix.index[food_id]
    food = matrix.foods[row]
    return not violations(food=food, amounts=_amounts(matrix, row, portion), rules=rules)


def _safe_suggestion(pools: Sequence[FoodMatrix], s: Suggestion, rules: Rules) -> bool:
    matrix = next(m for m in pools if s.food_id in m.index)
    return _safe(matrix, s.food_id, s.portion, rules)


def _safe_swap(matrix: FoodMatrix, s: Swap, rules: Rules) -> bool:
    return _safe(matrix, s.to_food.id, s.portion, rules)


def _safe_plan(matrix: FoodMatrix, p: Plan, rules: Rules) -> Plan:
    # Each serving is one portion; the plan's total sodium is bounded by the solver.
    kept = [i for i in p.items if _safe(matrix, i.food_id, i.portion, rules)]
    if len(kept) == len(p.items):
        return p
    return Plan(
        items=kept, closes=p.closes, energy_kcal=p.energy_kcal, exact=False, status=p.status
    )

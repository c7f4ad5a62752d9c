"""Score foods, in household portions, by how much of a person's remaining gaps they close.

Score of a food's default portion (all vectorised over ``FoodMatrix``)::

    credit = sum over credited gaps n of weight_n * min(1, amount_n / remaining_n) ** 0.7
    score  = credit / energy_factor * (1 - processing_penalty) * familiarity ** 2
             * sodium_factor * substitute_factor * boost

* weights are first ``emphasised``: each is scaled by its share of the largest weight, so the
  person's largest relative shortfalls lead and a small gap (say thiamin) cannot carry a food;
* an unknown amount earns no credit for that nutrient (it does not exclude the food);
* ``energy_factor`` = sqrt(max(E, 100) / 150) for a portion of E kcal (no bonus below 100 kcal,
  so a near-empty portion does not win on thinness), 1.25 when energy is unknown; times
  grams / 300 for portions heavier than 300 g;
* ``familiarity`` (``FoodMatrix.familiarity``, 0-1) puts everyday foods ahead of rare ones;
* ``sodium_factor`` = 1 / (1 + k * Na / CDRR) with k = 4 for people at or above the CDRR,
  0.5 for everyone else (most people exceed it), 1 for people known to be under the AI;
* ``substitute_factor`` puts dairy substitutes after the original for people who have dairy;
* ``boost`` is the caller's per-food preference (``recommend.personal``), 1 by default;
* what may be offered at all is decided by ``recommend.safety`` from the profile alone, plus
  ``MAX_PENALTY``; diversity: at most ``MAX_PER_GROUP`` suggestions from one food group, one
  per near-duplicate family (``select_diverse``).

Nutrient amounts come from the USDA data in the matrix; targets from National Academies DRIs.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Final

import numpy as np

from nutrition.food.foods import Portion
from nutrition.food.matrix import BoolArray, FloatArray, FoodMatrix, IntArray
from nutrition.nutrients import CRAMP_NUTRIENTS, RAISE_NUTRIENTS
from nutrition.person.gaps import Gap
from nutrition.person.profile import Profile
from nutrition.recommend.safety import (
    DEFAULT_CDRR_MG,
    NO_LOG,
    LogQuality,
    Rules,
    allowed,
    rules_for,
)

MAX_PER_GROUP: Final = 2
#: Each earlier pick from the same broad food class scales the next one's claim by this.
CLASS_DECAY: Final = 0.4
_REFERENCE_KCAL: Final = 150.0
_ENERGY_EXPONENT: Final = 0.5
_SHARE_EXPONENT: Final = 0.7
#: Exponent on a gap's weight relative to the largest (``emphasised``).
_EMPHASIS: Final = 1.0
_COMFORT_GRAMS: Final = 300.0
_SODIUM_K_ABOVE: Final = 4.0
_SODIUM_K_EVERYONE: Final = 0.5
_UNKNOWN_ENERGY_FACTOR: Final = 1.25
#: Below the reference energy a portion is valued for its density, down to this floor (kcal),
#: so a small banana is not beaten by a big plantain of the same density, and a near-empty
#: portion does not win on thinness alone.
_ENERGY_FLOOR: Final = 100.0
#: Exponent on familiarity: between foods of like density the everyday one wins.
_FAMILIARITY_EXPONENT: Final = 2.0
#: Dairy substitutes (soymilk, almond milk) for people who can have dairy: the original first.
SUBSTITUTE_FACTOR: Final = 0.5
#: Foods more processed than this (``FoodMatrix.penalty``) are never suggested: branded
#: fortified cereals, candy, soft drinks, fried snacks.
MAX_PENALTY: Final = 0.35
#: A suggestion is one portion added to the day: one of more than this much energy (a cup of
#: roasted soybeans, 800 kcal) is a meal's worth, not a realistic addition.
MAX_PORTION_KCAL: Final = 500.0
_DAIRY_ALLERGEN: Final = "milk"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A food in one default portion. ``adds`` holds cramp-nutrient amounts in the portion
    (None = unknown); ``closes`` the share (0-1) of each credited gap's remaining amount."""

    food_id: str
    description: str
    group: str
    portion: Portion
    adds: dict[str, float | None]
    closes: dict[str, float]
    energy_kcal: float | None
    score: float
    reason: str
    #: From the person's own log (a food they already eat, in their usual portion).
    own: bool = False


@dataclass(frozen=True, slots=True)
class Scored:
    """Scores for every food (0 where not offered), the credited gaps and the rules applied,
    shared by rank, plan and swaps within one request."""

    score: FloatArray
    offered: BoolArray
    credited: tuple[Gap, ...]
    rules: Rules
    #: What the safety rules allow at all (before processing limits and scores).
    allowed: BoolArray


def _sodium_gap(gaps: Sequence[Gap]) -> Gap | None:
    return next((g for g in gaps if g.nutrient == "sodium"), None)


def credited_gaps(*, gaps: Sequence[Gap], rules: Rules) -> tuple[Gap, ...]:
    """Gaps a portion earns credit for: raise nutrients with something remaining, potassium only
    when not restricted, sodium only when the safety rules allow raising it."""
    result: list[Gap] = []
    for gap in gaps:
        if not gap.raises:
            continue
        if gap.nutrient == "potassium" and rules.potassium_restricted:
            continue
        if gap.nutrient == "sodium" and not rules.raise_sodium:
            continue
        if gap.nutrient in RAISE_NUTRIENTS or gap.nutrient == "sodium":
            result.append(gap)
    return tuple(result)


def closure(*, matrix: FoodMatrix, gap: Gap) -> FloatArray:
    """Share of ``gap.remaining`` each food's default portion closes, in [0, 1]; NaN = unknown."""
    amounts = matrix.column(gap.nutrient)
    return np.clip(amounts / gap.remaining, 0.0, 1.0)


def score_foods(
    *,
    matrix: FoodMatrix,
    gaps: Sequence[Gap],
    profile: Profile,
    log: LogQuality = NO_LOG,
    max_kcal: float | None = None,
    exclude_ids: Collection[str] = (),
    boost: FloatArray | None = None,
) -> Scored:
    """Score every food's default portion (see module doc); ``offered`` marks score > 0.

    The safety rules come from ``profile`` (and ``log``, the sodium evidence); ``boost`` is an
    optional per-food multiplier (>= 0) for personal preference.
    """
    rules = rules_for(profile=profile, gaps=gaps, log=log)
    credited = credited_gaps(gaps=gaps, rules=rules)
    safe = allowed(matrix=matrix, rules=rules)
    with np.errstate(invalid="ignore"):
        realistic = ~(matrix.column("energy_kcal") > MAX_PORTION_KCAL)
    mask = safe & (matrix.penalty <= MAX_PENALTY) & realistic
    mask = _narrow(matrix=matrix, offered=mask, max_kcal=max_kcal, exclude_ids=exclude_ids)
    credit = gap_credit(matrix=matrix, gaps=emphasised(credited))
    score = credit / energy_factor(matrix=matrix) * (1.0 - matrix.penalty)
    score *= matrix.familiarity**_FAMILIARITY_EXPONENT
    if _dairy_allowed(rules) and matrix.substitute.size:
        score *= np.where(matrix.substitute, SUBSTITUTE_FACTOR, 1.0)
    score *= _sodium_factor(matrix=matrix, gap=_sodium_gap(gaps))
    if boost is not None:
        score *= boost
    score = np.where(mask, score, 0.0)
    return Scored(score=score, offered=score > 0.0, credited=credited, rules=rules, allowed=safe)


def _dairy_allowed(rules: Rules) -> bool:
    return _DAIRY_ALLERGEN not in rules.allergies and "dairy" not in rules.excluded_animal


def emphasised(gaps: Sequence[Gap]) -> tuple[Gap, ...]:
    """The gaps with each weight scaled by its share of the largest weight (w * w / w_max).

    The person's largest relative shortfalls lead the score: a gap of 27 % next to one of 53 %
    counts half as much again, so a small thiamin gap that any portion of pork or white bread
    closes does not outweigh the potassium and magnesium a person is far short of.
    """
    top = max((g.weight for g in gaps), default=0.0)
    if top <= 0.0:
        return tuple(gaps)
    return tuple(replace(g, weight=g.weight * (g.weight / top) ** _EMPHASIS) for g in gaps)


def gap_credit(*, matrix: FoodMatrix, gaps: Sequence[Gap]) -> FloatArray:
    """Weighted, diminishing credit of each food's default portion: sum of w * share ** 0.7.

    ``share`` is ``closure`` (0-1); unknown amounts earn nothing.
    """
    credit = np.zeros(len(matrix), dtype=np.float64)
    for gap in gaps:
        share = np.nan_to_num(closure(matrix=matrix, gap=gap), nan=0.0)
        credit += gap.weight * share**_SHARE_EXPONENT
    return credit


def energy_factor(*, matrix: FoodMatrix) -> FloatArray:
    """What a portion's energy and weight cost: sqrt(max(kcal, 100) / 150), 1.25 when energy is
    unknown; times grams / 300 for portions over 300 g."""
    energy = matrix.column("energy_kcal")
    factor = np.full(len(matrix), _UNKNOWN_ENERGY_FACTOR, dtype=np.float64)
    known = ~np.isnan(energy)
    # Above the reference a portion pays for its energy; below it there is no bonus, so a
    # near-empty portion does not win on thinness alone.
    factor[known] = (np.maximum(energy[known], _ENERGY_FLOOR) / _REFERENCE_KCAL) ** _ENERGY_EXPONENT
    # Whole raw squashes or 500 g eggplants are not one sitting: heavy portions pay too.
    return factor * np.maximum(1.0, matrix.grams / _COMFORT_GRAMS)


def _sodium_factor(*, matrix: FoodMatrix, gap: Gap | None) -> FloatArray:
    if gap is not None and gap.status == "below":
        # Known to be under the AI: sodium-dense portions are no problem (and if clearly low,
        # sodium is already credited as a gap).
        return np.ones(len(matrix), dtype=np.float64)
    sodium = matrix.column("sodium")
    above = gap is not None and gap.status == "above"
    k = _SODIUM_K_ABOVE if above else _SODIUM_K_EVERYONE
    cdrr = gap.upper if gap is not None and gap.upper else DEFAULT_CDRR_MG
    # Unknown sodium is never offered (``safety``); NaN here only meets a masked-out food.
    return 1.0 / (1.0 + k * np.clip(np.nan_to_num(sodium, nan=0.0), 0.0, None) / cdrr)


def _amount_text(value: float, unit: str) -> str:
    if value >= 10:
        return f"{value:.0f} {unit}"
    if value >= 1:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def _reason(
    *,
    matrix: FoodMatrix,
    row: int,
    credited: Sequence[Gap],
    closes: dict[str, float],
) -> str:
    portion = matrix.portions[row]
    what = f"{portion.description} ({portion.grams:.0f} g) of {matrix.foods[row].description}"
    if portion.id == "100g":
        what = f"100 g of {matrix.foods[row].description}"
    energy = matrix.per_portion[row, matrix.columns["energy_kcal"]]
    tail = "" if np.isnan(energy) else f", for {energy:.0f} kcal"
    best = max(
        (g for g in credited if g.nutrient in closes),
        key=lambda g: g.weight * closes[g.nutrient],
        default=None,
    )
    if best is None:
        return f"{what} fits your profile{tail}."
    amount = float(matrix.per_portion[row, matrix.columns[best.nutrient]])
    share = 100.0 * closes[best.nutrient]
    need = "of what you still need" if best.average is not None else "of your daily target"
    return (
        f"{what} gives {_amount_text(amount, best.unit)} {best.nutrient}, "
        f"{share:.0f} % {need}{tail}."
    )


def suggestion(
    *, matrix: FoodMatrix, row: int, credited: Sequence[Gap], score: float
) -> Suggestion:
    """Describe one food's default portion against the credited gaps."""
    values = matrix.per_portion[row]
    adds: dict[str, float | None] = {}
    for key in CRAMP_NUTRIENTS:
        v = values[matrix.columns[key]]
        adds[key] = None if np.isnan(v) else float(v)
    closes: dict[str, float] = {}
    for gap in credited:
        amount = adds.get(gap.nutrient)
        if amount is not None:
            closes[gap.nutrient] = float(min(1.0, max(0.0, amount / gap.remaining)))
    energy = values[matrix.columns["energy_kcal"]]
    food = matrix.foods[row]
    return Suggestion(
        food_id=food.id,
        description=food.description,
        group=food.group,
        portion=matrix.portions[row],
        adds=adds,
        closes=closes,
        energy_kcal=None if np.isnan(energy) else float(energy),
        score=score,
        reason=_reason(matrix=matrix, row=row, credited=credited, closes=closes),
    )


def rank(
    *,
    matrix: FoodMatrix,
    gaps: Sequence[Gap],
    profile: Profile,
    limit: int = 10,
    max_kcal: float | None = None,
    exclude_ids: Collection[str] = (),
    scored: Scored | None = None,
) -> list[Suggestion]:
    """Best ``limit`` foods for closing ``gaps``, best first, at most 2 per group, 1 per family.

    ``scored``: a ``score_foods`` result for the same matrix, gaps and profile (without
    ``max_kcal``/``exclude_ids``, which are applied here), shared across a request.
    """
    if limit <= 0:
        return []
    if scored is None:
        scored = score_foods(matrix=matrix, gaps=gaps, profile=profile)
    offered = _narrow(
        matrix=matrix, offered=scored.offered, max_kcal=max_kcal, exclude_ids=exclude_ids
    )
    rows = select_diverse(matrix=matrix, score=scored.score, offered=offered, limit=limit)
    return [
        suggestion(matrix=matrix, row=row, credited=scored.credited, score=float(scored.score[row]))
        for row in rows
    ]


def _narrow(
    *, matrix: FoodMatrix, offered: BoolArray, max_kcal: float | None, exclude_ids: Collection[str]
) -> BoolArray:
    # The caller's energy budget and exclusions, on top of a (possibly shared) score.
    if max_kcal is None and not exclude_ids:
        return offered
    mask = offered.copy()
    if max_kcal is not None:
        with np.errstate(invalid="ignore"):
            mask &= matrix.column("energy_kcal") <= max_kcal
    for food_id in exclude_ids:
        row = matrix.index.get(food_id)
        if row is not None:
            mask[row] = False
    return mask


def _near_duplicate(words: frozenset[str], taken: Sequence[frozenset[str]]) -> bool:
    # "Almonds, unsalted" ({almond}) repeats "Nuts, almonds" ({almond, nut}), and "Almond milk"
    # repeats "Beverages, almond milk" although USDA files them in different groups.
    return any(words <= other or other <= words for other in taken)


#: ``select_diverse`` first works on this many best-scored foods (argpartition, no full sort);
#: it falls back to every offered food only when a pick could have come from outside them.
DIVERSE_POOL: Final = 400
#: ... and at least this many per requested suggestion.
DIVERSE_POOL_PER_PICK: Final = 40


def select_diverse(
    *, matrix: FoodMatrix, score: FloatArray, offered: BoolArray, limit: int
) -> list[int]:
    """Rows of up to ``limit`` offered foods, best score first, spread over food classes.

    Greedy: the next pick has the best ``score * CLASS_DECAY ** k`` where k counts earlier picks
    of its broad class; at most ``MAX_PER_GROUP`` per food group, one per family, and within a
    class one per head noun (``FoodMatrix.heads``: one bean, one milk, one bread).
    """
    rows = np.flatnonzero(offered)
    pool = max(DIVERSE_POOL, DIVERSE_POOL_PER_PICK * limit)
    if rows.size > pool:
        top = np.argpartition(-score[rows], pool - 1)[:pool]
        rest = np.delete(rows, top)
        # Best score left outside the pool in each class: decay only lowers a claim, so while
        # every pick beats the decayed bound of every class the answer is the full one.
        class_ids = _diversity_ids(matrix)
        outside = np.zeros(int(class_ids.max(initial=0)) + 1, dtype=np.float64)
        np.maximum.at(outside, class_ids[rest], score[rest])
        picked = _greedy(matrix=matrix, score=score, rows=rows[top], limit=limit, outside=outside)
        if picked is not None:
            return picked
    result = _greedy(matrix=matrix, score=score, rows=rows, limit=limit, outside=None)
    assert result is not None  # with nothing outside it never gives up
    return result


def _diversity_ids(matrix: FoodMatrix) -> IntArray:
    # A matrix built field by field (tests) may lack the finer ids; the broad classes do.
    if matrix.diversity_ids.size == len(matrix):
        return matrix.diversity_ids
    return matrix.class_ids


def _greedy(
    *, matrix: FoodMatrix, score: FloatArray, rows: IntArray, limit: int, outside: FloatArray | None
) -> list[int] | None:
    # None: a food outside ``rows`` (best per class in ``outside``) might have won a pick.
    order = rows[np.argsort(-score[rows], kind="stable")]
    class_ids = _diversity_ids(matrix)
    by_class = order[np.argsort(class_ids[order], kind="stable")]
    classes = class_ids[by_class]
    queues: list[IntArray] = []
    if classes.size:
        starts = np.flatnonzero(np.r_[True, classes[1:] != classes[:-1]])
        queues = list(np.split(by_class, starts[1:]))
    heads = [0] * len(queues)
    per_group: dict[int, int] = {}
    per_class = [0] * len(queues)
    families: set[int] = set()
    taken: list[frozenset[str]] = []
    heads_taken: list[set[int]] = [set() for _ in queues]
    picked: list[int] = []
    group_ids, family_ids, head_ids = matrix.group_ids, matrix.family_ids, matrix.head_ids
    family_words = matrix.family_words
    while len(picked) < limit:
        best, best_value = -1, 0.0
        for q, queue in enumerate(queues):
            while heads[q] < len(queue):
                row = int(queue[heads[q]])
                if (
                    per_group.get(int(group_ids[row]), 0) < MAX_PER_GROUP
                    and int(family_ids[row]) not in families
                    and int(head_ids[row]) not in heads_taken[q]
                    and not _near_duplicate(family_words[row], taken)
                ):
                    break
                heads[q] += 1
            if heads[q] < len(queue):
                value = float(score[queue[heads[q]]]) * CLASS_DECAY ** per_class[q]
                if value > best_value:
                    best, best_value = q, value
        if outside is not None:
            taken_by_class = dict.fromkeys(range(len(outside)), 0)
            for q, queue in enumerate(queues):
                taken_by_class[int(class_ids[queue[0]])] = per_class[q]
            bound = max(v * CLASS_DECAY ** taken_by_class[c] for c, v in enumerate(outside))
            if best < 0 or best_value <= bound:
                return None
        if best < 0:
            break
        row = int(queues[best][heads[best]])
        heads[best] += 1
        per_class[best] += 1
        group = int(group_ids[row])
        per_group[group] = per_group.get(group, 0) + 1
        families.add(int(family_ids[row]))
        taken.append(family_words[row])
        heads_taken[best].add(int(head_ids[row]))
        picked.append(row)
    return sorted(picked, key=lambda r: -float(score[r]))

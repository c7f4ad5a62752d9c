"""The smallest set of household portions that closes every remaining raise gap.

Exact integer programme (``scipy.optimize.milp``, HiGHS) over the best ``candidates`` foods by
``ranking.score_foods`` (eligible, not excluded) among ``plan_worthy`` ones: everyday, whole or
minimally processed food-group foods in a USDA household measure of at most
``MAX_PORTION_KCAL``. Variables: servings ``x_i`` (integers >= 0) of each candidate's default
portion. Constraints:

* ``sum_i a_in x_i >= remaining_n`` for every credited gap n (unknown amounts count as 0);
* ``sum_i x_i <= max_items``; energy ``sum_i e_i x_i <= max_kcal`` when given;
* sodium ``sum_i s_i x_i <= cap``: the CDRR headroom (CDRR minus average) when positive; for
  people already at/above the CDRR a token ``SODIUM_ALLOWANCE_SHARE`` of the CDRR (else no
  plan could exist: every food holds some sodium); with no sodium average, CDRR minus AI (we
  assume at least the AI comes from the rest of the diet). Foods with unknown sodium, or
  unknown energy under an energy budget, are left out: the limits could not be checked;
* calcium stays within its UL headroom when the average is known.

Objective: fewest portions, then least energy (epsilon tie-break). If that is infeasible the
plan maximises weighted closure instead: slack ``y_n`` in [0, 1] is the unclosed share of gap
n and the objective is ``BIG * sum_n weight_n y_n + portions + eps * energy``, so closure
comes first (to within 1/``BIG`` of a portion).

The solver's work is bounded by a node count (``NODE_LIMIT``), never by the clock, so the same
data always gives the same plan whatever the load; a plan not proven optimal within it says so
(``exact=False``). Without any solution the plan falls back to one portion each of
``score.rank``'s picks. An energy budget that the unconstrained plan already meets does not
change it: the plan is solved without the budget first. Nothing is cached here.
DRI targets: National Academies; amounts: USDA SR28 / FNDDS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np

from nutrition.food.foods import Portion
from nutrition.food.matrix import BoolArray, FloatArray, FoodMatrix
from nutrition.food.processing import FOOD_CLASSES, WHOLE_FOOD_CLASSES
from nutrition.person.gaps import Gap
from nutrition.person.profile import Profile
from nutrition.person.targets import ADULT_SODIUM
from nutrition.recommend.safety import DEFAULT_CDRR_MG
from nutrition.recommend.score import Scored, rank, score_foods

SODIUM_ALLOWANCE_SHARE: Final = 0.05
MIN_FAMILIARITY: Final = 0.6
MAX_PORTION_KCAL: Final = 400.0
#: A plan is a day's whole foods: stricter on processing than the suggestion list
#: (``score.MAX_PENALTY``), which may also show lightly processed foods.
PLAN_MAX_PENALTY: Final = 0.2
#: Broad classes a plan draws from: the food groups of a dietitian's day, not drinks or sweets.
PLAN_CLASSES: Final = WHOLE_FOOD_CLASSES
_PLAN_CLASS_IDS: Final = np.asarray([FOOD_CLASSES.index(c) for c in PLAN_CLASSES])
_BIG: Final = 1000.0
#: The adult sodium AI (NASEM 2019, from the DRI table), assumed to come from the rest of the
#: diet when the log says nothing about sodium.
_DEFAULT_SODIUM_AI_MG: Final = ADULT_SODIUM.amount
#: Branch-and-bound nodes the solver may explore per solve: a deterministic work limit.
NODE_LIMIT: Final = 2000
_CLOSED_TOLERANCE: Final = 1e-6


@dataclass(frozen=True, slots=True)
class PlanItem:
    """``servings`` (>= 1) of a food's default ``portion``."""

    food_id: str
    description: str
    portion: Portion
    servings: int


@dataclass(frozen=True, slots=True)
class Plan:
    """A day's additions. ``closes`` is each credited gap's closed share (0-1).

    ``status``: "closed", "partial" (best weighted closure), "greedy" (fallback),
    "nothing_to_close" or "no_candidates"; ``exact`` means proven optimal.
    """

    items: list[PlanItem]
    closes: dict[str, float]
    energy_kcal: float
    exact: bool
    status: str


def plan_worthy(*, matrix: FoodMatrix) -> BoolArray:
    """Foods a day plan may use: everyday (familiarity >= ``MIN_FAMILIARITY``), whole or
    minimally processed (penalty <= ``PLAN_MAX_PENALTY``), from a food group, in a household
    measure of at most ``MAX_PORTION_KCAL`` kcal."""
    food_group = np.isin(matrix.class_ids, _PLAN_CLASS_IDS)
    with np.errstate(invalid="ignore"):
        modest = ~(matrix.column("energy_kcal") > MAX_PORTION_KCAL)
    result: BoolArray = (
        modest
        & (matrix.familiarity >= MIN_FAMILIARITY)
        & (matrix.penalty <= PLAN_MAX_PENALTY)
        & matrix.measured
        & food_group
    )
    return result


def _sodium_cap(gaps: Sequence[Gap]) -> float:
    gap = next((g for g in gaps if g.nutrient == "sodium"), None)
    if gap is None:
        return DEFAULT_CDRR_MG - _DEFAULT_SODIUM_AI_MG
    cdrr = gap.upper if gap.upper is not None else DEFAULT_CDRR_MG
    if gap.headroom is None:
        return max(cdrr - gap.target, SODIUM_ALLOWANCE_SHARE * cdrr)
    if gap.headroom > 0:
        return gap.headroom
    return SODIUM_ALLOWANCE_SHARE * cdrr


def _calcium_cap(gaps: Sequence[Gap]) -> float | None:
    gap = next((g for g in gaps if g.nutrient == "calcium"), None)
    if gap is None or gap.headroom is None:
        return None
    return max(gap.headroom, 0.0)


@dataclass
class _Programme:
    """A mixed-integer programme: minimise ``cost @ x`` with ``low <= A @ x <= high``,
    ``0 <= x <= upper``, integers where ``integrality`` is 1."""

    cost: FloatArray
    size: int
    rows: list[FloatArray] = field(default_factory=list)
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    upper: FloatArray = field(default_factory=lambda: np.empty(0))
    integrality: FloatArray = field(default_factory=lambda: np.empty(0))

    def add(self, row: FloatArray, *, low: float, high: float) -> None:
        """One linear constraint."""
        self.rows.append(row)
        self.low.append(low)
        self.high.append(high)

    def solve(self, *, node_limit: int) -> Any:
        """HiGHS through ``scipy.optimize.milp``; returns scipy's result object."""
        # Imported here: SciPy's optimiser costs about 50 MB of memory, and only plan
        # requests need it.
        from scipy.optimize import Bounds, LinearConstraint, milp

        return milp(
            self.cost,
            constraints=LinearConstraint(np.vstack(self.rows), lb=self.low, ub=self.high),
            bounds=Bounds(np.zeros(self.size), self.upper),
            integrality=self.integrality,
            # A node count, not seconds: the answer must not depend on the server's load.
            options={"node_limit": node_limit, "presolve": True},
        )


def _build(
    *,
    matrix: FoodMatrix,
    rows: np.ndarray,
    credited: Sequence[Gap],
    gaps: Sequence[Gap],
    max_kcal: float | None,
    max_items: int,
    slack: bool,
) -> _Programme:
    n, m = len(rows), len(credited)
    size = n + (m if slack else 0)
    energy = np.nan_to_num(matrix.column("energy_kcal")[rows], nan=0.0)
    eps = 0.5 / (max_items * max(float(energy.max(initial=0.0)), 1.0) + 1.0)
    cost = np.zeros(size)
    cost[:n] = 1.0 + eps * energy
    prog = _Programme(cost=cost, size=size)
    for j, gap in enumerate(credited):
        a = np.zeros(size)
        a[:n] = np.nan_to_num(matrix.column(gap.nutrient)[rows], nan=0.0)
        if slack:
            a[n + j] = gap.remaining
            cost[n + j] = _BIG * (max_items + 1) * gap.weight
        prog.add(a, low=gap.remaining, high=np.inf)
    prog.add(np.r_[np.ones(n), np.zeros(size - n)], low=0.0, high=max_items)
    if max_kcal is not None:
        prog.add(np.r_[energy, np.zeros(size - n)], low=0.0, high=max_kcal)
    sodium = np.nan_to_num(matrix.column("sodium")[rows], nan=0.0)
    prog.add(np.r_[sodium, np.zeros(size - n)], low=0.0, high=_sodium_cap(gaps))
    calcium_cap = _calcium_cap(gaps)
    if calcium_cap is not None:
        calcium = np.nan_to_num(matrix.column("calcium")[rows], nan=0.0)
        prog.add(np.r_[calcium, np.zeros(size - n)], low=0.0, high=calcium_cap)
    prog.upper = np.full(size, float(max_items))
    prog.upper[n:] = 1.0
    prog.integrality = np.zeros(size)
    prog.integrality[:n] = 1.0
    return prog


def _plan_from(
    *, matrix: FoodMatrix, rows: np.ndarray, servings: np.ndarray, credited: Sequence[Gap]
) -> tuple[list[PlanItem], dict[str, float], float]:
    items: list[PlanItem] = []
    energy = 0.0
    totals = dict.fromkeys((g.nutrient for g in credited), 0.0)
    for row, count in zip(rows, servings, strict=True):
        k = round(float(count))
        if k <= 0:
            continue
        r = int(row)
        items.append(
            PlanItem(
                food_id=matrix.ids[r],
                description=matrix.foods[r].description,
                portion=matrix.portions[r],
                servings=k,
            )
        )
        e = matrix.per_portion[r, matrix.columns["energy_kcal"]]
        energy += 0.0 if np.isnan(e) else k * float(e)
        for key in totals:
            v = matrix.per_portion[r, matrix.columns[key]]
            totals[key] += 0.0 if np.isnan(v) else k * float(v)
    closes = {g.nutrient: min(1.0, totals[g.nutrient] / g.remaining) for g in credited}
    return items, closes, energy


def _all_closed(closes: dict[str, float]) -> bool:
    return all(v >= 1.0 - _CLOSED_TOLERANCE for v in closes.values())


def plan(
    *,
    matrix: FoodMatrix,
    gaps: Sequence[Gap],
    profile: Profile,
    max_kcal: float | None,
    max_items: int = 5,
    node_limit: int = NODE_LIMIT,
    candidates: int = 80,
    scored: Scored | None = None,
) -> Plan:
    """Fewest default portions (<= ``max_items`` in all) closing every credited gap (see doc).

    ``max_kcal`` caps the plan's total energy (kcal); ``node_limit`` bounds the solver's work.
    ``scored``: an optional shared ``score_foods`` result for the same matrix, gaps and profile
    (no ``max_kcal``).
    """
    if scored is None:
        scored = score_foods(matrix=matrix, gaps=gaps, profile=profile)
    free = _solve(
        matrix=matrix,
        gaps=gaps,
        profile=profile,
        max_kcal=None,
        max_items=max_items,
        node_limit=node_limit,
        candidates=candidates,
        scored=scored,
    )
    if max_kcal is None or (free.items and free.energy_kcal <= max_kcal):
        return free
    return _solve(
        matrix=matrix,
        gaps=gaps,
        profile=profile,
        max_kcal=max_kcal,
        max_items=max_items,
        node_limit=node_limit,
        candidates=candidates,
        scored=scored,
    )


def _solve(
    *,
    matrix: FoodMatrix,
    gaps: Sequence[Gap],
    profile: Profile,
    max_kcal: float | None,
    max_items: int,
    node_limit: int,
    candidates: int,
    scored: Scored,
) -> Plan:
    credited = scored.credited
    if not credited:
        return Plan(items=[], closes={}, energy_kcal=0.0, exact=True, status="nothing_to_close")
    usable = scored.offered & plan_worthy(matrix=matrix)
    usable &= ~np.isnan(matrix.column("sodium"))
    if max_kcal is not None:
        usable &= ~np.isnan(matrix.column("energy_kcal"))
    pool = np.flatnonzero(usable)
    if pool.size > candidates:
        pool = pool[np.argpartition(-scored.score[pool], candidates - 1)[:candidates]]
    rows = pool[np.argsort(-scored.score[pool], kind="stable")]
    if rows.size == 0:
        return Plan(
            items=[],
            closes=dict.fromkeys((g.nutrient for g in credited), 0.0),
            energy_kcal=0.0,
            exact=True,
            status="no_candidates",
        )
    for slack in (False, True):
        programme = _build(
            matrix=matrix,
            rows=rows,
            credited=credited,
            gaps=gaps,
            max_kcal=max_kcal,
            max_items=max_items,
            slack=slack,
        )
        result = programme.solve(node_limit=node_limit)
        if result.x is not None:
            items, closes, energy = _plan_from(
                matrix=matrix, rows=rows, servings=result.x[: len(rows)], credited=credited
            )
            status = "closed" if _all_closed(closes) else "partial"
            return Plan(
                items=items,
                closes=closes,
                energy_kcal=energy,
                exact=result.status == 0,
                status=status,
            )
        if result.status != 2:  # not proven infeasible: out of nodes or solver trouble
            break
    return _greedy(matrix=matrix, gaps=gaps, profile=profile, max_kcal=max_kcal, scored=scored)


def _greedy(
    *,
    matrix: FoodMatrix,
    gaps: Sequence[Gap],
    profile: Profile,
    max_kcal: float | None,
    scored: Scored,
    max_items: int = 5,
) -> Plan:
    picks = rank(matrix=matrix, gaps=gaps, profile=profile, limit=max_items, scored=scored)
    sodium_left = _sodium_cap(gaps)
    energy_left = np.inf if max_kcal is None else max_kcal
    chosen: list[int] = []
    for pick in picks:
        row = matrix.index[pick.food_id]
        na = matrix.per_portion[row, matrix.columns["sodium"]]
        e = pick.energy_kcal
        if (
            np.isnan(na)
            or na > sodium_left
            or (max_kcal is not None and (e is None or e > energy_left))
        ):
            continue
        chosen.append(row)
        sodium_left -= na
        energy_left -= 0.0 if e is None else e
    rows = np.asarray(chosen, dtype=np.int64)
    items, closes, energy = _plan_from(
        matrix=matrix, rows=rows, servings=np.ones(len(rows)), credited=scored.credited
    )
    return Plan(items=items, closes=closes, energy_kcal=energy, exact=False, status="greedy")

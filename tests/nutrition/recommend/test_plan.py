"""Exact plan: MILP against brute force on tiny instances, budgets, fallbacks."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nutrition.food.foods import Food
from nutrition.food.matrix import FoodMatrix
from nutrition.person.gaps import Gap
from nutrition.recommend.plan import plan
from nutrition.recommend.score import score_foods
from tests.nutrition.food.test_matrix import make_food, make_profile, sample_foods
from tests.nutrition.recommend.test_score import short_of


def closes_all(
    matrix: FoodMatrix, rows: list[int], counts: tuple[int, ...], gaps: list[Gap]
) -> bool:
    for g in gaps:
        if not g.raises or g.nutrient == "sodium":
            continue
        total = sum(
            c * np.nan_to_num(matrix.column(g.nutrient)[r])
            for r, c in zip(rows, counts, strict=True)
        )
        if total < g.remaining - 1e-6:
            return False
    return True


def brute_force_min_portions(
    matrix: FoodMatrix,
    gaps: list[Gap],
    *,
    max_items: int,
    max_kcal: float | None,
    sodium_cap: float,
) -> int | None:
    scored = score_foods(matrix=matrix, gaps=gaps, profile=make_profile())
    rows = [int(r) for r in np.flatnonzero(scored.offered)]
    energy = np.nan_to_num(matrix.column("energy_kcal"))
    sodium = np.nan_to_num(matrix.column("sodium"))
    best: int | None = None
    for counts in itertools.product(range(max_items + 1), repeat=len(rows)):
        total = sum(counts)
        if total > max_items or (best is not None and total >= best):
            continue
        if (
            max_kcal is not None
            and sum(c * energy[r] for r, c in zip(rows, counts, strict=True)) > max_kcal
        ):
            continue
        if sum(c * sodium[r] for r, c in zip(rows, counts, strict=True)) > sodium_cap:
            continue
        if closes_all(matrix, rows, counts, gaps):
            best = total
    return best


@st.composite
def tiny_foods(draw: st.DrawFn) -> list[Food]:
    n = draw(st.integers(min_value=1, max_value=4))
    return [
        make_food(
            code=str(i),
            description=f"Food{i}, cooked",
            grams=100,
            energy_kcal=draw(st.integers(min_value=20, max_value=400)),
            potassium=draw(st.integers(min_value=0, max_value=1200)),
            magnesium=draw(st.integers(min_value=0, max_value=150)),
            sodium=draw(st.integers(min_value=0, max_value=300)),
        )
        for i in range(n)
    ]


@settings(max_examples=40, deadline=None)
@given(foods=tiny_foods(), max_kcal=st.one_of(st.none(), st.integers(200, 1500)))
def test_milp_matches_brute_force(foods: list[Food], max_kcal: int | None) -> None:
    matrix = FoodMatrix.build(foods=foods)
    gaps = short_of(potassium=1600, magnesium=180, sodium=1900)  # 400 mg sodium headroom
    result = plan(
        matrix=matrix,
        gaps=gaps,
        profile=make_profile(),
        max_kcal=max_kcal,
        max_items=3,
    )
    expected = brute_force_min_portions(
        matrix, gaps, max_items=3, max_kcal=max_kcal, sodium_cap=400
    )
    portions = sum(i.servings for i in result.items)
    if expected is None:
        assert result.status in ("partial", "no_candidates")
    else:
        assert result.status == "closed"
        assert result.exact
        assert portions == expected
    assert portions <= 3
    if max_kcal is not None:
        assert result.energy_kcal <= max_kcal + 1e-6


def test_banana_and_yogurt_case_is_optimal_and_reported() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    gaps = short_of(potassium=1600, magnesium=250)
    result = plan(matrix=matrix, gaps=gaps, profile=make_profile(), max_kcal=None)
    assert result.status == "closed"
    assert result.exact
    assert result.closes == {"potassium": 1.0, "magnesium": 1.0}
    # 1000 mg K and 70 mg Mg are needed; yogurt (573 mg) alone is short, two portions suffice.
    assert sum(i.servings for i in result.items) == 2


def test_infeasible_maximises_weighted_closure() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    gaps = short_of(potassium=0)  # 2600 mg K in 1 portion is impossible
    result = plan(matrix=matrix, gaps=gaps, profile=make_profile(), max_kcal=None, max_items=1)
    assert result.status == "partial"
    assert len(result.items) == 1
    assert 0 < result.closes["potassium"] < 1


def test_nothing_to_close() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    result = plan(matrix=matrix, gaps=short_of(), profile=make_profile(), max_kcal=None)
    assert result.status == "nothing_to_close"
    assert result.items == []


def test_same_data_same_plan_and_a_loose_budget_changes_nothing() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    gaps = short_of(potassium=1300)
    profile = make_profile()
    first = plan(matrix=matrix, gaps=gaps, profile=profile, max_kcal=None)
    assert plan(matrix=matrix, gaps=gaps, profile=profile, max_kcal=None) == first
    for budget in (first.energy_kcal + 1, 4998.0, 4999.0):
        assert plan(matrix=matrix, gaps=gaps, profile=profile, max_kcal=budget) == first
    shared = score_foods(matrix=matrix, gaps=gaps, profile=profile)
    fresh = FoodMatrix.build(foods=sample_foods())
    again = plan(matrix=fresh, gaps=gaps, profile=profile, max_kcal=None, scored=shared)
    assert [(i.food_id, i.servings) for i in again.items] == [
        (i.food_id, i.servings) for i in first.items
    ]

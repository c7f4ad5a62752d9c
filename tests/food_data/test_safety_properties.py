"""Every safety rule, over generated profiles, intakes and histories, on the real catalog.

The checks here restate each rule from its source (FDA sodium claims, the conditions and
medications named in docs/safety.md) instead of calling ``safety.violations``, so a bug in the
safety module cannot hide itself.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutrition.food.foods import Food
from nutrition.food.matrix import FoodMatrix
from nutrition.food.processing import is_condiment
from nutrition.person.gaps import gaps
from nutrition.person.profile import (
    ALLERGENS,
    CONDITIONS,
    DIET_EXCLUDES,
    MEDICATIONS,
    Profile,
)
from nutrition.person.targets import targets_for
from nutrition.recommend.personal import EatenFood, History
from nutrition.recommend.safety import LogQuality
from nutrition.recommend.suggest import suggest

SALTY_CONDITIONS = {"hypertension", "heart_failure", "chronic_kidney_disease", "liver_disease"}
POTASSIUM_KEEPERS = {"potassium_sparing_diuretic", "ace_inhibitor", "arb"}


@pytest.fixture(scope="module")
def catalog(
    shipped_foods: list[Food], shipped_matrix: FoodMatrix
) -> tuple[dict[str, Food], FoodMatrix]:
    return {f.id: f for f in shipped_foods}, shipped_matrix


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    sex = draw(st.sampled_from(["female", "male"]))
    age = draw(st.integers(min_value=14, max_value=95))
    pregnant = sex == "female" and age <= 50 and draw(st.booleans())
    return Profile(
        age=age,
        sex=sex,
        pregnant=pregnant,
        diet=draw(st.sampled_from([None, "vegetarian", "vegan", "pescatarian"])),
        allergies=draw(st.frozensets(st.sampled_from(ALLERGENS), max_size=4)),
        medications=draw(st.frozensets(st.sampled_from(MEDICATIONS), max_size=3)),
        conditions=draw(st.frozensets(st.sampled_from(CONDITIONS), max_size=2)),
    )


fractions = st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.6))
intakes = st.fixed_dictionaries(
    dict.fromkeys(("potassium", "magnesium", "calcium", "sodium", "thiamin"), fractions)
)
logs = st.builds(
    LogQuality,
    days_logged=st.integers(min_value=0, max_value=30),
    energy_kcal=st.one_of(st.none(), st.floats(min_value=0, max_value=4000)),
)


def _portion_amount(food: Food, key: str, grams: float) -> float | None:
    value = food.nutrients.get(key)
    return None if value is None else value * grams / 100.0


def _check(food: Food, grams: float, profile: Profile) -> None:
    what = f"{food.description} ({grams:.0f} g)"
    assert not (food.allergens & profile.allergies), what
    assert not (food.animal & DIET_EXCLUDES.get(profile.diet or "", frozenset())), what
    assert not is_condiment(
        description=food.description, group_code=food.group_code, source=food.source
    ), what
    sodium = _portion_amount(food, "sodium", grams)
    assert sodium is not None, what
    assert sodium <= 460.0 + 1e-6, what
    if profile.conditions & SALTY_CONDITIONS:
        assert sodium <= 140.0 + 1e-6, what
    if "chronic_kidney_disease" in profile.conditions or profile.medications & POTASSIUM_KEEPERS:
        potassium = _portion_amount(food, "potassium", grams)
        assert potassium is not None and potassium <= 200.0 + 1e-6, what


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    profile=profiles(),
    intake=intakes,
    log=logs,
    picks=st.lists(st.integers(min_value=0, max_value=15_871), max_size=12, unique=True),
    grams=st.floats(min_value=5.0, max_value=900.0),
    with_plan=st.booleans(),
)
def test_no_suggestion_swap_or_plan_item_breaks_a_rule(
    catalog, profile, intake, log, picks, grams, with_plan
):
    foods, matrix = catalog
    targets = targets_for(profile=profile)
    average = {k: (None if f is None else f * targets[k].amount) for k, f in intake.items()}
    found = gaps(average=average, targets=targets)
    history = History(
        foods=tuple(EatenFood(matrix.ids[i], times=1 + i % 5, usual_grams=grams) for i in picks)
    )
    result = suggest(
        matrix=matrix,
        profile=profile,
        gaps=found,
        log=log,
        history=history,
        rotation_key=f"p{len(picks)}",
        with_plan=with_plan,
    )
    for s in result.suggestions:
        _check(foods[s.food_id], s.portion.grams, profile)
        if "sodium" in s.closes:
            assert not profile.conditions & SALTY_CONDITIONS
    for w in result.swaps:
        _check(foods[w.to_food.id], w.portion.grams, profile)
    if result.plan is not None:
        for item in result.plan.items:
            _check(foods[item.food_id], item.portion.grams, profile)
    codes = {a.code for a in result.advice}
    assert ("sodium_caution" in codes) == bool(profile.conditions & SALTY_CONDITIONS)

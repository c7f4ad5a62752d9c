"""Properties of suggestions over the real catalog, for arbitrary profiles and intakes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutrition.person.gaps import gaps
from nutrition.person.profile import ALLERGENS, Profile, diet_excluded_animal
from nutrition.person.targets import targets_for
from nutrition.recommend.plan import plan
from nutrition.recommend.score import rank


@pytest.fixture(scope="module")
def catalog(shipped_foods, shipped_matrix):
    return {f.id: f for f in shipped_foods}, shipped_matrix


profiles = st.builds(
    Profile,
    age=st.integers(min_value=19, max_value=90),
    sex=st.sampled_from(["female", "male"]),
    diet=st.sampled_from([None, "vegetarian", "vegan", "pescatarian"]),
    allergies=st.frozensets(st.sampled_from(ALLERGENS), max_size=4),
)
fractions = st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.6))
intakes = st.fixed_dictionaries(
    dict.fromkeys(("potassium", "magnesium", "calcium", "sodium", "thiamin"), fractions)
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _gaps(profile, fractions_of_target):
    targets = targets_for(profile=profile)
    average = {
        k: (None if f is None else f * targets[k].amount) for k, f in fractions_of_target.items()
    }
    return gaps(average=average, targets=targets), average, targets


@SETTINGS
@given(profile=profiles, intake=intakes)
def test_suggestions_never_break_an_allergy_or_diet(catalog, profile, intake):
    foods, matrix = catalog
    found, _, _ = _gaps(profile, intake)
    forbidden = diet_excluded_animal(diet=profile.diet) if profile.diet else frozenset()
    for s in rank(matrix=matrix, gaps=found, profile=profile, limit=10):
        food = foods[s.food_id]
        assert not (food.allergens & profile.allergies), (s.description, food.allergens)
        assert not (food.animal & forbidden), (s.description, food.animal)


@SETTINGS
@given(profile=profiles, intake=intakes)
def test_adding_a_suggested_portion_never_widens_a_gap(catalog, profile, intake):
    _, matrix = catalog
    before, average, targets = _gaps(profile, intake)
    by_nutrient = {g.nutrient: g for g in before}
    for s in rank(matrix=matrix, gaps=before, profile=profile, limit=10):
        after_avg = {
            k: (None if v is None else v + (s.adds.get(k) or 0.0)) for k, v in average.items()
        }
        after = {g.nutrient: g for g in gaps(average=after_avg, targets=targets)}
        for key, gap in by_nutrient.items():
            assert after[key].remaining <= gap.remaining + 1e-9, (s.description, key)
        if by_nutrient["sodium"].status != "above" and average["sodium"] is not None:
            assert after["sodium"].status != "above", s.description


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile=profiles)
def test_plan_respects_allergies_and_diet(catalog, profile):
    foods, matrix = catalog
    found, _, _ = _gaps(
        profile, dict.fromkeys(("potassium", "magnesium", "calcium", "sodium", "thiamin"), 0.5)
    )
    forbidden = diet_excluded_animal(diet=profile.diet) if profile.diet else frozenset()
    result = plan(matrix=matrix, gaps=found, profile=profile, max_kcal=None)
    assert len(result.items) <= 5 or sum(i.servings for i in result.items) <= 5
    for item in result.items:
        food = foods[item.food_id]
        assert not (food.allergens & profile.allergies)
        assert not (food.animal & forbidden)

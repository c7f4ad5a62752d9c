"""The safety rules: derived from the profile alone, applied to every food and portion."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from nutrition.food.matrix import FoodMatrix
from nutrition.person.gaps import Gap, gaps
from nutrition.person.profile import Profile
from nutrition.recommend.safety import (
    LOW_SODIUM_MG,
    POTASSIUM_RESTRICTED_MAX_MG,
    SODIUM_HIGH_MG,
    LogQuality,
    allowed,
    rules_for,
    violations,
)
from tests.nutrition.food.test_matrix import make_food, make_profile, sample_foods
from tests.nutrition.person.test_gaps import make_targets

FULL_LOG = LogQuality(days_logged=7, energy_kcal=2000.0)


def _gaps(**average: float) -> list[Gap]:
    values = {"potassium": 2600.0, "magnesium": 320.0, "calcium": 1000.0, "sodium": 1800.0}
    values["thiamin"] = 1.1
    values.update(average)
    return gaps(average=values, targets=make_targets())


def _gone(profile: Profile) -> set[str]:
    matrix = FoodMatrix.build(foods=sample_foods())
    mask = allowed(matrix=matrix, rules=rules_for(profile=profile, gaps=_gaps()))
    return {matrix.ids[i] for i in np.flatnonzero(~mask)}


@pytest.mark.parametrize(
    ("profile", "gone"),
    [
        (make_profile(allergies=frozenset({"milk"})), {"sr28:01117"}),
        (make_profile(allergies=frozenset({"fish", "milk"})), {"sr28:01117", "sr28:15076"}),
        (make_profile(diet="vegan"), {"sr28:01117", "sr28:15076"}),
        (make_profile(diet="vegetarian"), {"sr28:15076"}),
        (make_profile(diet="pescatarian"), set()),
        (make_profile(dislikes=("banana",)), {"sr28:09040"}),  # "Bananas" is bananas
        (make_profile(dislikes=("bananas bread",)), set()),  # a phrase, in order
        (make_profile(dislikes=("BANANAS",)), {"sr28:09040"}),
        (make_profile(dislikes=("sr28:12014",)), {"sr28:12014"}),
        (make_profile(dislikes=("squash seed",)), {"sr28:12014"}),
        (make_profile(dislikes=("seed squash",)), set()),
    ],
)
def test_allergies_diet_and_dislikes(profile: Profile, gone: set[str]) -> None:
    assert _gone(profile) == gone


def salty_foods() -> list:  # type: ignore[type-arg]
    return [
        *sample_foods(),
        make_food(code="90001", description="Fish, dried, salted", sodium=6000, grams=33.0),
        make_food(code="90002", description="Soup, mildly salted", sodium=200, grams=100.0),
        make_food(code="90003", description="Garlic, raw", group_code="1100", grams=136.0),
        make_food(code="90004", description="Mystery roots", sodium=None),
    ]


def _offered(profile: Profile, found: list[Gap], log: LogQuality = FULL_LOG) -> set[str]:
    matrix = FoodMatrix.build(foods=salty_foods())
    mask = allowed(matrix=matrix, rules=rules_for(profile=profile, gaps=found, log=log))
    return {matrix.ids[i] for i in np.flatnonzero(mask)}


def test_no_portion_over_the_fda_high_sodium_mark_for_anyone() -> None:
    offered = _offered(make_profile(), _gaps(sodium=400))
    assert "sr28:90001" not in offered  # 1,980 mg in its portion
    assert "sr28:90002" in offered  # 200 mg: fine for someone without a salt rule


def test_salt_sensitive_conditions_get_low_sodium_portions_only() -> None:
    for condition in ("hypertension", "heart_failure", "chronic_kidney_disease", "liver_disease"):
        profile = make_profile(conditions=frozenset({condition}))
        rules = rules_for(profile=profile, gaps=_gaps(sodium=400), log=FULL_LOG)
        assert rules.salt_restricted
        assert rules.sodium_cap_mg == LOW_SODIUM_MG
        assert not rules.raise_sodium
        assert "sr28:90002" not in _offered(profile, _gaps(sodium=400))


def test_unknown_sodium_and_condiments_are_never_offered() -> None:
    offered = _offered(make_profile(), _gaps())
    assert "sr28:90004" not in offered
    assert "sr28:90003" not in offered


def test_sodium_is_raised_only_when_known_low_from_a_complete_log() -> None:
    profile = make_profile()
    assert rules_for(profile=profile, gaps=_gaps(sodium=400), log=FULL_LOG).raise_sodium
    one_snack = LogQuality(days_logged=1, energy_kcal=300.0)
    assert not rules_for(profile=profile, gaps=_gaps(sodium=400), log=one_snack).raise_sodium
    assert not rules_for(profile=profile, gaps=_gaps(sodium=1400), log=FULL_LOG).raise_sodium
    diuretic = make_profile(medications=frozenset({"thiazide_diuretic"}))
    rules = rules_for(profile=diuretic, gaps=_gaps(sodium=400), log=FULL_LOG)
    assert not rules.raise_sodium
    assert rules.sodium_cap_mg == SODIUM_HIGH_MG


def test_above_the_cdrr_means_low_sodium_and_headroom_caps_a_portion() -> None:
    assert rules_for(profile=make_profile(), gaps=_gaps(sodium=2500)).sodium_cap_mg == 140.0
    assert rules_for(profile=make_profile(), gaps=_gaps(sodium=2200)).sodium_cap_mg == 100.0


@pytest.mark.parametrize(
    "profile",
    [
        make_profile(conditions=frozenset({"chronic_kidney_disease"})),
        make_profile(medications=frozenset({"ace_inhibitor"})),
        make_profile(medications=frozenset({"arb"})),
        make_profile(medications=frozenset({"potassium_sparing_diuretic"})),
    ],
)
def test_potassium_restriction_comes_from_the_profile(profile: Profile) -> None:
    rules = rules_for(profile=profile, gaps=_gaps())
    assert rules.potassium_restricted
    matrix = FoodMatrix.build(foods=salty_foods())
    mask = allowed(matrix=matrix, rules=rules)
    potassium = matrix.column("potassium")
    assert np.all(potassium[mask] <= POTASSIUM_RESTRICTED_MAX_MG)


def test_violations_name_each_broken_rule() -> None:
    rules = rules_for(
        profile=make_profile(allergies=frozenset({"fish"}), conditions=frozenset({"hypertension"})),
        gaps=_gaps(),
    )
    fish = make_food(
        code="90001",
        description="Fish, dried, salted",
        group_code="1500",
        allergens=frozenset({"fish"}),
    )
    found = violations(food=fish, amounts={"sodium": 1980.0, "potassium": 100.0}, rules=rules)
    assert any("fish" in v for v in found)
    assert any("sodium" in v for v in found)
    anyone = rules_for(profile=make_profile(), gaps=[])
    assert violations(food=fish, amounts={"sodium": None}, rules=anyone) == ["sodium unknown"]
    garlic = make_food(code="90003", description="Garlic, raw")
    assert violations(food=garlic, amounts={"sodium": 1.0}, rules=anyone)


def test_a_partly_known_sodium_or_potassium_cannot_be_checked() -> None:
    """A recipe whose ingredients report sodium for only part of its weight: a lower bound."""
    soup = dataclasses.replace(
        make_food(code="90004", description="Soup, homemade"),
        coverage={"sodium": 0.6, "potassium": 0.9},
    )
    anyone = rules_for(profile=make_profile(), gaps=[])
    found = violations(food=soup, amounts={"sodium": 20.0, "potassium": 50.0}, rules=anyone)
    assert found == ["sodium known for only part of the food"]
    kidney = make_profile(conditions=frozenset({"chronic_kidney_disease"}))
    restricted = rules_for(profile=kidney, gaps=[])
    whole = dataclasses.replace(soup, coverage={"potassium": 0.9})
    found = violations(food=whole, amounts={"sodium": 20.0, "potassium": 50.0}, rules=restricted)
    assert found == ["potassium unknown or over the restricted limit"]

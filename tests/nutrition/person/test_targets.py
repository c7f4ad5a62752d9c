"""Tests for nutrition.person.targets: the DRI table, life stages and profile validation."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.errors import InvalidProfile
from nutrition.nutrients import BY_KEY, CRAMP_NUTRIENTS
from nutrition.person.profile import Profile
from nutrition.person.targets import (
    AGE_BANDS,
    DRI_SOURCES,
    DRI_TABLE,
    SUPPLEMENT_UL,
    TARGET_NUTRIENTS,
    DriRow,
    Target,
    life_stage,
    magnesium_supplement_ul,
    targets_for,
)

OLDEST = 100
GROUP_AGES = {
    "children": range(1, 9),
    "males": range(9, OLDEST + 1),
    "females": range(9, OLDEST + 1),
    "pregnancy": range(14, 51),
    "lactation": range(14, 51),
}


def make_profile(
    *, age: int = 35, sex: str = "female", pregnant: bool = False, lactating: bool = False
) -> Profile:
    return Profile(age=age, sex=sex, pregnant=pregnant, lactating=lactating)  # type: ignore[arg-type]


def profiles_for_group(*, group: str, age: int) -> list[Profile]:
    """Every profile that the table should read from ``group`` at ``age``."""
    if group == "children":
        return [make_profile(age=age, sex="female"), make_profile(age=age, sex="male")]
    if group in ("males", "females"):
        return [make_profile(age=age, sex=group.removesuffix("s"))]
    return [make_profile(age=age, pregnant=group == "pregnancy", lactating=group == "lactation")]


def row_id(row: DriRow) -> str:
    top = "up" if row.age_max is None else row.age_max
    return f"{row.nutrient}-{row.group}-{row.age_min}-{top}"


def expected_target(row: DriRow) -> Target:
    return Target(
        nutrient=row.nutrient,
        amount=row.amount,
        unit=BY_KEY[row.nutrient].unit,
        kind=row.kind,
        upper=row.upper,
        upper_kind=row.upper_kind,
        source=row.source,
    )


# --- the table, row by row -------------------------------------------------------------------


@pytest.mark.parametrize("row", DRI_TABLE, ids=row_id)
def test_every_row_is_returned_at_both_ends_of_its_band(row: DriRow) -> None:
    top = OLDEST if row.age_max is None else row.age_max
    for age in (row.age_min, top):
        for profile in profiles_for_group(group=row.group, age=age):
            assert targets_for(profile=profile)[row.nutrient] == expected_target(row)


@pytest.mark.parametrize("row", DRI_TABLE, ids=row_id)
def test_every_row_is_well_formed(row: DriRow) -> None:
    assert row.nutrient in TARGET_NUTRIENTS
    assert row.source == DRI_SOURCES[row.nutrient]
    assert BY_KEY[row.nutrient].unit == "mg"
    assert row.amount > 0
    assert (row.upper is None) == (row.upper_kind is None)
    if row.upper is not None:
        assert row.upper > row.amount
    assert row.age_max is None or row.age_max >= row.age_min


@pytest.mark.parametrize("group", sorted(GROUP_AGES))
def test_each_group_age_and_nutrient_has_exactly_one_row(group: str) -> None:
    for age in GROUP_AGES[group]:
        for nutrient in TARGET_NUTRIENTS:
            matches = [
                r
                for r in DRI_TABLE
                if r.nutrient == nutrient and r.group == group and r.covers(age)
            ]
            assert len(matches) == 1, (group, age, nutrient, matches)


def test_table_groups_are_only_the_known_ones() -> None:
    assert {r.group for r in DRI_TABLE} == set(GROUP_AGES)


def test_target_nutrients_are_the_cramp_nutrients_in_order() -> None:
    assert TARGET_NUTRIENTS == CRAMP_NUTRIENTS
    assert tuple(DRI_SOURCES) == TARGET_NUTRIENTS


# --- coverage over a lifetime ----------------------------------------------------------------


@pytest.mark.parametrize("sex", ["female", "male"])
def test_every_age_from_1_to_100_yields_all_five_nutrients(sex: str) -> None:
    for age in range(1, OLDEST + 1):
        targets = targets_for(profile=make_profile(age=age, sex=sex))
        assert list(targets) == list(TARGET_NUTRIENTS)
        assert all(t.nutrient == key for key, t in targets.items())


@pytest.mark.parametrize(
    ("age", "sex", "nutrient", "amount"),
    [
        (35, "male", "potassium", 3400.0),
        (35, "female", "potassium", 2600.0),
        (16, "male", "magnesium", 410.0),
        (16, "female", "magnesium", 360.0),
        (25, "male", "magnesium", 400.0),
        (25, "female", "magnesium", 310.0),
        (60, "male", "calcium", 1000.0),
        (60, "female", "calcium", 1200.0),
        (75, "male", "calcium", 1200.0),
        (16, "female", "thiamin", 1.0),
        (40, "female", "thiamin", 1.1),
        (40, "male", "thiamin", 1.2),
        (10, "female", "sodium", 1200.0),
    ],
)
def test_spot_values_match_the_published_dri(age: int, sex: str, nutrient: str, amount: float):
    # A second transcription of the values that differ by sex or age, to catch table typos.
    assert targets_for(profile=make_profile(age=age, sex=sex))[nutrient].amount == amount


# --- pregnancy and lactation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "state", "potassium", "magnesium", "calcium", "label"),
    [
        (14, "pregnant", 2600.0, 400.0, 1300.0, "pregnancy 14-18"),
        (18, "pregnant", 2600.0, 400.0, 1300.0, "pregnancy 14-18"),
        (19, "pregnant", 2900.0, 350.0, 1000.0, "pregnancy 19-30"),
        (31, "pregnant", 2900.0, 360.0, 1000.0, "pregnancy 31-50"),
        (50, "pregnant", 2900.0, 360.0, 1000.0, "pregnancy 31-50"),
        (16, "lactating", 2500.0, 360.0, 1300.0, "lactation 14-18"),
        (25, "lactating", 2800.0, 310.0, 1000.0, "lactation 19-30"),
        (40, "lactating", 2800.0, 320.0, 1000.0, "lactation 31-50"),
    ],
)
def test_pregnancy_and_lactation_bands_match_the_published_dri(
    age: int, state: str, potassium: float, magnesium: float, calcium: float, label: str
) -> None:
    profile = make_profile(age=age, pregnant=state == "pregnant", lactating=state == "lactating")
    targets = targets_for(profile=profile)
    assert targets["potassium"].amount == potassium
    assert targets["magnesium"].amount == magnesium
    assert targets["calcium"].amount == calcium
    assert targets["thiamin"].amount == 1.4
    assert life_stage(profile=profile) == label


@pytest.mark.parametrize("state", ["pregnant", "lactating"])
@pytest.mark.parametrize("age", [51, 55, 70])
def test_pregnancy_or_lactation_over_50_uses_the_31_to_50_band(state: str, age: int) -> None:
    pregnant, lactating = state == "pregnant", state == "lactating"
    older = make_profile(age=age, pregnant=pregnant, lactating=lactating)
    at_fifty = make_profile(age=50, pregnant=pregnant, lactating=lactating)
    assert targets_for(profile=older) == targets_for(profile=at_fifty)
    assert life_stage(profile=older) == life_stage(profile=at_fifty)
    # Clamped, so not the non-pregnant 51-70 values.
    assert targets_for(profile=older) != targets_for(profile=make_profile(age=age))


@pytest.mark.parametrize("age", [14, 18, 19, 30, 31, 50, 60])
def test_pregnant_and_lactating_together_uses_pregnancy_values(age: int) -> None:
    both = make_profile(age=age, pregnant=True, lactating=True)
    pregnant = make_profile(age=age, pregnant=True)
    assert targets_for(profile=both) == targets_for(profile=pregnant)
    assert life_stage(profile=both).startswith("pregnancy ")


def test_pregnancy_differs_from_lactation_where_the_dri_does() -> None:
    pregnant = targets_for(profile=make_profile(age=25, pregnant=True))
    lactating = targets_for(profile=make_profile(age=25, lactating=True))
    assert pregnant["potassium"].amount > lactating["potassium"].amount
    assert pregnant["magnesium"].amount > lactating["magnesium"].amount


# --- invalid profiles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "sex", "pregnant", "lactating", "field"),
    [
        pytest.param(0, "female", False, False, "age", id="age-0"),
        pytest.param(-3, "male", False, False, "age", id="negative-age"),
        pytest.param(0, "female", True, False, "age", id="pregnant-infant"),
        pytest.param(30, "male", True, False, "pregnant", id="pregnant-male"),
        pytest.param(30, "male", False, True, "lactating", id="lactating-male"),
        pytest.param(13, "female", True, False, "pregnant", id="pregnant-13"),
        pytest.param(9, "female", False, True, "lactating", id="lactating-9"),
        pytest.param(30, "other", False, False, "sex", id="unknown-sex"),
    ],
)
def test_invalid_profiles_raise_with_the_offending_field(
    age: int, sex: str, pregnant: bool, lactating: bool, field: str
) -> None:
    profile = make_profile(age=age, sex=sex, pregnant=pregnant, lactating=lactating)
    for call in (targets_for, life_stage, magnesium_supplement_ul):
        with pytest.raises(InvalidProfile) as info:
            call(profile=profile)
        assert info.value.field == field


# --- upper limits ----------------------------------------------------------------------------


@pytest.mark.parametrize("age", [1, 3, 4, 8, 9, 13, 14, 30, 31, 70, 71, OLDEST])
@pytest.mark.parametrize("sex", ["female", "male"])
def test_magnesium_has_no_food_upper_but_a_supplement_ul(age: int, sex: str) -> None:
    profile = make_profile(age=age, sex=sex)
    magnesium = targets_for(profile=profile)["magnesium"]
    assert magnesium.upper is None
    assert magnesium.upper_kind is None
    rows = [r for r in SUPPLEMENT_UL if r.nutrient == "magnesium" and r.covers(age)]
    assert len(rows) == 1
    assert magnesium_supplement_ul(profile=profile) == rows[0].amount > 0


@pytest.mark.parametrize(("age", "expected"), [(1, 65.0), (3, 65.0), (8, 110.0), (9, 350.0)])
def test_magnesium_supplement_ul_matches_the_published_values(age: int, expected: float) -> None:
    assert magnesium_supplement_ul(profile=make_profile(age=age)) == expected


def test_magnesium_supplement_ul_applies_in_pregnancy_and_lactation() -> None:
    for pregnant in (True, False):
        profile = make_profile(age=25, pregnant=pregnant, lactating=not pregnant)
        assert magnesium_supplement_ul(profile=profile) == 350.0


@pytest.mark.parametrize("age", [1, 4, 9, 14, 19, 51, 71])
@pytest.mark.parametrize("sex", ["female", "male"])
def test_sodium_upper_is_the_cdrr_and_calcium_upper_is_the_ul(age: int, sex: str) -> None:
    targets = targets_for(profile=make_profile(age=age, sex=sex))
    assert targets["sodium"].upper_kind == "CDRR"
    assert targets["sodium"].upper is not None
    assert targets["calcium"].upper_kind == "UL"
    assert targets["potassium"].upper is None
    assert targets["thiamin"].upper is None


# --- life-stage labels -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "sex", "label"),
    [
        (1, "male", "children 1-3"),
        (3, "female", "children 1-3"),
        (4, "female", "children 4-8"),
        (8, "male", "children 4-8"),
        (9, "male", "males 9-13"),
        (13, "female", "females 9-13"),
        (14, "male", "males 14-18"),
        (18, "female", "females 14-18"),
        (19, "female", "females 19-30"),
        (30, "male", "males 19-30"),
        (31, "male", "males 31-50"),
        (50, "female", "females 31-50"),
        (51, "female", "females 51-70"),
        (70, "male", "males 51-70"),
        (71, "male", "males 71+"),
        (104, "female", "females 71+"),
    ],
)
def test_life_stage_labels(age: int, sex: str, label: str) -> None:
    assert life_stage(profile=make_profile(age=age, sex=sex)) == label


def test_children_are_not_split_by_sex() -> None:
    for age in range(1, 9):
        female = make_profile(age=age, sex="female")
        male = make_profile(age=age, sex="male")
        assert targets_for(profile=female) == targets_for(profile=male)
        assert life_stage(profile=female) == life_stage(profile=male)


def test_age_bands_are_contiguous_from_1() -> None:
    assert AGE_BANDS[0][0] == 1
    for (_, high), (next_low, _) in pairwise(AGE_BANDS):
        assert high is not None
        assert next_low == high + 1
    assert AGE_BANDS[-1][1] is None


# --- invariants ------------------------------------------------------------------------------


@st.composite
def valid_profiles(draw: st.DrawFn) -> Profile:
    sex = draw(st.sampled_from(["female", "male"]))
    age = draw(st.integers(min_value=1, max_value=120))
    may_reproduce = sex == "female" and age >= 14
    pregnant = may_reproduce and draw(st.booleans())
    lactating = may_reproduce and draw(st.booleans())
    return make_profile(age=age, sex=sex, pregnant=pregnant, lactating=lactating)


@given(profile=valid_profiles())
def test_amounts_are_positive_and_uppers_exceed_them(profile: Profile) -> None:
    targets = targets_for(profile=profile)
    assert tuple(targets) == TARGET_NUTRIENTS
    for target in targets.values():
        assert target.amount > 0
        if target.upper is not None:
            assert target.upper > target.amount
    assert life_stage(profile=profile).split(" ")[0] in GROUP_AGES

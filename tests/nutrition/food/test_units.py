"""Tests for nutrition.food.units: mass, volume and household-portion units resolved to grams.

Portion rows are typed in from USDA files (SR28 WEIGHT.txt, FNDDS 2017-2018 portions.csv),
with SR28 descriptions composed as "<Amount> <Msre_Desc>" the way the importer builds them.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.errors import NutritionError, UnknownUnit
from nutrition.food.foods import Food, Portion
from nutrition.food.units import MASS_UNITS, VOLUME_UNITS, accepted_units, grams_for

# SR28 09040 Bananas, raw.
SR28_BANANA = (
    ("1 cup, mashed", 225.0),
    ("1 cup, sliced", 150.0),
    ('1 extra small (less than 6" long)', 81.0),
    ('1 small (6" to 6-7/8" long)', 101.0),
    ('1 medium (7" to 7-7/8" long)', 118.0),
    ('1 large (8" to 8-7/8" long)', 136.0),
    ('1 extra large (9" or longer)', 152.0),
    ("1 NLEA serving", 126.0),
)
# FNDDS 63107010 Banana, raw.
FNDDS_BANANA = (
    ("1 banana", 126.0),
    ("1 slice", 6.0),
    ("1 cup", 150.0),
    ("1 cup, mashed", 225.0),
    ("1 linear inch", 15.0),
    ("Quantity not specified", 126.0),
)
# SR28 01077 Milk, whole, 3.25% milkfat, with added vitamin D.
SR28_MILK = (("1 cup", 244.0), ("1 fl oz", 30.5), ("1 tbsp", 15.0), ("1 quart", 976.0))
# SR28 09177 Mangosteen, canned, syrup pack.
SR28_MANGOSTEEN = (("1 cup, drained", 196.0), ("1 cup", 216.0))
# SR28 01012 Cheese, cottage, creamed, large or small curd.
SR28_COTTAGE = (
    ("4 oz", 113.0),
    ("1 cup, large curd (not packed)", 210.0),
    ("1 cup, small curd (not packed)", 225.0),
)
# SR28 07020 Corned beef loaf, jellied.
SR28_CORNED_BEEF_LOAF = (('1 slice (1 oz) (4" x 4" x 3/32" thick)', 28.0), ("2 slices", 57.0))
# SR28 07058 Pickle and pimiento loaf, pork: one slice and two slices weighed differently.
SR28_PICKLE_LOAF = (("1 slice", 38.0), ("2 slices", 57.0))
# SR28 01067 Cream substitute, liquid: the half-cup row (Amount .5).
HALF_CUP_GRAMS = 120.0
# FNDDS 11100000 Milk, NFS: a zero-weight row as FNDDS writes "Quantity not specified".
ZERO_ROW = ("Quantity not specified", 0.0)


def make_food(*, portions: tuple[tuple[str, float], ...], food_id: str = "test:1") -> Food:
    source, _, code = food_id.partition(":")
    return Food(
        id=food_id,
        source=source,
        code=code,
        description="test food",
        group="",
        group_code="",
        nutrients={},
        portions=tuple(
            Portion(id=f"{food_id}/{i}", description=d, grams=g)
            for i, (d, g) in enumerate(portions, start=1)
        ),
    )


def weight_of(rows: tuple[tuple[str, float], ...], description: str) -> float:
    return dict(rows)[description]


def grams(rows: tuple[tuple[str, float], ...], unit: str, quantity: float = 1.0) -> float:
    return grams_for(food=make_food(portions=rows), quantity=quantity, unit=unit)


# --- household portions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        '1 medium (7" to 7-7/8" long)',
        'medium (7" to 7-7/8" long)',
        "1 medium",
        "medium",
        "Medium",
        "  MEDIUM  ",
    ],
)
def test_banana_medium_resolves_to_the_medium_portion(unit):
    assert grams(SR28_BANANA, unit) == weight_of(SR28_BANANA, '1 medium (7" to 7-7/8" long)')


def test_quantity_multiplies_the_portion_weight():
    medium = weight_of(SR28_BANANA, '1 medium (7" to 7-7/8" long)')
    assert grams(SR28_BANANA, "medium", quantity=2.5) == pytest.approx(2.5 * medium)


@pytest.mark.parametrize(
    ("unit", "description"),
    [
        ("cup, sliced", "1 cup, sliced"),
        ("Cup,  Sliced", "1 cup, sliced"),
        ("cups sliced", "1 cup, sliced"),
        ("extra large", '1 extra large (9" or longer)'),
        ("small", '1 small (6" to 6-7/8" long)'),
        ("NLEA serving", "1 NLEA serving"),
    ],
)
def test_portion_names_match_ignoring_case_punctuation_and_plurals(unit, description):
    assert grams(SR28_BANANA, unit) == weight_of(SR28_BANANA, description)


def test_cup_is_ambiguous_for_sr28_banana():
    with pytest.raises(UnknownUnit) as caught:
        grams(SR28_BANANA, "cup")
    assert "is ambiguous" in caught.value.message
    assert caught.value.field == "unit"
    assert set(caught.value.accepted) == {"cup, mashed", "cup, sliced"}


def test_a_shared_leading_word_with_different_weights_is_ambiguous():
    with pytest.raises(UnknownUnit, match="is ambiguous") as caught:
        grams(SR28_BANANA, "extra")
    assert len(caught.value.accepted) == 2


def test_a_count_other_than_one_is_divided_out():
    # "2 slices" = 57 g and "1 slice (1 oz)" = 28 g agree on a slice within rounding.
    per_slice = grams(SR28_CORNED_BEEF_LOAF, "slice")
    assert per_slice == pytest.approx(weight_of(SR28_CORNED_BEEF_LOAF, "2 slices") / 2)
    assert grams(SR28_CORNED_BEEF_LOAF, "2 slices") == weight_of(SR28_CORNED_BEEF_LOAF, "2 slices")


def test_whole_description_separates_portions_that_share_a_name():
    assert grams(SR28_PICKLE_LOAF, "1 slice") == weight_of(SR28_PICKLE_LOAF, "1 slice")
    assert grams(SR28_PICKLE_LOAF, "2 slices") == weight_of(SR28_PICKLE_LOAF, "2 slices")
    with pytest.raises(UnknownUnit, match="is ambiguous"):
        grams(SR28_PICKLE_LOAF, "slice")
    accepted = accepted_units(food=make_food(portions=SR28_PICKLE_LOAF))
    assert {"1 slice", "2 slices"} <= set(accepted)


def test_fndds_count_nouns_resolve():
    assert grams(FNDDS_BANANA, "banana", quantity=2) == 2 * weight_of(FNDDS_BANANA, "1 banana")
    assert grams(FNDDS_BANANA, "slices", quantity=3) == 3 * weight_of(FNDDS_BANANA, "1 slice")


@pytest.mark.parametrize("description", ["0.5 cup", ".5 cup", "1/2 cup"])
def test_fractional_portion_amounts_are_normalised_to_one(description):
    rows = ((description, HALF_CUP_GRAMS),)
    assert grams(rows, "cup") == pytest.approx(2 * HALF_CUP_GRAMS)


@pytest.mark.parametrize(("unit", "factor"), [("1/2 cup", 0.5), ("1 1/2 cups", 1.5), ("2 cup", 2)])
def test_amount_in_the_unit_multiplies(unit, factor):
    cup = grams(SR28_MILK, "cup")
    assert grams(SR28_MILK, unit, quantity=3) == pytest.approx(3 * factor * cup)


# --- mass ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "canonical"),
    [
        ("g", "g"),
        ("gram", "g"),
        ("Grams", "g"),
        ("kg", "kg"),
        ("kilograms", "kg"),
        ("oz", "oz"),
        ("ounce", "oz"),
        ("OUNCES", "oz"),
        ("lb", "lb"),
        ("lbs", "lb"),
        ("pounds", "lb"),
    ],
)
def test_mass_spellings(unit, canonical):
    assert grams(SR28_BANANA, unit, quantity=2) == pytest.approx(2 * MASS_UNITS[canonical])


def test_mass_units_relate_by_definition():
    # 1 lb = 16 oz = 453.59237 g (international avoirdupois pound, exact).
    assert grams(SR28_BANANA, "oz", quantity=16) == pytest.approx(grams(SR28_BANANA, "lb"))
    assert grams(SR28_BANANA, "lb") == pytest.approx(453.59237)
    assert grams(SR28_BANANA, "kg") == pytest.approx(1000 * grams(SR28_BANANA, "g"))


def test_oz_means_mass_even_when_the_food_lists_an_oz_portion():
    assert grams(SR28_COTTAGE, "oz", quantity=4) == pytest.approx(4 * MASS_UNITS["oz"])


# --- volume ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("unit", "per_cup"), [("ml", 236.588), ("fl oz", 8), ("tbsp", 16)])
def test_volume_converts_through_the_food_cup(unit, per_cup):
    # One US cup = 236.588 ml = 8 fl oz = 16 tbsp.
    assert grams(FNDDS_BANANA, unit, quantity=per_cup) == pytest.approx(
        weight_of(FNDDS_BANANA, "1 cup"), rel=1e-5
    )


def test_litre_is_a_thousand_millilitres():
    assert grams(SR28_MILK, "l") == pytest.approx(1000 * grams(SR28_MILK, "ml"))


def test_plain_cup_is_preferred_over_a_qualified_one():
    plain = weight_of(SR28_MANGOSTEEN, "1 cup")
    assert grams(SR28_MANGOSTEEN, "cup") == plain
    assert grams(SR28_MANGOSTEEN, "ml", quantity=VOLUME_UNITS["cup"]) == pytest.approx(plain)


def test_agreeing_qualified_measures_give_a_density():
    large = weight_of(SR28_COTTAGE, "1 cup, large curd (not packed)")
    small = weight_of(SR28_COTTAGE, "1 cup, small curd (not packed)")
    cup = grams(SR28_COTTAGE, "ml", quantity=VOLUME_UNITS["cup"])
    assert min(large, small) <= cup <= max(large, small)


def test_disagreeing_qualified_measures_make_volume_ambiguous():
    with pytest.raises(UnknownUnit, match="is ambiguous") as caught:
        grams(SR28_BANANA, "ml", quantity=100)
    assert set(caught.value.accepted) == {"cup, mashed", "cup, sliced"}
    assert "ml" not in accepted_units(food=make_food(portions=SR28_BANANA))


def test_volume_without_a_volume_portion_is_unknown():
    rows = (('1 medium (7" to 7-7/8" long)', 118.0),)
    with pytest.raises(UnknownUnit, match="is not a unit this food accepts") as caught:
        grams(rows, "ml")
    assert caught.value.accepted == (*MASS_UNITS, 'medium (7" to 7-7/8" long)')


def test_accepted_units_list_mass_volume_and_portions():
    accepted = accepted_units(food=make_food(portions=FNDDS_BANANA))
    assert accepted[: len(MASS_UNITS)] == tuple(MASS_UNITS)
    assert set(VOLUME_UNITS) <= set(accepted)
    assert {"banana", "slice", "cup, mashed", "linear inch"} <= set(accepted)
    assert len(accepted) == len(set(accepted))


# --- errors ----------------------------------------------------------------------------------


def test_unknown_unit_lists_accepted_units():
    food = make_food(portions=SR28_BANANA)
    with pytest.raises(UnknownUnit, match="is not a unit this food accepts") as caught:
        grams_for(food=food, quantity=1, unit="bunch")
    assert caught.value.accepted == accepted_units(food=food)
    assert 'medium (7" to 7-7/8" long)' in caught.value.accepted
    assert "g" in caught.value.accepted


def test_zero_weight_portions_are_never_used():
    rows = (*FNDDS_BANANA[:-1], ZERO_ROW)
    food = make_food(portions=rows)
    with pytest.raises(UnknownUnit):
        grams_for(food=food, quantity=1, unit="quantity not specified")
    assert "Quantity not specified" not in accepted_units(food=food)


@pytest.mark.parametrize("quantity", [0.0, -1.0, math.nan, math.inf])
def test_quantity_must_be_positive(quantity):
    with pytest.raises(NutritionError) as caught:
        grams(SR28_BANANA, "g", quantity=quantity)
    assert caught.value.field == "quantity"


@pytest.mark.parametrize("unit", ["", "  ", "2", "0 cup"])
def test_empty_or_count_only_units_are_unknown(unit):
    with pytest.raises(UnknownUnit):
        grams(FNDDS_BANANA, unit)


# --- invariants ------------------------------------------------------------------------------

DATA_FOODS = [
    make_food(portions=rows)
    for rows in (
        SR28_BANANA,
        FNDDS_BANANA,
        SR28_MILK,
        SR28_MANGOSTEEN,
        SR28_COTTAGE,
        SR28_CORNED_BEEF_LOAF,
        SR28_PICKLE_LOAF,
    )
]


@st.composite
def food_and_unit(draw: st.DrawFn) -> tuple[Food, str]:
    food = draw(st.sampled_from(DATA_FOODS))
    return food, draw(st.sampled_from(accepted_units(food=food)))


positive = st.floats(min_value=1e-3, max_value=1e4, allow_nan=False, allow_infinity=False)


@given(pair=food_and_unit(), quantity=positive, k=positive)
def test_grams_scale_linearly_with_quantity(pair, quantity, k):
    food, unit = pair
    once = grams_for(food=food, quantity=quantity, unit=unit)
    assert grams_for(food=food, quantity=k * quantity, unit=unit) == pytest.approx(k * once)


@given(pair=food_and_unit())
def test_every_accepted_unit_resolves_to_positive_grams(pair):
    food, unit = pair
    assert grams_for(food=food, quantity=1, unit=unit) > 0

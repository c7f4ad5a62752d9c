"""Default portion rule: what one person eats at once, from USDA's own household measures.

Measure lists below are typed from SR28 WEIGHT.txt and FNDDS portion rows to look real.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.food.foods import Food
from nutrition.food.portions import HUNDRED_GRAMS, MAX_GRAMS, MIN_GRAMS, ONE_OUNCE, default_portion
from tests.nutrition.builders import make_food


def food_with(
    *,
    portions: tuple[tuple[str, float], ...],
    group_code: str = "1100",
    description: str = "Test food, raw",
    source: str = "sr28",
) -> Food:
    return make_food(
        id=f"{source}:12345",
        description=description,
        group_code=group_code,
        portions=portions,
    )


BANANA = (
    ("1 cup, mashed", 225),
    ("1 cup, sliced", 150),
    ('1 extra small (less than 6" long)', 81),
    ('1 medium (7" to 7-7/8" long)', 118),
    ("1 NLEA serving", 126),
)


@pytest.mark.parametrize(
    ("description", "group_code", "portions", "expected"),
    [
        ("Bananas, raw", "0900", BANANA, '1 medium (7" to 7-7/8" long)'),
        (
            "Spinach, raw",
            "1100",
            (("1 cup", 30), ("1 bunch", 340), ("1 leaf", 10), ("1 package (10 oz)", 284)),
            "1 cup",
        ),
        ("Purslane, cooked", "1100", (("1 squash", 431), ("1 cup", 115)), "1 cup"),
        (
            "Potatoes, baked, flesh and skin, without salt",
            "1100",
            (("1 NLEA serving", 148), ("1 potato large", 299), ("1 potato medium", 173)),
            "1 potato medium",
        ),
        (
            "Nuts, almonds",
            "1200",
            (("1 cup, whole", 143), ("1 oz (23 whole kernels)", 28.35), ("1 almond", 1.2)),
            "1 oz (23 whole kernels)",
        ),
        (
            "Bread, whole-wheat, commercially prepared",
            "1800",
            (("1 oz", 28.35), ("1 slice", 32)),
            "1 slice",
        ),
        (
            "Egg, whole, cooked, hard-boiled",
            "0100",
            (("1 cup, chopped", 136), ("1 large", 50)),
            "1 large",
        ),
        (
            "Yogurt, plain, low fat",
            "0100",
            (("1 container (6 oz)", 170), ("1 cup (8 fl oz)", 245), ("1 oz", 28.35)),
            "1 cup (8 fl oz)",
        ),
        (
            "Cheese, cheddar",
            "0100",
            (("1 cup, diced", 132), ("1 oz", 28.35), ("1 cubic inch", 17)),
            "1 oz",
        ),
        ("Fish, salmon, Atlantic, cooked", "1500", (("0.5 fillet", 178), ("3 oz", 85)), "3 oz"),
        (
            "Lentils, mature seeds, cooked, boiled",
            "1600",
            (("1 lb", 454), ("1 cup", 198)),
            "1 cup",
        ),
        (
            "Broccoli, cooked, boiled, drained",
            "1100",
            (("1 stalk, large", 280), ("1 stalk, medium", 180), ("1 spear", 37)),
            "1 stalk, medium",
        ),
    ],
)
def test_everyday_foods_get_the_measure_a_dietitian_would_use(
    description: str, group_code: str, portions: tuple[tuple[str, float], ...], expected: str
) -> None:
    food = food_with(description=description, group_code=group_code, portions=portions)
    assert default_portion(food).description == expected


def test_fndds_fruit_counts_a_whole_piece_not_a_cube() -> None:
    food = food_with(
        description="Watermelon, raw",
        group_code="6014",
        source="fndds",
        portions=(("1 cube", 15), ("1 ball", 15), ("1 cup", 155), ("1 medium melon", 5200)),
    )
    assert default_portion(food).description == "1 cup"
    banana = food_with(
        description="Banana, raw",
        group_code="6004",
        source="fndds",
        portions=(("1 banana", 126), ("1 slice", 6), ("1 cup", 150)),
    )
    assert default_portion(banana).description == "1 banana"


def test_nuts_measured_only_by_the_cup_are_shown_per_ounce() -> None:
    food = food_with(
        description="Seeds, sesame seeds, whole, dried",
        group_code="1200",
        portions=(("1 cup", 144), ("1 tbsp", 9)),
    )
    assert default_portion(food) == ONE_OUNCE


def test_spoon_only_foods_fall_back_to_100_g() -> None:
    food = food_with(description="Lemon peel, raw", portions=(("1 tbsp", 6), ("1 tsp", 2)))
    assert default_portion(food) == HUNDRED_GRAMS
    assert default_portion(food_with(portions=())) == HUNDRED_GRAMS


UNITS = st.sampled_from(
    ["cup", "medium", "bunch", "package (10 oz)", "head", "lb", "slice", "oz", "fruit", "tbsp"]
)


@given(
    portions=st.lists(
        st.tuples(UNITS, st.floats(min_value=0.5, max_value=2000)), min_size=1, max_size=6
    ),
    group_code=st.sampled_from(["0100", "0900", "1100", "1200", "1500", "1600", "2000"]),
)
def test_default_is_a_listed_measure_of_sensible_weight(
    portions: list[tuple[str, float]], group_code: str
) -> None:
    food = food_with(
        group_code=group_code, portions=tuple((f"1 {unit}", grams) for unit, grams in portions)
    )
    chosen = default_portion(food)
    if chosen in (HUNDRED_GRAMS, ONE_OUNCE):
        return
    assert chosen in food.portions
    assert MIN_GRAMS <= chosen.grams <= MAX_GRAMS
    assert not any(word in chosen.description for word in ("bunch", "package", "head", "lb"))

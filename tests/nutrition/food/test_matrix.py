"""FoodMatrix: arrays, eligibility (allergy, diet, dislikes, energy), family keys.

Nutrient numbers below are typed from USDA SR28 rows (per 100 g) to look real.
"""

from __future__ import annotations

import numpy as np
import pytest

from nutrition.food.foods import Food, Portion
from nutrition.food.matrix import STARCHY_KCAL_PER_100G, FoodMatrix, family_key, head_words
from nutrition.person.profile import Profile


def make_food(
    *,
    code: str,
    description: str,
    group: str = "Vegetables and Vegetable Products",
    group_code: str = "1100",
    source: str = "sr28",
    grams: float = 100.0,
    portion: str = "1 medium",
    allergens: frozenset[str] = frozenset(),
    animal: frozenset[str] = frozenset(),
    commonness: float = 3.0,
    **nutrients: float | None,
) -> Food:
    return Food(
        id=f"{source}:{code}",
        source=source,
        code=code,
        description=description,
        group=group,
        group_code=group_code,
        nutrients=dict(nutrients),
        portions=(Portion(id=f"{source}:{code}:1", description=portion, grams=grams),),
        allergens=allergens,
        animal=animal,
        commonness=commonness,
    )


def make_profile(**kw: object) -> Profile:
    values: dict[str, object] = {"age": 35, "sex": "female"}
    values.update(kw)
    return Profile(**values)  # type: ignore[arg-type]


def sample_foods() -> list[Food]:
    return [
        make_food(
            code="09040",
            description="Bananas, raw",
            group="Fruits and Fruit Juices",
            group_code="0900",
            grams=118,
            energy_kcal=89,
            potassium=358,
            magnesium=27,
            calcium=5,
            sodium=1,
            thiamin=0.031,
        ),
        make_food(
            code="01117",
            description="Yogurt, plain, low fat",
            group="Dairy and Egg Products",
            group_code="0100",
            grams=245,
            portion="1 cup",
            allergens=frozenset({"milk"}),
            animal=frozenset({"dairy"}),
            energy_kcal=63,
            potassium=234,
            magnesium=17,
            calcium=183,
            sodium=70,
            thiamin=0.044,
        ),
        make_food(
            code="15076",
            description="Fish, salmon, Atlantic, farmed, cooked",
            group="Finfish and Shellfish Products",
            group_code="1500",
            grams=154,
            portion="1 fillet",
            allergens=frozenset({"fish"}),
            animal=frozenset({"fish"}),
            energy_kcal=206,
            potassium=384,
            magnesium=30,
            calcium=15,
            sodium=61,
            thiamin=0.34,
        ),
        make_food(
            code="12014",
            description="Seeds, pumpkin and squash seed kernels, dried",
            group="Nut and Seed Products",
            group_code="1200",
            grams=28.35,
            portion="1 oz",
            energy_kcal=559,
            potassium=809,
            magnesium=592,
            calcium=46,
            sodium=7,
            thiamin=0.273,
        ),
    ]


def test_build_arrays_are_read_only_and_nan_for_unknown() -> None:
    foods = [*sample_foods(), make_food(code="1", description="Mystery greens", potassium=None)]
    matrix = FoodMatrix.build(foods=foods)
    assert matrix.per_100g.shape == (5, len(matrix.columns))
    assert np.isnan(matrix.per_100g[4, matrix.columns["potassium"]])
    with pytest.raises(ValueError, match="read-only"):
        matrix.per_portion[0, 0] = 1.0
    banana = matrix.index["sr28:09040"]
    assert matrix.column("potassium")[banana] == pytest.approx(358 * 1.18)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lentils, mature seeds, cooked, boiled, without salt", "Lentils, raw"),
        ("Spinach, raw", "Spinach, cooked, boiled, drained, without salt"),
        ("Bananas, raw", "Banana, raw"),
    ],
)
def test_family_key_groups_preparations(a: str, b: str) -> None:
    assert family_key(a) == family_key(b)


def test_family_key_keeps_varieties_apart() -> None:
    assert family_key("Beans, kidney, mature seeds, cooked") != family_key(
        "Beans, black, mature seeds, cooked"
    )
    assert family_key("Lentils, raw") == "lentil"


@pytest.mark.parametrize(
    ("description", "heads"),
    [
        ("Bananas, raw", ("banana",)),
        ("Fish, tuna, yellowfin, fresh, cooked", ("fish", "tuna")),
        ("Lentils, mature seeds, cooked, boiled", ("lentil",)),
        ("Potatoes, baked, flesh and skin", ("potato",)),
        (", raw", ()),
    ],
)
def test_head_words(description: str, heads: tuple[str, ...]) -> None:
    assert head_words(description) == heads


def test_reported_head_word_lifts_a_used_family_but_not_an_unused_one() -> None:
    reported = [
        make_food(code=f"9{i}", description=f"Okra, style {i}", source="fndds", commonness=0.0)
        for i in range(40)
    ]
    used = make_food(code="1", description="Okra, boiled", commonness=2.0)
    unused = make_food(code="2", description="Okra, pickled, speciality", commonness=0.0)
    alone = FoodMatrix.build(foods=[used, unused])
    lifted = FoodMatrix.build(foods=[used, unused, *reported])
    assert lifted.familiarity[0] > alone.familiarity[0]
    # Reported "Okra, ..." rows do not form the family "okra pickled speciality".
    assert lifted.familiarity[1] == alone.familiarity[1]


def test_starchy_vegetables_get_their_own_diversity_class() -> None:
    dense = STARCHY_KCAL_PER_100G + 30
    foods = [
        make_food(code="1", description="Potatoes, baked", energy_kcal=dense),
        make_food(code="2", description="Spinach, cooked", energy_kcal=23),
        make_food(code="3", description="Kale, cooked", energy_kcal=None),
    ]
    matrix = FoodMatrix.build(foods=foods)
    assert matrix.class_ids[0] == matrix.class_ids[1] == matrix.class_ids[2]
    assert matrix.diversity_ids[0] != matrix.diversity_ids[1]
    # Unknown energy: stays with the broad class.
    assert matrix.diversity_ids[2] == matrix.class_ids[2]

"""Swaps for often-logged foods: same use, similar energy, richer in the gap nutrients."""

from __future__ import annotations

from nutrition.food.matrix import FoodMatrix
from nutrition.recommend.swaps import swaps
from tests.nutrition.food.test_matrix import make_food, make_profile
from tests.nutrition.recommend.test_score import short_of


def bakery_and_grains() -> FoodMatrix:
    # Per 100 g values typed from SR28 rows 18069, 18075, 20045, 20037, 20137.
    def bread(code: str, desc: str, **n: float):  # type: ignore[no-untyped-def]
        return make_food(
            code=code,
            description=desc,
            group="Baked Products",
            group_code="1800",
            grams=25 if "white" in desc else 28,
            portion="1 slice",
            **n,
        )

    def grain(code: str, desc: str, **n: float):  # type: ignore[no-untyped-def]
        return make_food(
            code=code,
            description=desc,
            group="Cereal Grains and Pasta",
            group_code="2000",
            portion="1 cup",
            grams=185 if "quinoa" in desc.lower() else 158,
            **n,
        )

    return FoodMatrix.build(
        foods=[
            bread(
                "18069",
                "Bread, white, commercially prepared",
                energy_kcal=266,
                potassium=117,
                magnesium=25,
                calcium=151,
                sodium=490,
                thiamin=0.52,
            ),
            bread(
                "18075",
                "Bread, whole-wheat, commercially prepared",
                energy_kcal=252,
                potassium=254,
                magnesium=82,
                calcium=161,
                sodium=450,
                thiamin=0.39,
            ),
            make_food(
                code="19",
                description="Cake, chocolate, commercially prepared",
                group="Baked Products",
                group_code="1800",
                grams=30,
                energy_kcal=389,
                potassium=300,
                magnesium=60,
                calcium=50,
                sodium=300,
                thiamin=0.1,
            ),
            grain(
                "20045",
                "Rice, white, long-grain, regular, cooked",
                energy_kcal=130,
                potassium=35,
                magnesium=12,
                calcium=10,
                sodium=1,
                thiamin=0.16,
            ),
            grain(
                "20037",
                "Rice, brown, long-grain, cooked",
                energy_kcal=123,
                potassium=86,
                magnesium=39,
                calcium=3,
                sodium=4,
                thiamin=0.18,
            ),
            grain(
                "20137",
                "Quinoa, cooked",
                energy_kcal=120,
                potassium=172,
                magnesium=64,
                calcium=17,
                sodium=7,
                thiamin=0.11,
            ),
        ]
    )


def test_white_bread_to_whole_wheat_and_rice_to_richer_grain() -> None:
    matrix = bakery_and_grains()
    result = swaps(
        matrix=matrix,
        logged_counts={"sr28:18069": 5, "sr28:20045": 3, "sr28:20137": 1},
        gaps=short_of(potassium=1200, magnesium=150),
        profile=make_profile(),
    )
    pairs = {s.from_food.id: s.to_food.id for s in result}
    assert pairs["sr28:18069"] == "sr28:18075"
    assert pairs["sr28:20045"] in {"sr28:20037", "sr28:20137"}
    for s in result:
        assert s.difference["magnesium"] > 0
        assert s.reason.startswith("Instead of")


def test_foods_logged_once_get_no_swap_and_limit_holds() -> None:
    matrix = bakery_and_grains()
    gaps = short_of(potassium=1200, magnesium=150)
    assert (
        swaps(matrix=matrix, logged_counts={"sr28:18069": 1}, gaps=gaps, profile=make_profile())
        == []
    )
    assert (
        len(
            swaps(
                matrix=matrix,
                logged_counts={"sr28:18069": 2, "sr28:20045": 2},
                gaps=gaps,
                profile=make_profile(),
                limit=1,
            )
        )
        == 1
    )


def test_no_swap_adds_sodium_when_above_cdrr() -> None:
    matrix = bakery_and_grains()
    result = swaps(
        matrix=matrix,
        logged_counts={"sr28:20045": 4},
        gaps=short_of(potassium=1200, magnesium=150, sodium=3400),
        profile=make_profile(),
    )
    # White rice has 1.6 mg sodium per cup; every richer grain has more, so no swap is offered.
    assert result == []

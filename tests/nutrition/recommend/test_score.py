"""Ranking: scoring, exclusions, diversity, near-duplicates, potassium restriction, sodium."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from nutrition.food.foods import Food
from nutrition.food.matrix import FoodMatrix
from nutrition.person.gaps import Gap, gaps
from nutrition.person.profile import ALLERGENS
from nutrition.recommend import score as ranking
from nutrition.recommend.safety import (
    POTASSIUM_RESTRICTED_MAX_MG,
    LogQuality,
    potassium_restricted,
)
from nutrition.recommend.score import (
    rank,
    score_foods,
    select_diverse,
)
from tests.nutrition.food.test_matrix import make_food, make_profile, sample_foods
from tests.nutrition.person.test_gaps import make_targets


def short_of(**average: float) -> list[Gap]:
    values = {"potassium": 2600.0, "magnesium": 320.0, "calcium": 1000.0, "sodium": 1800.0}
    values["thiamin"] = 1.1
    values.update(average)
    return gaps(average=values, targets=make_targets())


def ids(result: list) -> list[str]:  # type: ignore[type-arg]
    return [s.food_id for s in result]


def test_richer_portion_ranks_first_and_reason_is_a_sentence() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    result = rank(matrix=matrix, gaps=short_of(potassium=1300), profile=make_profile())
    # Density decides, not portion size: a banana (422 mg K in 105 kcal) and a cup of yogurt
    # (573 mg K in 154 kcal) beat a salmon fillet (591 mg K but 317 kcal).
    assert ids(result)[:3] == ["sr28:09040", "sr28:01117", "sr28:15076"]
    banana = next(s for s in result if s.food_id == "sr28:09040")
    assert banana.adds["potassium"] == 358 * 1.18
    assert banana.closes["potassium"] == (358 * 1.18) / 1300
    assert banana.reason.endswith("kcal.")
    assert "potassium" in banana.reason
    assert "%" in banana.reason
    assert all(a.score >= b.score for a, b in itertools.pairwise(result))


def test_no_gap_means_no_suggestions() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    assert rank(matrix=matrix, gaps=short_of(), profile=make_profile()) == []


def test_unknown_values_earn_nothing_but_do_not_exclude() -> None:
    foods = [
        make_food(
            code="1",
            description="Chard, cooked",
            energy_kcal=20,
            potassium=None,
            magnesium=86,
            sodium=10,
        ),
        make_food(
            code="2",
            description="Kale, cooked",
            energy_kcal=28,
            potassium=None,
            magnesium=None,
            sodium=10,
        ),
    ]
    matrix = FoodMatrix.build(foods=foods)
    result = rank(
        matrix=matrix, gaps=short_of(potassium=1000, magnesium=100), profile=make_profile()
    )
    assert ids(result) == ["sr28:1"]
    assert "potassium" not in result[0].closes
    assert result[0].adds["potassium"] is None


def test_excluded_foods_never_appear() -> None:
    foods = [
        make_food(
            code="02047",
            description="Salt, table",
            group="Spices and Herbs",
            group_code="0200",
            sodium=38758,
            potassium=8,
            magnesium=1,
            energy_kcal=0,
        ),
        make_food(
            code="14",
            description="Beverages, Protein powder whey based",
            group="Beverages",
            group_code="1400",
            potassium=2000,
            magnesium=300,
            energy_kcal=350,
        ),
        *sample_foods(),
    ]
    matrix = FoodMatrix.build(foods=foods)
    result = rank(
        matrix=matrix,
        gaps=short_of(potassium=800, magnesium=100, sodium=500),
        profile=make_profile(),
    )
    assert "sr28:02047" not in ids(result)
    assert "sr28:14" not in ids(result)


def test_at_most_two_per_group_and_one_per_family() -> None:
    veg = [
        make_food(
            code=str(i),
            description=f"{name}, cooked, boiled",
            energy_kcal=30,
            potassium=500 - i,
            magnesium=60,
            sodium=20,
        )
        for i, name in enumerate(["Spinach", "Chard, swiss", "Beet greens", "Kale"])
    ]
    dup = make_food(
        code="99",
        description="Spinach, raw",
        energy_kcal=23,
        potassium=558,
        magnesium=79,
        sodium=79,
    )
    matrix = FoodMatrix.build(foods=[*veg, dup, *sample_foods()])
    result = rank(
        matrix=matrix, gaps=short_of(potassium=1000, magnesium=100), profile=make_profile()
    )
    groups = [s.group for s in result]
    assert all(groups.count(g) <= 2 for g in groups)
    spinach = [s for s in result if s.description.startswith("Spinach")]
    assert len(spinach) == 1


def test_potassium_restriction_zero_weight_and_cap() -> None:
    apple = make_food(
        code="09003",
        description="Apples, raw, with skin",
        group_code="0900",
        grams=182,
        energy_kcal=52,
        potassium=107,
        magnesium=5,
        calcium=6,
        sodium=1,
    )
    matrix = FoodMatrix.build(foods=[*sample_foods(), apple])
    profile = make_profile(medications=frozenset({"ace_inhibitor"}))
    assert potassium_restricted(profile)
    result = rank(
        matrix=matrix,
        gaps=short_of(potassium=1000, magnesium=100),
        profile=profile,
    )
    assert ids(result) == ["sr28:09003"]
    for s in result:
        assert "potassium" not in s.closes
        assert s.adds["potassium"] is not None
        assert s.adds["potassium"] <= POTASSIUM_RESTRICTED_MAX_MG


def test_sodium_dense_portions_sink_for_people_above_cdrr() -> None:
    # Same potassium and energy; the salted can carries 450 mg sodium per portion.
    soup = make_food(
        code="s",
        description="Lentils, canned, with salt",
        group_code="1600",
        group="Legumes",
        grams=100,
        energy_kcal=100,
        potassium=400,
        sodium=450,
    )
    beans = make_food(
        code="b",
        description="Beans, navy, cooked",
        group_code="1600",
        group="Legumes",
        grams=100,
        energy_kcal=100,
        potassium=400,
        sodium=0,
    )
    matrix = FoodMatrix.build(foods=[soup, beans])
    gaps_above = short_of(potassium=1500, sodium=3500)
    gaps_ok = short_of(potassium=1500, sodium=1800)
    above = {
        s.food_id: s.score for s in rank(matrix=matrix, gaps=gaps_above, profile=make_profile())
    }
    ok = {s.food_id: s.score for s in rank(matrix=matrix, gaps=gaps_ok, profile=make_profile())}
    # 450 mg is not "low sodium" (FDA: <= 140 mg), so above the CDRR the can is not offered.
    assert "sr28:s" not in above
    assert "sr28:b" in above
    assert ok["sr28:s"] < ok["sr28:b"]


def test_low_sodium_portions_still_pay_more_above_the_cdrr() -> None:
    def food(code: str, sodium: float) -> Food:
        return make_food(
            code=code,
            description=f"Beans kind{code}, cooked",
            group_code="1600",
            grams=100,
            energy_kcal=100,
            potassium=400,
            sodium=sodium,
        )

    matrix = FoodMatrix.build(foods=[food("a", 130), food("b", 0)])
    scores = {}
    for average in (3500.0, 1800.0):
        result = rank(
            matrix=matrix, gaps=short_of(potassium=1500, sodium=average), profile=make_profile()
        )
        scores[average] = {s.food_id: s.score for s in result}
    above, ok = scores[3500.0], scores[1800.0]
    assert above["sr28:a"] / above["sr28:b"] < ok["sr28:a"] / ok["sr28:b"] < 1.0


def test_sodium_credited_only_when_clearly_low_from_a_complete_log() -> None:
    matrix = FoodMatrix.build(foods=sample_foods())
    profile = make_profile()
    full = LogQuality(days_logged=7, energy_kcal=2000.0)

    def ranked(sodium: float, log: LogQuality) -> list:  # type: ignore[type-arg]
        g = short_of(sodium=sodium, potassium=2000)
        scored = score_foods(matrix=matrix, gaps=g, profile=profile, log=log)
        return rank(matrix=matrix, gaps=g, profile=profile, scored=scored)

    assert any("sodium" in s.closes for s in ranked(600, full))
    assert not any("sodium" in s.closes for s in ranked(1400, full))
    # One logged snack says nothing about salt: under-logging is not a sodium gap.
    assert not any("sodium" in s.closes for s in ranked(600, LogQuality(1, 300.0)))


@st.composite
def food_sets(draw: st.DrawFn) -> list[Food]:
    n = draw(st.integers(min_value=1, max_value=12))
    foods = []
    for i in range(n):
        nut = st.one_of(st.none(), st.floats(min_value=0, max_value=900, allow_nan=False))
        foods.append(
            make_food(
                code=str(i),
                description=draw(st.sampled_from(["Beans", "Chard", "Milk", "Fish", "Nuts"]))
                + f" kind{i}, cooked",
                group_code=draw(st.sampled_from(["0100", "1100", "1500", "1600"])),
                grams=draw(st.floats(min_value=10, max_value=400)),
                allergens=frozenset(draw(st.sets(st.sampled_from(ALLERGENS), max_size=2))),
                animal=frozenset(
                    draw(st.sets(st.sampled_from(["meat", "fish", "dairy", "egg"]), max_size=2))
                ),
                energy_kcal=draw(st.one_of(st.none(), st.floats(min_value=0, max_value=600))),
                potassium=draw(nut),
                magnesium=draw(nut),
                calcium=draw(nut),
                sodium=draw(nut),
                thiamin=draw(st.one_of(st.none(), st.floats(0, 2))),
            )
        )
    return foods


@settings(max_examples=60, deadline=None)
@given(
    foods=food_sets(),
    allergies=st.sets(st.sampled_from(ALLERGENS), max_size=3),
    diet=st.sampled_from([None, "vegan", "vegetarian", "pescatarian"]),
    sodium=st.floats(min_value=0, max_value=5000),
    potassium=st.floats(min_value=0, max_value=3000),
)
def test_suggestions_respect_profile_and_never_widen_a_gap(
    foods: list[Food], allergies: set[str], diet: str | None, sodium: float, potassium: float
) -> None:
    matrix = FoodMatrix.build(foods=foods)
    profile = make_profile(allergies=frozenset(allergies), diet=diet)
    before = short_of(potassium=potassium, magnesium=100, sodium=sodium)
    forbidden = {
        "vegan": {"meat", "fish", "dairy", "egg"},
        "vegetarian": {"meat", "fish"},
        "pescatarian": {"meat"},
    }.get(diet or "", set())
    for s in rank(matrix=matrix, gaps=before, profile=profile):
        food = foods[matrix.index[s.food_id]]
        assert not food.allergens & allergies
        assert not food.animal & forbidden
        after_avg = {
            g.nutrient: (g.average or 0.0) + (s.adds.get(g.nutrient) or 0.0) for g in before
        }
        after = {g.nutrient: g for g in gaps(average=after_avg, targets=make_targets())}
        for g in before:
            assert after[g.nutrient].remaining <= g.remaining + 1e-9
        sodium_gap = next(g for g in before if g.nutrient == "sodium")
        if sodium_gap.status == "adequate" and after["sodium"].status == "above":
            # Only a portion whose own sodium is within the headroom may be suggested...
            raise AssertionError(f"{s.food_id} pushes sodium over the CDRR")


@settings(max_examples=40, deadline=None)
@given(
    potassium=st.floats(min_value=0, max_value=4000),
    calcium=st.floats(min_value=0, max_value=1200),
    limit=st.integers(min_value=1, max_value=6),
    pool=st.integers(min_value=1, max_value=3),
)
def test_pooled_selection_equals_selection_over_all_foods(
    potassium: float, calcium: float, limit: int, pool: int
) -> None:
    # The argpartition pool is a speed-up only: a tiny pool must give the full answer.
    matrix = FoodMatrix.build(foods=sample_foods())
    scored = score_foods(
        matrix=matrix, gaps=short_of(potassium=potassium, calcium=calcium), profile=make_profile()
    )
    full = select_diverse(matrix=matrix, score=scored.score, offered=scored.offered, limit=limit)
    saved = (ranking.DIVERSE_POOL, ranking.DIVERSE_POOL_PER_PICK)
    try:
        ranking.DIVERSE_POOL, ranking.DIVERSE_POOL_PER_PICK = pool, 0  # type: ignore[misc]
        pooled = select_diverse(
            matrix=matrix, score=scored.score, offered=scored.offered, limit=limit
        )
    finally:
        ranking.DIVERSE_POOL, ranking.DIVERSE_POOL_PER_PICK = saved  # type: ignore[misc]
    assert pooled == full


@given(
    weights=st.lists(
        st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=1, max_size=5
    )
)
@settings(max_examples=50, deadline=None)
def test_emphasis_keeps_the_largest_gap_and_order(weights: list[float]) -> None:
    base = short_of(potassium=0)[0]
    gaps_in = [replace(base, weight=w) for w in weights]
    out = [g.weight for g in ranking.emphasised(gaps_in)]
    top = max(weights)
    assert all(0.0 <= o <= w for o, w in zip(out, weights, strict=True))
    assert max(out) == top
    for (a, oa), (b, ob) in itertools.combinations(zip(weights, out, strict=True), 2):
        # Weakly monotone: a tiny weight may underflow to the same value as a smaller one.
        if a <= b:
            assert oa <= ob
        if b <= a:
            assert ob <= oa


def test_small_gap_counts_less_than_its_plain_weight() -> None:
    g = short_of(potassium=1000, thiamin=0.9)
    plain = {x.nutrient: x.weight for x in g if x.raises}
    heavy = {x.nutrient: x.weight for x in ranking.emphasised([x for x in g if x.raises])}
    assert heavy["potassium"] == plain["potassium"]
    assert heavy["thiamin"] < plain["thiamin"]

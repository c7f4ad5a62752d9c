from hypothesis import given
from hypothesis import strategies as st

from nutrition.food.tags import content_tags
from tests.nutrition.builders import make_food


def _labels(food):
    return {t.text for t in content_tags(food=food)[1]}


def test_banana_medium_portion_is_the_basis():
    banana = make_food(
        description="Bananas, raw",
        portions=(("1 cup, mashed", 225), ('1 medium (7" to 7-7/8" long)', 118)),
        potassium=358,
        magnesium=27,
        calcium=5,
        thiamin=0.031,
        sodium=1,
    )
    basis, tags = content_tags(food=banana)
    assert basis.grams == 118
    # 358 mg/100 g * 1.18 = 422 mg = 9 % of 4,700 mg: below the "good source" bar.
    assert "good source of potassium" not in {t.text for t in tags}
    assert "very low sodium" in {t.text for t in tags}


def test_good_and_excellent_thresholds_are_percent_of_daily_value():
    # 100 g portions: 470 mg K is exactly 10 % DV, 84 mg Mg is exactly 20 % DV.
    food = make_food(portions=(("1 NLEA serving", 100),), potassium=470, magnesium=84, sodium=200)
    labels = _labels(food)
    assert "good source of potassium" in labels
    assert "excellent source of magnesium" in labels
    assert not any("sodium" in x for x in labels)  # 200 mg: not low, under 20 % DV


def test_just_below_threshold_earns_nothing():
    food = make_food(portions=(("1 NLEA serving", 100),), potassium=469.9, calcium=129.9)
    assert _labels(food) == set()


def test_sodium_claims():
    assert "very low sodium" in _labels(make_food(portions=(("1 x", 100),), sodium=35))
    assert "low sodium" in _labels(make_food(portions=(("1 x", 100),), sodium=140))
    assert "high sodium" in _labels(make_food(portions=(("1 x", 100),), sodium=460))
    assert _labels(make_food(portions=(("1 x", 100),), sodium=459)) == set()


def test_unknown_nutrients_earn_no_claim():
    food = make_food(portions=(("1 x", 100),), potassium=None, magnesium=None, sodium=None)
    assert _labels(food) == set()


def test_no_portion_falls_back_to_100_g():
    basis, _ = content_tags(food=make_food(potassium=1000))
    assert basis.grams == 100


@given(st.floats(min_value=0, max_value=5000), st.floats(min_value=10, max_value=500))
def test_claims_are_monotonic_in_amount(k, grams):
    low = make_food(portions=(("1 x", grams),), potassium=k)
    high = make_food(portions=(("1 x", grams),), potassium=k * 2 + 1)
    rank = {"good source of potassium": 1, "excellent source of potassium": 2}
    lo = max((rank.get(t, 0) for t in _labels(low)), default=0)
    hi = max((rank.get(t, 0) for t in _labels(high)), default=0)
    assert hi >= lo


def test_a_partly_known_sodium_earns_no_low_sodium_claim():
    import dataclasses

    food = make_food(sodium=10.0, potassium=800.0, portions=(("1 cup", 200.0),))
    assert "low sodium" in _labels(food) or "very low sodium" in _labels(food)
    partial = dataclasses.replace(food, coverage={"sodium": 0.5, "potassium": 0.5})
    labels = _labels(partial)
    assert "low sodium" not in labels and "very low sodium" not in labels
    # A lower bound that already clears a source claim still earns it.
    assert "excellent source of potassium" in labels

"""nutrition.person.intake: daily sums in the user's time zone, averages and assessments."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.errors import NutritionError
from nutrition.nutrients import CRAMP_NUTRIENTS
from nutrition.person.intake import (
    DEFAULT_NUTRIENTS,
    PARTIAL_COVERAGE,
    DayIntake,
    LoggedItem,
    NutrientIntake,
    assess,
    average_intake,
    intake_by_day,
)
from nutrition.person.targets import Target

UTC = dt.UTC
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def make_item(
    *, at: dt.datetime, grams: float = 100.0, food_id: str = "sr28:09040", **nutrients: float | None
) -> LoggedItem:
    return LoggedItem(eaten_at=at, food_id=food_id, grams=grams, nutrients=dict(nutrients))


def make_target(*, nutrient: str, amount: float, upper: float | None, kind, upper_kind) -> Target:
    return Target(
        nutrient=nutrient,
        amount=amount,
        unit="mg",
        kind=kind,
        upper=upper,
        upper_kind=upper_kind,
        source="test",
    )


# Adult (19-50 y) DRIs: sodium AI 1500 mg and CDRR 2300 mg (NASEM 2019); calcium RDA 1000 mg
# and UL 2500 mg (IOM 2011); potassium AI for women 2600 mg (NASEM 2019).
SODIUM_AI, SODIUM_CDRR = 1500.0, 2300.0
CALCIUM_RDA, CALCIUM_UL = 1000.0, 2500.0
SODIUM = make_target(
    nutrient="sodium", amount=SODIUM_AI, upper=SODIUM_CDRR, kind="AI", upper_kind="CDRR"
)
CALCIUM = make_target(
    nutrient="calcium", amount=CALCIUM_RDA, upper=CALCIUM_UL, kind="RDA", upper_kind="UL"
)
POTASSIUM = make_target(nutrient="potassium", amount=2600.0, upper=None, kind="AI", upper_kind=None)


def make_intake(*, amount: float, share: float = 1.0, items: int = 4) -> NutrientIntake:
    return NutrientIntake(
        amount=amount, known_items=round(items * share), total_items=items, known_share=share
    )


def local(tz: dt.tzinfo, *parts: int) -> dt.datetime:
    year, month, day, hour, minute = (*parts, 0)[:5]
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


def by_date(days: list[DayIntake]) -> dict[dt.date, DayIntake]:
    return {d.date: d for d in days}


# --- days in the user's time zone ------------------------------------------------------------


@pytest.mark.parametrize("tz", [TOKYO, LOS_ANGELES, dt.timezone(dt.timedelta(hours=-11))])
def test_items_at_both_ends_of_a_local_day_land_on_that_date(tz):
    day = dt.date(2024, 5, 14)
    # Stored in UTC, as a database returns them; in UTC one of the two falls on another date.
    items = [
        make_item(at=local(tz, 2024, 5, 14, 0, 30).astimezone(UTC), potassium=100.0),
        make_item(at=local(tz, 2024, 5, 14, 23, 30).astimezone(UTC), potassium=200.0),
    ]
    assert {i.eaten_at.date() for i in items} != {day}
    days = intake_by_day(
        items=items, tz=tz, start=day - dt.timedelta(days=1), end=day + dt.timedelta(days=1)
    )
    assert [(d.date, d.items) for d in days if d.logged] == [(day, 2)]
    assert by_date(days)[day].nutrients["potassium"].amount == 300.0


@pytest.mark.parametrize(
    ("utc_time", "expected"),
    [
        # Spring forward: 04:30 UTC on 11 March is 00:30 EDT (it would be 23:30 under EST).
        (dt.datetime(2024, 3, 11, 4, 30, tzinfo=UTC), dt.date(2024, 3, 11)),
        # Fall back: 04:30 UTC on 4 November is 23:30 EST (it would be 00:30 under EDT).
        (dt.datetime(2024, 11, 4, 4, 30, tzinfo=UTC), dt.date(2024, 11, 3)),
        # The repeated hour 01:30 on 3 November, second pass (EST).
        (dt.datetime(2024, 11, 3, 6, 30, tzinfo=UTC), dt.date(2024, 11, 3)),
    ],
)
def test_dst_transitions_in_new_york(utc_time, expected):
    days = intake_by_day(
        items=[make_item(at=utc_time, potassium=100.0)],
        tz=NEW_YORK,
        start=expected - dt.timedelta(days=1),
        end=expected + dt.timedelta(days=1),
    )
    assert [d.date for d in days if d.logged] == [expected]


def test_one_entry_per_day_inclusive_and_items_outside_ignored():
    start, end = dt.date(2024, 6, 1), dt.date(2024, 6, 7)
    items = [
        make_item(at=local(UTC, 2024, 5, 31, 23, 59), potassium=999.0),
        make_item(at=local(UTC, 2024, 6, 1, 0, 0), potassium=100.0),
        make_item(at=local(UTC, 2024, 6, 7, 23, 59), potassium=200.0),
        make_item(at=local(UTC, 2024, 6, 8, 0, 0), potassium=999.0),
    ]
    days = intake_by_day(items=items, tz=UTC, start=start, end=end)
    assert [d.date for d in days] == [start + dt.timedelta(days=i) for i in range(7)]
    assert sum(d.nutrients["potassium"].amount for d in days if d.logged) == 300.0


def test_unlogged_days_are_not_zero():
    days = intake_by_day(
        items=[make_item(at=local(UTC, 2024, 6, 2, 12), potassium=500.0)],
        tz=UTC,
        start=dt.date(2024, 6, 1),
        end=dt.date(2024, 6, 3),
    )
    empty = [d for d in days if not d.logged]
    assert [d.date for d in empty] == [dt.date(2024, 6, 1), dt.date(2024, 6, 3)]
    assert all(d.nutrients == {} and d.items == 0 for d in empty)


def test_default_nutrients_are_the_cramp_five_plus_energy():
    days = intake_by_day(
        items=[make_item(at=local(UTC, 2024, 6, 1, 12))],
        tz=UTC,
        start=dt.date(2024, 6, 1),
        end=dt.date(2024, 6, 1),
    )
    assert set(days[0].nutrients) == {*CRAMP_NUTRIENTS, "energy_kcal"} == set(DEFAULT_NUTRIENTS)


# --- unknown values --------------------------------------------------------------------------


def test_unknown_value_stays_out_of_the_sum_and_lowers_coverage():
    noon = local(UTC, 2024, 6, 1, 12)
    items = [
        make_item(at=noon, grams=100.0, potassium=300.0, magnesium=20.0),
        make_item(at=noon, grams=300.0, potassium=None, magnesium=40.0),  # K unknown
        make_item(at=noon, grams=100.0, magnesium=10.0),  # K absent: also unknown
    ]
    (day,) = intake_by_day(
        items=items,
        tz=UTC,
        start=noon.date(),
        end=noon.date(),
        nutrients=["potassium", "magnesium"],
    )
    potassium = day.nutrients["potassium"]
    assert potassium.amount == 300.0
    assert (potassium.known_items, potassium.total_items) == (1, 3)
    assert potassium.known_share == pytest.approx(100.0 / 500.0)
    assert day.nutrients["magnesium"].known_share == 1.0
    assert day.nutrients["magnesium"].amount == 70.0


def test_a_nutrient_nobody_reported_has_zero_coverage():
    noon = local(UTC, 2024, 6, 1, 12)
    (day,) = intake_by_day(
        items=[make_item(at=noon, thiamin=None)], tz=UTC, start=noon.date(), end=noon.date()
    )
    assert day.nutrients["thiamin"].known_share == 0.0
    assert day.nutrients["thiamin"].known_items == 0


# --- averages --------------------------------------------------------------------------------


def test_average_is_over_logged_days_only():
    items = [
        make_item(at=local(UTC, 2024, 6, 1, 8), grams=100.0, potassium=1000.0),
        make_item(at=local(UTC, 2024, 6, 3, 8), grams=100.0, potassium=1500.0),
        make_item(at=local(UTC, 2024, 6, 3, 19), grams=200.0, potassium=500.0),
    ]
    days = intake_by_day(
        items=items,
        tz=UTC,
        start=dt.date(2024, 6, 1),
        end=dt.date(2024, 6, 7),
        nutrients=["potassium"],
    )
    average = average_intake(days=days)["potassium"]
    assert average.amount == pytest.approx((1000.0 + 1500.0 + 500.0) / 2)
    assert (average.known_items, average.total_items) == (3, 3)


def test_average_pools_coverage_by_grams_over_the_window():
    items = [
        make_item(at=local(UTC, 2024, 6, 1, 8), grams=100.0, calcium=300.0),
        make_item(at=local(UTC, 2024, 6, 2, 8), grams=300.0, calcium=None),
    ]
    days = intake_by_day(
        items=items,
        tz=UTC,
        start=dt.date(2024, 6, 1),
        end=dt.date(2024, 6, 2),
        nutrients=["calcium"],
    )
    average = average_intake(days=days)["calcium"]
    assert average.known_share == pytest.approx(0.25)
    assert average.amount == pytest.approx(150.0)
    assert (average.known_items, average.total_items) == (1, 2)


def test_average_of_no_logged_days_is_empty_not_zero():
    days = intake_by_day(items=[], tz=UTC, start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 7))
    assert average_intake(days=days) == {}


# --- assessment ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (SODIUM.amount - 1, "below"),
        (SODIUM.amount, "adequate"),
        (SODIUM.upper, "adequate"),
        (SODIUM_CDRR + 1, "above"),
    ],
)
def test_sodium_is_two_sided(amount, expected):
    result = assess(
        intake={"sodium": make_intake(amount=amount)},
        targets={"sodium": SODIUM},
    )
    assert result["sodium"].status == expected
    assert result["sodium"].percent == pytest.approx(100 * amount / SODIUM.amount)


def test_calcium_above_its_ul():
    result = assess(
        intake={"calcium": make_intake(amount=CALCIUM_UL + 100)},
        targets={"calcium": CALCIUM},
    )
    assert result["calcium"].status == "above"
    assert result["calcium"].upper == CALCIUM.upper


def test_no_upper_means_never_above():
    result = assess(
        intake={"potassium": make_intake(amount=10 * POTASSIUM.amount)},
        targets={"potassium": POTASSIUM},
    )
    assert result["potassium"].status == "adequate"


@pytest.mark.parametrize(
    ("share", "partial"),
    [(0.0, True), (PARTIAL_COVERAGE - 0.01, True), (PARTIAL_COVERAGE, False), (1.0, False)],
)
def test_partial_coverage_is_flagged_and_status_kept(share, partial):
    result = assess(
        intake={"potassium": make_intake(amount=POTASSIUM.amount / 2, share=share)},
        targets={"potassium": POTASSIUM},
    )
    assert result["potassium"].partial is partial
    assert result["potassium"].coverage == share
    assert result["potassium"].status == "below"


def test_nutrients_without_a_target_are_not_assessed():
    result = assess(
        intake={"energy_kcal": make_intake(amount=1800.0), "sodium": make_intake(amount=2000.0)},
        targets={"sodium": SODIUM},
    )
    assert set(result) == {"sodium"}


# --- validation ------------------------------------------------------------------------------


def test_naive_datetime_is_rejected():
    with pytest.raises(NutritionError) as caught:
        make_item(at=dt.datetime(2024, 6, 1, 12))
    assert caught.value.field == "eaten_at"


@pytest.mark.parametrize("grams", [0.0, -5.0, float("nan")])
def test_item_grams_must_be_positive(grams):
    with pytest.raises(NutritionError):
        make_item(at=local(UTC, 2024, 6, 1, 12), grams=grams)


def test_window_must_not_run_backwards():
    with pytest.raises(NutritionError):
        intake_by_day(items=[], tz=UTC, start=dt.date(2024, 6, 2), end=dt.date(2024, 6, 1))


def test_unknown_nutrient_key_is_rejected():
    with pytest.raises(NutritionError):
        intake_by_day(
            items=[], tz=UTC, start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 1), nutrients=["zinc"]
        )


# --- invariants and speed --------------------------------------------------------------------

WINDOW_START = dt.date(2024, 3, 5)
WINDOW_END = dt.date(2024, 3, 15)

moments = st.datetimes(
    min_value=dt.datetime(2024, 3, 1), max_value=dt.datetime(2024, 3, 20), timezones=st.just(UTC)
)
items_strategy = st.lists(
    st.builds(
        lambda at, grams, k: make_item(at=at, grams=grams, potassium=k),
        moments,
        st.floats(min_value=1.0, max_value=1000.0),
        st.none() | st.floats(min_value=0.0, max_value=5000.0),
    ),
    max_size=40,
)


@given(items=items_strategy, tz=st.sampled_from([UTC, NEW_YORK, TOKYO, LOS_ANGELES]))
def test_day_totals_sum_to_known_amounts_in_the_window(items, tz):
    days = intake_by_day(items=items, tz=tz, start=WINDOW_START, end=WINDOW_END)
    inside = [i for i in items if WINDOW_START <= i.eaten_at.astimezone(tz).date() <= WINDOW_END]
    expected = sum(i.nutrients["potassium"] or 0.0 for i in inside)
    total = sum(d.nutrients["potassium"].amount for d in days if d.logged)
    assert total == pytest.approx(expected)
    assert sum(d.items for d in days) == len(inside)
    for day in days:
        assert day.logged == (day.items > 0)
        for intake in day.nutrients.values():
            assert 0.0 <= intake.known_share <= 1.0


def test_a_recipe_item_counts_with_the_share_its_ingredients_report():
    when = dt.datetime(2025, 3, 10, 12, tzinfo=UTC)
    items = [
        LoggedItem(
            eaten_at=when,
            food_id="recipe:abc",
            grams=300.0,
            nutrients={"magnesium": 60.0, "sodium": 200.0},
            coverage={"magnesium": 0.5},
        ),
        LoggedItem(eaten_at=when, food_id="sr28:09040", grams=100.0, nutrients={"magnesium": 27.0}),
    ]
    (day,) = intake_by_day(items=items, tz=UTC, start=when.date(), end=when.date())
    assert day.nutrients["magnesium"].amount == pytest.approx(87.0)
    assert day.nutrients["magnesium"].known_share == pytest.approx((150 + 100) / 400)
    assert day.nutrients["sodium"].known_share == pytest.approx(300 / 400)

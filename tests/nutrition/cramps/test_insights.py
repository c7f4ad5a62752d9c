"""Tests for nutrition.cramps.insights: cramp-night vs other-day counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.cramps.insights import (
    CAVEAT,
    INSIGHT_NUTRIENTS,
    Insight,
    cramp_insights,
    day_fractions,
)
from nutrition.errors import NutritionError

START = date(2024, 1, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


DayLog = dict[date, dict[str, float | None]]


def make_log(*, values: dict[int, float | None], nutrient: str = "magnesium") -> DayLog:
    """Day offset -> fraction of target for one nutrient."""
    return {day(n): {nutrient: v} for n, v in values.items()}


def only(insights: list[Insight], nutrient: str) -> Insight:
    matches = [i for i in insights if i.nutrient == nutrient]
    assert len(matches) == 1
    return matches[0]


def test_counts_cramp_nights_against_other_days() -> None:
    # Cramp nights 1, 3, 5 and 9 -> preceding days 0, 2, 4, 8; day 8 is not logged.
    log = make_log(values={0: 0.4, 2: 0.5, 4: 0.9, 5: 0.3, 6: 0.8, 7: 0.7})
    result = only(
        cramp_insights(cramp_nights=[day(1), day(3), day(5), day(9)], day_percent=log),
        "magnesium",
    )
    assert result.cramp_nights == 4
    assert result.nights_with_data == 3
    assert result.nights_below == 2
    # Other days: 5, 6 and 7 (their following nights had no cramp); only day 5 is below.
    assert result.other_days_with_data == 3
    assert result.other_days_below == 1
    assert "2 of your 3 cramp nights" in result.statement
    assert "1 of 3" in result.statement
    assert "1 cramp night had no magnesium logged" in result.statement
    assert "60 %" in result.statement
    assert result.statement.endswith(CAVEAT)


def test_duplicate_cramp_nights_count_once() -> None:
    log = make_log(values={0: 0.2})
    result = only(cramp_insights(cramp_nights=[day(1), day(1)], day_percent=log), "magnesium")
    assert result.cramp_nights == 1
    assert result.nights_below == 1


def test_no_insight_without_data_before_any_cramp_night() -> None:
    log = make_log(values={0: 0.2, 1: None})
    assert cramp_insights(cramp_nights=[day(2), day(5)], day_percent=log) == []
    assert cramp_insights(cramp_nights=[], day_percent=log) == []


def test_only_nutrients_with_data_are_reported() -> None:
    log = {day(0): {"potassium": 0.9, "magnesium": None, "sodium": 0.1}}
    insights = cramp_insights(cramp_nights=[day(1)], day_percent=log)
    assert [i.nutrient for i in insights] == ["potassium"]


def test_value_equal_to_threshold_is_not_below() -> None:
    log = make_log(values={0: 0.6, 1: 0.59})
    result = only(cramp_insights(cramp_nights=[day(1), day(2)], day_percent=log), "magnesium")
    assert result.nights_with_data == 2
    assert result.nights_below == 1


def test_custom_threshold_changes_counts_and_wording() -> None:
    log = make_log(values={0: 0.7})
    low = only(cramp_insights(cramp_nights=[day(1)], day_percent=log), "magnesium")
    high = only(cramp_insights(cramp_nights=[day(1)], day_percent=log, threshold=0.75), "magnesium")
    assert low.nights_below == 0
    assert high.nights_below == 1
    assert "75 %" in high.statement


def test_statement_without_comparison_days() -> None:
    log = make_log(values={0: 0.1})
    result = only(cramp_insights(cramp_nights=[day(1)], day_percent=log), "magnesium")
    assert result.other_days_with_data == 0
    assert "no logged days without a cramp" in result.statement


@pytest.mark.parametrize("threshold", [0.0, -0.5, float("nan"), float("inf")])
def test_rejects_bad_threshold(threshold: float) -> None:
    with pytest.raises(NutritionError):
        cramp_insights(cramp_nights=[day(1)], day_percent={}, threshold=threshold)


def test_rejects_nan_fraction() -> None:
    with pytest.raises(NutritionError):
        cramp_insights(cramp_nights=[day(1)], day_percent=make_log(values={0: float("nan")}))


fractions = st.one_of(st.none(), st.floats(min_value=0, max_value=3))
day_logs = st.dictionaries(
    st.integers(min_value=0, max_value=40).map(day),
    st.dictionaries(st.sampled_from(INSIGHT_NUTRIENTS), fractions),
    max_size=30,
)
nights = st.lists(st.integers(min_value=0, max_value=41).map(day), max_size=20)


@given(cramp_nights=nights, day_percent=day_logs, threshold=st.floats(0.05, 2.0))
def test_counts_are_consistent(
    cramp_nights: list[date], day_percent: DayLog, threshold: float
) -> None:
    insights = cramp_insights(
        cramp_nights=cramp_nights, day_percent=day_percent, threshold=threshold
    )
    distinct = set(cramp_nights)
    logged_other = [d for d in day_percent if d + timedelta(days=1) not in distinct]
    assert len({i.nutrient for i in insights}) == len(insights)
    for i in insights:
        assert 0 <= i.nights_below <= i.nights_with_data <= i.cramp_nights == len(distinct)
        assert i.nights_with_data >= 1
        assert 0 <= i.other_days_below <= i.other_days_with_data <= len(logged_other)
        assert i.statement.endswith(CAVEAT)
    reported = {i.nutrient for i in insights}
    for nutrient in INSIGHT_NUTRIENTS:
        has_data = any(
            day_percent.get(n - timedelta(days=1), {}).get(nutrient) is not None for n in distinct
        )
        assert (nutrient in reported) == has_data


def test_day_fractions_skip_unlogged_days_and_unknown_values():
    import datetime as _dt

    from nutrition.person.intake import DayIntake, NutrientIntake
    from nutrition.person.targets import Target

    target = Target("magnesium", 320.0, "mg", "RDA", None, None, "IOM 1997")
    logged = DayIntake(
        date=_dt.date(2025, 3, 1),
        logged=True,
        items=2,
        nutrients={
            "magnesium": NutrientIntake(
                amount=160.0, known_items=2, total_items=2, known_share=1.0
            ),
            "energy_kcal": NutrientIntake(
                amount=900.0, known_items=2, total_items=2, known_share=1.0
            ),
        },
    )
    unknown = DayIntake(
        date=_dt.date(2025, 3, 2),
        logged=True,
        items=1,
        nutrients={
            "magnesium": NutrientIntake(amount=0.0, known_items=0, total_items=1, known_share=0.0)
        },
    )
    empty = DayIntake(date=_dt.date(2025, 3, 3), logged=False, items=0, nutrients={})
    out = day_fractions(days=[logged, unknown, empty], targets={"magnesium": target})
    assert out == {
        _dt.date(2025, 3, 1): {"magnesium": 0.5},
        _dt.date(2025, 3, 2): {"magnesium": None},
    }

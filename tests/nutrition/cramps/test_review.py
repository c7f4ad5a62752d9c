"""The diary review of a window: counts, nights, and the reasons to see a GP."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from nutrition.cramps.diary import CrampEpisode
from nutrition.cramps.review import reasons_sentence, review_diary
from nutrition.errors import NutritionError

TZ = timezone(timedelta(hours=1))
START = datetime(2025, 3, 1, 3, 0, tzinfo=TZ)


def _cramp(
    hours: float, *, minutes: float = 2, severity: int = 4, symptoms: frozenset[str] = frozenset()
) -> CrampEpisode:
    return CrampEpisode(
        started_at=START + timedelta(hours=hours),
        duration_minutes=minutes,
        severity=severity,
        leg="left",
        symptoms=symptoms,
    )


def test_an_empty_window_has_counts_of_zero_and_no_medians():
    review = review_diary(episodes=[], days=28)
    assert (review.episodes, review.cramp_nights, review.nights_per_week) == (0, 0, 0.0)
    assert review.median_minutes is None and review.worst_severity is None
    assert review.see_gp_reasons == ()
    assert "none of the usual reasons" in reasons_sentence(review)


def test_cramps_either_side_of_midnight_are_one_night():
    late = _cramp(20.5, symptoms=frozenset({"sleep_disrupted"}))  # 23:30 on 1 March
    early = _cramp(23, symptoms=frozenset({"sleep_disrupted"}))  # 02:00 on 2 March
    review = review_diary(episodes=[early, late], days=7)
    assert (review.episodes, review.cramp_nights, review.sleep_disrupted_nights) == (2, 1, 1)
    assert review.nights_per_week == pytest.approx(1.0)


def test_medians_maxima_and_rate():
    episodes = [
        _cramp(24 * d, minutes=m, severity=s)
        for d, m, s in ((0, 2, 4), (5, 5, 6), (9, 3, 5), (16, 20, 8), (22, 4, 3), (26, 6, 7))
    ]
    review = review_diary(episodes=episodes, days=28)
    assert review.cramp_nights == 6 and review.nights_per_week == pytest.approx(1.5)
    assert (review.median_minutes, review.longest_minutes) == (4.5, 20)
    assert (review.median_severity, review.worst_severity) == (5.5, 8)
    assert review.long_episodes == 1
    assert review.see_gp_reasons == ("1 cramp longer than 15 minutes",)


def test_three_within_seven_days_is_a_reason_but_not_three_spread_over_seven():
    close = [_cramp(24 * d) for d in (0, 3, 6.9)]
    assert review_diary(episodes=close, days=28).most_in_7_days == 3
    assert "3 cramps within 7 days" in review_diary(episodes=close, days=28).see_gp_reasons
    spread = [_cramp(24 * d) for d in (0, 3, 7)]
    review = review_diary(episodes=spread, days=28)
    assert review.most_in_7_days == 2 and review.see_gp_reasons == ()


def test_eight_within_thirty_days_is_a_reason():
    episodes = [_cramp(24 * 3.5 * k) for k in range(8)]  # every 3.5 days: 2 a week
    review = review_diary(episodes=episodes, days=30)
    assert review.most_in_7_days == 2 and review.most_in_30_days == 8
    assert review.see_gp_reasons == ("8 cramps within 30 days",)


def test_red_flags_keep_their_day_and_the_symptom_order():
    flagged = _cramp(48, symptoms=frozenset({"weakness", "swelling", "numbness"}))
    review = review_diary(episodes=[_cramp(0), flagged], days=7)
    assert len(review.red_flags) == 1
    assert review.red_flags[0].started_at == flagged.started_at.date()
    assert review.red_flags[0].symptoms == ("swelling", "weakness")


def test_impact_symptoms_give_reasons():
    episodes = [
        _cramp(0, symptoms=frozenset({"sleep_disrupted"})),
        _cramp(48, symptoms=frozenset({"daily_function_impaired"})),
    ]
    review = review_diary(episodes=episodes, days=7)
    assert review.see_gp_reasons == (
        "sleep disturbed on 1 night",
        "daily life made hard on 1 day",
    )
    assert reasons_sentence(review).startswith("This diary shows reasons to see a GP: sleep")


def test_a_window_needs_a_day():
    with pytest.raises(NutritionError) as err:
        review_diary(episodes=[], days=0)
    assert err.value.field == "days"

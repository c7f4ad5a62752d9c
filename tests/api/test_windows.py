"""The time helpers: weeks of a window, and bounds at the calendar's edges."""

from __future__ import annotations

from datetime import date

from api.services.windows import local_bound, week_spans


def test_weeks_run_seven_days_from_the_start_and_the_last_may_be_short():
    spans = week_spans(date(2025, 3, 1), date(2025, 3, 17))
    assert spans == [
        (date(2025, 3, 1), date(2025, 3, 7)),
        (date(2025, 3, 8), date(2025, 3, 14)),
        (date(2025, 3, 15), date(2025, 3, 17)),
    ]
    assert week_spans(date(2025, 3, 1), date(2025, 3, 1)) == [(date(2025, 3, 1),) * 2]
    assert week_spans(date(9999, 12, 20), date(9999, 12, 30))[-1][1] == date(9999, 12, 30)


def test_a_bound_past_the_calendar_is_no_bound():
    assert local_bound(date.max, "UTC", end=True) is None
    assert local_bound(date.min, "Asia/Tokyo", end=False) is None  # LMT is UTC+9:18
    assert local_bound(date(2025, 3, 1), "UTC", end=True).isoformat() == "2025-03-02T00:00:00+00:00"

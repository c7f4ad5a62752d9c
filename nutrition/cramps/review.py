"""A diary review: what a window of cramp episodes says, in the terms a GP asks about.

How often cramps came (episodes and nights), how long and how bad, the nights they broke
sleep, the red-flag symptoms reported, and which of the diary's reasons to see a GP the window
shows. The thresholds are the diary's own (``nutrition.cramps.diary``: NHS, Leg cramps; Allen
RE, Kirby KA. Am Fam Physician 2012;85(4):350-355), applied to every episode in the window
instead of to one new episode: "3 or more in 7 days" holds when any 7 days of the window held 3.

Nights follow ``nutrition.cramps.insights.night_of``: a night is named by the morning it ends,
so cramps at 23:30 and 02:00 fall in one night. Pass episodes at the user's local time.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from nutrition.cramps.advice import join_words
from nutrition.cramps.diary import (
    FREQUENT_IN_7_DAYS,
    FREQUENT_IN_30_DAYS,
    LONG_EPISODE_MINUTES,
    RED_FLAGS,
    SYMPTOMS,
    CrampEpisode,
)
from nutrition.cramps.insights import night_of
from nutrition.errors import NutritionError

#: What to do about red flags and when a routine GP visit is worthwhile (NHS, Leg cramps).
WHEN_TO_SEE_A_DOCTOR: Final[str] = (
    "See a GP if cramps come often, disturb sleep or daily life, last longer than about"
    f" {LONG_EPISODE_MINUTES:g} minutes, or keep coming back. See a doctor as soon as possible"
    " with a swollen, red, warm, pale or cold leg, weakness, calf pain after sitting for a"
    " long time, or leg pain when walking; call emergency services if both legs swell and"
    " breathing is hard."
)


@dataclass(frozen=True, slots=True)
class RedFlagReport:
    """An episode that listed red-flag symptoms (keys of ``RED_FLAGS``, in SYMPTOMS order)."""

    started_at: date
    symptoms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DiaryReview:
    """The numbers of a window of ``days`` days; durations in minutes, severity 1-10.

    ``nights_per_week`` is cramp nights over the window's weeks (``days / 7``). Medians and
    maxima are None without episodes. ``most_in_7_days`` / ``most_in_30_days`` are the most
    episodes that started within any 7 / 30 days of each other. ``see_gp_reasons`` are plain
    phrases, empty when the diary shows none.
    """

    days: int
    episodes: int
    cramp_nights: int
    nights_per_week: float
    sleep_disrupted_nights: int
    impaired_days: int
    median_minutes: float | None
    longest_minutes: float | None
    long_episodes: int
    median_severity: float | None
    worst_severity: int | None
    most_in_7_days: int
    most_in_30_days: int
    red_flags: tuple[RedFlagReport, ...]
    see_gp_reasons: tuple[str, ...]


def _most_within(starts: Sequence[CrampEpisode], days: int) -> int:
    """The most episodes whose starts fit in ``days`` days (a window closed on its end)."""
    span = timedelta(days=days)
    best = 0
    first = 0
    for last, episode in enumerate(starts):
        while episode.started_at - starts[first].started_at >= span:
            first += 1
        best = max(best, last - first + 1)
    return best


def _nights_with(episodes: Sequence[CrampEpisode], symptom: str) -> int:
    return len({night_of(e.started_at) for e in episodes if symptom in e.symptoms})


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _reasons(
    *, week: int, month: int, sleep: int, impaired: int, long_episodes: int
) -> tuple[str, ...]:
    reasons: list[str] = []
    if week >= FREQUENT_IN_7_DAYS:
        reasons.append(f"{_plural(week, 'cramp')} within 7 days")
    elif month >= FREQUENT_IN_30_DAYS:
        reasons.append(f"{_plural(month, 'cramp')} within 30 days")
    if sleep:
        reasons.append(f"sleep disturbed on {_plural(sleep, 'night')}")
    if impaired:
        reasons.append(f"daily life made hard on {_plural(impaired, 'day')}")
    if long_episodes:
        reasons.append(
            f"{_plural(long_episodes, 'cramp')} longer than {LONG_EPISODE_MINUTES:g} minutes"
        )
    return tuple(reasons)


def review_diary(*, episodes: Sequence[CrampEpisode], days: int) -> DiaryReview:
    """Review the ``episodes`` of a window ``days`` long (local times; any order).

    Raises NutritionError (field "days") when ``days`` is not positive.
    """
    if days < 1:
        raise NutritionError(f"a window is at least 1 day, got {days!r}", field="days")
    ordered = sorted(episodes, key=lambda e: e.started_at)
    nights = {night_of(e.started_at) for e in ordered}
    minutes = [e.duration_minutes for e in ordered]
    severities = [e.severity for e in ordered]
    week = _most_within(ordered, 7)
    month = _most_within(ordered, 30)
    sleep = _nights_with(ordered, "sleep_disrupted")
    impaired = len(
        {e.started_at.date() for e in ordered if "daily_function_impaired" in e.symptoms}
    )
    long_episodes = sum(1 for m in minutes if m > LONG_EPISODE_MINUTES)
    flags = tuple(
        RedFlagReport(
            started_at=e.started_at.date(),
            symptoms=tuple(s for s in SYMPTOMS if s in e.symptoms & RED_FLAGS),
        )
        for e in ordered
        if e.symptoms & RED_FLAGS
    )
    return DiaryReview(
        days=days,
        episodes=len(ordered),
        cramp_nights=len(nights),
        nights_per_week=len(nights) * 7 / days,
        sleep_disrupted_nights=sleep,
        impaired_days=impaired,
        median_minutes=float(statistics.median(minutes)) if minutes else None,
        longest_minutes=max(minutes) if minutes else None,
        long_episodes=long_episodes,
        median_severity=float(statistics.median(severities)) if severities else None,
        worst_severity=max(severities) if severities else None,
        most_in_7_days=week,
        most_in_30_days=month,
        red_flags=flags,
        see_gp_reasons=_reasons(
            week=week, month=month, sleep=sleep, impaired=impaired, long_episodes=long_episodes
        ),
    )


def reasons_sentence(review: DiaryReview) -> str:
    """The review's reasons to see a GP as one sentence, or a sentence saying there are none."""
    if not review.see_gp_reasons:
        return "This diary shows none of the usual reasons to see a GP about cramps."
    return "This diary shows reasons to see a GP: " + join_words(review.see_gp_reasons) + "."

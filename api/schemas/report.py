"""The doctor's report and the embeddable charts: their data shapes and presenters.

The report is rendered (``api/views``), never answered as JSON; these shapes are what the
views read. Every number in them is taken from the answers of ``/intake``, ``/targets`` and
``/cramps`` for the same window, so the page and the API cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Final, Literal

from pydantic import BaseModel, Field

from api.schemas.advice import AdvicePublic
from api.schemas.cramps import CrampPublic
from api.schemas.intake import AveragePublic, TargetPublic, TargetsPublic
from nutrition.cramps.advice import (
    CONDITION_LABELS,
    CRAMP_LINKED_CONDITIONS,
    CRAMP_LINKED_MEDICATIONS,
    DEPLETING_DIURETICS,
    MEDICATION_LABELS,
)
from nutrition.cramps.diary import RED_FLAGS, SYMPTOM_LABELS
from nutrition.cramps.review import WHEN_TO_SEE_A_DOCTOR, DiaryReview, reasons_sentence
from nutrition.nutrients import CRAMP_NUTRIENTS
from nutrition.recommend.safety import POTASSIUM_RAISING_MEDICATIONS

ReportFormat = Literal["html", "pdf"]
Paper = Literal["a4", "letter"]

#: Nutrients the report and the intake chart show, in display order.
REPORT_NUTRIENTS: Final[tuple[str, ...]] = CRAMP_NUTRIENTS
NUTRIENT_LABELS: Final[Mapping[str, str]] = {
    "potassium": "Potassium",
    "magnesium": "Magnesium",
    "calcium": "Calcium",
    "sodium": "Sodium",
    "thiamin": "Thiamin (vitamin B1)",
}

USDA_SOURCES: Final[tuple[str, ...]] = (
    "USDA ARS Nutrient Data Laboratory. USDA National Nutrient Database for Standard Reference,"
    " Release 28 (slightly revised), May 2016",
    "USDA ARS Food Surveys Research Group. Food and Nutrient Database for Dietary Studies"
    " (FNDDS) 2017-2018",
)


class WeekIntake(BaseModel):
    """One nutrient's average over the logged days of one week (as ``/intake`` answers for
    that week). ``amount`` is None when no day was logged; it is a lower bound when
    ``partial`` (coverage too thin to call a shortfall)."""

    start: date
    end: date
    days: int
    days_logged: int
    amount: float | None
    percent: float | None
    status: str | None
    partial: bool
    coverage: float | None = Field(description="share (0-1) of logged grams with a known value")


class NutrientReport(BaseModel):
    """One nutrient: its target, the whole window's average and the weeks."""

    key: str
    label: str
    unit: str
    target: TargetPublic
    average: WeekIntake
    weeks: list[WeekIntake]


class Flag(BaseModel):
    """Why a medication or condition matters here, and where that is from."""

    text: str
    source: str


class ProfileItem(BaseModel):
    """A medication or condition with its flags; ``cramp_linked`` when the literature links it
    to leg cramps."""

    key: str
    label: str
    cramp_linked: bool
    flags: list[Flag]


class RedFlagPublic(BaseModel):
    """A day with red-flag symptoms reported."""

    date: date
    symptoms: list[str]


class CrampDay(BaseModel):
    """One local day of the window by the cramps that started on it."""

    date: date
    episodes: int
    minutes: float
    worst_severity: int | None
    sleep_disrupted: bool
    red_flag: bool


class DiaryPublic(BaseModel):
    """The cramp diary of the window: the episodes (as ``/cramps`` lists them, oldest first),
    the window's days, and what they add up to."""

    episodes: list[CrampPublic]
    days: list[CrampDay]
    truncated: bool = Field(description="more episodes than the report reads; the newest shown")
    count: int
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
    red_flags: list[RedFlagPublic]
    see_gp: str
    see_gp_reasons: list[str]
    when_to_see_a_doctor: str


class ReportPublic(BaseModel):
    """Everything the doctor's report shows."""

    user_id: str
    timezone: str
    life_stage: str
    from_: date
    to: date
    days: int
    days_logged: int
    generated_at: datetime
    targets: TargetsPublic
    conditions: list[ProfileItem]
    medications: list[ProfileItem]
    nutrients: list[NutrientReport]
    diary: DiaryPublic
    advice: list[AdvicePublic]
    target_sources: list[str]
    data_sources: list[str]
    disclaimer: str


def week_intake(key: str, average: AveragePublic, *, start: date, end: date) -> WeekIntake:
    """The ``key`` nutrient of an ``/intake`` average over ``start`` to ``end``."""
    status = None if average.nutrients is None else average.nutrients.get(key)
    return WeekIntake(
        start=start,
        end=end,
        days=average.days,
        days_logged=average.days_logged,
        amount=None if status is None else status.amount,
        percent=None if status is None else status.percent,
        status=None if status is None else status.status,
        partial=False if status is None else status.partial,
        coverage=None if status is None else status.coverage.grams_share,
    )


def nutrient_report(
    key: str,
    *,
    target: TargetPublic,
    average: WeekIntake,
    weeks: Sequence[WeekIntake],
) -> NutrientReport:
    """One nutrient of the report."""
    return NutrientReport(
        key=key,
        label=NUTRIENT_LABELS[key],
        unit=target.unit,
        target=target,
        average=average,
        weeks=list(weeks),
    )


def _sources(advice: Sequence[AdvicePublic]) -> dict[str, str]:
    return {a.code: a.source for a in advice}


def medication_items(
    medications: Sequence[str], advice: Sequence[AdvicePublic]
) -> list[ProfileItem]:
    """The medications, cramp-linked ones first, each flagged with the advice note's source
    that explains it (``medication_cramps``, ``diuretic_depletion``, ``potassium_caution``)."""
    source = _sources(advice)
    items: list[ProfileItem] = []
    for key in medications:
        flags: list[Flag] = []
        if key in CRAMP_LINKED_MEDICATIONS and "medication_cramps" in source:
            flags.append(Flag(text="linked to leg cramps", source=source["medication_cramps"]))
        if key in DEPLETING_DIURETICS and "diuretic_depletion" in source:
            flags.append(
                Flag(
                    text="can lower potassium and magnesium",
                    source=source["diuretic_depletion"],
                )
            )
        if key in POTASSIUM_RAISING_MEDICATIONS and "potassium_caution" in source:
            flags.append(Flag(text="can raise blood potassium", source=source["potassium_caution"]))
        items.append(
            ProfileItem(
                key=key,
                label=MEDICATION_LABELS.get(key, key.replace("_", " ")),
                cramp_linked=key in CRAMP_LINKED_MEDICATIONS,
                flags=flags,
            )
        )
    return sorted(items, key=lambda i: not i.cramp_linked)


def condition_items(conditions: Sequence[str], advice: Sequence[AdvicePublic]) -> list[ProfileItem]:
    """The conditions, cramp-linked ones first, flagged with the ``condition_cramps`` source."""
    source = _sources(advice)
    items = [
        ProfileItem(
            key=key,
            label=CONDITION_LABELS.get(key, key.replace("_", " ")),
            cramp_linked=key in CRAMP_LINKED_CONDITIONS,
            flags=(
                [Flag(text="cramps can come with it", source=source["condition_cramps"])]
                if key in CRAMP_LINKED_CONDITIONS and "condition_cramps" in source
                else []
            ),
        )
        for key in conditions
    ]
    return sorted(items, key=lambda i: not i.cramp_linked)


def cramp_days(
    episodes: Sequence[CrampPublic], *, tz: tzinfo, start: date, end: date
) -> list[CrampDay]:
    """Every day from ``start`` to ``end`` with the cramps that started on it (days in ``tz``)."""
    by_day: dict[date, list[CrampPublic]] = {}
    for episode in episodes:
        by_day.setdefault(episode.started_at.astimezone(tz).date(), []).append(episode)
    days = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        found = by_day.get(day, [])
        days.append(
            CrampDay(
                date=day,
                episodes=len(found),
                minutes=sum(e.duration_minutes for e in found),
                worst_severity=max((e.severity for e in found), default=None),
                sleep_disrupted=any("sleep_disrupted" in e.symptoms for e in found),
                red_flag=any(RED_FLAGS.intersection(e.symptoms) for e in found),
            )
        )
    return days


def diary_public(
    review: DiaryReview,
    *,
    episodes: Sequence[CrampPublic],
    truncated: bool,
    tz: tzinfo,
    start: date,
    end: date,
) -> DiaryPublic:
    """The diary section from the window's episodes and their review."""
    return DiaryPublic(
        episodes=sorted(episodes, key=lambda e: e.started_at),
        days=cramp_days(episodes, tz=tz, start=start, end=end),
        truncated=truncated,
        count=review.episodes,
        cramp_nights=review.cramp_nights,
        nights_per_week=review.nights_per_week,
        sleep_disrupted_nights=review.sleep_disrupted_nights,
        impaired_days=review.impaired_days,
        median_minutes=review.median_minutes,
        longest_minutes=review.longest_minutes,
        long_episodes=review.long_episodes,
        median_severity=review.median_severity,
        worst_severity=review.worst_severity,
        most_in_7_days=review.most_in_7_days,
        red_flags=[
            RedFlagPublic(date=f.started_at, symptoms=[SYMPTOM_LABELS[s] for s in f.symptoms])
            for f in review.red_flags
        ],
        see_gp=reasons_sentence(review),
        see_gp_reasons=list(review.see_gp_reasons),
        when_to_see_a_doctor=WHEN_TO_SEE_A_DOCTOR,
    )

"""Logged intake summed by the user's calendar day, averaged, and compared with targets.

Unknown is not zero. An item whose value for a nutrient is ``None`` (or absent) adds nothing to
that nutrient's amount and lowers its coverage: ``known_share`` is the fraction of the logged
grams whose value was known (a recipe item counts with the share its ingredients report).
Amounts are therefore lower bounds whenever ``known_share`` < 1.
A day with nothing logged carries no amounts at all; it is never a day of zero intake.

Status follows the DRI framework (National Academies): "below" is under the RDA or AI; "above"
is over ``Target.upper``, which is the Tolerable Upper Intake Level where one applies to food
(calcium; IOM 2011, *DRIs for Calcium and Vitamin D*) or, for sodium, the Chronic Disease Risk
Reduction intake (NASEM 2019, *DRIs for Sodium and Potassium*). The numbers live in
``nutrition.person.targets``; ``PARTIAL_COVERAGE`` is a product choice, not a nutrition figure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from nutrition.errors import NutritionError
from nutrition.nutrients import BY_KEY, CRAMP_NUTRIENTS, NutrientMap
from nutrition.person.targets import Target

#: Nutrients summed when the caller names none: the cramp-related five plus energy.
DEFAULT_NUTRIENTS: Final[tuple[str, ...]] = (*CRAMP_NUTRIENTS, "energy_kcal")

#: Below this ``known_share`` an assessment is ``partial``: a "below" may only be missing data,
#: and an "adequate" may really be "above". Four fifths of the logged grams must be known.
PARTIAL_COVERAGE: Final = 0.8

Status = Literal["below", "adequate", "above"]


@dataclass(frozen=True, slots=True)
class LoggedItem:
    """One logged food: when (tz-aware), which food, how many grams (> 0), and the nutrient
    amounts in this item, already scaled to ``grams`` (``None`` or absent = unknown).

    ``coverage`` gives, for a food made of parts (a recipe), the share (0-1) of the item's grams
    whose value of a nutrient is known; a nutrient absent from it is fully known when its
    amount is not None.
    """

    eaten_at: dt.datetime
    food_id: str
    grams: float
    nutrients: NutrientMap
    coverage: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.eaten_at.utcoffset() is None:
            raise NutritionError("eaten_at must carry a time zone", field="eaten_at")
        if not (math.isfinite(self.grams) and self.grams > 0):
            raise NutritionError("grams must be a positive finite number", field="grams")


@dataclass(frozen=True, slots=True)
class NutrientIntake:
    """A nutrient summed over items: ``amount`` counts known values only (a lower bound when
    ``known_share`` < 1); ``known_share`` is the share (0–1) of logged grams whose value was known.
    """

    amount: float
    known_items: int
    total_items: int
    known_share: float


@dataclass(frozen=True, slots=True)
class DayIntake:
    """One calendar day in the user's time zone. ``logged`` False means no items: ``nutrients``
    is then empty and ``items`` and ``grams`` are 0 (no data, not zero intake)."""

    date: dt.date
    logged: bool
    items: int
    nutrients: dict[str, NutrientIntake]
    grams: float = 0.0


@dataclass(frozen=True, slots=True)
class Assessment:
    """Intake of one nutrient against its target. ``percent`` = amount / target × 100;
    ``coverage`` is the intake's ``known_share``; ``partial`` is coverage < ``PARTIAL_COVERAGE``.
    """

    amount: float
    target: float
    unit: str
    percent: float
    status: Status
    coverage: float
    partial: bool
    upper: float | None = None


class _DayTotals:
    """Mutable running sums for one day; private to the aggregation loop."""

    __slots__ = ("amounts", "grams", "items", "known_grams", "known_items")

    def __init__(self, width: int) -> None:
        self.items = 0
        self.grams = 0.0
        self.amounts = [0.0] * width
        self.known_items = [0] * width
        self.known_grams = [0.0] * width


def _check_nutrients(nutrients: Sequence[str]) -> tuple[str, ...]:
    keys = tuple(dict.fromkeys(nutrients))
    unknown = [k for k in keys if k not in BY_KEY]
    if unknown:
        raise NutritionError(f"unknown nutrient keys: {', '.join(unknown)}", field="nutrients")
    return keys


def intake_by_day(
    *,
    items: Iterable[LoggedItem],
    tz: dt.tzinfo,
    start: dt.date,
    end: dt.date,
    nutrients: Sequence[str] = DEFAULT_NUTRIENTS,
) -> list[DayIntake]:
    """One ``DayIntake`` per calendar day from ``start`` to ``end`` inclusive, days taken in
    ``tz``; items outside the window are ignored. Amounts are in each nutrient's unit. O(items).
    """
    if end < start:
        raise NutritionError("end must not be before start", field="end")
    keys = _check_nutrients(nutrients)
    width = len(keys)
    indexed = tuple(enumerate(keys))
    totals: dict[dt.date, _DayTotals] = {}
    for item in items:
        day = item.eaten_at.astimezone(tz).date()
        if day < start or day > end:
            continue
        sums = totals.get(day)
        if sums is None:
            sums = totals[day] = _DayTotals(width)
        sums.items += 1
        sums.grams += item.grams
        values = item.nutrients
        for i, key in indexed:
            value = values.get(key)
            if value is not None:
                sums.amounts[i] += value
                sums.known_items[i] += 1
                sums.known_grams[i] += item.grams * item.coverage.get(key, 1.0)

    days: list[DayIntake] = []
    for offset in range((end - start).days + 1):
        day = start + dt.timedelta(days=offset)
        sums = totals.get(day)
        if sums is None:
            days.append(DayIntake(date=day, logged=False, items=0, nutrients={}))
            continue
        days.append(
            DayIntake(
                date=day,
                logged=True,
                items=sums.items,
                grams=sums.grams,
                nutrients={
                    key: NutrientIntake(
                        amount=sums.amounts[i],
                        known_items=sums.known_items[i],
                        total_items=sums.items,
                        known_share=min(1.0, sums.known_grams[i] / sums.grams),
                    )
                    for i, key in indexed
                },
            )
        )
    return days


def average_intake(*, days: Sequence[DayIntake]) -> dict[str, NutrientIntake]:
    """Mean daily intake over the LOGGED days only (empty when none is logged); item counts and
    ``known_share`` are pooled over those days, the share weighted by grams."""
    logged = [d for d in days if d.logged]
    if not logged:
        return {}
    keys = list(dict.fromkeys(k for d in logged for k in d.nutrients))
    all_items = sum(d.items for d in logged)
    all_grams = sum(d.grams for d in logged)
    average: dict[str, NutrientIntake] = {}
    for key in keys:
        amount = 0.0
        known_items = 0
        known_grams = 0.0
        for d in logged:
            # A day summed without this nutrient counts as logged but unknown for it.
            intake = d.nutrients.get(key)
            if intake is not None:
                amount += intake.amount
                known_items += intake.known_items
                known_grams += intake.known_share * d.grams
        average[key] = NutrientIntake(
            amount=amount / len(logged),
            known_items=known_items,
            total_items=all_items,
            known_share=min(1.0, known_grams / all_grams) if all_grams > 0 else 0.0,
        )
    return average


def _status(amount: float, target: Target) -> Status:
    if amount < target.amount:
        return "below"
    if target.upper is not None and amount > target.upper:
        return "above"
    return "adequate"


def assess(
    *, intake: Mapping[str, NutrientIntake], targets: Mapping[str, Target]
) -> dict[str, Assessment]:
    """Compare each nutrient present in both ``intake`` and ``targets`` (same units).

    "below" = under the RDA/AI, "above" = over ``Target.upper`` (UL or sodium CDRR), else
    "adequate"; ``partial`` flags coverage under ``PARTIAL_COVERAGE``, status left as computed.
    """
    result: dict[str, Assessment] = {}
    for key, taken in intake.items():
        target = targets.get(key)
        if target is None:
            continue
        if target.amount <= 0:
            raise NutritionError(f"target for {key} must be positive", field="targets")
        result[key] = Assessment(
            amount=taken.amount,
            target=target.amount,
            unit=target.unit,
            percent=taken.amount / target.amount * 100.0,
            status=_status(taken.amount, target),
            coverage=taken.known_share,
            partial=taken.known_share < PARTIAL_COVERAGE,
            upper=target.upper,
        )
    return result

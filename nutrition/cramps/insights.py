"""Diary insights: how intake on the day before a cramp night compares with other days.

For each cramp night ``n`` we look at the logged day ``n - 1`` and count whether a nutrient
was under ``threshold`` (a fraction of the personal target). The same count over logged days
whose following night had no cramp gives a base rate to compare with. These are plain counts
from the user's own log: small, unadjusted and unable to show cause, which every statement
says (``CAVEAT``).

Nutrients covered: ``RAISE_NUTRIENTS`` (potassium, magnesium, calcium, thiamin). Targets come
from the National Academies DRIs (see nutrition.person.targets); this module only sees fractions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from nutrition.errors import NutritionError
from nutrition.nutrients import RAISE_NUTRIENTS
from nutrition.person.intake import DayIntake
from nutrition.person.targets import Target

INSIGHT_NUTRIENTS: Final[tuple[str, ...]] = RAISE_NUTRIENTS

CAVEAT: Final[str] = (
    "These are counts from your own diary, not proof that one thing causes the other."
)

_LABELS: Final[Mapping[str, str]] = {
    "potassium": "potassium",
    "magnesium": "magnesium",
    "calcium": "calcium",
    "thiamin": "thiamin (vitamin B1)",
}

_ONE_DAY: Final = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Insight:
    """Counts for one nutrient; ``nights_below <= nights_with_data <= cramp_nights`` always.

    ``other_days_*`` count logged days whose following night had no recorded cramp.
    ``threshold`` is the fraction of target used (0.6 = 60 %). ``statement`` ends with CAVEAT.
    """

    nutrient: str
    statement: str
    cramp_nights: int
    nights_with_data: int
    nights_below: int
    other_days_with_data: int
    other_days_below: int
    threshold: float


def _value(
    day_percent: Mapping[date, Mapping[str, float | None]], day: date, key: str
) -> float | None:
    values = day_percent.get(day)
    if values is None:
        return None
    value = values.get(key)
    if value is not None and not math.isfinite(value):
        raise NutritionError(
            f"fraction of target for {key!r} on {day.isoformat()} is not a number",
            field="day_percent",
        )
    return value


def _percent(threshold: float) -> str:
    # 0.6 * 100 is 60.00000000000001 in binary floating point; round before printing.
    return f"{round(threshold * 100, 1):g} %"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _statement(
    *,
    label: str,
    limit: str,
    nights: int,
    with_data: int,
    below: int,
    other_with_data: int,
    other_below: int,
) -> str:
    text = (
        f"{below} of your {_plural(with_data, 'cramp night')} with a logged day before"
        f" {'it' if with_data == 1 else 'them'} followed days with {label} under {limit} of target"
    )
    if other_with_data:
        text += (
            f" (days without a cramp that night: {other_below} of {other_with_data} under {limit})."
        )
    else:
        text += " (no logged days without a cramp that night to compare with)."
    missing = nights - with_data
    if missing:
        text += f" {_plural(missing, 'cramp night')} had no {label} logged the day before."
    return text + " " + CAVEAT


def cramp_insights(
    *,
    cramp_nights: Sequence[date],
    day_percent: Mapping[date, Mapping[str, float | None]],
    threshold: float = 0.6,
) -> list[Insight]:
    """One Insight per nutrient with data for at least one cramp night, in RAISE_NUTRIENTS order.

    ``day_percent[d][key]`` is the fraction of target reached on logged day ``d``; a missing key
    or None is unknown. Pass only days whose following night is over. Raises NutritionError on
    a non-positive or non-finite threshold, or a NaN/infinite fraction.
    """
    if not (math.isfinite(threshold) and threshold > 0):
        raise NutritionError(
            f"threshold must be a positive fraction, got {threshold!r}", field="threshold"
        )
    nights = sorted(set(cramp_nights))
    night_set = set(nights)
    # A logged day is a "non-cramp" day when the night after it had no recorded cramp.
    other_days = sorted(d for d in day_percent if d + _ONE_DAY not in night_set)
    limit = _percent(threshold)
    insights: list[Insight] = []
    for key in INSIGHT_NUTRIENTS:
        before = [_value(day_percent, n - _ONE_DAY, key) for n in nights]
        known = [v for v in before if v is not None]
        if not known:
            continue
        other = [v for v in (_value(day_percent, d, key) for d in other_days) if v is not None]
        below = sum(1 for v in known if v < threshold)
        other_below = sum(1 for v in other if v < threshold)
        statement = _statement(
            label=_LABELS[key],
            limit=limit,
            nights=len(nights),
            with_data=len(known),
            below=below,
            other_with_data=len(other),
            other_below=other_below,
        )
        insights.append(
            Insight(
                nutrient=key,
                statement=statement,
                cramp_nights=len(nights),
                nights_with_data=len(known),
                nights_below=below,
                other_days_with_data=len(other),
                other_days_below=other_below,
                threshold=threshold,
            )
        )
    return insights


def night_of(started_at: datetime) -> date:
    """The night an episode belongs to, named by the morning it ends (local time given).

    A cramp at 03:00 on 5 March and one at 23:00 on 4 March both fall in the night that ends
    on 5 March, whose preceding day is 4 March.
    """
    return (started_at - timedelta(hours=12)).date() + timedelta(days=1)


def day_fractions(
    *, days: Sequence[DayIntake], targets: Mapping[str, Target]
) -> dict[date, dict[str, float | None]]:
    """For each logged day, the fraction of target reached per nutrient (None if unknown)."""
    return {
        d.date: {
            key: (value.amount / targets[key].amount if value.known_items else None)
            for key, value in d.nutrients.items()
            if key in targets
        }
        for d in days
        if d.logged
    }

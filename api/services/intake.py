"""Shape a user's intake window: per-day and average assessments against targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from zoneinfo import ZoneInfo

from api.schemas.intake import AveragePublic, Coverage, DayPublic, NutrientStatus
from nutrition.person.intake import (
    Assessment,
    LoggedItem,
    NutrientIntake,
    assess,
    average_intake,
    intake_by_day,
)
from nutrition.person.targets import Target


def _note(a: Assessment) -> str | None:
    if a.partial and a.status == "below":
        share = round(a.coverage * 100)
        return (
            f"only {share} % of the logged food had a known value: the real intake may be "
            "higher, so this is not a confirmed shortfall"
        )
    return None


def _statuses(
    intake: Mapping[str, NutrientIntake], targets: Mapping[str, Target]
) -> dict[str, NutrientStatus]:
    out = {}
    for key, a in assess(intake=intake, targets=targets).items():
        n = intake[key]
        out[key] = NutrientStatus(
            amount=round(a.amount, 3),
            unit=a.unit,
            target=a.target,
            percent=round(a.percent, 1),
            upper=a.upper,
            status=a.status,
            partial=a.partial,
            note=_note(a),
            coverage=Coverage(
                items_known=n.known_items, items=n.total_items, grams_share=round(n.known_share, 4)
            ),
        )
    return out


def _energy(intake: Mapping[str, NutrientIntake]) -> float | None:
    e = intake.get("energy_kcal")
    return None if e is None or e.known_items == 0 else round(e.amount, 1)


def intake_window(
    *,
    items: Sequence[LoggedItem],
    tz_name: str,
    start: date,
    end: date,
    targets: Mapping[str, Target],
) -> tuple[list[DayPublic], AveragePublic, dict[str, NutrientIntake]]:
    """Days from ``start`` to ``end`` (inclusive) and the average over logged days."""
    days = intake_by_day(items=items, tz=ZoneInfo(tz_name), start=start, end=end)
    public = [
        DayPublic(
            date=d.date,
            logged=d.logged,
            items=d.items,
            energy_kcal=_energy(d.nutrients) if d.logged else None,
            nutrients=_statuses(d.nutrients, targets) if d.logged else None,
        )
        for d in days
    ]
    logged = [d for d in days if d.logged]
    average = average_intake(days=days)
    summary = AveragePublic(
        days_logged=len(logged),
        days=len(days),
        energy_kcal=_energy(average) if logged else None,
        nutrients=_statuses(average, targets) if logged else None,
    )
    return public, summary, average

"""Targets and intake shapes, and their presenters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pydantic import BaseModel, Field

from nutrition.nutrients import rounded
from nutrition.person.intake import Assessment, DayIntake, NutrientIntake, assess
from nutrition.person.targets import Target


class TargetPublic(BaseModel):
    """A daily reference intake (National Academies DRI) for the user's life stage."""

    amount: float
    unit: str
    kind: str = Field(description="RDA or AI")
    upper: float | None = Field(
        description="UL where one applies to food (calcium); for sodium the CDRR; else null"
    )
    upper_kind: str | None = Field(description="UL or CDRR")
    source: str


class TargetsPublic(BaseModel):
    """The user's targets. The magnesium UL (supplements only) is not a food limit."""

    user_id: str
    life_stage: str
    targets: dict[str, TargetPublic]
    magnesium_supplement_ul: float = Field(
        description="UL for magnesium from supplements and medicines only, mg/day"
    )


class Coverage(BaseModel):
    """How much of the log had a known value for the nutrient."""

    items_known: int
    items: int
    grams_share: float = Field(description="share (0-1) of the logged grams with a known value")


class NutrientStatus(BaseModel):
    """Intake of one nutrient against the target."""

    amount: float = Field(description="sum of the known amounts (a lower bound if coverage < 1)")
    unit: str
    target: float
    percent: float
    upper: float | None
    status: str = Field(description="below, adequate or above")
    coverage: Coverage
    partial: bool = Field(description="coverage too thin to call this a deficit")
    note: str | None = None


class DayPublic(BaseModel):
    """One calendar day in the user's time zone. Unlogged days carry no amounts."""

    date: date
    logged: bool
    items: int
    energy_kcal: float | None
    nutrients: dict[str, NutrientStatus] | None


class AveragePublic(BaseModel):
    """Per-day average over the logged days of the window."""

    days_logged: int
    days: int
    energy_kcal: float | None
    nutrients: dict[str, NutrientStatus] | None


class IntakePublic(BaseModel):
    """Intake by day and on average, against the user's targets."""

    user_id: str
    timezone: str
    life_stage: str
    from_: date = Field(alias="from")
    to: date
    days: list[DayPublic]
    average: AveragePublic

    model_config = {"populate_by_name": True}


def target_public(target: Target) -> TargetPublic:
    """A daily reference intake."""
    return TargetPublic(
        amount=target.amount,
        unit=target.unit,
        kind=target.kind,
        upper=target.upper,
        upper_kind=target.upper_kind,
        source=target.source,
    )


def _note(a: Assessment) -> str | None:
    if a.partial and a.status == "below":
        share = round(a.coverage * 100)
        return (
            f"only {share} % of the logged food had a known value: the real intake may be "
            "higher, so this is not a confirmed shortfall"
        )
    return None


def nutrient_statuses(
    intake: Mapping[str, NutrientIntake], targets: Mapping[str, Target]
) -> dict[str, NutrientStatus]:
    """Each nutrient's intake assessed against its target, with its coverage."""
    out = {}
    for key, a in assess(intake=intake, targets=targets).items():
        n = intake[key]
        out[key] = NutrientStatus(
            amount=rounded(key, a.amount) or 0.0,
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


def day_public(day: DayIntake, targets: Mapping[str, Target]) -> DayPublic:
    """One day; an unlogged day carries no amounts."""
    return DayPublic(
        date=day.date,
        logged=day.logged,
        items=day.items,
        energy_kcal=_energy(day.nutrients) if day.logged else None,
        nutrients=nutrient_statuses(day.nutrients, targets) if day.logged else None,
    )


def average_public(
    days: Sequence[DayIntake],
    average: Mapping[str, NutrientIntake],
    targets: Mapping[str, Target],
) -> AveragePublic:
    """The per-day average over the logged days of ``days``."""
    logged = sum(d.logged for d in days)
    return AveragePublic(
        days_logged=logged,
        days=len(days),
        energy_kcal=_energy(average) if logged else None,
        nutrients=nutrient_statuses(average, targets) if logged else None,
    )

"""Targets and intake shapes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


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

"""Cramp diary and insight shapes, and their presenters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from api.schemas.advice import AdvicePublic
from api.services.windows import with_offset
from api.store.models import CrampEpisode
from nutrition.cramps.advice import DISCLAIMER
from nutrition.cramps.diary import SYMPTOMS
from nutrition.cramps.insights import CAVEAT, Insight

Symptom = Literal[SYMPTOMS]  # type: ignore[valid-type]


class CrampCreate(BaseModel):
    """A cramp episode."""

    model_config = ConfigDict(extra="forbid")

    started_at: AwareDatetime = Field(description="RFC 3339 with an offset")
    duration_minutes: float = Field(gt=0, le=24 * 60)
    severity: int = Field(ge=1, le=10)
    leg: Literal["left", "right", "both"]
    symptoms: list[Symptom] = Field(default=[], max_length=len(SYMPTOMS))
    note: str | None = Field(default=None, max_length=1000)

    @field_validator("started_at")
    @classmethod
    def _when(cls, value: datetime) -> datetime:
        if value < datetime(1900, 1, 1, tzinfo=UTC):
            raise ValueError("must not be before 1900-01-01")
        if value > datetime.now(UTC) + timedelta(days=1):
            raise ValueError("must not be more than 1 day in the future")
        return value

    @field_validator("symptoms")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class CrampPublic(BaseModel):
    """A stored episode."""

    id: str
    started_at: datetime
    duration_minutes: float
    severity: int
    leg: str
    symptoms: list[str]
    note: str | None
    created_at: datetime


class CrampLoggedPublic(CrampPublic):
    """A stored episode with the advice it calls for."""

    advice: list[AdvicePublic]
    disclaimer: str


class CrampList(BaseModel):
    """Episodes, newest first."""

    items: list[CrampPublic]


class InsightPublic(BaseModel):
    """How cramp nights relate to the previous day's intake, with the counts behind it."""

    nutrient: str
    statement: str
    cramp_nights: int
    nights_with_data: int
    nights_below: int
    other_days_with_data: int
    other_days_below: int
    threshold: float


class InsightsPublic(BaseModel):
    """Associations in the user's own diary; never a claim of cause."""

    days: int
    cramp_nights: int
    insights: list[InsightPublic]
    caveat: str
    disclaimer: str


def cramp_public(row: CrampEpisode) -> CrampPublic:
    """The public form of a stored episode, at the offset it was logged with."""
    return CrampPublic(
        id=row.id,
        started_at=with_offset(row.started_at, row.utc_offset_minutes),
        duration_minutes=row.duration_minutes,
        severity=row.severity,
        leg=row.leg,
        symptoms=row.symptoms,
        note=row.note,
        created_at=row.created_at,
    )


def cramp_logged_public(row: CrampEpisode, *, advice: list[AdvicePublic]) -> CrampLoggedPublic:
    """A just-logged episode with the advice it calls for and the disclaimer."""
    return CrampLoggedPublic(**cramp_public(row).model_dump(), advice=advice, disclaimer=DISCLAIMER)


def insights_public(*, days: int, cramp_nights: int, found: Sequence[Insight]) -> InsightsPublic:
    """The diary's associations with the caveat and disclaimer."""
    return InsightsPublic(
        days=days,
        cramp_nights=cramp_nights,
        insights=[InsightPublic(**asdict(i)) for i in found],
        caveat=CAVEAT,
        disclaimer=DISCLAIMER,
    )

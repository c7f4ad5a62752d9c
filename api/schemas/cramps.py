"""Cramp diary and insight shapes, and their presenters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.schemas.advice import AdvicePublic
from api.schemas.common import EARLIEST, InputModel, Moment
from api.services.windows import with_offset
from api.store.models import CrampEpisode
from nutrition.cramps.advice import DISCLAIMER
from nutrition.cramps.diary import SYMPTOMS
from nutrition.cramps.insights import CAVEAT, Insight

Symptom = Literal[SYMPTOMS]  # type: ignore[valid-type]


def _check_started_at(value: datetime) -> datetime:
    if value < EARLIEST:
        raise ValueError("must not be before 1900-01-01")
    if value > datetime.now(UTC) + timedelta(days=1):
        raise ValueError("must not be more than 1 day in the future")
    return value


Leg = Literal["left", "right", "both"]


class CrampCreate(InputModel):
    """A cramp episode."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "started_at": "2025-03-11T03:10:00+01:00",
                    "duration_minutes": 4,
                    "severity": 6,
                    "leg": "left",
                    "symptoms": ["sleep_disrupted"],
                    "note": "calf, woke me up",
                }
            ]
        }
    )

    started_at: Moment = Field(description="RFC 3339 with an offset; 1900 to 1 day ahead")
    duration_minutes: float = Field(gt=0, le=24 * 60, description="how long it lasted")
    severity: int = Field(ge=1, le=10, description="1 (mild) to 10 (worst)")
    leg: Leg
    symptoms: list[Symptom] = Field(default=[], max_length=len(SYMPTOMS))
    note: str | None = Field(default=None, max_length=1000, description="free text")

    @field_validator("started_at")
    @classmethod
    def _when(cls, value: datetime) -> datetime:
        return _check_started_at(value)

    @field_validator("symptoms")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class CrampUpdate(InputModel):
    """Fields of an episode to change; the others stay as they are."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"severity": 4, "note": None}]})

    started_at: Moment | None = None
    duration_minutes: float | None = Field(default=None, gt=0, le=24 * 60)
    severity: int | None = Field(default=None, ge=1, le=10)
    leg: Leg | None = None
    symptoms: list[Symptom] | None = Field(default=None, max_length=len(SYMPTOMS))
    note: str | None = Field(default=None, max_length=1000)

    @field_validator("started_at")
    @classmethod
    def _when(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _check_started_at(value)

    @field_validator("symptoms")
    @classmethod
    def _dedupe(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else list(dict.fromkeys(value))


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


class CrampPage(BaseModel):
    """A page of episodes, newest first (``started_at``, then id)."""

    items: list[CrampPublic]
    next_cursor: str | None = Field(description="the cursor of the next page; null on the last")


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

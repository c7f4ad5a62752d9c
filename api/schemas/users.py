"""User profile shapes and their presenter. Keys for allergies, medications and conditions are
in docs/api.md."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from api.schemas.common import Day, InputModel
from api.store.models import User
from nutrition.person.profile import ALLERGENS, CONDITIONS, MEDICATIONS

Allergen = Literal[ALLERGENS]  # type: ignore[valid-type]
Medication = Literal[MEDICATIONS]  # type: ignore[valid-type]
Condition = Literal[CONDITIONS]  # type: ignore[valid-type]
Dislike = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

_ZONES = frozenset(available_timezones())


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


class UserBase(BaseModel):
    """Profile fields a client sends and reads back."""

    sex: Literal["female", "male"]
    pregnant: bool = False
    lactating: bool = False
    timezone: str = Field(default="UTC", max_length=64, description="IANA time zone name")
    diet: Literal["vegetarian", "vegan", "pescatarian"] | None = None
    allergies: list[Allergen] = Field(default=[], max_length=len(ALLERGENS))
    dislikes: list[Dislike] = Field(
        default=[], max_length=100, description="food ids (sr28:09040) or words (liver)"
    )
    medications: list[Medication] = Field(default=[], max_length=len(MEDICATIONS))
    conditions: list[Condition] = Field(default=[], max_length=len(CONDITIONS))

    @field_validator("timezone")
    @classmethod
    def _iana_zone(cls, value: str) -> str:
        if value not in _ZONES:
            raise ValueError(f"{value!r} is not an IANA time zone name (e.g. Europe/Paris)")
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not an IANA time zone name") from exc
        return value

    @field_validator("allergies", "dislikes", "medications", "conditions")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return _unique(value)


class UserUpdate(UserBase, InputModel):
    """A profile to create or replace. Give ``birth_date`` or ``age`` (whole years), not both."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "sex": "female",
                    "birth_date": "1961-05-04",
                    "timezone": "Europe/Paris",
                    "medications": ["thiazide_diuretic"],
                    "conditions": ["hypertension"],
                    "dislikes": ["liver"],
                }
            ]
        },
    )

    birth_date: Day | None = Field(default=None, description="YYYY-MM-DD; not in the future")
    age: int | None = Field(default=None, ge=1, le=125, description="whole years, from 1")


class UserPublic(UserBase):
    """A stored profile with its derived age and life stage."""

    user_id: str
    birth_date: date | None
    age: int
    life_stage: str
    created_at: datetime
    updated_at: datetime


def user_public(user: User, *, age: int, life_stage: str) -> UserPublic:
    """The public form of a stored user, with the age and life stage derived for today."""
    return UserPublic(
        user_id=user.external_id,
        birth_date=user.birth_date,
        age=age,
        life_stage=life_stage,
        sex=user.sex,
        pregnant=user.pregnant,
        lactating=user.lactating,
        timezone=user.timezone,
        diet=user.diet,
        allergies=user.allergies,
        dislikes=user.dislikes,
        medications=user.medications,
        conditions=user.conditions,
        created_at=user.created_at,
        updated_at=user.updated_at,
    )

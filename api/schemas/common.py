"""Shapes and input types shared by several resources.

- ``InputModel``: the base of every request body. Strict types (``"100"`` and ``true`` are
  not numbers), unknown fields refused, and no control characters in any text.
- Times: ``Moment`` (an RFC 3339 date-time with an offset) and ``Day`` (an RFC 3339
  full-date), strings only and bounded to ``EARLIEST``..``LATEST``, so no input can reach a
  date the calendar arithmetic cannot represent. ``DayOrMoment`` is the query bound type.
- ``UserIdPath``: a user id starts with a letter or digit (so never ``.`` or ``..``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Strict,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from nutrition.search.phrases import MAX_TEXT

USER_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
#: Ids the API makes (meals, cramps): 32 hex digits; any other text is just not found.
RESOURCE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"

#: The earliest and latest instants any date or time input may name.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"
)
_BOUNDS = f"from {EARLIEST.date()} to {LATEST.date()}"


def control_character(text: str, *, allow_newlines: bool) -> str | None:
    """The first control, surrogate or unassigned-private character in ``text``, or None.

    Tab, CR and LF are allowed in free text when ``allow_newlines``; never in ids.
    """
    for ch in text:
        if allow_newlines and ch in "\t\r\n":
            continue
        if unicodedata.category(ch) in {"Cc", "Cs"}:
            return ch
    return None


def _check_text(value: Any) -> None:
    if isinstance(value, str):
        bad = control_character(value, allow_newlines=True)
        if bad is not None:
            raise ValueError(f"must not contain the control character U+{ord(bad):04X}")
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_text(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)


class InputModel(BaseModel):
    """Base of request bodies: strict types, no unknown fields, no control characters."""

    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        _check_text(value)
        return value


def _bounded(moment: datetime) -> datetime:
    # Compare the calendar year first: converting year 1 at +14:00 to UTC would overflow.
    if not EARLIEST.year <= moment.year <= LATEST.year:
        raise ValueError(f"must be {_BOUNDS}")
    if not EARLIEST <= moment <= LATEST:
        raise ValueError(f"must be {_BOUNDS}")
    return moment


def parse_moment(value: Any) -> datetime:
    """An RFC 3339 date-time string with an offset, bounded; ValueError otherwise."""
    if not isinstance(value, str) or not _DATETIME_RE.match(value):
        raise ValueError("must be an RFC 3339 date-time with an offset, e.g. 2025-03-10T08:00:00Z")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date and time") from None
    return _bounded(moment)


def parse_day(value: Any) -> date:
    """An RFC 3339 full-date string (YYYY-MM-DD), bounded; ValueError otherwise."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError("must be an RFC 3339 date, YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    if not EARLIEST.date() <= day <= LATEST.date():
        raise ValueError(f"must be {_BOUNDS}")
    return day


def _day_or_moment(value: Any) -> date | datetime:
    if isinstance(value, str) and _DATE_RE.match(value):
        return parse_day(value)
    if isinstance(value, str) and _DATETIME_RE.match(value):
        return parse_moment(value)
    raise ValueError("must be an RFC 3339 date (YYYY-MM-DD) or date-time with an offset")


Moment = Annotated[
    AwareDatetime,
    Strict(False),
    BeforeValidator(parse_moment),
    WithJsonSchema({"type": "string", "format": "date-time", "examples": ["2025-03-10T08:00:00Z"]}),
]
Day = Annotated[
    date,
    Strict(False),
    BeforeValidator(parse_day),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2025-03-10"]}),
]
DayOrMoment = Annotated[
    AwareDatetime | date,
    BeforeValidator(_day_or_moment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ],
            "examples": ["2025-03-10"],
        }
    ),
]


def _check_id(value: str) -> str:
    if control_character(value, allow_newlines=False) is not None:
        raise ValueError("must not contain control characters")
    return value


UserIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=128,
        pattern=USER_ID_PATTERN,
        description="the client's own id for the user: 1-128 letters, digits, '.', '_' and "
        "'-', starting with a letter or digit",
        examples=["u-1024"],
    ),
]
ResourceIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=RESOURCE_ID_PATTERN,
        description="the id the API gave the resource",
        examples=["9f1c2e7a4b5d4c3e8f6a1b2c3d4e5f60"],
    ),
    AfterValidator(_check_id),
]
FromQuery = Annotated[
    DayOrMoment | None,
    Query(
        alias="from",
        description="start (inclusive): a date in the user's time zone, or an RFC 3339 "
        f"date-time with an offset; {_BOUNDS}",
    ),
]
ToQuery = Annotated[
    DayOrMoment | None,
    Query(
        description="end: a date is inclusive (a whole local day), a date-time exclusive; "
        f"{_BOUNDS}",
    ),
]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must name at least one food, not only spaces")
    return value


#: A meal as typed ("2 eggs and a slice of toast"): 1-1000 characters, not only spaces.
MealText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT),
    AfterValidator(_not_blank),
]

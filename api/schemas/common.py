"""Shapes and types shared by several resources."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, StringConstraints

from nutrition.search.phrases import MAX_TEXT

USER_ID_PATTERN = r"^[A-Za-z0-9._-]{1,128}$"

UserIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=128,
        pattern=USER_ID_PATTERN,
        description="the client's own id for the user: letters, digits, '.', '_' and '-'",
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

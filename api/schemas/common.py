"""Shapes and types shared by several resources."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

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

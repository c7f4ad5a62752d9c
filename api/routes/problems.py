"""The problem types: what each error ``type`` URI (``/problems/<code>``) means (no auth)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path

from api.errors import ERROR_KINDS
from api.schemas.problems import ProblemTypePublic, problem_type_public

router = APIRouter(prefix="/problems", tags=["problems"])

ErrorCode = Literal[tuple(ERROR_KINDS)]  # type: ignore[valid-type]


@router.get("/{code}")
def get_problem(
    code: Annotated[ErrorCode, Path(description="an error code")],  # type: ignore[valid-type]
) -> ProblemTypePublic:
    """Describe one kind of error: its code, HTTP status, title and meaning."""
    return problem_type_public(ERROR_KINDS[code])

"""A user's intake over days against their targets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SessionDep, UserDep
from api.schemas.common import Day
from api.schemas.intake import IntakePublic
from api.services.intake import intake_report

router = APIRouter(prefix="/users/{user_id}/intake", tags=["intake"])


@router.get("", response_model_by_alias=True)
def get_intake(
    user: UserDep,
    session: SessionDep,
    from_: Annotated[
        Day | None, Query(alias="from", description="YYYY-MM-DD, default to - 6 days")
    ] = None,
    to: Annotated[Day | None, Query(description="YYYY-MM-DD inclusive, default today")] = None,
) -> IntakePublic:
    """Report daily intake in the user's time zone and the average over logged days."""
    return intake_report(session, user=user, start=from_, end=to)

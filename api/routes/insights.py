"""How a user's cramp nights relate to the previous day's intake."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SessionDep, UserDep
from api.schemas.cramps import InsightsPublic
from api.services.insights import cramp_insights_for

router = APIRouter(prefix="/users/{user_id}/insights", tags=["insights"])


@router.get("")
def get_insights(
    user: UserDep,
    session: SessionDep,
    days: Annotated[int, Query(ge=7, le=366, description="how far back to look")] = 90,
) -> InsightsPublic:
    """Relate cramp nights to the previous day's intake, with the counts behind each statement."""
    return cramp_insights_for(session, user=user, days=days)

"""A user's intake over days against their targets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import SessionDep, UserAnswersDep, UserDep
from api.responses import prepared_response
from api.schemas.common import Day
from api.schemas.intake import IntakePublic
from api.services.intake import cached_intake, intake_answer

router = APIRouter(prefix="/users/{user_id}/intake", tags=["intake"])


@router.get("", response_model=IntakePublic, response_model_by_alias=True)
async def get_intake(
    user: UserDep,
    session: SessionDep,
    answers: UserAnswersDep,
    from_: Annotated[
        Day | None, Query(alias="from", description="YYYY-MM-DD, default to - 6 days")
    ] = None,
    to: Annotated[Day | None, Query(description="YYYY-MM-DD inclusive, default today")] = None,
) -> Any:
    """Report daily intake in the user's time zone and the average over logged days."""
    answer = cached_intake(answers, user, start=from_, end=to)
    if answer is None:  # not made since the user's last write: compute it in a thread
        answer = await run_in_threadpool(
            intake_answer, session, answers, user=user, start=from_, end=to
        )
    return prepared_response(answer)

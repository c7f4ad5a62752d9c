"""The cramp diary: log an episode (with the advice it calls for) and list episodes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime

from api.deps import IdempotentWriteDep, SessionDep, UserDep
from api.errors import IDEMPOTENT_CONFLICT
from api.schemas.cramps import CrampCreate, CrampList, CrampLoggedPublic
from api.services import cramps

router = APIRouter(prefix="/users/{user_id}/cramps", tags=["cramps"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CrampLoggedPublic,
    responses=IDEMPOTENT_CONFLICT,
)
def log_cramp(
    user: UserDep, body: CrampCreate, session: SessionDep, write: IdempotentWriteDep
) -> Any:
    """Log a cramp episode; the answer carries advice, urgent when a symptom is a red flag."""
    answer = cramps.record_episode(session, user=user, body=body, write=write)
    return JSONResponse(answer.body, status_code=answer.status_code)


@router.get("")
def list_cramps(
    user: UserDep,
    session: SessionDep,
    from_: Annotated[AwareDatetime | date | None, Query(alias="from")] = None,
    to: Annotated[
        AwareDatetime | date | None, Query(description="exclusive; dates inclusive")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> CrampList:
    """List cramp episodes, newest first."""
    return cramps.list_episodes(session, user=user, start=from_, end=to, limit=limit)

"""The cramp diary: log an episode (with the advice it calls for), list, read, change,
delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from api.deps import IdempotentWriteDep, SessionDep, UserDep
from api.responses import answer_response
from api.schemas.common import FromQuery, ResourceIdPath, ToQuery
from api.schemas.cramps import CrampCreate, CrampLoggedPublic, CrampPage, CrampPublic, CrampUpdate
from api.schemas.pages import CursorQuery, LimitQuery
from api.services import cramps

router = APIRouter(prefix="/users/{user_id}/cramps", tags=["cramps"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CrampLoggedPublic)
def create_cramp(
    user: UserDep, body: CrampCreate, session: SessionDep, write: IdempotentWriteDep
) -> Any:
    """Log a cramp episode; the answer carries advice, urgent when a symptom is a red flag."""
    return answer_response(cramps.record_episode(session, user=user, body=body, write=write))


@router.get("")
def list_cramps(
    user: UserDep,
    session: SessionDep,
    from_: FromQuery = None,
    to: ToQuery = None,
    limit: LimitQuery = 20,
    cursor: CursorQuery = None,
) -> CrampPage:
    """List cramp episodes newest first (by started_at, then id)."""
    return cramps.list_episodes(session, user=user, start=from_, end=to, limit=limit, cursor=cursor)


@router.get("/{cramp_id}")
def get_cramp(user: UserDep, cramp_id: ResourceIdPath, session: SessionDep) -> CrampPublic:
    """Read one cramp episode."""
    return cramps.read_episode(session, user=user, episode_id=cramp_id)


@router.patch("/{cramp_id}")
def update_cramp(
    user: UserDep, cramp_id: ResourceIdPath, body: CrampUpdate, session: SessionDep
) -> CrampPublic:
    """Change an episode's time, duration, severity, leg, symptoms or note."""
    return cramps.change_episode(session, user=user, episode_id=cramp_id, body=body)


@router.delete("/{cramp_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_cramp(user: UserDep, cramp_id: ResourceIdPath, session: SessionDep) -> None:
    """Delete a cramp episode."""
    cramps.delete_episode(session, user=user, episode_id=cramp_id)

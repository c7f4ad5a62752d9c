"""The cramp diary: log an episode (with the advice it calls for) and list episodes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from pydantic import AwareDatetime
from sqlmodel import Session

from api.deps import SessionDep, UserDep
from api.errors import PROBLEM_RESPONSES
from api.schemas.cramps import CrampIn, CrampList, CrampLogged, CrampPublic
from api.services.meal_items import with_offset
from api.services.suggestions import advice_public
from api.services.windows import local_bound
from api.store.idempotency import IdempotencyKey, check_retry, key_lifetime, respond
from api.store.models import CrampEpisode, User, utcnow
from api.store.queries import cramps as cramp_queries
from nutrition.cramps.advice import DISCLAIMER, Advice
from nutrition.cramps.diary import episode_advice

router = APIRouter(prefix="/users/{user_id}/cramps", tags=["cramps"])
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: PROBLEM_RESPONSES[404] | {"description": "Idempotency-Key reused"}
}
RECENT_DAYS = 30


def cramp_public(row: CrampEpisode) -> CrampPublic:
    """The public form of a stored episode."""
    return CrampPublic(
        id=row.id,
        started_at=with_offset(row.started_at, row.utc_offset_minutes),
        duration_minutes=row.duration_minutes,
        severity=row.severity,
        leg=row.leg,
        symptoms=row.symptoms,
        note=row.note,
        created_at=row.created_at,
    )


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=CrampLogged, responses=CONFLICT
)
def log_cramp(
    user: UserDep,
    body: CrampIn,
    request: Request,
    session: SessionDep,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Log a cramp episode; the answer carries advice, urgent when a symptom is a red flag."""
    request_hash, replay = check_retry(
        session, client_id=user.client_id, key=idempotency_key, request=request, body=body
    )
    if replay is not None:
        return replay
    row = cramp_queries.build_episode(user=user, body=body)
    answer = CrampLogged(
        **cramp_public(row).model_dump(),
        advice=advice_public(_advice(session, user, row)),
        disclaimer=DISCLAIMER,
    ).model_dump(mode="json")
    return respond(
        session,
        client_id=user.client_id,
        user_id=user.id,
        key=idempotency_key,
        request_hash=request_hash,
        max_age=key_lifetime(request),
        answer=answer,
        stage=lambda s: s.add(row),
    )


def _advice(session: Session, user: User, row: CrampEpisode) -> list[Advice]:
    now = utcnow()
    recent = cramp_queries.list_episodes(
        session, user=user, start=now - timedelta(days=RECENT_DAYS), end=None, limit=500
    )
    return episode_advice(
        episode=cramp_queries.to_episode(row),
        recent=[cramp_queries.to_episode(r) for r in recent],
        now=now,
    )


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
    rows = cramp_queries.list_episodes(
        session,
        user=user,
        start=local_bound(from_, user.timezone, end=False),
        end=local_bound(to, user.timezone, end=True),
        limit=limit,
    )
    return CrampList(items=[cramp_public(r) for r in rows])

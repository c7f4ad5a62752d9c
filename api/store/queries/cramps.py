"""Cramp diary queries."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from api.schemas.cramps import CrampIn
from api.services.meal_items import offset_minutes, with_offset
from api.store.models import CrampEpisode, User, utcnow
from api.store.queries.meals import new_id
from nutrition.cramps.diary import CrampEpisode as Episode


def build_episode(*, user: User, body: CrampIn) -> CrampEpisode:
    """A row for a new episode (not yet added)."""
    assert user.id is not None
    return CrampEpisode(
        id=new_id(),
        user_id=user.id,
        started_at=body.started_at,
        utc_offset_minutes=offset_minutes(body.started_at),
        duration_minutes=body.duration_minutes,
        severity=body.severity,
        leg=body.leg,
        symptoms=list(body.symptoms),
        note=body.note,
        created_at=utcnow(),
    )


def list_episodes(
    session: Session, *, user: User, start: datetime | None, end: datetime | None, limit: int
) -> list[CrampEpisode]:
    """Episodes in [start, end), newest first."""
    query = select(CrampEpisode).where(CrampEpisode.user_id == user.id)
    if start is not None:
        query = query.where(col(CrampEpisode.started_at) >= start)
    if end is not None:
        query = query.where(col(CrampEpisode.started_at) < end)
    order = (col(CrampEpisode.started_at).desc(), col(CrampEpisode.id).desc())
    return list(session.exec(query.order_by(*order).limit(limit)))


def to_episode(row: CrampEpisode) -> Episode:
    """The domain value of a stored episode."""
    return Episode(
        started_at=with_offset(row.started_at, row.utc_offset_minutes),
        duration_minutes=row.duration_minutes,
        severity=row.severity,
        leg=row.leg,  # type: ignore[arg-type]
        symptoms=frozenset(row.symptoms),
    )

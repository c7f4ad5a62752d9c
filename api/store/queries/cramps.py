"""Cramp diary queries. Writes are staged; services commit."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from api.store.models import CrampEpisode, User


def add_episode(session: Session, row: CrampEpisode) -> None:
    """Stage a new episode."""
    session.add(row)


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

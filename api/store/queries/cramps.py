"""Cramp diary queries. Writes are staged; services commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from api.errors import NotFound
from api.store.models import CrampEpisode, User
from api.store.queries import users


def add_episode(session: Session, row: CrampEpisode) -> None:
    """Stage a new episode."""
    session.add(row)
    users.touch(session, user_id=row.user_id)


def list_episodes(
    session: Session,
    *,
    user: User,
    start: datetime | None,
    end: datetime | None,
    limit: int,
    after: tuple[datetime, str] | None = None,
) -> list[CrampEpisode]:
    """Up to ``limit`` episodes in [start, end), newest first (``started_at``, then id,
    descending), after the position ``after``."""
    query = select(CrampEpisode).where(CrampEpisode.user_id == user.id)
    if start is not None:
        query = query.where(col(CrampEpisode.started_at) >= start)
    if end is not None:
        query = query.where(col(CrampEpisode.started_at) < end)
    if after is not None:
        when, episode_id = after
        query = query.where(
            or_(
                col(CrampEpisode.started_at) < when,
                and_(col(CrampEpisode.started_at) == when, col(CrampEpisode.id) < episode_id),
            )
        )
    order = (col(CrampEpisode.started_at).desc(), col(CrampEpisode.id).desc())
    return list(session.exec(query.order_by(*order).limit(limit)))


def get_episode(session: Session, *, user: User, episode_id: str) -> CrampEpisode:
    """One of the user's episodes; 404 otherwise."""
    row = session.exec(
        select(CrampEpisode).where(CrampEpisode.id == episode_id, CrampEpisode.user_id == user.id)
    ).first()
    if row is None:
        raise NotFound(f"no cramp episode {episode_id!r}")
    return row


def save_episode(session: Session, row: CrampEpisode) -> None:
    """Stage a changed episode."""
    session.add(row)
    users.touch(session, user_id=row.user_id)


def delete_episode(session: Session, row: CrampEpisode) -> None:
    """Stage deleting an episode."""
    session.delete(row)
    users.touch(session, user_id=row.user_id)


def all_episodes(session: Session, *, user: User) -> list[CrampEpisode]:
    """Every episode of the user, oldest first (for the export)."""
    order = (col(CrampEpisode.started_at), col(CrampEpisode.id))
    return list(
        session.exec(select(CrampEpisode).where(CrampEpisode.user_id == user.id).order_by(*order))
    )

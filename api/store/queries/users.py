"""User queries, always scoped to one client."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, delete, select

from api.errors import NotFound
from api.schemas.users import UserIn
from api.store.engine import serialized_write
from api.store.models import CrampEpisode, IdempotencyRecord, Meal, MealItem, User, utcnow


def find_user(session: Session, *, client_id: int, user_id: str) -> User | None:
    """The client's user with external id ``user_id``, or None."""
    return session.exec(
        select(User).where(User.client_id == client_id, User.external_id == user_id)
    ).first()


def get_user(session: Session, *, client_id: int, user_id: str) -> User:
    """The client's user; 404 when this client has no such user."""
    user = find_user(session, client_id=client_id, user_id=user_id)
    if user is None:
        raise NotFound(f"no user {user_id!r}")
    return user


def put_user(
    session: Session, *, client_id: int, user_id: str, body: UserIn, today: date
) -> tuple[User, bool]:
    """Create or replace a profile and commit; return it and whether it is new."""
    user = find_user(session, client_id=client_id, user_id=user_id)
    created = user is None
    now = utcnow()
    if user is None:
        user = User(
            client_id=client_id, external_id=user_id, sex=body.sex, created_at=now, updated_at=now
        )
    fields = body.model_dump()
    for name, value in fields.items():
        setattr(user, name, value)
    user.age_recorded_on = today if body.age is not None else None
    user.updated_at = now
    session.add(user)
    with serialized_write(session):
        session.commit()
    session.refresh(user)
    return user, created


def delete_user(session: Session, *, user: User) -> None:
    """Erase the user and every log of theirs, then commit."""
    with serialized_write(session):
        for table in (IdempotencyRecord, MealItem, Meal, CrampEpisode):
            session.exec(delete(table).where(col(table.user_id) == user.id))
        session.delete(user)
        session.commit()

"""User queries, always scoped to one client. Writes are staged; services commit."""

from __future__ import annotations

from sqlmodel import Session, col, delete, select, update

from api.errors import NotFound
from api.store.models import CrampEpisode, IdempotencyRecord, Meal, MealItem, User


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


def save_user(session: Session, user: User) -> None:
    """Stage a new or changed user (a changed one gets a new data version)."""
    if user.id is not None:
        user.data_version = User.data_version + 1
    session.add(user)


def touch(session: Session, *, user_id: int) -> None:
    """Stage raising the user's data version: their logs changed (in the same transaction)."""
    session.exec(
        update(User).where(col(User.id) == user_id).values(data_version=col(User.data_version) + 1)
    )


def delete_user(session: Session, *, user: User) -> None:
    """Stage erasing the user and every log of theirs (and their stored answers)."""
    for table in (IdempotencyRecord, MealItem, Meal, CrampEpisode):
        session.exec(delete(table).where(col(table.user_id) == user.id))
    session.delete(user)

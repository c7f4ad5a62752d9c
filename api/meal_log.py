"""Writing meals idempotently: stage rows and the answer, commit once, replay on retry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlmodel import Session

from api import idempotency
from api.errors import Conflict
from api.queries.meals import StoredMeal, add_meals, commit_or_conflict


def write_meals(
    session: Session,
    *,
    client_id: int,
    key: str | None,
    request_hash: str,
    meals: Sequence[StoredMeal],
    answer: Callable[[Sequence[StoredMeal]], Any],
) -> tuple[int, Any]:
    """Store ``meals`` and return (201, answer). With a key, store the answer alongside.

    Two concurrent requests with one key: the unique constraint lets one commit; the other
    rolls back and replays the winner's answer.
    """
    body = answer(meals)
    add_meals(session, meals)
    if key is not None:
        idempotency.remember(
            session, client_id=client_id, key=key, request_hash=request_hash, status_code=201,
            body=body,
        )
    if commit_or_conflict(session):
        return 201, body
    if key is None:
        raise Conflict("the meal could not be stored; retry")
    replay = idempotency.find_replay(
        session, client_id=client_id, key=key, request_hash=request_hash
    )
    if replay is None:
        raise Conflict("the meal could not be stored; retry")
    return replay.status_code, replay.body


def replay_for(
    session: Session, *, client_id: int, key: str | None, request_hash: str
) -> idempotency.Replay | None:
    """The stored answer to a retried request, if any (409 if the key was used otherwise)."""
    if key is None:
        return None
    return idempotency.find_replay(
        session, client_id=client_id, key=key, request_hash=request_hash
    )

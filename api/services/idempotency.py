"""Idempotent creates: a retry with the same ``Idempotency-Key`` gets the first answer.

The key is scoped to the client and the answer is stored (``api/store/idempotency.py``) in
the same transaction as the change it describes, tied to the user so erasing the user erases
it. Answers can be replayed for ``CRAMPFOOD_IDEMPOTENCY_TTL_HOURS``; an expired key is free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from api.errors import Conflict
from api.services.transaction import commit_or_conflict
from api.store.engine import serialized_write
from api.store.idempotency import expire, find_replay, fingerprint, remember


@dataclass(frozen=True, slots=True)
class IdempotentWrite:
    """What a create needs to know of its request (``api.deps.IdempotentWriteDep``)."""

    key: str | None
    method: str
    path: str
    max_age: timedelta


@dataclass(frozen=True, slots=True)
class Created:
    """A create ready to commit: its 201 answer and how to stage its rows (no commit)."""

    answer: BaseModel
    stage: Callable[[Session], None]


@dataclass(frozen=True, slots=True)
class Answer:
    """What to send: the first answer, or the one stored for a retry."""

    status_code: int
    body: Any


def idempotent_create(
    session: Session,
    *,
    write: IdempotentWrite,
    client_id: int,
    user_id: int | None,
    body: BaseModel,
    prepare: Callable[[], Created],
) -> Answer:
    """Replay a retried create; else ``prepare`` it, stage it with its answer, commit, 201.

    ``prepare`` runs only when there is nothing to replay. Two concurrent requests with one
    key: the unique constraint lets one commit; the other rolls back and replays the winner.
    """
    request_hash = fingerprint(write.method, write.path, body.model_dump(mode="json"))
    if write.key is not None:
        replay = find_replay(
            session,
            client_id=client_id,
            key=write.key,
            request_hash=request_hash,
            max_age=write.max_age,
        )
        if replay is not None:
            return Answer(replay.status_code, replay.body)
    created = prepare()
    answer = created.answer.model_dump(mode="json")
    with serialized_write(session):
        created.stage(session)
        if write.key is not None:
            # An expired answer under the same key would block the new one.
            expire(session, max_age=write.max_age, client_id=client_id, key=write.key)
            remember(
                session,
                client_id=client_id,
                user_id=user_id,
                key=write.key,
                request_hash=request_hash,
                status_code=201,
                body=answer,
            )
        committed = commit_or_conflict(session)
    if committed:
        return Answer(201, answer)
    winner = (
        None
        if write.key is None
        else find_replay(session, client_id=client_id, key=write.key, request_hash=request_hash)
    )
    if winner is None:
        raise Conflict("the write conflicted with a concurrent one; retry")
    return Answer(winner.status_code, winner.body)

"""Idempotent creates per the IETF Idempotency-Key draft.

- A retry with the same key and body gets the first answer again, marked
  ``Idempotent-Replayed: true``, for ``CRAMPFOOD_IDEMPOTENCY_TTL_HOURS`` (48 by default).
- The same key with another body on the same route: 422 ``idempotency-key-reused``.
- The same key while the first request is still being processed: 409
  ``idempotency-key-in-flight``. In flight means: held in this process's registry, or (on
  PostgreSQL, across workers) by a transaction-level advisory lock, which dies with its
  transaction, so a crashed request never blocks its retry.
- Keys are scoped to the client, the method and the route, user included.

The change and its answer are committed together, tied to the user so erasing the user
erases them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from api.errors import Conflict, IdempotencyKeyInFlight, IdempotencyKeyReused
from api.services.transaction import commit_or_conflict, write_transaction
from api.store import idempotency as store
from api.store.engine import serialized_write
from api.store.models import IdempotencyRecord, utcnow

_IN_FLIGHT: set[tuple[int, str]] = set()
_GUARD = threading.Lock()


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
    """What to send: the first answer, or (``replayed``) the one stored for a retry."""

    status_code: int
    body: Any
    replayed: bool = False


def _in_flight_error() -> IdempotencyKeyInFlight:
    return IdempotencyKeyInFlight(
        "a request with this Idempotency-Key is still being processed; retry later"
    )


@contextmanager
def _in_flight(session: Session, *, client_id: int, key: str) -> Iterator[None]:
    """Mark ``key`` in flight for the block; 409 if it already is."""
    token = (client_id, key)
    with _GUARD:
        if token in _IN_FLIGHT:
            raise _in_flight_error()
        _IN_FLIGHT.add(token)
    try:
        if not store.try_lock_key(session, client_id=client_id, key=key):
            raise _in_flight_error()
        yield
    finally:
        with _GUARD:
            _IN_FLIGHT.discard(token)


def _judge(record: IdempotencyRecord, request_hash: str) -> Answer:
    """The answer to a request whose key has a stored answer."""
    if record.request_hash != request_hash:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was already used with another request body on this route"
        )
    return Answer(record.status_code, store.stored_body(record), replayed=True)


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

    ``prepare`` runs only when there is nothing to replay.
    """
    if write.key is None:
        created = prepare()
        answer = created.answer.model_dump(mode="json")
        with write_transaction(session):
            created.stage(session)
        return Answer(201, answer)
    key = store.scoped_key(write.method, write.path, write.key)
    request_hash = store.fingerprint(body.model_dump(mode="json"))
    with _in_flight(session, client_id=client_id, key=key):
        record = store.find(session, client_id=client_id, key=key)
        if record is not None and record.created_at >= utcnow() - write.max_age:
            return _judge(record, request_hash)
        created = prepare()
        answer = created.answer.model_dump(mode="json")
        with serialized_write(session):
            created.stage(session)
            if record is not None:  # expired: the key is free again
                session.delete(record)
                session.flush()
            store.remember(
                session,
                client_id=client_id,
                user_id=user_id,
                key=key,
                request_hash=request_hash,
                status_code=201,
                body=answer,
            )
            committed = commit_or_conflict(session)
    if committed:
        return Answer(201, answer)
    # Another worker (SQLite, several processes) committed the same key first.
    winner = store.find(session, client_id=client_id, key=key)
    if winner is None:
        raise Conflict("the write conflicted with a concurrent one; retry")
    return _judge(winner, request_hash)

"""Idempotent writes: a retry with the same ``Idempotency-Key`` gets the first answer.

The key is scoped to the client. The request fingerprint covers method, path and the
canonical JSON body, so the same key with another body is a 409. The stored answer is
written in the same transaction as the change it describes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlmodel import Session, col, delete, select

from api.errors import Conflict
from api.store.engine import commit_or_conflict, serialized_write
from api.store.models import IdempotencyRecord, utcnow

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="any unique string; a retry with the same key and body replays the answer",
    ),
]


@dataclass(frozen=True, slots=True)
class Replay:
    """A stored answer."""

    status_code: int
    body: Any


def fingerprint(method: str, path: str, body: Any) -> str:
    """A hash of the request that a retry must match."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def find_replay(
    session: Session,
    *,
    client_id: int,
    key: str,
    request_hash: str,
    max_age: timedelta | None = None,
) -> Replay | None:
    """The stored answer for ``key``; Conflict if the key was used for another request.

    An answer older than ``max_age`` has expired: the key is free again.
    """
    record = session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.client_id == client_id, IdempotencyRecord.key == key
        )
    ).first()
    if record is None or (max_age is not None and record.created_at < utcnow() - max_age):
        return None
    if record.request_hash != request_hash:
        raise Conflict(
            "this Idempotency-Key was already used with a different request",
            errors=[],
        )
    return Replay(record.status_code, json.loads(record.response_body))


def remember(
    session: Session,
    *,
    client_id: int,
    user_id: int | None,
    key: str,
    request_hash: str,
    status_code: int,
    body: Any,
) -> None:
    """Stage the answer for ``key`` in the current transaction (the caller commits).

    ``user_id`` ties the stored answer (which holds the user's data) to the user, so erasing
    the user erases it too.
    """
    session.add(
        IdempotencyRecord(
            client_id=client_id,
            user_id=user_id,
            key=key,
            request_hash=request_hash,
            status_code=status_code,
            response_body=json.dumps(body, separators=(",", ":")),
            created_at=utcnow(),
        )
    )


def replay_for(
    session: Session,
    *,
    client_id: int,
    key: str | None,
    request_hash: str,
    max_age: timedelta | None = None,
) -> Replay | None:
    """The stored answer to a retried request, if any (409 if the key was used otherwise)."""
    if key is None:
        return None
    return find_replay(
        session, client_id=client_id, key=key, request_hash=request_hash, max_age=max_age
    )


def expire(
    session: Session, *, max_age: timedelta, client_id: int | None = None, key: str | None = None
) -> int:
    """Delete answers older than ``max_age`` (optionally one client's key); return how many."""
    query = delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < utcnow() - max_age)
    if client_id is not None and key is not None:
        query = query.where(
            col(IdempotencyRecord.client_id) == client_id, col(IdempotencyRecord.key) == key
        )
    result = session.exec(query)
    return int(result.rowcount or 0)


def respond(
    session: Session,
    *,
    client_id: int,
    user_id: int | None,
    key: str | None,
    request_hash: str,
    answer: Any,
    stage: Callable[[Session], None],
    max_age: timedelta,
) -> JSONResponse:
    """Stage the change, and with a key its answer, commit both at once, and answer 201.

    Two concurrent requests with one key: the unique constraint lets one commit; the other
    rolls back and replays the winner's answer.
    """
    with serialized_write(session):
        stage(session)
        if key is not None:
            # An expired answer under the same key would block the new one.
            expire(session, max_age=max_age, client_id=client_id, key=key)
            remember(
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
        return JSONResponse(answer, status_code=201)
    replay = replay_for(session, client_id=client_id, key=key, request_hash=request_hash)
    if replay is None:
        raise Conflict("the write conflicted with a concurrent one; retry")
    return JSONResponse(replay.body, status_code=replay.status_code)


def check_retry(
    session: Session, *, client_id: int, key: str | None, request: Request, body: BaseModel
) -> tuple[str, JSONResponse | None]:
    """Fingerprint a write; with a key already answered, also return the replayed answer."""
    request_hash = fingerprint(request.method, request.url.path, body.model_dump(mode="json"))
    replay = replay_for(
        session,
        client_id=client_id,
        key=key,
        request_hash=request_hash,
        max_age=key_lifetime(request),
    )
    if replay is None:
        return request_hash, None
    return request_hash, JSONResponse(replay.body, status_code=replay.status_code)


def key_lifetime(request: Request) -> timedelta:
    """How long a stored answer stays replayable (``CRAMPFOOD_IDEMPOTENCY_TTL_HOURS``)."""
    return timedelta(hours=request.app.state.settings.idempotency_ttl_hours)

"""Stored answers of idempotent writes: find, remember, expire (the service commits).

The key is scoped to the client. The request fingerprint covers method, path and the
canonical JSON body, so the same key with another body is a 409. ``api/services/idempotency.py``
writes the answer in the same transaction as the change it describes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, delete, select

from api.errors import Conflict
from api.store.models import IdempotencyRecord, utcnow


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


def expire(
    session: Session, *, max_age: timedelta, client_id: int | None = None, key: str | None = None
) -> int:
    """Stage deleting answers older than ``max_age`` (optionally one client's key); how many."""
    query = delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < utcnow() - max_age)
    if client_id is not None and key is not None:
        query = query.where(
            col(IdempotencyRecord.client_id) == client_id, col(IdempotencyRecord.key) == key
        )
    result = session.exec(query)
    return int(result.rowcount or 0)

"""Stored answers of idempotent writes: find, remember, expire, and the lock that marks a
key in flight (the service commits; ``api/services/idempotency.py`` has the flow).

Per the IETF Idempotency-Key draft, a key is scoped to the client, the method and the
route, user included: the row stores ``scoped_key`` (a SHA-256 of method, path and key),
unique per client. ``request_hash`` covers the canonical JSON body, so the same key with
another body is told apart.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, delete, func, select

from api.store.models import IdempotencyRecord, utcnow


def scoped_key(method: str, path: str, key: str) -> str:
    """The stored form of ``key``: scoped to the method and the route (user included)."""
    return hashlib.sha256(f"{method} {path}\n{key}".encode()).hexdigest()


def fingerprint(body: Any) -> str:
    """A hash of the request body that a retry must match."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def find(session: Session, *, client_id: int, key: str) -> IdempotencyRecord | None:
    """The record of a scoped key, or None."""
    return session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.client_id == client_id, IdempotencyRecord.key == key
        )
    ).first()


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
    """Stage the answer for ``key`` in the current transaction (the caller commits it with
    the change it describes). ``user_id`` ties it to the user: erasing the user erases it."""
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


def try_lock_key(session: Session, *, client_id: int, key: str) -> bool:
    """PostgreSQL: take a transaction-level advisory lock on the key, False if another
    transaction holds it (a request in flight, in any worker). The lock goes with the
    transaction, so a worker that dies frees it. SQLite: True (the service's in-process
    registry is the guard there)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    digest = hashlib.sha256(f"{client_id}:{key}".encode()).digest()
    lock_id = int.from_bytes(digest[:8], "big", signed=True)
    taken = session.exec(select(func.pg_try_advisory_xact_lock(lock_id))).one()
    return bool(taken)


def stored_body(record: IdempotencyRecord) -> Any:
    """The answer stored under a completed key."""
    return json.loads(record.response_body)


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

"""API keys: create, list and revoke them (the CLI), and authenticate a request's key.

A verified key is remembered in the worker for ``KeyCache.ttl`` seconds (default 5), so most
requests never touch the database to authenticate. That bounds how long a revoked key keeps
working on any worker: it is looked up again, and refused, at most ``ttl`` seconds later.
Unknown and revoked keys are never remembered.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import Engine
from sqlmodel import Session

from api.services.transaction import write_transaction
from api.store import keys as key_store
from api.store.keys import KeyInfo
from api.store.models import Client


def create_key(engine: Engine, *, client_name: str) -> str:
    """Create a key for ``client_name`` (creating the client if new) and return it."""
    with Session(engine) as session, write_transaction(session):
        return key_store.create_key(session, client_name=client_name)


def list_keys(engine: Engine) -> list[KeyInfo]:
    """Every key, oldest first (never the keys themselves)."""
    with Session(engine) as session:
        return key_store.list_keys(session)


def revoke_key(engine: Engine, *, key_id: int) -> bool:
    """Revoke a key by id; False if there is no such active key."""
    with Session(engine) as session, write_transaction(session):
        return key_store.revoke_key(session, key_id=key_id)


class KeyCache:
    """Verified keys and their client for ``ttl`` seconds (bounded; thread-safe)."""

    def __init__(
        self, *, ttl: float, size: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, Client]] = {}

    def get(self, key_hash: str) -> Client | None:
        """The client for a key verified less than ``ttl`` seconds ago."""
        with self._lock:
            entry = self._entries.get(key_hash)
            if entry is None:
                return None
            if entry[0] <= self._clock():
                del self._entries[key_hash]
                return None
            return entry[1]

    def client_for(self, key: str) -> Client | None:
        """The client for ``key`` when it was verified less than ``ttl`` seconds ago."""
        return self.get(key_store.hash_key(key))

    def put(self, key_hash: str, client: Client) -> None:
        """Remember a verified key until ``ttl`` seconds from now."""
        if self.ttl <= 0:
            return
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()  # rare: more live keys than the bound
            self._entries[key_hash] = (self._clock() + self.ttl, client)


def authenticate(session: Session, key: str, *, cache: KeyCache | None = None) -> Client | None:
    """The client owning an active ``key``, or None (from ``cache`` when verified recently)."""
    key_hash = key_store.hash_key(key)
    if cache is not None and (hit := cache.get(key_hash)) is not None:
        return hit
    client = key_store.client_for_key(session, key)
    if client is not None and cache is not None:
        session.expunge(client)  # shared read-only across requests from now on
        cache.put(key_hash, client)
    return client

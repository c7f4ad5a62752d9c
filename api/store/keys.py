"""API keys: creation, listing, revocation (staged; ``api/services/keys.py`` commits), and
lookup of the client behind a key.

Keys are 32 random bytes (``cf_`` + URL-safe base64). Only their SHA-256 is stored: a key
with that much entropy needs no slow password hash, and lookup stays a single index probe.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from api.store.models import ApiKey, Client, utcnow

KEY_PREFIX = "cf_"


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """A key as listed by the CLI (never the key itself)."""

    id: int
    client: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, *, client_name: str) -> str:
    """Create a key for ``client_name`` (creating the client if new); return the key."""
    client = session.exec(select(Client).where(Client.name == client_name)).first()
    if client is None:
        client = Client(name=client_name, created_at=utcnow())
        session.add(client)
        session.flush()
    assert client.id is not None
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiKey(client_id=client.id, prefix=key[:10], key_hash=hash_key(key), created_at=utcnow())
    )
    session.flush()
    return key


def list_keys(session: Session) -> list[KeyInfo]:
    """Every key, oldest first."""
    rows = session.exec(
        select(ApiKey, Client).where(ApiKey.client_id == Client.id).order_by(col(ApiKey.id))
    ).all()
    return [KeyInfo(k.id or 0, c.name, k.prefix, k.created_at, k.revoked_at) for k, c in rows]


def revoke_key(session: Session, *, key_id: int) -> bool:
    """Stage revoking a key by id; False if there is no such active key."""
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = utcnow()
    session.add(key)
    return True


def client_for_key(session: Session, key: str) -> Client | None:
    """The client owning an active ``key``, or None."""
    return session.exec(
        select(Client)
        .join(ApiKey, col(ApiKey.client_id) == col(Client.id))
        .where(ApiKey.key_hash == hash_key(key), col(ApiKey.revoked_at).is_(None))
    ).first()

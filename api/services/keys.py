"""API keys: create, list and revoke them (the CLI), and authenticate a request's key."""

from __future__ import annotations

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


def authenticate(session: Session, key: str) -> Client | None:
    """The client owning an active ``key``, or None."""
    return key_store.client_for_key(session, key)

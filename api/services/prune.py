"""Prune stored idempotent answers past their lifetime (``python -m api prune``)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from api.services.transaction import write_transaction
from api.store.idempotency import expire


def prune_answers(engine: Engine, *, max_age: timedelta) -> int:
    """Delete every stored answer older than ``max_age``; return how many went."""
    with Session(engine) as session, write_transaction(session):
        return expire(session, max_age=max_age)

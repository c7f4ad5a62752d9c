"""The only place that commits. Every service write goes through one of these two.

SQLite writers in one process queue on ``serialized_write`` from their first write to the
commit. A route's 2xx is built from what the service returns, so it is never sent before
the commit; anything left uncommitted is rolled back when the request's session closes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.store.engine import serialized_write


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """Stage the block's writes, then commit them at once (nothing is committed on error)."""
    with serialized_write(session):
        yield session
        session.commit()


def commit_or_conflict(session: Session) -> bool:
    """Commit; False (after rollback) when a unique constraint lost a race."""
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True

"""Engines, the schema check, and the SQLite write queue. Nothing here commits: services do
(``api/services/transaction.py``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers run beside the writer; synchronous=FULL makes every acknowledged
    # commit durable; busy_timeout makes concurrent writers wait instead of failing;
    # secure_delete overwrites deleted content (erasure leaves no copy in free pages).
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """Create the engine for ``url``: SQLite (file or memory) or PostgreSQL via psycopg."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            # Twice PostgreSQL's pool (no server-side connection limit to respect): opening a
            # connection (and setting its pragmas) per request would cost more than most
            # queries, and overflow connections are closed as soon as they are given back.
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": 30},
                pool_size=2 * pool_size,
                max_overflow=2 * pool_size,
                hide_parameters=True,
            )
        else:
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False},
                poolclass=StaticPool,
                hide_parameters=True,
            )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: SQL errors and logs never quote the values (user data) bound.
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        hide_parameters=True,
    )


_SQLITE_WRITES = threading.Lock()


@contextmanager
def serialized_write(session: Session) -> Iterator[None]:
    """Queue this process's SQLite writers on a lock, from first write to commit.

    SQLite's busy handler sleeps and polls, so under many concurrent writers some wait far
    longer than others; a blocking lock queues them instead. PostgreSQL needs nothing.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    with _SQLITE_WRITES:
        yield


def checkpoint_after_erasure(session: Session) -> None:
    """SQLite: copy the WAL into the database file and truncate it, so erased rows leave no
    old page images behind (with ``secure_delete`` the freed pages are zeroed too).
    PostgreSQL needs nothing here (see docs/api.md, Erasure). Not a commit: it runs after
    the service's commit, outside any transaction."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite" or not isinstance(bind, Engine):
        return
    with _SQLITE_WRITES, bind.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

"""Alembic environment: runs the migrations on the connection crampfood passes in.

``api.store.migrate`` puts an open connection, inside the transaction that holds the
migration lock, in ``config.attributes["connection"]``; there is no offline (SQL script)
mode and no ``alembic.ini``. SQLite gets ``render_as_batch`` so later ALTERs (which SQLite
mostly lacks) are done by copying the table.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.migration import MigrationContext, MigrationInfo
from sqlalchemy import Connection

config = context.config


def _record(
    ctx: MigrationContext, step: MigrationInfo, heads: Collection[Any], run_args: Mapping[str, Any]
) -> None:
    """Remember each revision applied (``config.attributes["applied"]``), oldest first."""
    if step.is_upgrade and not step.is_stamp:
        config.attributes.setdefault("applied", []).append(step.up_revision_id)


def run_migrations_online() -> None:
    """Run the pending migrations on the given connection."""
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "crampfood's migrations run through api.store.migrate.upgrade(engine), "
            'which passes a connection in config.attributes["connection"]'
        )
    context.configure(
        connection=connection,
        target_metadata=config.attributes.get("target_metadata"),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        on_version_apply=_record,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("crampfood's migrations run online only (on a live connection)")
run_migrations_online()

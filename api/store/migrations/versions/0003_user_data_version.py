"""A data version per user, raised by every write to their profile, meals or cramp diary.

Frozen DDL: one integer column on ``app_user``, 0 for every existing user (a cache keyed by
it starts empty in every worker anyway). Nothing existing is rewritten.

Revision ID: 0003_user_data_version
Revises: 0002_custom_foods
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_user_data_version"
down_revision: str | None = "0002_custom_foods"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    """Add ``app_user.data_version`` (0 for every existing user). A plain ALTER TABLE on
    every engine (SQLite adds a NOT NULL column with a default in place): the table is
    not rebuilt, so its rows and constraints stay as they are."""
    op.add_column(
        "app_user",
        sa.Column("data_version", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    """Drop ``app_user.data_version``."""
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("data_version")

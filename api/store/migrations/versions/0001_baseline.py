"""Baseline: the schema of release e3404af, the last one before migrations.

Frozen DDL, written out by hand: never import the live models here. It is exactly what
that release's ``SQLModel.metadata.create_all`` made on SQLite and PostgreSQL (same types,
the same unnamed UNIQUE and FOREIGN KEY constraints in the same order, the same ``ix_*``
indexes), so a database made by e3404af and one made by this revision are the same.
Timestamps are ``DateTime(timezone=True)``: what ``UTCDateTime`` renders (DATETIME on SQLite,
TIMESTAMP WITH TIME ZONE on PostgreSQL).

Like ``create_all``, it creates only the tables that are absent, so a database holding just
some of them (the food tables ``import_foods`` creates by itself) is completed; databases
that have them all are stamped at this revision instead of running it
(``api.store.migrate``).

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def _utc(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    """A UTC timestamp column (``UTCDateTime`` in the models)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _client() -> None:
    op.create_table(
        "client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        _utc("created_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def _api_key() -> None:
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        _utc("created_at"),
        _utc("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_index("ix_api_key_client_id", "api_key", ["client_id"])


def _app_user() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("age_recorded_on", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=8), nullable=False),
        sa.Column("pregnant", sa.Boolean(), nullable=False),
        sa.Column("lactating", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("diet", sa.String(length=16), nullable=True),
        sa.Column("allergies", sa.JSON(), nullable=False),
        sa.Column("dislikes", sa.JSON(), nullable=False),
        sa.Column("medications", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_id", "external_id"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_app_user_client_id", "app_user", ["client_id"])


def _meal() -> None:
    op.create_table(
        "meal",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _utc("eaten_at"),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("meal", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_meal_user_id", "meal", ["user_id"])
    op.create_index("ix_meal_user_eaten", "meal", ["user_id", "eaten_at", "id"])


def _meal_item() -> None:
    op.create_table(
        "meal_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meal_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _utc("eaten_at"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("food_id", sa.String(length=24), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.Column("energy_kcal", sa.Float(), nullable=True),
        sa.Column("potassium", sa.Float(), nullable=True),
        sa.Column("magnesium", sa.Float(), nullable=True),
        sa.Column("calcium", sa.Float(), nullable=True),
        sa.Column("sodium", sa.Float(), nullable=True),
        sa.Column("thiamin", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["meal_id"], ["meal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_meal_item_meal_id", "meal_item", ["meal_id"])
    op.create_index("ix_meal_item_user_id", "meal_item", ["user_id"])
    op.create_index("ix_meal_item_user_eaten", "meal_item", ["user_id", "eaten_at"])


def _idempotency_record() -> None:
    op.create_table(
        "idempotency_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.String(), nullable=False),
        _utc("created_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_id", "key"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_idempotency_record_client_id", "idempotency_record", ["client_id"])
    op.create_index("ix_idempotency_record_user_id", "idempotency_record", ["user_id"])


def _cramp_episode() -> None:
    op.create_table(
        "cramp_episode",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _utc("started_at"),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("duration_minutes", sa.Float(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("leg", sa.String(length=8), nullable=False),
        sa.Column("symptoms", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        _utc("created_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_cramp_episode_user_id", "cramp_episode", ["user_id"])
    op.create_index("ix_cramp_user_started", "cramp_episode", ["user_id", "started_at"])


def _food() -> None:
    op.create_table(
        "food",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("group_code", sa.String(length=8), nullable=False),
        sa.Column("group_name", sa.String(), nullable=False),
        sa.Column("common_names", sa.String(), nullable=False),
        sa.Column("manufacturer", sa.String(), nullable=False),
        sa.Column("scientific_name", sa.String(), nullable=False),
        sa.Column("allergens", sa.String(), nullable=False),
        sa.Column("animal", sa.String(), nullable=False),
        sa.Column("commonness", sa.Float(), nullable=False),
        sa.Column("ingredient_codes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_food_group_code", "food", ["group_code"])
    op.create_index("ix_food_source", "food", ["source"])


def _food_nutrient() -> None:
    op.create_table(
        "food_nutrient",
        sa.Column("food_id", sa.String(length=24), nullable=False),
        sa.Column("nutrient", sa.String(length=24), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("data_points", sa.Integer(), nullable=True),
        sa.Column("std_error", sa.Float(), nullable=True),
        sa.Column("source_code", sa.String(length=4), nullable=True),
        sa.Column("derivation_code", sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint("food_id", "nutrient"),
    )


def _food_portion() -> None:
    op.create_table(
        "food_portion",
        sa.Column("food_id", sa.String(length=24), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("food_id", "seq"),
    )


def _dataset() -> None:
    op.create_table(
        "dataset",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("foods", sa.Integer(), nullable=False),
        _utc("imported_at"),
        sa.PrimaryKeyConstraint("name"),
    )


#: Each table's DDL, parents before children.
TABLES: dict[str, Callable[[], None]] = {
    "client": _client,
    "api_key": _api_key,
    "app_user": _app_user,
    "meal": _meal,
    "meal_item": _meal_item,
    "idempotency_record": _idempotency_record,
    "cramp_episode": _cramp_episode,
    "food": _food,
    "food_nutrient": _food_nutrient,
    "food_portion": _food_portion,
    "dataset": _dataset,
}


def upgrade() -> None:
    """Create each e3404af table that is not there yet, with its indexes."""
    present = set(sa.inspect(op.get_bind()).get_table_names())
    for name, create in TABLES.items():
        if name not in present:
            create()


def downgrade() -> None:
    """Drop every table (the data goes with them): only for scratch databases."""
    for name in reversed(TABLES):
        op.drop_table(name)

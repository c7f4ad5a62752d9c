"""Custom foods, recipes and stored Open Food Facts answers; per-item coverage of meal items.

Frozen DDL (never the live models): four new tables, and a nullable ``coverage`` column on
``meal_item`` (null for every existing item: their known values cover the whole item).
Nothing existing is rewritten.

Revision ID: 0002_custom_foods
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002_custom_foods"
down_revision: str | None = "0001_baseline"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def _utc(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    """A UTC timestamp column (``UTCDateTime`` in the models)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the new tables and add ``meal_item.coverage``."""
    op.create_table(
        "custom_food",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("brand", sa.String(length=100), nullable=True),
        sa.Column("barcode", sa.String(length=14), nullable=True),
        sa.Column("nutrients", sa.JSON(), nullable=False),
        sa.Column("portions", sa.JSON(), nullable=False),
        sa.Column("allergens", sa.JSON(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_id", "barcode"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_custom_food_client_id", "custom_food", ["client_id"])
    op.create_table(
        "recipe",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("servings", sa.Float(), nullable=False),
        sa.Column("yield_grams", sa.Float(), nullable=True),
        sa.Column("portions", sa.JSON(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_recipe_client_id", "recipe", ["client_id"])
    op.create_table(
        "recipe_ingredient",
        sa.Column("recipe_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("food_id", sa.String(length=24), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("recipe_id", "position"),
        sa.ForeignKeyConstraint(["recipe_id"], ["recipe.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_recipe_ingredient_food_id", "recipe_ingredient", ["food_id"])
    op.create_table(
        "barcode_product",
        sa.Column("code", sa.String(length=14), nullable=False),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.Column("product", sa.JSON(), nullable=True),
        _utc("fetched_at"),
        _utc("expires_at"),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("meal_item") as batch:
        batch.add_column(sa.Column("coverage", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop what ``upgrade`` added (the data in it goes too)."""
    with op.batch_alter_table("meal_item") as batch:
        batch.drop_column("coverage")
    op.drop_table("barcode_product")
    op.drop_index("ix_recipe_ingredient_food_id", table_name="recipe_ingredient")
    op.drop_table("recipe_ingredient")
    op.drop_index("ix_recipe_client_id", table_name="recipe")
    op.drop_table("recipe")
    op.drop_index("ix_custom_food_client_id", table_name="custom_food")
    op.drop_table("custom_food")

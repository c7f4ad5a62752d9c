"""Database tables for the food composition data (written by the importer, read by the API).

Nutrient values are stored one row per reported value: a missing row means USDA did not
report the nutrient (unknown), which is different from a stored 0.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table
from sqlmodel import Field, SQLModel


class FoodRow(SQLModel, table=True):
    """One food of SR28 or FNDDS. ``id`` is ``<source>:<code>``."""

    __tablename__ = "food"

    id: str = Field(primary_key=True, max_length=24)
    source: str = Field(index=True, max_length=8)
    code: str = Field(max_length=16)
    description: str
    group_code: str = Field(index=True, max_length=8)
    group_name: str
    common_names: str = ""
    manufacturer: str = ""
    scientific_name: str = ""
    allergens: str = ""  # space-separated keys of nutrition.person.profile.ALLERGENS
    animal: str = ""  # space-separated animal-product kinds
    commonness: float = 0.0
    ingredient_codes: str = ""  # space-separated food ids of an FNDDS recipe


class FoodNutrientRow(SQLModel, table=True):
    """A reported amount per 100 g of edible portion, with USDA provenance."""

    __tablename__ = "food_nutrient"

    food_id: str = Field(primary_key=True, max_length=24)
    nutrient: str = Field(primary_key=True, max_length=24)
    amount: float
    data_points: int | None = None
    std_error: float | None = None
    source_code: str | None = Field(default=None, max_length=4)
    derivation_code: str | None = Field(default=None, max_length=8)


class FoodPortionRow(SQLModel, table=True):
    """A household measure with its weight in grams (USDA's sequence number orders them)."""

    __tablename__ = "food_portion"

    food_id: str = Field(primary_key=True, max_length=24)
    seq: int = Field(primary_key=True)
    description: str
    grams: float


class DatasetRow(SQLModel, table=True):
    """What was imported, so the importer can tell whether there is anything to do."""

    __tablename__ = "dataset"

    name: str = Field(primary_key=True, max_length=32)
    fingerprint: str = Field(max_length=64)
    foods: int
    imported_at: datetime


FOOD_TABLE_NAMES = ("food", "food_nutrient", "food_portion", "dataset")


def food_tables() -> list[Table]:
    """The SQLAlchemy tables of the food data."""
    return [SQLModel.metadata.tables[name] for name in FOOD_TABLE_NAMES]

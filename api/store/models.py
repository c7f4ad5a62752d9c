"""The service's own tables: clients and keys, users, meal logs, idempotency, cramp diary,
clients' custom foods and recipes, and stored Open Food Facts answers.

Timestamps are stored in UTC (``UTCDateTime``) and read back timezone-aware on every engine.
Food ids in meal items are plain strings, not foreign keys: a re-import of the food tables
must never touch a user's history, and each item keeps the amounts computed when logged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    """A Column for a UTC timestamp."""
    return Column(UTCDateTime(), nullable=nullable, index=index)


def _cascade(target: str) -> Any:
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=False, index=True)


class Client(SQLModel, table=True):
    """A client app (tenant). Its users and logs are invisible to every other client."""

    __tablename__ = "client"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    created_at: datetime = Field(sa_column=utc_column())


class ApiKey(SQLModel, table=True):
    """An API key of a client. Only the SHA-256 of the key is stored."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(sa_column=_cascade("client.id"))
    prefix: str = Field(max_length=16)
    key_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class User(SQLModel, table=True):
    """A client's end user; ``external_id`` is the client's own id for them."""

    __tablename__ = "app_user"
    __table_args__ = (UniqueConstraint("client_id", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(sa_column=_cascade("client.id"))
    external_id: str = Field(max_length=128)
    birth_date: date | None = None
    age: int | None = None
    age_recorded_on: date | None = None
    sex: str = Field(max_length=8)
    pregnant: bool = False
    lactating: bool = False
    timezone: str = Field(default="UTC", max_length=64)
    diet: str | None = Field(default=None, max_length=16)
    allergies: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    dislikes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    medications: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    conditions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())
    #: Raised by every write to the user's profile, meals or cramp diary, in the same
    #: transaction: answers derived from their logs are cached under it.
    data_version: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )


class Meal(SQLModel, table=True):
    """A logged meal. ``eaten_at`` is UTC; ``utc_offset_minutes`` keeps the offset sent."""

    __tablename__ = "meal"
    __table_args__ = (Index("ix_meal_user_eaten", "user_id", "eaten_at", "id"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = Field(sa_column=_cascade("app_user.id"))
    eaten_at: datetime = Field(sa_column=utc_column())
    utc_offset_minutes: int = 0
    meal: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())


class MealItem(SQLModel, table=True):
    """One food in a meal, with grams and the amounts computed when it was logged.

    ``user_id`` and ``eaten_at`` repeat the meal's, so intake over a window is one range
    scan of ``ix_meal_item_user_eaten`` whatever the length of the history.
    """

    __tablename__ = "meal_item"
    __table_args__ = (Index("ix_meal_item_user_eaten", "user_id", "eaten_at"),)

    id: int | None = Field(default=None, primary_key=True)
    meal_id: str = Field(
        sa_column=Column(ForeignKey("meal.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    user_id: int = Field(sa_column=_cascade("app_user.id"))
    eaten_at: datetime = Field(sa_column=utc_column())
    position: int
    food_id: str = Field(max_length=24)
    description: str
    quantity: float | None = None
    unit: str | None = Field(default=None, max_length=64)
    grams: float
    energy_kcal: float | None = None
    potassium: float | None = None
    magnesium: float | None = None
    calcium: float | None = None
    sodium: float | None = None
    thiamin: float | None = None
    #: Share (0-1) of the item's grams with a known value, for nutrients its food (a recipe)
    #: knows only in part; null when every known value covers the whole item.
    coverage: dict[str, float] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


#: The per-item nutrient columns of MealItem, in registry order.
ITEM_NUTRIENTS = ("energy_kcal", "potassium", "magnesium", "calcium", "sodium", "thiamin")


class CustomFood(SQLModel, table=True):
    """A food a client app entered itself, seen by that client alone (``custom:<id>``).

    ``nutrients`` holds the known values per 100 g only (a missing key is unknown);
    ``portions`` is a list of ``{"description", "grams"}``; ``barcode`` is a canonical GTIN,
    unique within the client.
    """

    __tablename__ = "custom_food"
    __table_args__ = (UniqueConstraint("client_id", "barcode"),)

    id: str = Field(primary_key=True, max_length=16)
    client_id: int = Field(sa_column=_cascade("client.id"))
    description: str = Field(max_length=200)
    brand: str | None = Field(default=None, max_length=100)
    barcode: str | None = Field(default=None, max_length=14)
    nutrients: dict[str, float] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    portions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    allergens: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())


class Recipe(SQLModel, table=True):
    """A client's recipe (``recipe:<id>``); its amounts are computed from its ingredients."""

    __tablename__ = "recipe"

    id: str = Field(primary_key=True, max_length=16)
    client_id: int = Field(sa_column=_cascade("client.id"))
    description: str = Field(max_length=200)
    servings: float
    yield_grams: float | None = None
    portions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    created_at: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())


class RecipeIngredient(SQLModel, table=True):
    """One ingredient of a recipe: a food id (any source) and its grams, as resolved when the
    recipe was written (``quantity`` and ``unit`` keep what was sent)."""

    __tablename__ = "recipe_ingredient"

    recipe_id: str = Field(
        sa_column=Column(
            ForeignKey("recipe.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    position: int = Field(primary_key=True)
    food_id: str = Field(max_length=24, index=True)
    grams: float
    quantity: float | None = None
    unit: str | None = Field(default=None, max_length=64)


class BarcodeProduct(SQLModel, table=True):
    """An Open Food Facts answer for a barcode, shared by every client (public data).

    ``found`` False records that Open Food Facts has no such product; ``product`` holds the
    fields read (``food_data.openfoodfacts.FIELDS``). The row is asked again after
    ``expires_at``.
    """

    __tablename__ = "barcode_product"

    code: str = Field(primary_key=True, max_length=14)
    found: bool
    product: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    fetched_at: datetime = Field(sa_column=utc_column())
    expires_at: datetime = Field(sa_column=utc_column())


class IdempotencyRecord(SQLModel, table=True):
    """The stored answer to a write sent with an ``Idempotency-Key`` header."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("client_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(sa_column=_cascade("client.id"))
    user_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("app_user.id", ondelete="CASCADE"), index=True),
    )
    key: str = Field(max_length=255)
    request_hash: str = Field(max_length=64)
    status_code: int
    response_body: str
    created_at: datetime = Field(sa_column=utc_column())


class CrampEpisode(SQLModel, table=True):
    """One night-cramp episode from the user's diary."""

    __tablename__ = "cramp_episode"
    __table_args__ = (Index("ix_cramp_user_started", "user_id", "started_at"),)

    id: str = Field(primary_key=True, max_length=32)
    user_id: int = Field(sa_column=_cascade("app_user.id"))
    started_at: datetime = Field(sa_column=utc_column())
    utc_offset_minutes: int = 0
    duration_minutes: float
    severity: int
    leg: str = Field(max_length=8)
    symptoms: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(sa_column=utc_column())


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)

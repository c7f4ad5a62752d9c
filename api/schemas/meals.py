"""Meal log shapes, and the presenter that turns a stored meal into ``MealPublic``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer,
    model_validator,
)

from api.schemas.common import EARLIEST, InputModel, MealText, Moment
from api.services.windows import with_offset
from api.store.models import ITEM_NUTRIENTS
from api.store.queries.meals import StoredMeal, item_coverage, item_nutrients
from nutrition.nutrients import GRAMS_DECIMALS, rounded, rounded_map

MAX_ITEMS = 100
MAX_GRAMS = 5000.0
MAX_QUANTITY = 1000.0
#: Most meals in one batch, and most items over all of them: the batch's cost cap.
MAX_BATCH = 500
MAX_BATCH_ITEMS = 5000
FUTURE_SLACK = timedelta(days=1)

MealKind = Literal["breakfast", "lunch", "dinner", "snack"]
FoodId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Note = Annotated[str, StringConstraints(max_length=1000)]


def check_eaten_at(value: datetime) -> datetime:
    """RFC 3339 with an offset, from 1900 to at most one day ahead of now."""
    if value < EARLIEST:
        raise ValueError("must not be before 1900-01-01")
    if value > datetime.now(UTC) + FUTURE_SLACK:
        raise ValueError("must not be more than 1 day in the future")
    return value


class MealItemCreate(InputModel):
    """A food and how much: ``grams``, or ``quantity`` with a ``unit``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"food_id": "sr28:09040", "quantity": 1, "unit": "medium"},
                {"food_id": "sr28:01077", "grams": 244},
            ]
        }
    )

    food_id: FoodId = Field(examples=["sr28:09040"])
    grams: float | None = Field(default=None, gt=0, le=MAX_GRAMS, description="grams eaten")
    quantity: float | None = Field(
        default=None, gt=0, le=MAX_QUANTITY, description="how many of ``unit``", examples=[1]
    )
    unit: Unit | None = Field(
        default=None, description="g, kg, oz, lb; ml, l, cup, tbsp, tsp, fl oz; or a portion name"
    )

    @model_validator(mode="after")
    def _one_amount(self) -> MealItemCreate:
        if self.grams is not None and (self.quantity is not None or self.unit is not None):
            raise ValueError("give grams, or quantity with unit, not both")
        if self.grams is None and (self.quantity is None or self.unit is None):
            raise ValueError("give grams, or quantity with unit")
        return self


class MealCreate(InputModel):
    """A meal to log: its ``items``, or its ``text`` as the person typed it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "eaten_at": "2025-03-10T08:00:00+01:00",
                    "meal": "breakfast",
                    "items": [{"food_id": "sr28:09040", "quantity": 1, "unit": "medium"}],
                    "note": "after the run",
                }
            ]
        }
    )

    eaten_at: Moment = Field(description="RFC 3339 with an offset; 1900 to 1 day ahead")
    meal: MealKind
    items: list[MealItemCreate] | None = Field(default=None, min_length=1, max_length=MAX_ITEMS)
    text: MealText | None = Field(
        default=None,
        description="the meal as typed, instead of items; stored as the foods it names",
        examples=["1 cup oatmeal with a sliced banana and 1 tbsp honey"],
    )
    allow_partial: bool = Field(
        default=False, description="with text: log the foods read even if some words were not"
    )
    note: Note | None = Field(default=None, description="free text, up to 1000 characters")

    @field_validator("eaten_at")
    @classmethod
    def _when(cls, value: datetime) -> datetime:
        return check_eaten_at(value)

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A body of items dumps as it did before text existed, so the Idempotency-Key
        # fingerprints of meals sent before an upgrade still match their retries.
        data: dict[str, Any] = handler(self)
        if self.text is None:
            data.pop("text", None)
            data.pop("allow_partial", None)
        return data


class MealUpdate(InputModel):
    """Fields to change; ``items`` replaces every item."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"meal": "snack", "note": "half a banana"}]}
    )

    eaten_at: Moment | None = None
    meal: MealKind | None = None
    items: list[MealItemCreate] | None = Field(default=None, min_length=1, max_length=MAX_ITEMS)
    note: Note | None = None

    @field_validator("eaten_at")
    @classmethod
    def _when(cls, value: datetime | None) -> datetime | None:
        return None if value is None else check_eaten_at(value)


class MealBatchCreate(InputModel):
    """Meals logged offline, stored all together or not at all: up to 500 meals and
    5000 items in all."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "meals": [
                        {
                            "eaten_at": "2025-03-10T08:00:00+01:00",
                            "meal": "breakfast",
                            "items": [{"food_id": "sr28:09040", "grams": 118}],
                        }
                    ]
                }
            ]
        }
    )

    meals: list[MealCreate] = Field(min_length=1, max_length=MAX_BATCH)

    @field_validator("meals")
    @classmethod
    def _item_budget(cls, value: list[MealCreate]) -> list[MealCreate]:
        total = sum(len(m.items or ()) for m in value)
        if total > MAX_BATCH_ITEMS:
            raise ValueError(
                f"holds {total} items in all, over the batch limit of {MAX_BATCH_ITEMS}; "
                "send it as several batches"
            )
        return value


class MealItemPublic(BaseModel):
    """A logged item with its grams and the amounts it holds (null = unknown)."""

    food_id: str
    description: str
    quantity: float | None
    unit: str | None
    grams: float
    nutrients: dict[str, float | None]
    coverage: dict[str, float] = Field(
        description="share of the item's grams with a known value (below 1 for a recipe "
        "with ingredients that do not report it: the amount is then a lower bound)"
    )


class MealPublic(BaseModel):
    """A logged meal with item and total amounts."""

    id: str
    eaten_at: datetime
    meal: MealKind
    note: str | None
    items: list[MealItemPublic]
    nutrients: dict[str, float | None] = Field(
        description="totals of the known amounts; null when no item's amount is known"
    )
    coverage: dict[str, float] = Field(description="share of the meal's grams with a known value")
    created_at: datetime
    updated_at: datetime


class MealPage(BaseModel):
    """A page of meals, newest first."""

    items: list[MealPublic]
    next_cursor: str | None


class MealBatchPublic(BaseModel):
    """The meals a batch stored, in the order sent."""

    items: list[MealPublic]


def meal_public(stored: StoredMeal) -> MealPublic:
    """A meal with its items, totals and coverage."""
    meal = stored.meal
    items = [
        MealItemPublic(
            food_id=i.food_id,
            description=i.description,
            quantity=i.quantity,
            unit=i.unit,
            grams=round(i.grams, GRAMS_DECIMALS),
            nutrients=rounded_map(item_nutrients(i)),
            coverage={k: round(v, 4) for k, v in item_coverage(i).items()},
        )
        for i in stored.items
    ]
    totals: dict[str, float | None] = {}
    coverage: dict[str, float] = {}
    rows = stored.items
    grams = sum(i.grams for i in rows) or 1.0
    for key in ITEM_NUTRIENTS:
        known = [i for i in rows if getattr(i, key) is not None]
        totals[key] = rounded(key, sum(getattr(i, key) for i in known)) if known else None
        share = sum(i.grams * item_coverage(i)[key] for i in known)
        coverage[key] = round(share / grams, 4)
    return MealPublic(
        id=meal.id,
        eaten_at=with_offset(meal.eaten_at, meal.utc_offset_minutes),
        meal=meal.meal,
        note=meal.note,
        items=items,
        nutrients=totals,
        coverage=coverage,
        created_at=meal.created_at,
        updated_at=meal.updated_at,
    )

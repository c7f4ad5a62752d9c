"""Public shapes of foods, portions, nutrients and search results."""

from __future__ import annotations

from pydantic import BaseModel, Field


class NutrientInfo(BaseModel):
    """A tracked nutrient."""

    key: str
    name: str
    unit: str
    usda_number: str = Field(description="SR28 Nutr_No")
    daily_value: float | None = Field(description="FDA Daily Value for adults, or null")


class NutrientList(BaseModel):
    """Every tracked nutrient."""

    items: list[NutrientInfo]


class FoodSummary(BaseModel):
    """A food in a list."""

    id: str = Field(examples=["sr28:09040"])
    description: str
    source: str
    group: str
    group_code: str


class FoodPage(BaseModel):
    """One page of search results."""

    items: list[FoodSummary]
    total: int
    limit: int
    offset: int


class PortionPublic(BaseModel):
    """A household portion and what it holds (null = unknown)."""

    id: str
    description: str
    grams: float
    nutrients: dict[str, float | None]


class TagPublic(BaseModel):
    """A nutrient content claim for the default portion."""

    nutrient: str
    label: str
    text: str
    amount: float
    percent_dv: float


class ValueProvenancePublic(BaseModel):
    """USDA's documentation of one value (SR28 only; null where USDA gives none)."""

    data_points: int | None
    std_error: float | None
    source_code: str | None
    derivation_code: str | None


class Provenance(BaseModel):
    """Where the numbers come from."""

    source: str
    citation: str
    code: str
    values: dict[str, ValueProvenancePublic]
    ingredients: list[str] = Field(description="FNDDS recipe ingredient food ids")


class FoodDetail(BaseModel):
    """A food with nutrients per 100 g, its portions, tags and provenance."""

    id: str
    source: str
    code: str
    description: str
    group: str
    group_code: str
    common_names: str
    nutrients: dict[str, float | None] = Field(description="per 100 g; null = not reported")
    units: dict[str, str]
    portions: list[PortionPublic]
    default_portion: PortionPublic
    tags: list[TagPublic]
    tags_basis: str = Field(description="the portion the tags are computed for")
    allergens: list[str]
    provenance: Provenance


class TopFood(BaseModel):
    """A food ranked by its content of one nutrient."""

    id: str
    description: str
    source: str
    group: str
    amount: float
    unit: str
    basis: str
    portion: PortionPublic | None


class TopFoodList(BaseModel):
    """Best (or, with order=asc, lowest) sources of a nutrient."""

    nutrient: str
    basis: str
    order: str
    items: list[TopFood]


class Health(BaseModel):
    """Service status."""

    status: str
    foods: int
    database: str

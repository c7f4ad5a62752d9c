"""Public shapes of foods, portions, nutrients and search results, and their presenters."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.store.queries.foods import ValueProvenance
from food_data.sources import FNDDS_CITATION, SR28_CITATION
from nutrition.food.foods import Food, Portion
from nutrition.food.portions import default_portion
from nutrition.food.tags import content_tags
from nutrition.food.top import TopEntry
from nutrition.nutrients import (
    BY_KEY,
    GRAMS_DECIMALS,
    NUTRIENTS,
    Nutrient,
    rounded,
    rounded_map,
    scale,
)

UNITS = {n.key: n.unit for n in NUTRIENTS}


class NutrientPublic(BaseModel):
    """A tracked nutrient."""

    key: str
    name: str
    unit: str
    usda_number: str = Field(description="SR28 Nutr_No")
    daily_value: float | None = Field(description="FDA Daily Value for adults, or null")


class NutrientList(BaseModel):
    """Every tracked nutrient."""

    items: list[NutrientPublic]


class FoodSummaryPublic(BaseModel):
    """A food in a list."""

    id: str = Field(examples=["sr28:09040"])
    description: str
    source: str
    group: str
    group_code: str


class FoodPage(BaseModel):
    """One page of search results, best match first."""

    items: list[FoodSummaryPublic]
    next_cursor: str | None = Field(description="the cursor of the next page; null on the last")


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


class FoodPublic(BaseModel):
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


class TopFoodPublic(BaseModel):
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
    items: list[TopFoodPublic]


class HealthPublic(BaseModel):
    """Liveness: the process is up."""

    status: str = Field(description="always ok")
    foods: int = Field(description="foods in the catalog")
    database: str = Field(description="sqlite or postgresql")


class ReadyCheck(BaseModel):
    """One readiness check."""

    ok: bool
    detail: str


class ReadyPublic(BaseModel):
    """Readiness: ``ready`` when the database, the catalog and the migrations all pass."""

    ready: bool
    checks: dict[str, ReadyCheck] = Field(description="database, catalog and migrations")


def nutrient_public(nutrient: Nutrient) -> NutrientPublic:
    """A tracked nutrient with its unit, USDA number and Daily Value."""
    return NutrientPublic(
        key=nutrient.key,
        name=nutrient.name,
        unit=nutrient.unit,
        usda_number=nutrient.usda_number,
        daily_value=nutrient.daily_value,
    )


def food_summary(food: Food) -> FoodSummaryPublic:
    """The short form of a food used in lists."""
    return FoodSummaryPublic(
        id=food.id,
        description=food.description,
        source=food.source,
        group=food.group,
        group_code=food.group_code,
    )


def portion_public(food: Food, portion: Portion) -> PortionPublic:
    """A portion with the amounts it holds."""
    return PortionPublic(
        id=portion.id,
        description=portion.description,
        grams=round(portion.grams, GRAMS_DECIMALS),
        nutrients=rounded_map(scale(food.nutrients, portion.grams)),
    )


def food_public(
    food: Food, *, provenance: list[ValueProvenance], ingredients: list[str]
) -> FoodPublic:
    """The full public form of a food."""
    basis, tags = content_tags(food=food)
    return FoodPublic(
        id=food.id,
        source=food.source,
        code=food.code,
        description=food.description,
        group=food.group,
        group_code=food.group_code,
        common_names=food.common_names,
        nutrients=rounded_map(dict(food.nutrients)),
        units=UNITS,
        portions=[portion_public(food, p) for p in food.portions],
        default_portion=portion_public(food, default_portion(food)),
        tags=[
            TagPublic(
                nutrient=t.nutrient,
                label=t.label,
                text=t.text,
                amount=round(t.amount, 3),
                percent_dv=round(t.percent_dv, 1),
            )
            for t in tags
        ],
        tags_basis=f"{basis.description} ({basis.grams:g} g)",
        allergens=sorted(food.allergens),
        provenance=Provenance(
            source="USDA SR28" if food.source == "sr28" else "USDA FNDDS 2017-2018",
            citation=SR28_CITATION if food.source == "sr28" else FNDDS_CITATION,
            code=food.code,
            values={
                p.nutrient: ValueProvenancePublic(
                    data_points=p.data_points,
                    std_error=p.std_error,
                    source_code=p.source_code,
                    derivation_code=p.derivation_code,
                )
                for p in provenance
            },
            ingredients=ingredients,
        ),
    )


def top_food_public(food: Food, entry: TopEntry, *, nutrient: str) -> TopFoodPublic:
    """A food ranked by one nutrient, with the amount on the entry's basis."""
    return TopFoodPublic(
        id=food.id,
        description=food.description,
        source=food.source,
        group=food.group,
        amount=rounded(nutrient, entry.amount) or 0.0,
        unit=BY_KEY[nutrient].unit,
        basis=entry.basis,
        portion=portion_public(food, entry.portion) if entry.portion else None,
    )

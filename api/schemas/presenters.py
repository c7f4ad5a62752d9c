"""Turn domain values into public response models (shared by several routes)."""

from __future__ import annotations

from api.schemas.foods import (
    FoodDetail,
    FoodSummary,
    PortionPublic,
    Provenance,
    TagPublic,
    ValueProvenancePublic,
)
from api.schemas.meals import MealItemPublic, MealPublic
from api.services.meal_items import with_offset
from api.store.models import ITEM_NUTRIENTS
from api.store.queries.foods import ValueProvenance
from api.store.queries.meals import StoredMeal, item_nutrients
from food_data.sources import FNDDS_CITATION, SR28_CITATION
from nutrition.food.foods import Food, Portion
from nutrition.food.portions import default_portion
from nutrition.food.tags import content_tags
from nutrition.nutrients import NUTRIENTS, scale

UNITS = {n.key: n.unit for n in NUTRIENTS}


def food_summary(food: Food) -> FoodSummary:
    """The short form of a food used in lists."""
    return FoodSummary(
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
        grams=portion.grams,
        nutrients=scale(food.nutrients, portion.grams),
    )


def food_detail(
    food: Food, *, provenance: list[ValueProvenance], ingredients: list[str]
) -> FoodDetail:
    """The full public form of a food."""
    basis, tags = content_tags(food=food)
    return FoodDetail(
        id=food.id,
        source=food.source,
        code=food.code,
        description=food.description,
        group=food.group,
        group_code=food.group_code,
        common_names=food.common_names,
        nutrients=dict(food.nutrients),
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


def meal_public(stored: StoredMeal) -> MealPublic:
    """A meal with its items, totals and coverage."""
    meal = stored.meal
    items = [
        MealItemPublic(
            food_id=i.food_id,
            description=i.description,
            quantity=i.quantity,
            unit=i.unit,
            grams=i.grams,
            nutrients=item_nutrients(i),
        )
        for i in stored.items
    ]
    totals: dict[str, float | None] = {}
    coverage: dict[str, float] = {}
    grams = sum(i.grams for i in items) or 1.0
    for key in ITEM_NUTRIENTS:
        known = [i for i in items if i.nutrients[key] is not None]
        totals[key] = sum(i.nutrients[key] or 0.0 for i in known) if known else None
        coverage[key] = round(sum(i.grams for i in known) / grams, 4)
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

"""Public shapes of foods (catalog, custom, recipe and packaged), portions, nutrients and
search results; the bodies that create and change custom foods; and their presenters."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from api.schemas.common import MealText
from api.store.models import CustomFood
from api.store.queries.foods import ValueProvenance
from api.store.queries.recipes import StoredRecipe
from food_data.openfoodfacts import CITATION as OFF_CITATION
from food_data.openfoodfacts import Product
from food_data.sources import FNDDS_CITATION, SR28_CITATION
from nutrition.food.foods import Food, Portion, known_share
from nutrition.food.portions import default_portion
from nutrition.food.recipes import Dish
from nutrition.food.tags import content_tags
from nutrition.food.top import TopEntry
from nutrition.nutrients import (
    BY_KEY,
    CRAMP_NUTRIENTS,
    GRAMS_DECIMALS,
    NUTRIENTS,
    Nutrient,
    plausible_max,
    rounded,
    rounded_map,
    scale,
)
from nutrition.person.profile import ALLERGENS
from nutrition.search.parse import ParsedItem, ParsedMeal
from nutrition.search.phrases import Gap

UNITS = {n.key: n.unit for n in NUTRIENTS}
#: The amounts a picker or a parsed item shows: energy and the five cramp nutrients.
BRIEF_NUTRIENTS = ("energy_kcal", *CRAMP_NUTRIENTS)

#: Nutrients a custom food may give: energy, the five cramp nutrients, macronutrients, water.
CUSTOM_NUTRIENTS = (
    "energy_kcal",
    "potassium",
    "magnesium",
    "calcium",
    "sodium",
    "thiamin",
    "protein",
    "fat",
    "carbohydrate",
    "fiber",
    "sugars",
    "water",
)
MAX_PORTIONS = 50
#: Heaviest portion or ingredient a client may describe (a big pot of soup), in grams.
MAX_PORTION_GRAMS = 100_000.0

Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Brand = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Barcode = Annotated[str, StringConstraints(min_length=1, max_length=20)]
PortionName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Allergen = Literal[ALLERGENS]  # type: ignore[valid-type]


class NutrientsCreate(BaseModel):
    """Amounts per 100 g of the food. Leave a nutrient out (or null) when it is unknown: it is
    then reported as unknown, never as zero."""

    model_config = ConfigDict(extra="forbid")

    energy_kcal: float | None = Field(default=None, description="kcal")
    potassium: float | None = Field(default=None, description="mg")
    magnesium: float | None = Field(default=None, description="mg")
    calcium: float | None = Field(default=None, description="mg")
    sodium: float | None = Field(default=None, description="mg")
    thiamin: float | None = Field(default=None, description="mg")
    protein: float | None = Field(default=None, description="g")
    fat: float | None = Field(default=None, description="g")
    carbohydrate: float | None = Field(default=None, description="g")
    fiber: float | None = Field(default=None, description="g")
    sugars: float | None = Field(default=None, description="g")
    water: float | None = Field(default=None, description="g")

    @field_validator("*")
    @classmethod
    def _plausible(cls, value: float | None, info: Any) -> float | None:
        if value is None:
            return None
        key = str(info.field_name)
        unit = BY_KEY[key].unit
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        if value < 0:
            raise ValueError("must not be negative")
        top = plausible_max(key)
        if value > top:
            raise ValueError(
                f"is implausible: more than {top:,.0f} {unit} per 100 g"
                + (" (the whole food)" if unit == "g" else "")
            )
        return value

    def known(self) -> dict[str, float]:
        """The values given, by nutrient key."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


class PortionCreate(BaseModel):
    """A household measure of the food ("1 bar", "1 cup") and its weight."""

    model_config = ConfigDict(extra="forbid")

    description: PortionName
    grams: float = Field(gt=0, le=MAX_PORTION_GRAMS)


def _distinct_names(portions: list[PortionCreate]) -> list[PortionCreate]:
    """Portions must have distinct names: a unit names one of them."""
    seen: set[str] = set()
    for portion in portions:
        name = " ".join(portion.description.casefold().split())
        if name in seen:
            raise ValueError(f"names the portion {portion.description!r} twice")
        seen.add(name)
    return portions


Portions = Annotated[
    list[PortionCreate], Field(max_length=MAX_PORTIONS), AfterValidator(_distinct_names)
]


class FoodCreate(BaseModel):
    """A custom food: seen, searched and logged by the client that made it alone."""

    model_config = ConfigDict(extra="forbid")

    description: Description
    brand: Brand | None = None
    barcode: Barcode | None = Field(
        default=None, description="GTIN-8, 12, 13 or 14 with its check digit"
    )
    nutrients: NutrientsCreate = Field(default_factory=NutrientsCreate)
    portions: Portions = Field(default_factory=list)
    allergens: list[Allergen] = Field(
        default_factory=list, max_length=len(ALLERGENS), description="allergens it holds"
    )


class FoodUpdate(BaseModel):
    """Fields to change. ``nutrients`` changes only the nutrients sent (null makes one
    unknown); ``portions`` and ``allergens`` replace the lists; null clears brand or barcode."""

    model_config = ConfigDict(extra="forbid")

    description: Description | None = None
    brand: Brand | None = None
    barcode: Barcode | None = None
    nutrients: NutrientsCreate | None = None
    portions: Portions | None = None
    allergens: list[Allergen] | None = Field(default=None, max_length=len(ALLERGENS))


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


class PortionBrief(BaseModel):
    """A household measure: USDA's description and its weight."""

    description: str
    grams: float


class FoodSummaryPublic(BaseModel):
    """A food in a list, with what a picker shows: its default portion and what it holds."""

    id: str = Field(examples=["sr28:09040"])
    description: str
    source: str
    group: str
    group_code: str
    default_portion: PortionBrief
    energy_kcal: float | None = Field(description="in the default portion; null = unknown")
    nutrients: dict[str, float | None] = Field(
        description="the cramp nutrients in the default portion; null = unknown"
    )
    portions_count: int = Field(description="how many USDA household measures the food has")


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
    ingredients: list[str] = Field(description="ingredient food ids (FNDDS or own recipes)")
    note: str | None = None


class IngredientPublic(BaseModel):
    """One ingredient of a recipe, with the nutrients it leaves unknown."""

    food_id: str
    description: str
    grams: float
    quantity: float | None
    unit: str | None
    missing: list[str] = Field(description="nutrients it does not report, wholly or in part")


class RecipeDetail(BaseModel):
    """How a recipe food was computed."""

    servings: float
    yield_grams: float = Field(description="the cooked weight the amounts are spread over")
    ingredient_grams: float
    ingredients: list[IngredientPublic]


class LabelValuePublic(BaseModel):
    """A nutrient as the package label printed it."""

    value: float
    unit: str


class ProductLabel(BaseModel):
    """What Open Food Facts holds of a package's label."""

    barcode: str
    url: str
    per: str = Field(description="100g or serving: the basis of `values`")
    per_volume: bool = Field(description="amounts are per 100 ml, taken as per 100 g")
    values: dict[str, LabelValuePublic]
    serving_size: str | None
    serving_grams: float | None
    allergens_tags: list[str]
    traces_tags: list[str]
    vegan: str = Field(description="yes, no, maybe or unknown (Open Food Facts analysis)")
    vegetarian: str
    fetched_at: datetime


class FoodPublic(BaseModel):
    """A food with nutrients per 100 g, its portions, tags and provenance."""

    id: str
    source: str
    code: str
    description: str
    group: str
    group_code: str
    common_names: str
    brand: str | None = None
    barcode: str | None = None
    nutrients: dict[str, float | None] = Field(description="per 100 g; null = not reported")
    coverage: dict[str, float] = Field(
        description="share of the food's weight whose value is known (recipes may be partial;"
        " a partial value is a lower bound)"
    )
    units: dict[str, str]
    portions: list[PortionPublic]
    default_portion: PortionPublic
    tags: list[TagPublic]
    tags_basis: str = Field(description="the portion the tags are computed for")
    allergens: list[str]
    provenance: Provenance
    recipe: RecipeDetail | None = None
    label: ProductLabel | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


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
    """The short form of a food used in lists, with its default portion and amounts."""
    portion = default_portion(food)
    amounts = scale(food.nutrients, portion.grams)
    return FoodSummaryPublic(
        id=food.id,
        description=food.description,
        source=food.source,
        group=food.group,
        group_code=food.group_code,
        default_portion=PortionBrief(description=portion.description, grams=portion.grams),
        energy_kcal=amounts.get("energy_kcal"),
        nutrients={k: amounts.get(k) for k in CRAMP_NUTRIENTS},
        portions_count=len(food.portions),
    )


def portion_public(food: Food, portion: Portion) -> PortionPublic:
    """A portion with the amounts it holds."""
    return PortionPublic(
        id=portion.id,
        description=portion.description,
        grams=round(portion.grams, GRAMS_DECIMALS),
        nutrients=rounded_map(scale(food.nutrients, portion.grams)),
    )


def usda_provenance(
    food: Food, *, values: list[ValueProvenance], ingredients: list[str]
) -> Provenance:
    """Provenance of a catalog food: the USDA release and its documentation of each value."""
    return Provenance(
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
            for p in values
        },
        ingredients=ingredients,
    )


def food_public(food: Food, *, provenance: Provenance, **extra: Any) -> FoodPublic:
    """The full public form of a food; ``extra`` fills the optional parts (brand, barcode,
    recipe, label, timestamps)."""
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
        coverage={k: round(known_share(food, k), 4) for k in food.nutrients},
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
        provenance=provenance,
        **extra,
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


def custom_food_public(row: CustomFood, food: Food) -> FoodPublic:
    """A client's custom food."""
    return food_public(
        food,
        provenance=Provenance(
            source="client",
            citation="Entered by the client app; not checked against USDA data",
            code=row.id,
            values={},
            ingredients=[],
        ),
        brand=row.brand,
        barcode=row.barcode,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def recipe_food_public(stored: StoredRecipe, made: Dish) -> FoodPublic:
    """A client's recipe as a food, with its ingredients and what each leaves unknown."""
    rows = stored.ingredients
    return food_public(
        made.food,
        provenance=Provenance(
            source="recipe",
            citation="Computed from the ingredients' values by the recipe method, without "
            "cooking retention factors",
            code=stored.recipe.id,
            values={},
            ingredients=[r.food_id for r in rows],
        ),
        recipe=RecipeDetail(
            servings=made.servings,
            yield_grams=round(made.yield_grams, 3),
            ingredient_grams=round(made.ingredient_grams, 3),
            ingredients=[
                IngredientPublic(
                    food_id=row.food_id,
                    description=part.food.description,
                    grams=row.grams,
                    quantity=row.quantity,
                    unit=row.unit,
                    missing=list(missing),
                )
                for row, part, missing in zip(rows, made.ingredients, made.missing, strict=True)
            ],
        ),
        created_at=stored.recipe.created_at,
        updated_at=stored.recipe.updated_at,
    )


def product_public(product: Product, *, fetched_at: datetime, site: str) -> FoodPublic:
    """A packaged product from Open Food Facts, with what its label said."""
    per_volume = "amounts per 100 ml are taken as per 100 g" if product.per_volume else None
    return food_public(
        product.food,
        provenance=Provenance(
            source="Open Food Facts",
            citation=OFF_CITATION,
            code=product.code,
            values={},
            ingredients=[],
            note=per_volume,
        ),
        brand=product.brand,
        barcode=product.code,
        label=ProductLabel(
            barcode=product.code,
            url=f"{site}/product/{product.code}",
            per=product.label_per,
            per_volume=product.per_volume,
            values={
                k: LabelValuePublic(value=v.value, unit=v.unit) for k, v in product.label.items()
            },
            serving_size=product.serving_size,
            serving_grams=product.serving_grams,
            allergens_tags=list(product.allergen_tags),
            traces_tags=list(product.trace_tags),
            vegan=product.vegan,
            vegetarian=product.vegetarian,
            fetched_at=fetched_at,
        ),
    )


class FoodParseCreate(BaseModel):
    """A meal as a person typed it."""

    model_config = ConfigDict(extra="forbid")

    text: MealText = Field(examples=["1 cup oatmeal with a sliced banana and 1 tbsp honey"])


class FoodRef(BaseModel):
    """Which food: its id, USDA description and group."""

    id: str
    description: str
    group: str


class ParsedAlternative(BaseModel):
    """Another food the words may mean, with its grams for the same amount."""

    food: FoodRef
    grams: float


class ParsedItemPublic(BaseModel):
    """One food read from the text. ``grams`` = ``quantity`` × ``portion.grams``."""

    text: str = Field(description="the part of the text this item came from")
    start: int = Field(description="offset of that part in the text (characters)")
    end: int
    food: FoodRef
    quantity: float
    unit: str | None = Field(description="the unit as understood; null when none was given")
    portion: PortionBrief = Field(description="the measure one unit weighs, from USDA")
    grams: float
    default_amount: bool = Field(description="true when no amount was given and USDA's was used")
    nutrients: dict[str, float | None] = Field(
        description="energy_kcal and the cramp nutrients in these grams; null = unknown"
    )
    confidence: float = Field(ge=0, le=1)
    alternatives: list[ParsedAlternative]
    note: str | None


class UnparsedPublic(BaseModel):
    """A part of the text that named no food, and why."""

    text: str
    start: int
    end: int
    reason: str


class FoodParsePublic(BaseModel):
    """The foods read from a text, and the parts that named none."""

    items: list[ParsedItemPublic]
    unparsed: list[UnparsedPublic]


def food_ref(food: Food) -> FoodRef:
    """The id, description and group of a food."""
    return FoodRef(id=food.id, description=food.description, group=food.group)


def brief_nutrients(food: Food, grams: float) -> dict[str, float | None]:
    """Energy and the cramp nutrients in ``grams`` of ``food`` (null = unknown)."""
    amounts = scale(food.nutrients, grams)
    return {k: amounts.get(k) for k in BRIEF_NUTRIENTS}


def unparsed_public(gap: Gap) -> UnparsedPublic:
    """A part of the text that named no food."""
    return UnparsedPublic(text=gap.text, start=gap.start, end=gap.end, reason=gap.reason)


def parsed_item_public(item: ParsedItem) -> ParsedItemPublic:
    """One parsed item with its nutrients and alternatives."""
    return ParsedItemPublic(
        text=item.text,
        start=item.start,
        end=item.end,
        food=food_ref(item.food),
        quantity=item.quantity,
        unit=item.unit,
        portion=PortionBrief(description=item.portion, grams=item.portion_grams),
        grams=item.grams,
        default_amount=item.default_amount,
        nutrients=brief_nutrients(item.food, item.grams),
        confidence=item.confidence,
        alternatives=[
            ParsedAlternative(food=food_ref(a.food), grams=a.grams) for a in item.alternatives
        ],
        note=item.note,
    )


def parsed_meal_public(parsed: ParsedMeal) -> FoodParsePublic:
    """Every parsed item and every part left unread."""
    return FoodParsePublic(
        items=[parsed_item_public(i) for i in parsed.items],
        unparsed=[unparsed_public(g) for g in parsed.unparsed],
    )

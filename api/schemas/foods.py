"""Public shapes of foods, portions, nutrients and search results, and their presenters."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import MealText
from api.store.queries.foods import ValueProvenance
from food_data.sources import FNDDS_CITATION, SR28_CITATION
from nutrition.food.foods import Food, Portion
from nutrition.food.portions import default_portion
from nutrition.food.tags import content_tags
from nutrition.food.top import TopEntry
from nutrition.nutrients import CRAMP_NUTRIENTS, NUTRIENTS, Nutrient, scale
from nutrition.search.parse import ParsedItem, ParsedMeal
from nutrition.search.phrases import Gap

UNITS = {n.key: n.unit for n in NUTRIENTS}
#: The amounts a picker or a parsed item shows: energy and the five cramp nutrients.
BRIEF_NUTRIENTS = ("energy_kcal", *CRAMP_NUTRIENTS)


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
    """One page of search results."""

    items: list[FoodSummaryPublic]
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
    """Service status."""

    status: str
    foods: int
    database: str


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
        energy_kcal=amounts["energy_kcal"],
        nutrients={k: amounts[k] for k in CRAMP_NUTRIENTS},
        portions_count=len(food.portions),
    )


def portion_public(food: Food, portion: Portion) -> PortionPublic:
    """A portion with the amounts it holds."""
    return PortionPublic(
        id=portion.id,
        description=portion.description,
        grams=portion.grams,
        nutrients=scale(food.nutrients, portion.grams),
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


def top_food_public(food: Food, entry: TopEntry, *, unit: str) -> TopFoodPublic:
    """A food ranked by one nutrient, with the amount on the entry's basis."""
    return TopFoodPublic(
        id=food.id,
        description=food.description,
        source=food.source,
        group=food.group,
        amount=round(entry.amount, 4),
        unit=unit,
        basis=entry.basis,
        portion=portion_public(food, entry.portion) if entry.portion else None,
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
    return {k: amounts[k] for k in BRIEF_NUTRIENTS}


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

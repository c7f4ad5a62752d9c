"""A user's profile as the domain sees it: life stage inputs, diet, allergies, medications."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

Sex = Literal["female", "male"]
Diet = Literal["vegetarian", "vegan", "pescatarian"]

ALLERGENS: Final[tuple[str, ...]] = (
    "milk",
    "egg",
    "fish",
    "shellfish",
    "tree_nuts",
    "peanuts",
    "wheat",
    "soy",
    "sesame",
)
DIETS: Final[tuple[str, ...]] = ("vegetarian", "vegan", "pescatarian")

#: Animal-product kinds a food can hold (``Food.animal``); diets are defined over them.
ANIMAL_KINDS: Final[tuple[str, ...]] = (
    "meat",
    "fish",
    "shellfish",
    "dairy",
    "egg",
    "honey",
    "gelatin",
)
#: The animal-product kinds each diet rules out.
DIET_EXCLUDES: Final[dict[str, frozenset[str]]] = {
    "vegan": frozenset(ANIMAL_KINDS),
    "vegetarian": frozenset({"meat", "fish", "shellfish", "gelatin"}),
    "pescatarian": frozenset({"meat", "gelatin"}),
}


def diet_excluded_animal(*, diet: str | None) -> frozenset[str]:
    """The animal-product kinds ``diet`` rules out (none for no diet or an unknown one)."""
    return DIET_EXCLUDES.get(diet or "", frozenset())


#: Medication keys a profile may list. Documented in docs/profile.md.
MEDICATIONS: Final[tuple[str, ...]] = (
    "loop_diuretic",
    "thiazide_diuretic",
    "potassium_sparing_diuretic",
    "ace_inhibitor",
    "arb",
    "iron_sucrose_iv",
    "conjugated_estrogens",
    "raloxifene",
    "naproxen",
    "teriparatide",
    "long_acting_beta_agonist",
    "statin",
)
#: Condition keys a profile may list.
CONDITIONS: Final[tuple[str, ...]] = (
    "chronic_kidney_disease",
    "heart_failure",
    "diabetes",
    "peripheral_artery_disease",
    "liver_disease",
    "hypertension",
)


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the rules need about a person. ``age`` is whole years, computed by the caller."""

    age: int
    sex: Sex
    pregnant: bool = False
    lactating: bool = False
    diet: Diet | None = None
    allergies: frozenset[str] = field(default_factory=frozenset)
    dislikes: tuple[str, ...] = ()
    medications: frozenset[str] = field(default_factory=frozenset)
    conditions: frozenset[str] = field(default_factory=frozenset)

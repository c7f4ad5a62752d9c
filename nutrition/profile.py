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

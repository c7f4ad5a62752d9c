"""Plain records parsed from the USDA files, before they become database rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class NutrientValue:
    """One reported value per 100 g, with USDA's provenance where the source gives it."""

    amount: float
    data_points: int | None = None
    std_error: float | None = None
    source_code: str | None = None
    derivation_code: str | None = None


@dataclass(frozen=True, slots=True)
class PortionRecord:
    """A household measure: ``seq`` orders it as USDA lists it."""

    seq: int
    description: str
    grams: float


@dataclass(slots=True)
class FoodRecord:
    """One food as read from SR28 or FNDDS. Absent nutrients were not reported (unknown)."""

    source: str
    code: str
    description: str
    group_code: str
    group: str
    nutrients: dict[str, NutrientValue] = field(default_factory=dict)
    portions: list[PortionRecord] = field(default_factory=list)
    common_names: str = ""
    manufacturer: str = ""
    scientific_name: str = ""
    langual: list[str] = field(default_factory=list)
    ingredients: list[str] = field(default_factory=list)
    ingredient_codes: list[str] = field(default_factory=list)
    commonness: float = 0.0

    @property
    def id(self) -> str:
        """The public food id, ``<source>:<code>``."""
        return f"{self.source}:{self.code}"

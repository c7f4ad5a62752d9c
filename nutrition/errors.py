"""Domain exceptions.

Hierarchy::

    NutritionError            base of every error raised by nutrition/
    ├── FoodNotFound          a food id that the catalog does not hold
    ├── UnknownUnit           a quantity unit the food cannot convert to grams
    └── InvalidProfile        a profile that breaks a life-stage rule

api/errors.py maps each of these to an HTTP problem response; nothing else does.
"""

from __future__ import annotations


class NutritionError(Exception):
    """Base class for domain errors. ``field`` names the offending input, if any; ``also``
    names the other inputs it contradicts (pregnant *and* sex male)."""

    def __init__(
        self, message: str, *, field: str | None = None, also: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.also = also


class FoodNotFound(NutritionError):
    """The food id is not in the catalog."""

    def __init__(self, food_id: str, *, field: str | None = None) -> None:
        super().__init__(f"unknown food id {food_id!r}", field=field)
        self.food_id = food_id


class UnknownUnit(NutritionError):
    """The unit cannot be resolved to grams for this food; ``accepted`` lists what can."""

    def __init__(
        self, unit: str, *, accepted: tuple[str, ...], reason: str, field: str | None = None
    ) -> None:
        super().__init__(f"unit {unit!r} {reason}", field=field)
        self.unit = unit
        self.accepted = accepted


class InvalidProfile(NutritionError):
    """The profile breaks a rule (e.g. pregnant with sex male)."""

"""Suggestion, swap and plan shapes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.schemas.advice import AdvicePublic


class Window(BaseModel):
    """The days the gaps were computed over (user's time zone)."""

    from_: date = Field(alias="from")
    to: date
    days: int
    days_logged: int

    model_config = {"populate_by_name": True}


class GapPublic(BaseModel):
    """A nutrient's average daily intake over logged days against the target."""

    nutrient: str
    unit: str
    average: float | None = Field(description="null when nothing was logged")
    target: float
    upper: float | None
    percent: float | None
    status: str = Field(description="below, adequate, above, or unknown (no or thin data)")
    remaining: float = Field(description="still needed per day to reach the target")
    thin_coverage: bool


class FoodRefPublic(BaseModel):
    """A food named in a suggestion."""

    id: str
    description: str
    group: str


class PortionRef(BaseModel):
    """A household portion."""

    description: str
    grams: float


class SuggestionPublic(BaseModel):
    """A food in a real portion, what it adds and how much of each gap it closes."""

    food: FoodRefPublic
    portion: PortionRef
    adds: dict[str, float | None] = Field(description="amount in the portion (mg)")
    closes: dict[str, float] = Field(description="share 0-1 of each remaining gap it closes")
    energy_kcal: float | None
    reason: str = Field(description="why it was picked, in one sentence")
    own: bool = Field(
        default=False,
        description="true when it is one of the user's own logged foods, in their usual portion",
    )


class SwapPublic(BaseModel):
    """A richer alternative to a food the user logs often."""

    from_food: FoodRefPublic
    to_food: FoodRefPublic
    portion: PortionRef
    difference: dict[str, float] = Field(description="per portion, the swap minus the original")
    reason: str


class PlanItemPublic(BaseModel):
    """Portions of one food in the plan."""

    food: FoodRefPublic
    portion: PortionRef
    servings: int


class PlanPublic(BaseModel):
    """The smallest set of portions (at most 5) that closes the gaps within the budget."""

    items: list[PlanItemPublic]
    closes: dict[str, float]
    energy_kcal: float
    exact: bool = Field(description="true when the solver proved it optimal")
    status: str


class SuggestionsPublic(BaseModel):
    """Gaps, suggestions, swaps, an optional plan, and advice."""

    window: Window
    basis: str = Field(description="'logs', or 'targets' when there are no logs to go on")
    message: str | None
    gaps: list[GapPublic]
    suggestions: list[SuggestionPublic]
    swaps: list[SwapPublic]
    plan: PlanPublic | None = None
    advice: list[AdvicePublic]
    disclaimer: str

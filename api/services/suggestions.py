"""Assemble a suggestions answer from the user's window of logs (domain calls + shaping)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from api.schemas.advice import AdvicePublic
from api.schemas.suggestions import (
    FoodRefPublic,
    GapPublic,
    PlanItemPublic,
    PlanPublic,
    PortionRef,
    SuggestionPublic,
    SuggestionsPublic,
    SwapPublic,
    Window,
)
from api.services.catalog import Catalog
from nutrition.cramps.advice import DISCLAIMER, Advice, potassium_restricted, profile_advice
from nutrition.food.foods import Portion
from nutrition.person.gaps import THIN_COVERAGE, Gap, gaps
from nutrition.person.intake import LoggedItem, average_intake, intake_by_day
from nutrition.person.profile import Profile
from nutrition.person.targets import targets_for
from nutrition.recommend.plan import plan
from nutrition.recommend.score import rank, score_foods
from nutrition.recommend.swaps import swaps

NO_LOGS = (
    "No meals were logged in this window, so these suggestions come from the reference "
    "intakes for your life stage alone."
)


@dataclass(frozen=True, slots=True)
class SuggestionRequest:
    """What the route collected: the window, its items, and the options."""

    profile: Profile
    start: date
    end: date
    tz_name: str
    items: Sequence[LoggedItem]
    logged_counts: Mapping[str, int]
    limit: int
    max_kcal: float | None
    with_plan: bool


def _ref(catalog: Catalog, food_id: str) -> FoodRefPublic:
    food = catalog.foods[food_id]
    return FoodRefPublic(id=food.id, description=food.description, group=food.group)


def _portion(p: Portion) -> PortionRef:
    return PortionRef(description=p.description, grams=p.grams)


def _round(values: Mapping[str, float | None], digits: int = 3) -> dict[str, float | None]:
    return {k: (None if v is None else round(v, digits)) for k, v in values.items()}


def advice_public(items: Sequence[Advice]) -> list[AdvicePublic]:
    """Public form of advice items."""
    return [AdvicePublic(kind=a.kind, code=a.code, text=a.text, source=a.source) for a in items]


def _gap_public(g: Gap) -> GapPublic:
    return GapPublic(
        nutrient=g.nutrient,
        unit=g.unit,
        average=None if g.average is None else round(g.average, 3),
        target=g.target,
        upper=g.upper,
        percent=None if g.percent is None else round(g.percent, 1),
        status=g.status,
        remaining=round(g.remaining, 3),
        thin_coverage=g.thin_coverage,
    )


def window_gaps(
    *, profile: Profile, items: Sequence[LoggedItem], tz_name: str, start: date, end: date
) -> tuple[list[Gap], int]:
    """Gaps of the window's average over logged days, and how many days were logged."""
    days = intake_by_day(items=items, tz=ZoneInfo(tz_name), start=start, end=end)
    logged = sum(d.logged for d in days)
    average = average_intake(days=days)
    amounts = {k: (v.amount if v.known_items else None) for k, v in average.items()}
    coverage = {k: v.known_share for k, v in average.items()}
    return gaps(average=amounts, targets=targets_for(profile=profile), coverage=coverage), logged


def _message(found: Sequence[Gap], days_logged: int) -> str | None:
    """Say when there is nothing, or too little, to judge the gaps by."""
    if not days_logged:
        return NO_LOGS
    thin = [g.nutrient for g in found if g.thin_coverage]
    if not thin:
        return None
    return (
        f"Too little of what was logged has a known {', '.join(thin)} value (under "
        f"{THIN_COVERAGE:.0%} of the grams) to judge those gaps; they are marked as unknown."
    )


def build_suggestions(request: SuggestionRequest, catalog: Catalog) -> SuggestionsPublic:
    """Rank foods, find swaps and (optionally) a plan for the request's gaps."""
    profile = request.profile
    found, days_logged = window_gaps(
        profile=profile,
        items=request.items,
        tz_name=request.tz_name,
        start=request.start,
        end=request.end,
    )
    restricted = potassium_restricted(profile)
    # One score per request, shared by ranking, swaps and the plan (max_kcal is applied by
    # each of them on top).
    scored = score_foods(
        matrix=catalog.matrix, gaps=found, profile=profile, potassium_restricted=restricted
    )
    ranked = rank(
        matrix=catalog.matrix,
        gaps=found,
        profile=profile,
        limit=request.limit,
        max_kcal=request.max_kcal,
        potassium_restricted=restricted,
        scored=scored,
    )
    swapped = swaps(
        matrix=catalog.matrix,
        logged_counts=request.logged_counts,
        gaps=found,
        profile=profile,
        scored=scored,
    )
    statuses = {g.nutrient: g.status for g in found if g.status != "unknown"}
    planned = None
    if request.with_plan:
        p = plan(
            matrix=catalog.matrix,
            gaps=found,
            profile=profile,
            max_kcal=request.max_kcal,
            scored=scored,
        )
        planned = PlanPublic(
            items=[
                PlanItemPublic(
                    food=_ref(catalog, i.food_id), portion=_portion(i.portion), servings=i.servings
                )
                for i in p.items
            ],
            closes={k: round(v, 3) for k, v in p.closes.items()},
            energy_kcal=round(p.energy_kcal, 1),
            exact=p.exact,
            status=p.status,
        )
    return SuggestionsPublic(
        window=Window(
            from_=request.start,
            to=request.end,
            days=(request.end - request.start).days + 1,
            days_logged=days_logged,
        ),
        basis="logs" if days_logged else "targets",
        message=_message(found, days_logged),
        gaps=[_gap_public(g) for g in found],
        suggestions=[
            SuggestionPublic(
                food=_ref(catalog, s.food_id),
                portion=_portion(s.portion),
                adds=_round(s.adds),
                closes={k: round(v, 3) for k, v in s.closes.items()},
                energy_kcal=None if s.energy_kcal is None else round(s.energy_kcal, 1),
                reason=s.reason,
            )
            for s in ranked
        ],
        swaps=[
            SwapPublic(
                from_food=_ref(catalog, s.from_food.id),
                to_food=_ref(catalog, s.to_food.id),
                portion=_portion(s.portion),
                difference={k: round(v, 3) for k, v in s.difference.items()},
                reason=s.reason,
            )
            for s in swapped
        ],
        plan=planned,
        advice=advice_public(profile_advice(profile=profile, gaps=statuses)),
        disclaimer=DISCLAIMER,
    )

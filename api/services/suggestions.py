"""Use case: suggestions for one user, from their window of logs and their food history.

Reads the window's items and the last ``HISTORY_DAYS`` days of foods, asks
``nutrition.recommend.suggest`` for the one answer, and shapes it. It writes nothing.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.schemas.advice import advice_public
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
from api.services.client_foods import ClientFoods
from api.services.prepared import Prepared, UserAnswers
from api.services.profiles import to_profile
from api.services.windows import local_bound, local_today
from api.store.models import User
from api.store.queries.intake import eaten_grams, logged_items
from nutrition.cramps.advice import DISCLAIMER
from nutrition.food.foods import Food, Portion
from nutrition.food.matrix import FoodMatrix
from nutrition.nutrients import rounded, rounded_map
from nutrition.person.gaps import THIN_COVERAGE, Gap, gaps
from nutrition.person.intake import LoggedItem, average_intake, intake_by_day
from nutrition.person.profile import Profile
from nutrition.person.targets import targets_for
from nutrition.recommend.personal import EatenFood, History
from nutrition.recommend.plan import Plan
from nutrition.recommend.safety import LogQuality
from nutrition.recommend.suggest import Recommendation, suggest

#: How far back the person's own foods are looked for.
HISTORY_DAYS = 90

NO_LOGS = (
    "No meals were logged in this window, so these suggestions come from the reference "
    "intakes for your life stage alone."
)


@dataclass(frozen=True, slots=True)
class Options:
    """What the client asked for."""

    days: int = 7
    limit: int = 10
    max_kcal: float | None = None
    plan: bool = False


def suggestions_for(
    session: Session, *, user: User, foods: ClientFoods, options: Options
) -> SuggestionsPublic:
    """The user's suggestions for the ``options.days`` days ending today (their time zone).

    The user's own logged foods from outside the catalog (the client's custom foods and
    recipes, stored packaged products) that still exist are offered as their own foods."""
    end = local_today(user.timezone)
    start = end - timedelta(days=options.days - 1)
    upto = local_bound(end, user.timezone, end=True)
    since = local_bound(start, user.timezone, end=False)
    back = local_bound(end - timedelta(days=HISTORY_DAYS - 1), user.timezone, end=False)
    assert upto is not None and since is not None and back is not None
    items = logged_items(session, user=user, start=since, end=upto)
    history = history_of(eaten_grams(session, user=user, start=back, end=upto))
    own = [f.food_id for f in history.foods if f.food_id not in foods.catalog.foods]
    foods.prefetch(own)
    own_foods = [food for food_id in own if (food := foods.find(food_id)) is not None]
    return build_suggestions(
        profile=to_profile(user, today=end),
        items=items,
        history=history,
        window=(start, end),
        tz_name=user.timezone,
        rotation_key=f"{user.client_id}:{user.external_id}:{end.isoformat()}",
        options=options,
        catalog=foods.catalog,
        own_foods=own_foods,
    )


def history_of(grams_by_food: Mapping[str, Sequence[float]]) -> History:
    """The person's foods, most often logged first, each with its median logged grams."""
    foods = [
        EatenFood(food_id=food_id, times=len(grams), usual_grams=float(statistics.median(grams)))
        for food_id, grams in grams_by_food.items()
        if grams
    ]
    foods.sort(key=lambda f: (-f.times, f.food_id))
    return History(foods=tuple(foods), days=HISTORY_DAYS)


def window_gaps(
    *, profile: Profile, items: Sequence[LoggedItem], tz_name: str, start: date, end: date
) -> tuple[list[Gap], LogQuality]:
    """Gaps of the window's average over logged days, and how complete the log is."""
    days = intake_by_day(items=items, tz=ZoneInfo(tz_name), start=start, end=end)
    logged = sum(d.logged for d in days)
    average = average_intake(days=days)
    amounts = {k: (v.amount if v.known_items else None) for k, v in average.items()}
    coverage = {k: v.known_share for k, v in average.items()}
    found = gaps(average=amounts, targets=targets_for(profile=profile), coverage=coverage)
    return found, LogQuality(days_logged=logged, energy_kcal=amounts.get("energy_kcal"))


def build_suggestions(
    *,
    profile: Profile,
    items: Sequence[LoggedItem],
    history: History,
    window: tuple[date, date],
    tz_name: str,
    rotation_key: str,
    options: Options,
    catalog: Catalog,
    own_foods: Sequence[Food] = (),
) -> SuggestionsPublic:
    """Run the recommendation for one window and shape the answer; ``own_foods`` are the
    person's logged foods that the catalog lacks."""
    start, end = window
    found, log = window_gaps(profile=profile, items=items, tz_name=tz_name, start=start, end=end)
    own_matrix = FoodMatrix.build(foods=own_foods) if own_foods else None
    result = suggest(
        matrix=catalog.matrix,
        own_foods=own_matrix,
        profile=profile,
        gaps=found,
        log=log,
        history=history,
        rotation_key=rotation_key,
        limit=options.limit,
        max_kcal=options.max_kcal,
        with_plan=options.plan,
    )
    named = {**catalog.foods, **{f.id: f for f in own_foods}}
    return _public(result, catalog=named, start=start, end=end, days_logged=log.days_logged)


def _public(
    result: Recommendation,
    *,
    catalog: Mapping[str, Food],
    start: date,
    end: date,
    days_logged: int,
) -> SuggestionsPublic:
    return SuggestionsPublic(
        window=Window(from_=start, to=end, days=(end - start).days + 1, days_logged=days_logged),
        basis="logs" if days_logged else "targets",
        message=_message(result.gaps, days_logged),
        gaps=[_gap_public(g) for g in result.gaps],
        suggestions=[
            SuggestionPublic(
                food=_ref(catalog, s.food_id),
                portion=_portion(s.portion),
                adds=_round(s.adds),
                closes={k: round(v, 3) for k, v in s.closes.items()},
                energy_kcal=None if s.energy_kcal is None else round(s.energy_kcal, 1),
                reason=s.reason,
                own=s.own,
            )
            for s in result.suggestions
        ],
        swaps=[
            SwapPublic(
                from_food=_ref(catalog, s.from_food.id),
                to_food=_ref(catalog, s.to_food.id),
                portion=_portion(s.portion),
                difference={k: rounded(k, v) or 0.0 for k, v in s.difference.items()},
                reason=s.reason,
            )
            for s in result.swaps
        ],
        plan=None if result.plan is None else _plan_public(result.plan, catalog),
        advice=advice_public(result.advice),
        disclaimer=DISCLAIMER,
    )


def _plan_public(p: Plan, catalog: Mapping[str, Food]) -> PlanPublic:
    return PlanPublic(
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


def _ref(catalog: Mapping[str, Food], food_id: str) -> FoodRefPublic:
    food = catalog[food_id]
    return FoodRefPublic(id=food.id, description=food.description, group=food.group)


def _portion(p: Portion) -> PortionRef:
    return PortionRef(description=p.description, grams=round(p.grams, 1))


def _round(values: Mapping[str, float | None]) -> dict[str, float | None]:
    return rounded_map(dict(values))


def _gap_public(g: Gap) -> GapPublic:
    return GapPublic(
        nutrient=g.nutrient,
        unit=g.unit,
        average=rounded(g.nutrient, g.average),
        target=g.target,
        upper=g.upper,
        percent=None if g.percent is None else round(g.percent, 1),
        status=g.status,
        remaining=rounded(g.nutrient, g.remaining) or 0.0,
        thin_coverage=g.thin_coverage,
    )


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


def _params(foods: ClientFoods, options: Options, stamp: tuple[object, ...]) -> tuple[object, ...]:
    """What suggestions depend on besides the user: the options and the client's own foods
    (the catalog is the worker's for its whole life, like the cache)."""
    return (options, stamp)


def cached_suggestions(
    answers: UserAnswers, user: User, *, foods: ClientFoods, options: Options
) -> Prepared | None:
    """The suggestions for these options when made since the user's last write today, with
    the client's own foods as they are (no I/O: None when that is not known here)."""
    stamp = foods.own_stamp_at_hand()
    if stamp is None:
        return None
    return answers.get("suggestions", user, _params(foods, options, stamp))


def suggestions_answer(
    session: Session,
    answers: UserAnswers,
    *,
    user: User,
    foods: ClientFoods,
    options: Options,
) -> Prepared:
    """``suggestions_for`` serialised, and kept until the user's next write, the next day or
    a change to the client's own foods."""
    params = _params(foods, options, foods.own_stamp())
    kept = answers.get("suggestions", user, params)
    if kept is not None:
        return kept
    made = suggestions_for(session, user=user, foods=foods, options=options)
    return answers.keep("suggestions", user, params, made)

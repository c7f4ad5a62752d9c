"""How a user's cramp nights relate to the previous day's intake."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query

from api.deps import SessionDep, UserDep
from api.schemas.cramps import InsightPublic, InsightsPublic
from api.services.profiles import to_profile
from api.services.windows import local_bound, local_today
from api.store.queries import cramps as cramp_queries
from api.store.queries.intake import logged_items
from nutrition.cramps.advice import DISCLAIMER
from nutrition.cramps.insights import CAVEAT, cramp_insights, day_fractions, night_of
from nutrition.person.intake import intake_by_day
from nutrition.person.targets import targets_for

router = APIRouter(prefix="/users/{user_id}/insights", tags=["cramps"])


@router.get("")
def get_insights(
    user: UserDep,
    session: SessionDep,
    days: Annotated[int, Query(ge=7, le=366, description="how far back to look")] = 90,
) -> InsightsPublic:
    """Relate cramp nights to the previous day's intake, with the counts behind each statement."""
    tz = ZoneInfo(user.timezone)
    today = local_today(user.timezone)
    start = today - timedelta(days=days)
    since, upto = (
        local_bound(start, user.timezone, end=False),
        local_bound(today, user.timezone, end=False),
    )
    episodes = cramp_queries.list_episodes(session, user=user, start=since, end=None, limit=5000)
    nights = [night_of(e.started_at.astimezone(tz)) for e in episodes]
    items = logged_items(session, user=user, start=since, end=upto)  # type: ignore[arg-type]
    targets = targets_for(profile=to_profile(user, today=today))
    days_logged = intake_by_day(items=items, tz=tz, start=start, end=today - timedelta(days=1))
    per_day = day_fractions(days=days_logged, targets=targets)
    found = cramp_insights(cramp_nights=nights, day_percent=per_day)
    return InsightsPublic(
        days=days,
        cramp_nights=len(set(nights)),
        insights=[InsightPublic(**asdict(i)) for i in found],
        caveat=CAVEAT,
        disclaimer=DISCLAIMER,
    )

"""How a user's cramp nights relate to the previous day's intake."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.schemas.cramps import InsightsPublic, insights_public
from api.services.profiles import to_profile
from api.services.windows import day_start, local_today
from api.store.models import User
from api.store.queries import cramps as cramp_store
from api.store.queries.intake import logged_items
from nutrition.cramps.insights import cramp_insights, day_fractions, night_of
from nutrition.person.intake import intake_by_day
from nutrition.person.targets import targets_for

#: Most episodes read for one answer (a year of nightly cramps, several a night).
EPISODE_LIMIT = 5000


def cramp_insights_for(session: Session, *, user: User, days: int) -> InsightsPublic:
    """Relate the cramp nights of the last ``days`` days to the previous day's intake."""
    tz = ZoneInfo(user.timezone)
    today = local_today(user.timezone)
    start = today - timedelta(days=days)
    since, upto = day_start(start, user.timezone), day_start(today, user.timezone)
    episodes = cramp_store.list_episodes(
        session, user=user, start=since, end=None, limit=EPISODE_LIMIT
    )
    nights = [night_of(e.started_at.astimezone(tz)) for e in episodes]
    items = logged_items(session, user=user, start=since, end=upto)
    targets = targets_for(profile=to_profile(user, today=today))
    logged = intake_by_day(items=items, tz=tz, start=start, end=today - timedelta(days=1))
    found = cramp_insights(
        cramp_nights=nights, day_percent=day_fractions(days=logged, targets=targets)
    )
    return insights_public(days=days, cramp_nights=len(set(nights)), found=found)

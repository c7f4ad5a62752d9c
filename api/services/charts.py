"""Use case: the embeddable charts, standalone SVG for an app's web or image view.

``intake_svg`` draws one nutrient over the last ``weeks`` weeks and ``cramps_svg`` the cramp
diary over the same span, both ending today in the user's time zone, from the same data as
the report (``api/services/report.py``).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from api.services.intake import intake_public, window_items
from api.services.profiles import to_profile
from api.services.report import default_window, weekly_nutrients, window_diary
from api.services.targets import user_targets
from api.services.windows import local_today
from api.store.models import User
from api.views.charts import cramp_chart, intake_chart


def _span(user: User, weeks: int) -> tuple[date, date]:
    end = local_today(user.timezone)
    return default_window(user, end - timedelta(days=7 * weeks - 1), end, days=7 * weeks)


def intake_svg(
    session: Session, *, user: User, nutrient: str, weeks: int, width: int, height: int
) -> str:
    """One nutrient's weekly averages over the last ``weeks`` weeks, against its target."""
    start, end = _span(user, weeks)
    profile = to_profile(user, today=end)
    items = window_items(session, user=user, start=start, end=end)
    whole = intake_public(user=user, profile=profile, items=items, start=start, end=end)
    (report,) = weekly_nutrients(
        user=user,
        profile=profile,
        targets=user_targets(user),
        items=items,
        whole=whole,
        keys=(nutrient,),
    )
    return intake_chart(report, width=width, height=height, chart_id=f"intake-{nutrient}")


def cramps_svg(session: Session, *, user: User, weeks: int, width: int, height: int) -> str:
    """The cramp diary of the last ``weeks`` weeks, day by day."""
    start, end = _span(user, weeks)
    diary = window_diary(session, user=user, start=start, end=end)
    return cramp_chart(diary.days, width=width, height=height, chart_id="cramps")

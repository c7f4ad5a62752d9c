"""A user's intake over a window of days, against their targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.errors import Unprocessable, field_error
from api.schemas.intake import AveragePublic, DayPublic, IntakePublic, average_public, day_public
from api.services.profiles import to_profile
from api.services.windows import day_start, local_today
from api.store.models import User
from api.store.queries.intake import logged_items
from nutrition.person.intake import LoggedItem, average_intake, intake_by_day
from nutrition.person.profile import Profile
from nutrition.person.targets import Target, life_stage, targets_for

MAX_DAYS = 366
DEFAULT_DAYS = 7


def check_window(start: date, end: date) -> None:
    """422 for a reversed or over-long window."""
    if end < start:
        raise Unprocessable(
            "'to' is before 'from'", errors=[field_error("to", "must not be before from")]
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise Unprocessable(
            "window too long", errors=[field_error("to", f"the window is at most {MAX_DAYS} days")]
        )


def intake_window(
    *,
    items: Sequence[LoggedItem],
    tz_name: str,
    start: date,
    end: date,
    targets: Mapping[str, Target],
) -> tuple[list[DayPublic], AveragePublic]:
    """Days from ``start`` to ``end`` (inclusive) and the average over logged days."""
    days = intake_by_day(items=items, tz=ZoneInfo(tz_name), start=start, end=end)
    average = average_public(days, average_intake(days=days), targets)
    return [day_public(d, targets) for d in days], average


def window_items(session: Session, *, user: User, start: date, end: date) -> list[LoggedItem]:
    """The items logged from the start of local day ``start`` to the end of ``end``."""
    return logged_items(
        session,
        user=user,
        start=day_start(start, user.timezone),
        end=day_start(end + timedelta(days=1), user.timezone),
    )


def intake_public(
    *, user: User, profile: Profile, items: Sequence[LoggedItem], start: date, end: date
) -> IntakePublic:
    """The intake answer for ``start`` to ``end`` (inclusive) from already fetched ``items``
    (items outside the window are ignored)."""
    days, average = intake_window(
        items=items,
        tz_name=user.timezone,
        start=start,
        end=end,
        targets=targets_for(profile=profile),
    )
    return IntakePublic(
        user_id=user.external_id,
        timezone=user.timezone,
        life_stage=life_stage(profile=profile),
        from_=start,
        to=end,
        days=days,
        average=average,
    )


def intake_report(
    session: Session, *, user: User, start: date | None, end: date | None
) -> IntakePublic:
    """Daily intake in the user's time zone from ``start`` to ``end`` (inclusive; default the
    last 7 days to today) and the average over the logged days."""
    today = local_today(user.timezone)
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    check_window(start, end)
    profile = to_profile(user, today=today)
    items = window_items(session, user=user, start=start, end=end)
    return intake_public(user=user, profile=profile, items=items, start=start, end=end)

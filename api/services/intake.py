"""A user's intake over a window of days, against their targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.errors import Unprocessable, field_error
from api.schemas.intake import AveragePublic, DayPublic, IntakePublic, average_public, day_public
from api.services.prepared import Prepared, UserAnswers
from api.services.profiles import to_profile
from api.services.windows import day_start, local_today
from api.store.models import User
from api.store.queries.intake import logged_items
from nutrition.person.intake import LoggedItem, average_intake, intake_by_day
from nutrition.person.profile import Profile
from nutrition.person.targets import Target, life_stage, targets_for

MAX_DAYS = 366
DEFAULT_DAYS = 7


#: The calendar a window may span: from the first day a meal may be logged on to a day whose
#: next day still exists (a local day ends at the next day's start).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date.max - timedelta(days=1)


def check_window(start: date, end: date) -> None:
    """422 for a reversed or over-long window, or one outside ``FIRST_DAY``..``LAST_DAY``."""
    for name, day in (("from", start), ("to", end)):
        if not FIRST_DAY <= day <= LAST_DAY:
            raise Unprocessable(
                f"'{name}' is out of range",
                errors=[field_error(name, f"must be from {FIRST_DAY} to {LAST_DAY}")],
            )
    if end < start:
        raise Unprocessable(
            "'to' is before 'from'", errors=[field_error("to", "must not be before from")]
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise Unprocessable(
            "window too long", errors=[field_error("to", f"the window is at most {MAX_DAYS} days")]
        )


def resolve_window(
    start: date | None, end: date | None, *, today: date, days: int
) -> tuple[date, date]:
    """``start`` and ``end`` with the defaults filled in (``end`` today, ``start`` ``days``
    days up to ``end``, not before ``FIRST_DAY``), checked by ``check_window``."""
    end = end or today
    if start is None:
        earliest = FIRST_DAY + timedelta(days=days - 1)
        start = end - timedelta(days=days - 1) if end >= earliest else FIRST_DAY
    check_window(start, end)
    return start, end


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
    start, end = resolve_window(start, end, today=today, days=DEFAULT_DAYS)
    profile = to_profile(user, today=today)
    items = window_items(session, user=user, start=start, end=end)
    return intake_public(user=user, profile=profile, items=items, start=start, end=end)


def cached_intake(
    answers: UserAnswers, user: User, *, start: date | None, end: date | None
) -> Prepared | None:
    """The intake answer for these dates when made since the user's last write today."""
    return answers.get("intake", user, (start, end))


def intake_answer(
    session: Session,
    answers: UserAnswers,
    *,
    user: User,
    start: date | None,
    end: date | None,
) -> Prepared:
    """``intake_report`` serialised, and kept for the next poll until the user's next write."""
    report = intake_report(session, user=user, start=start, end=end)
    return answers.keep("intake", user, (start, end), report)

"""Time windows in a user's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_bound(value: datetime | date | None, tz_name: str, *, end: bool) -> datetime | None:
    """A window bound: a datetime as given, or a whole local day (its start; the next day's
    start when ``end``, so ``to`` dates are inclusive)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    day = value + timedelta(days=1) if end else value
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


def local_today(tz_name: str, *, now: datetime | None = None) -> date:
    """Today's date in the user's time zone."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(tz_name)).date()
